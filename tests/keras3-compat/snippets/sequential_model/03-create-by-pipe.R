# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Creating a Sequential model" (first chunk); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: piping layers into keras_model_sequential() without an input shape.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential() |>
  layer_dense(units = 2, activation = "relu") |>
  layer_dense(units = 3, activation = "relu") |>
  layer_dense(units = 4)
