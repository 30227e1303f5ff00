# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Functional API strengths: Less verbose"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: shape(32) as an input shape, a small MLP (the functional half of the comparison).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
inputs <- keras_input(shape = shape(32))
outputs <- inputs |>
  layer_dense(64, activation = "relu") |>
  layer_dense(10)
mlp <- keras_model(inputs, outputs)
