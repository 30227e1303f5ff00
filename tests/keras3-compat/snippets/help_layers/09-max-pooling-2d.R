# Source: keras3 help page ?layer_max_pooling_2d (R/layers-pooling.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: rbind() matrix piped to op_reshape(), a standalone pooling layer called on the tensor.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- rbind(c(1., 2., 3.),
           c(4., 5., 6.),
           c(7., 8., 9.)) |> op_reshape(c(1, 3, 3, 1))
max_pool_2d <- layer_max_pooling_2d(pool_size = c(2, 2),
                                    strides = c(1, 1),
                                    padding = "valid")
max_pool_2d(x)
