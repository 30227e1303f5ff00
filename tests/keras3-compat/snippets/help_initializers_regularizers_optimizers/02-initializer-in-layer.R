# Source: keras3 help page ?initializer_constant (R/initializers.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: initializer_constant() / initializer_random_normal() objects passed to layer_dense()
#   (the layer halves of two help pages' examples).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# Usage in a Keras layer:
initializer <- initializer_constant(10)
layer <- layer_dense(units = 3, kernel_initializer = initializer)

# compat-edit: ?initializer_random_normal's layer example appended.
initializer <- initializer_random_normal(mean = 0.0, stddev = 1.0)
layer <- layer_dense(units = 3, kernel_initializer = initializer)
