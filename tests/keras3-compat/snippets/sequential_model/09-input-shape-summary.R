# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Specifying the input shape in advance" (input_shape, summary, model$layers); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_model_sequential(input_shape = 4), summary(), model$layers.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(input_shape = 4) |>
  layer_dense(units = 2, activation = "relu")
summary(model)

model$layers
