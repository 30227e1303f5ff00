# Source: keras3 vignette "Training & evaluation with the built-in methods"
#   (vignettes-src/training_with_built_in_methods.Rmd), section "Passing data to multi-input, multi-output models";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: two inputs/two outputs, layer_conv_1d + layer_global_max_pooling_1d,
#   layer_concatenate(), per-output losses and metrics as lists (positional and named),
#   loss_weights, metric_mean_absolute_percentage_error(), metric_categorical_accuracy().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
image_input <- keras_input(c(32, 32, 3), name = "img_input")
timeseries_input <- keras_input(c(NA, 10), name = "ts_input")

x1 <- image_input |>
  layer_conv_2d(filters = 3, kernel_size = c(3, 3)) |>
  layer_global_max_pooling_2d()

x2 <- timeseries_input |>
  layer_conv_1d(filters = 3, kernel_size = 3) |>
  layer_global_max_pooling_1d()

x <- layer_concatenate(x1, x2)

score_output <- layer_dense(x, 1, name = "score_output")
class_output <- layer_dense(x, 5, name = "class_output")

model <- keras_model(
  inputs = list(image_input, timeseries_input),
  outputs = list(score_output, class_output)
)

model |> compile(
  optimizer = optimizer_rmsprop(1e-3),
  loss = list(
    loss_mean_squared_error(),
    loss_categorical_crossentropy()
  ),
  metrics = list(
    list(
      metric_mean_absolute_error(),
      metric_mean_absolute_percentage_error()
    ),
    list(metric_categorical_accuracy())
  )
)

model |> compile(
  optimizer = optimizer_rmsprop(1e-3),
  loss = list(
    score_output = loss_mean_squared_error(),
    class_output = loss_categorical_crossentropy()
  ),
  metrics = list(
    score_output = list(
      metric_mean_absolute_error(),
      metric_mean_absolute_percentage_error()
    ),
    class_output = list(metric_categorical_accuracy())
  ),
  loss_weights = list(score_output = 2.0, class_output = 1.0)
)
