# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Introduction" (from the layer call to summary()); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a layer object called on a symbolic tensor, layer verbs piped on the result,
#   keras_model(inputs, outputs, name =), summary().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
inputs <- keras_input(shape = c(784))

dense <- layer_dense(units = 64, activation="relu")
x <- dense(inputs)

outputs <- x |>
  layer_dense(units = 64, activation = "relu") |>
  layer_dense(units = 10)

model <- keras_model(inputs = inputs, outputs = outputs, name = "mnist_model")

summary(model)
