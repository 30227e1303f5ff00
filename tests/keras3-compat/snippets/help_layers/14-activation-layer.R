# Source: keras3 help page ?layer_activation (R/layers-activations.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a standalone layer_activation() called on an R array, with a name, activation_relu
#   and op_relu as the activation.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- array(c(-3, -1, 0, 2))
layer <- layer_activation(activation = 'relu')
layer(x)
layer <- layer_activation(activation = activation_relu)
layer(x)
layer <- layer_activation(activation = op_relu)
layer(x)
