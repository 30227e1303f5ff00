# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "All models are callable, just like layers"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: ensembling: three models called on one input, layer_average() of a list.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
get_model <- function() {
  inputs <- keras_input(shape = 128)
  outputs <- inputs |> layer_dense(1)
  keras_model(inputs, outputs)
}

model1 <- get_model()
model2 <- get_model()
model3 <- get_model()

inputs <- keras_input(shape = 128)
y1 <- model1(inputs)
y2 <- model2(inputs)
y3 <- model3(inputs)
outputs <- layer_average(list(y1, y2, y3))
ensemble_model <- keras_model(inputs = inputs, outputs = outputs)
