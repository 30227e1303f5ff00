# Source: keras3 help page ?activation_relu (R/activations.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: activation_relu() on an R vector with negative_slope, max_value, threshold.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- c(-10, -5, 0, 5, 10)
activation_relu(x)
activation_relu(x, negative_slope = 0.5)
activation_relu(x, max_value = 5)
activation_relu(x, threshold = 5)
