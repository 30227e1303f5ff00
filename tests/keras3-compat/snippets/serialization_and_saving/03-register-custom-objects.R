# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "Registering custom objects (preferred)";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: set_custom_objects(), register_keras_serializable(), a custom Layer() used in a
#   model, save_model(overwrite =), load_model() without custom_objects.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# Clear all previously registered custom objects
set_custom_objects(clear = TRUE)


layer_custom <- Layer(
  "CustomLayer",
  initialize = function(self, factor) {
    super$initialize()
    self$factor = factor
  },

  call = function(self, x) {
    x * self$factor
  },

  get_config = function(self) {
    list(factor = self$factor)
  }
)

# Upon registration, you can optionally specify a package or a name.
# If left blank, the package defaults to "Custom" and the name defaults to
# the class name.
layer_custom <- register_keras_serializable(layer_custom, package = "MyLayers")

# compat-edit: the vignette's custom activation is made with keras3:::py_func2(), an internal of
# keras3; the custom layer alone shows registration, so the model uses activation = "relu".

# Create the model.
get_model <- function() {
  inputs <- keras_input(shape(4))
  mid <- inputs |> layer_custom(0.5)
  outputs <- mid |> layer_dense(1, activation = "relu")
  model <- keras_model(inputs, outputs)
  model |> compile(optimizer = "rmsprop", loss = "mean_squared_error")
  model
}


# Train the model.
train_model <- function(model) {
  input <- random_uniform(c(4, 4))
  target <- random_uniform(c(4, 1))
  model |> fit(input, target, verbose = FALSE, epochs = 1)
  model
}

test_input <- random_uniform(c(4, 4))
test_target <- random_uniform(c(4, 1))

model <- get_model() |> train_model()
model |> save_model("custom_model.keras", overwrite = TRUE)

# Now, we can simply load without worrying about our custom objects.
reconstructed_model <- load_model("custom_model.keras")

# Let's check:
stopifnot(all.equal(
  model |> predict(test_input, verbose = FALSE),
  reconstructed_model |> predict(test_input, verbose = FALSE)
))
