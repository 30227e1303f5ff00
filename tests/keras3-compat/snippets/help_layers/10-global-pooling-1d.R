# Source: keras3 help page ?layer_global_average_pooling_1d (R/layers-pooling.R, roxygen
#   "Examples"); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_global_average_pooling_1d() and layer_global_max_pooling_1d() on eager tensors
#   (two help pages).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- random_uniform(c(2, 3, 4))
y <- x |> layer_global_average_pooling_1d()
shape(y)

# compat-edit: ?layer_global_max_pooling_1d's example appended (same shape of example).
x <- random_uniform(c(2, 3, 4))
y <- x |> layer_global_max_pooling_1d()
shape(y)
