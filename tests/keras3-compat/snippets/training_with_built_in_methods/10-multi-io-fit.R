# Source: keras3 vignette "Training & evaluation with the built-in methods"
#   (vignettes-src/training_with_built_in_methods.Rmd), section "Passing data to multi-input, multi-output models";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: fit() on unnamed and named lists of random_normal() tensors for a two-input, two-
#   output model.
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
    loss_binary_crossentropy()
  )
)

# Generate dummy data
img_data <- random_normal(c(100, 32, 32, 3))
ts_data <- random_normal(c(100, 20, 10))
score_targets <- random_normal(c(100, 1))
class_targets <- random_normal(c(100, 5))

# Fit on unnamed lists (positional matching)
model |> fit(
    list(img_data, ts_data),
    list(score_targets, class_targets),
    batch_size=32,
    epochs=1
)

# Alternatively, fit on named lists (names matching)
model <- keras_model(
  inputs = list(image_input, timeseries_input),
  outputs = list(score_output = score_output,
                 class_output = class_output)
) |> compile(
  optimizer = optimizer_rmsprop(1e-3),
  loss = list(
    loss_mean_squared_error(),
    loss_binary_crossentropy()
  )
)

model |> fit(
  list(img_input = img_data, ts_input = ts_data),
  list(score_output = score_targets, class_output = class_targets),
  batch_size = 32,
  epochs = 1
)
