# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Save and serialize"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: save_model() to .keras, rm(), load_model().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: the model of the section "Introduction", rebuilt so the snippet stands alone.
inputs <- keras_input(shape = c(784))
outputs <- inputs |>
  layer_dense(units = 64, activation = "relu") |>
  layer_dense(units = 64, activation = "relu") |>
  layer_dense(units = 10)
model <- keras_model(inputs = inputs, outputs = outputs, name = "mnist_model")

model |> save_model("my_model.keras")
rm(model)
# Recreate the exact same model purely from the file:
model <- load_model("my_model.keras")
unlink("my_model.keras")
