# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "The case of stateless layers";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: get_weights()/set_weights() between functional models that differ by a dropout layer.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
input <- keras_input(shape = c(784), name = "digits")
output <- input |>
  layer_dense(64, activation = "relu", name = "dense_1") |>
  layer_dense(64, activation = "relu", name = "dense_2") |>
  layer_dense(10, name = "predictions")
# compat-edit: keras_model(input, output) where the vignette has keras_model(inputs, outputs), names
# only defined in an earlier chunk.
functional_model <- keras_model(input, output,
                                name = "3_layer_mlp")

input <- keras_input(shape = c(784), name = "digits")
output <- input |>
  layer_dense(64, activation = "relu", name = "dense_1") |>
  layer_dense(64, activation = "relu", name = "dense_2") |>
  # Add a dropout layer, which does not contain any weights.
  layer_dropout(0.5) |>
  layer_dense(10, name = "predictions")

functional_model_with_dropout <-
  keras_model(input, output, name = "3_layer_mlp")

set_weights(functional_model_with_dropout,
            get_weights(functional_model))
