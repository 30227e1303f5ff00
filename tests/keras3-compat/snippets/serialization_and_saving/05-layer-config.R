# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "get_config() and from_config()";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_dense(, 3) (empty first argument), get_config() of a layer, str(),
#   from_config() of a layer.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
layer <- layer_dense(, 3, activation="relu")
layer_config <- get_config(layer)
str(layer_config)

new_layer <- from_config(layer_config)
