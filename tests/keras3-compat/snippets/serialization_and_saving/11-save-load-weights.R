# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "APIs for saving weights to disk & loading them back";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_model_sequential(input_shape =, input_name =),
#   save_model_weights()/load_model_weights() with .weights.h5.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
sequential_model = keras_model_sequential(input_shape = c(784),
                                          input_name = "digits") |>
  layer_dense(64, activation = "relu", name = "dense_1") |>
  layer_dense(64, activation = "relu", name = "dense_2") |>
  layer_dense(10, name = "predictions")
sequential_model |> save_model_weights("my_model.weights.h5")
sequential_model |> load_model_weights("my_model.weights.h5")
