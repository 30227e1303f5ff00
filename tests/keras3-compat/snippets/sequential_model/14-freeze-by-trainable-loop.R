# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Transfer learning with a Sequential model" (eval = FALSE chunk: layer$trainable loop,
#   recompile and fit); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: iterating model$layers, layer$trainable <- FALSE, compile() and fit() afterwards.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(input_shape = 784) |>
  layer_dense(units = 32, activation = "relu") |>
  layer_dense(units = 32, activation = "relu") |>
  layer_dense(units = 32, activation = "relu") |>
  layer_dense(units = 10)

# Another way to freeze all layers except the last one.
for (layer in model$layers[-length(model$layers)]) {
  layer$trainable <- FALSE
}

# Recompile and train (this will only update the weights of the last layer).
# compat-edit: the vignette's compile(...) / fit(...) placeholders filled with a loss and random data
# (200 samples of 784 features, labels 0-9).
model |> compile(optimizer = "adam", loss = loss_sparse_categorical_crossentropy(from_logits = TRUE))
model |> fit(matrix(runif(200 * 784), 200, 784), sample(0:9, 200, replace = TRUE), epochs = 1)
# compat-edit: the loop's effect made a check (an empty model$layers would make the loop a no-op).
stopifnot(!model$layers[[1]]$trainable, model$layers[[4]]$trainable)
