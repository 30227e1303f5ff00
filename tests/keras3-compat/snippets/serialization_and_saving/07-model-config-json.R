# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "save_model_config() and load_model_config()";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: model architecture to a JSON file and back.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(input_shape = c(32)) |>
  layer_dense(1)
save_model_config(model, "model_config.json")
new_model <- load_model_config("model_config.json")
unlink("model_config.json")
