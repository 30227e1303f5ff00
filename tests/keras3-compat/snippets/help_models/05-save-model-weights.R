# Source: keras3 help page ?save_model_weights (R/model-persistence.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: save_model_weights()/load_model_weights() to .weights.h5 and sharded .weights.json.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <-
  keras_model_sequential(input_shape = 2) |>
  layer_dense(4)

path_h5 <- tempfile(fileext = ".weights.h5")
path_json <- tempfile(fileext = ".weights.json")

model |> save_model_weights(path_h5)
model |> save_model_weights(path_json, max_shard_size = 0.01)

model |> load_model_weights(path_h5)
model |> load_model_weights(path_json)
