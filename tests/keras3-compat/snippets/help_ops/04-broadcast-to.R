# Source: keras3 help page ?op_broadcast_to (R/ops.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: op_array() of an R vector, op_broadcast_to(shape =).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- op_array(c(1, 2, 3))
op_broadcast_to(x, shape = c(3, 3))
