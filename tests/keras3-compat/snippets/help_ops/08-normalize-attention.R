# Source: keras3 help page ?op_normalize (R/ops-nn.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: op_convert_to_tensor(), op_normalize(); ?op_dot_product_attention: random_normal()
#   4-d tensors, op_shape().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- op_convert_to_tensor(rbind(c(1, 2, 3), c(4, 5, 6)))
x_norm <- op_normalize(x)
x_norm

# compat-edit: ?op_dot_product_attention's example appended.
query = random_normal(c(2, 4, 8, 16))
key = random_normal(c(2, 6, 8, 16))
value = random_normal(c(2, 6, 8, 16))
op_dot_product_attention(query, key, value) |> op_shape()
