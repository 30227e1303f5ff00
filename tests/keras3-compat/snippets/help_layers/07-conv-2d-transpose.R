# Source: keras3 help page ?layer_conv_2d_transpose (R/layers-convolutional.R, roxygen
#   "Examples"); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: random_uniform() input, layer_conv_2d_transpose(x, 32, 2, 2) positionally on an eager
#   tensor, shape().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- random_uniform(c(4, 10, 8, 128))
y <- x |> layer_conv_2d_transpose(32, 2, 2, activation='relu')
shape(y)
# (4, 20, 16, 32)
