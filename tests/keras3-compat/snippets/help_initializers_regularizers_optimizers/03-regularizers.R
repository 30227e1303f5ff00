# Source: keras3 help page ?regularizer_orthogonal (R/regularizers.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: regularizer names and a regularizer object in layer_dense(kernel_regularizer =)
#   (?regularizer_l1, ?regularizer_l2, ?regularizer_orthogonal).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
dense <- layer_dense(units = 3, kernel_regularizer = 'l1')

dense <- layer_dense(units = 3, kernel_regularizer='l2')

regularizer <- regularizer_orthogonal(factor=0.01)
layer <- layer_dense(units=4, kernel_regularizer=regularizer)
