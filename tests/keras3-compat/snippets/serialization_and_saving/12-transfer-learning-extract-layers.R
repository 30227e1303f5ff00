# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "Transfer learning example";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: save/load weights, pretrained_model$layers |> head(-1), keras_model_sequential(layers
#   = extracted_layers), adding a layer, summary().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
create_functional_model <- function() {
  inputs <- keras_input(shape = c(784), name = "digits")
  outputs <- inputs |>
    layer_dense(64, activation = "relu", name = "dense_1") |>
    layer_dense(64, activation = "relu", name = "dense_2") |>
    layer_dense(10, name = "predictions")
  keras_model(inputs, outputs, name = "3_layer_mlp")
}

functional_model <- create_functional_model()
functional_model |> save_model_weights("pretrained.weights.h5")

# In a separate program:
pretrained_model <- create_functional_model()
pretrained_model |> load_model_weights("pretrained.weights.h5")

# Create a new model by extracting layers from the original model:
extracted_layers <- pretrained_model$layers |> head(-1)
model <- keras_model_sequential(layers = extracted_layers) |>
  layer_dense(5, name = "dense_3")
summary(model)
