# Source: keras3 help page ?shape (R/shape.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: shape() of numbers, NA, NULL and -1; layer_input() with a vector and with shape();
#   shape() of symbolic and eager tensors; op_shape().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
shape(1, 2, 3)

shape(NA,   2, 3)
shape(NULL, 2, 3)
shape(-1,   2, 3)

layer_input(c(1, 2, 3))
layer_input(shape(1, 2, 3))

symbolic_tensor <- layer_input(shape(1, 2, 3))
shape(symbolic_tensor)

eager_tensor <- op_ones(c(1,2,3))
shape(eager_tensor)
op_shape(eager_tensor)
