# Source: keras3 help page ?save_model_config (R/model-persistence.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: save_model_config()/load_model_config() and all.equal() of get_config().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(input_shape = 10) |> layer_dense(10)
file <- tempfile("model-config-", fileext = ".json")
save_model_config(model, file)

# load a new model instance with the same architecture but different weights
model2 <- load_model_config(file)

# compat-edit: the help page's second check (comparing with the JSON read back through
# keras_model_sequential()$`__class__`) is left out: it reaches into keras3's Python class object.
stopifnot(exprs = {
  all.equal(get_config(model), get_config(model2))
})
