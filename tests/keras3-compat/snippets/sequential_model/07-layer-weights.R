# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Specifying the input shape in advance" (layer$weights); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer$weights before and after calling a standalone layer on op_ones().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
layer <- layer_dense(units = 3)
layer$weights  # Empty

# Call layer on a test input
x <- op_ones(c(1, 4))
y <- layer(x)
layer$weights  # Now it has weights, of shape (4, 3) and (3,)
