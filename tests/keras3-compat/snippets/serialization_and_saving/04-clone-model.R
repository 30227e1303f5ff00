# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "In-memory model cloning";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: clone_model() of a trained functional model.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: the model of the section "Saving", rebuilt so the snippet stands alone.
inputs <- keras_input(shape(32))
outputs <- inputs |> layer_dense(1)
model <-  keras_model(inputs, outputs)
model |> compile(optimizer = optimizer_adam(), loss = "mean_squared_error")

new_model <- clone_model(model)
