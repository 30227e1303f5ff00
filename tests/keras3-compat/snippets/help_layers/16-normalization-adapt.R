# Source: keras3 help page ?layer_normalization (R/layers-preprocessing.R, roxygen "Examples");
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_normalization() with adapt() on an op_array(), then called on data.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
adapt_data <- op_array(rbind(c(0., 7., 4.),
                       c(2., 9., 6.),
                       c(0., 7., 4.),
                       c(2., 9., 6.)), dtype='float32')
input_data <- op_array(matrix(c(0., 7., 4.), nrow = 1), dtype='float32')
layer <- layer_normalization(axis=-1)
layer %>% adapt(adapt_data)
layer(input_data)
