# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "A common debugging workflow: add layers + summary()"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: conv_2d / max_pooling_2d stacks added in place, summary() between steps,
#   layer_global_max_pooling_2d().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(input_shape = c(250, 250, 3)) |>
  layer_conv_2d(filters = 32, kernel_size = 5, strides = 2, activation = "relu") |>
  layer_conv_2d(filters = 32, kernel_size = 3, activation = "relu") |>
  layer_max_pooling_2d(pool_size = c(3, 3))

# Can you guess what the current output shape is at this point? Probably not.
# Let's just print it:
summary(model)

# The answer was: (40, 40, 32), so we can keep downsampling...

model |>
  layer_conv_2d(filters = 32, kernel_size = 3, activation = "relu") |>
  layer_conv_2d(filters = 32, kernel_size = 3, activation = "relu") |>
  layer_max_pooling_2d(pool_size = 3) |>
  layer_conv_2d(filters = 32, kernel_size = 3, activation = "relu") |>
  layer_conv_2d(filters = 32, kernel_size = 3, activation = "relu") |>
  layer_max_pooling_2d(pool_size = 2)

# And now?
summary(model)

# Now that we have 4x4 feature maps, time to apply global max pooling.
model |>
  layer_global_max_pooling_2d()

# Finally, we add a classification layer.
model |>
  layer_dense(units = 10, activation = "softmax")
