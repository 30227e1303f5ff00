# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Introduction"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer verbs piped on a symbolic tensor, keras_model(inputs, outputs, name =), summary().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
inputs <- keras_input(shape = c(784))
# compat-edit: the vignette's `dense <- layer_dense(...); x <- dense(inputs)` (snippet 01) written as
# the pipe form, so that this snippet tests keras_model() and summary() on their own.
x <- inputs |> layer_dense(units = 64, activation = "relu")
outputs <- x |>
  layer_dense(units = 64, activation = "relu") |>
  layer_dense(units = 10)
model <- keras_model(inputs = inputs, outputs = outputs, name = "mnist_model")
summary(model)
