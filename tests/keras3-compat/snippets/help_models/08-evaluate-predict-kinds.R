# Source: keras3 help page ?evaluate (R/model-training.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: evaluate() returning a named list and predict() on an array returning a matrix, as
#   keras3's help pages for evaluate/predict state ("Returns: named list", "R array").
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: ?evaluate.keras.src.models.model.Model and ?predict.keras.src.models.model.Model have no
# Examples; their documented return values ("named list of scalars", "array(s) of predictions")
# checked on a small regression model trained on random data (64 x 3).
model <- keras_model_sequential(input_shape = 3) |> layer_dense(1)
model |> compile(optimizer = "adam", loss = "mse", metrics = "mae")
x <- matrix(runif(64 * 3), 64)
y <- runif(64)
model |> fit(x, y, epochs = 1, verbose = 0)
scores <- model |> evaluate(x, y, verbose = 0)
stopifnot(is.list(scores), setequal(names(scores), c("loss", "mae")))
preds <- model |> predict(x, verbose = 0)
stopifnot(is.matrix(preds), identical(dim(preds), c(64L, 1L)))
