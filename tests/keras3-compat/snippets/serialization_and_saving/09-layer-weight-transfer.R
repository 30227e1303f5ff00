# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "APIs for in-memory weight transfer";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer$build(shape(NA, 784)) on a standalone layer, get_weights()/set_weights()
#   between layers.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
create_layer <- function() {
  layer <- layer_dense(, 64, activation = "relu", name = "dense_2")
  layer$build(shape(NA, 784))
  layer
}

layer_1 <- create_layer()
layer_2 <- create_layer()

# Copy weights from layer 1 to layer 2
layer_2 |> set_weights(get_weights(layer_1))
