# Source: keras3 vignette "Training & evaluation with the built-in methods"
#   (vignettes-src/training_with_built_in_methods.Rmd), section "The compile() method: specifying a loss, metrics, and an optimizer";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: compile() with objects and with string identifiers; the
#   get_uncompiled_model()/get_compiled_model() helpers.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
inputs <- keras_input(shape = 784, name="digits")
outputs <- inputs |>
  layer_dense(units = 64, activation = "relu", name = "dense_1") |>
  layer_dense(units = 64, activation = "relu", name = "dense_2") |>
  layer_dense(units = 10, activation = "softmax", name = "predictions")
model <- keras_model(inputs = inputs, outputs = outputs)

model |> compile(
  optimizer = optimizer_rmsprop(learning_rate = 1e-3),
  loss = loss_sparse_categorical_crossentropy(),
  metrics = list(metric_sparse_categorical_accuracy())
)

model |> compile(
  optimizer = "rmsprop",
  loss = "sparse_categorical_crossentropy",
  metrics = c("sparse_categorical_accuracy")
)

get_uncompiled_model <- function() {
  inputs <- keras_input(shape = 784, name = "digits")
  outputs <- inputs |>
    layer_dense(units = 64, activation = "relu", name = "dense_1") |>
    layer_dense(units = 64, activation = "relu", name = "dense_2") |>
    layer_dense(units = 10, activation = "softmax", name = "predictions")
  keras_model(inputs = inputs, outputs = outputs)
}

get_compiled_model <- function() {
  model <- get_uncompiled_model()
  model |> compile(
    optimizer = "rmsprop",
    loss = "sparse_categorical_crossentropy",
    metrics = c("sparse_categorical_accuracy")
  )
  model
}
model <- get_compiled_model()
