# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Creating a Sequential model" (name argument); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_model_sequential(name =), named layers added one verb at a time.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(name = "my_sequential")
model |> layer_dense(units = 2, activation="relu", name = "layer1")
model |> layer_dense(units = 3, activation="relu", name = "layer2")
model |> layer_dense(units = 4, name = "layer3")
