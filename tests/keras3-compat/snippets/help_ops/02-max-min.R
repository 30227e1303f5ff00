# Source: keras3 help page ?op_max (R/ops.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: op_convert_to_tensor() of an R matrix, op_max() / op_min() with axis and keepdims
#   (two help pages).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
(x <- op_convert_to_tensor(rbind(c(1, 3, 5), c(1, 5, 2))))
op_max(x)
op_max(x, axis = 1)
op_max(x, axis = 1, keepdims = TRUE)

# compat-edit: ?op_min's example appended (same tensor).
op_min(x)
op_min(x, axis = 1)
op_min(x, axis = 1, keepdims = TRUE)
