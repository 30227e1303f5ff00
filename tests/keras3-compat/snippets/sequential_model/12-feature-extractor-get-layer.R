# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Feature extraction with a Sequential model" (one layer); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: get_layer(model, name)$output, model$inputs, calling the extractor.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
initial_model <-
  keras_model_sequential(input_shape = c(250, 250, 3)) |>
  layer_conv_2d(filters = 32, kernel_size = 5, strides = 2,
                activation = "relu") |>
  layer_conv_2d(filters = 32, kernel_size = 3, activation = "relu",
                name = "my_intermediate_layer") |>
  layer_conv_2d(filters = 32, kernel_size = 3, activation = "relu")

feature_extractor <- keras_model(
  inputs = initial_model$inputs,
  outputs = get_layer(initial_model, "my_intermediate_layer")$output,
)

# Call feature extractor on test input.
x <- op_ones(c(1, 250, 250, 3))
features <- feature_extractor(x)
