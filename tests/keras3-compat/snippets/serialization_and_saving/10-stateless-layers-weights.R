# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "The case of stateless layers";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: get_weights()/set_weights() between functional models that differ by a dropout layer.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: `inputs` and `outputs`, which this chunk's first keras_model() call uses, come from the
# previous chunk ("Create a simple functional model"), rebuilt here so the snippet stands alone.
inputs <- keras_input(shape=c(784), name="digits")
outputs <- inputs |>
  layer_dense(64, activation = "relu", name = "dense_1") |>
  layer_dense(64, activation = "relu", name = "dense_2") |>
  layer_dense(10, name = "predictions")

input <- keras_input(shape = c(784), name = "digits")
output <- input |>
  layer_dense(64, activation = "relu", name = "dense_1") |>
  layer_dense(64, activation = "relu", name = "dense_2") |>
  layer_dense(10, name = "predictions")
functional_model <- keras_model(inputs, outputs,
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
