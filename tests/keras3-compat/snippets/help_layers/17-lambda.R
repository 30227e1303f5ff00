# Source: keras3 help page ?layer_lambda (R/layers-core.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: layer_lambda() with an R function (\(x) x^2) added to a sequential model.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# add a x -> x^2 layer
model <- keras_model_sequential()
model |> layer_lambda(\(x) x^2)
