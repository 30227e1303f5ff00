# Source: keras3 help page ?op_one_hot (R/ops.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: op_array(x, "int32"), op_one_hot() with and without zero_indexed, arithmetic (x - 1)
#   on a tensor, printing eager tensors.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- op_array(c(2, 4, 3, 1), "int32")
op_one_hot(x, num_classes = 4)
op_one_hot(x - 1, num_classes = 4, zero_indexed = TRUE)
