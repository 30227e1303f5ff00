# Source: keras3 help page ?op_einsum (R/ops.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: op_arange() |> op_reshape(), op_einsum(), op_trace(), op_diag().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
a <- op_arange(25) |> op_reshape(c(5, 5))
b <- op_arange(5)
c <- op_arange(6) |> op_reshape(c(2, 3))

op_einsum("ii", a)
op_trace(a)

op_einsum("ii -> i", a)
op_diag(a)
