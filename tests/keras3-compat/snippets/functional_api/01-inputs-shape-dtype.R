# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Introduction"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_input(), shape(inputs), inputs$dtype, a layer object called on a tensor.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
inputs <- keras_input(shape = c(784))
# Just for demonstration purposes.
img_inputs <- keras_input(shape = c(32, 32, 3))
shape(inputs)
inputs$dtype

dense <- layer_dense(units = 64, activation="relu")
x <- dense(inputs)
