# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Creating a Sequential model" (incremental model, pop_layer()); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer verbs at top level modifying the model in place, pop_layer(), length(model$layers).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential()
model |> layer_dense(units = 2, activation="relu")
model |> layer_dense(units = 3, activation="relu")
model |> layer_dense(units = 4)

model |> pop_layer()
length(model$layers)  # 2
stopifnot(length(model$layers) == 2)  # compat-edit: the vignette's comment "# 2" made a check
