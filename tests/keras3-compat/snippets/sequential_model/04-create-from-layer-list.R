# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Creating a Sequential model" (layers = list(...), model$layers); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_model_sequential(layers = list(...)), model$layers.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(layers = list(
  layer_dense(units = 2, activation = "relu"),
  layer_dense(units = 3, activation = "relu"),
  layer_dense(units = 4)
))
model$layers
