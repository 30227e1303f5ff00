# Source: keras3 help page ?initializer_he_normal (R/initializers.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: an initializer object called standalone (initializer(shape =)) and passed to
#   layer_dense(kernel_initializer =).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# Standalone usage:
initializer <- initializer_he_normal()
values <- initializer(shape = c(2, 2))

# Usage in a Keras layer:
initializer <- initializer_he_normal()
layer <- layer_dense(units = 3, kernel_initializer = initializer)
