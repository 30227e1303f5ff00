# Source: keras3 vignette "The Sequential model" (vignettes-src/sequential_model.Rmd),
#   section "When to use a Sequential model" (second chunk); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: standalone layers (layer_dense() without a model) called as functions in a pipe.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# Create 3 layers
layer1 <- layer_dense(units = 2, activation="relu", name="layer1")
layer2 <- layer_dense(units = 3, activation="relu", name="layer2")
layer3 <- layer_dense(units = 4, name="layer3")

# Call layers on a test input
x <- op_ones(c(3, 3))
y <- x |> layer1() |> layer2() |> layer3()
