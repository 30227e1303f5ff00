# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "When to use a Sequential model" (first chunk); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a sequential model with named layers, op_ones(), calling the model on a tensor: model(x).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential() |>
  layer_dense(units = 2, activation = "relu", name = "layer1") |>
  layer_dense(units = 3, activation = "relu", name = "layer2") |>
  layer_dense(units = 4, name = "layer3")

# Call model on a test input
x <- op_ones(c(3, 3))
y <- model(x)
