# Source: keras3 help page ?layer_reshape (R/layers-reshaping.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_reshape() on a layer_input() with -1 inference, layer_flatten() and
#   layer_permute(), shape() of symbolic tensors.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- layer_input(shape = 12)
y <- layer_reshape(x, c(3, 4))
shape(y)

# also supports shape inference using `-1` as dimension
y <- layer_reshape(x, c(-1, 2, 2))
shape(y)

# compat-edit: ?layer_flatten's and ?layer_permute's examples appended.
x <- layer_input(shape=c(10, 64))
y <- x |> layer_flatten()
shape(y)
y <- layer_permute(x, c(2, 1))
shape(y)
