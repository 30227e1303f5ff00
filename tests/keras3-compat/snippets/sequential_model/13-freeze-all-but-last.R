# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Transfer learning with a Sequential model" (freeze_weights(from, to)); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: freeze_weights(model, from = 1, to = -2), printing the model with a Trainable column.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(input_shape = 784) |>
  layer_dense(units = 32, activation = "relu") |>
  layer_dense(units = 32, activation = "relu") |>
  layer_dense(units = 32, activation = "relu") |>
  layer_dense(units = 10)

# Freeze all layers except the last one.
model |> freeze_weights(from = 1, to = -2)
model # note the "Trainable" column now visible in the summary table
