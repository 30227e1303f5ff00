# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "Saving: APIs (example)";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_input(shape(32)), random_uniform() data, fit(), save_model()/load_model(),
#   predict() on a tensor compared with all.equal().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
get_model <- function() {
  # Create a simple model.
  inputs <- keras_input(shape(32))
  outputs <- inputs |> layer_dense(1)
  model <-  keras_model(inputs, outputs)
  model |> compile(optimizer = optimizer_adam(), loss = "mean_squared_error")
  model
}

model <- get_model()

# Train the model.
test_input <- random_uniform(c(128, 32))
test_target <- random_uniform(c(128, 1))
model |> fit(test_input, test_target)

# Calling `save('my_model.keras')` creates a zip archive `my_model.keras`.
model |> save_model("my_model.keras")

# It can be used to reconstruct the model identically.
reconstructed_model <- load_model("my_model.keras")

# Let's check:
stopifnot(all.equal(
  model |> predict(test_input),
  reconstructed_model |> predict(test_input)
))
