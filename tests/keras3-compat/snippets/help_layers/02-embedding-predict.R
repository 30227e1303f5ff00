# Source: keras3 help page ?layer_embedding (R/layers-core.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_embedding() in a sequential model, compile('rmsprop', 'mse') positionally,
#   random_integer(shape =, minval, maxval), predict() on a tensor giving a 3-d array.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential() |>
  layer_embedding(1000, 64)

# The model will take as input an integer matrix of size (batch,input_length),
# and the largest integer (i.e. word index) in the input
# should be no larger than 999 (vocabulary size).
# Now model$output_shape is (NA, 10, 64), where `NA` is the batch
# dimension.

input_array <- random_integer(shape = c(32, 10), minval = 0, maxval = 1000)
model |> compile('rmsprop', 'mse')
output_array <- model |> predict(input_array, verbose = 0)
dim(output_array)    # (32, 10, 64)
stopifnot(identical(dim(output_array), c(32L, 10L, 64L)))  # compat-edit: the comment made a check
