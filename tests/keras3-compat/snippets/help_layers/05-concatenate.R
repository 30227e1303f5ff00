# Source: keras3 help page ?layer_concatenate (R/layers-merging.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: op_arange()/op_reshape() eager tensors, layer_concatenate(x, y, axis = 2),
#   layer_dense() applied to an eager tensor.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- op_arange(20) |> op_reshape(c(2, 2, 5))
y <- op_arange(21, 40) |> op_reshape(c(2, 2, 5))
layer_concatenate(x, y, axis = 2)

x1 <- op_arange(10)     |> op_reshape(c(5, 2)) |> layer_dense(8)
x2 <- op_arange(11, 20) |> op_reshape(c(5, 2)) |> layer_dense(8)
y <- layer_concatenate(x1, x2)
