# Source: keras3 help page ?layer_subtract (R/layers-merging.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_input(), layer_dense(input, units =) with the tensor first,
#   layer_subtract(list()), keras_model(inputs = list()).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
input1 <- layer_input(shape = 16)
x1 <- layer_dense(input1, units = 8, activation = 'relu')
input2 <- layer_input(shape = 32)
x2 <- layer_dense(input2, units = 8, activation = 'relu')
subtracted <- layer_subtract(list(x1, x2))
out <- layer_dense(subtracted, units = 4)
model <- keras_model(inputs = list(input1, input2), outputs = out)
