# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Shared layers"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: one layer object called on two int32 inputs of shape(NA).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# Embedding for 1000 unique words mapped to 128-dimensional vectors
shared_embedding <- layer_embedding(input_dim = 1000, output_dim = 128)

# Variable-length sequence of integers
text_input_a <- keras_input(shape = shape(NA), dtype="int32")

# Variable-length sequence of integers
text_input_b <- keras_input(shape = shape(NA), dtype="int32")

# Reuse the same layer to encode both inputs
encoded_input_a <- shared_embedding(text_input_a)
encoded_input_b <- shared_embedding(text_input_b)
