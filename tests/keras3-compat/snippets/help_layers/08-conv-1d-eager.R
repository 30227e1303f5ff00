# Source: keras3 help page ?layer_conv_1d (R/layers-convolutional.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_conv_1d() on an eager random_uniform() tensor, shape().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# The inputs are 128-length vectors with 10 timesteps, and the
# batch size is 4.
x <- random_uniform(c(4, 10, 128))
y <- x |> layer_conv_1d(32, 3, activation='relu')
shape(y)
