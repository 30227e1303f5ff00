# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "Specifying the input shape in advance" (model built on first call); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: model(x) builds an unbuilt sequential model; model$weights; summary().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential() |>
  layer_dense(units = 2, activation = "relu") |>
  layer_dense(units = 3, activation = "relu") |>
  layer_dense(units = 4)
# No weights at this stage!

# Call the model on a test input
x <- op_ones(c(1, 4))
y <- model(x)
length(model$weights)
summary(model)
