# Source: keras3 help page ?layer_activation_leaky_relu (R/layers-activations.R, roxygen
#   "Examples"); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_activation_leaky_relu() called on an R array, as.array() of the result.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
leaky_relu_layer <- layer_activation_leaky_relu(negative_slope=0.5)
input <- array(c(-10, -5, 0.0, 5, 10))
result <- leaky_relu_layer(input)
as.array(result)
