# Source: keras3 vignette "Understanding masking & padding"
#   (vignettes-src/understanding_masking_and_padding.Rmd), section "Opting-in to mask propagation on compatible layers";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: new_layer_class() with supports_masking, an R layer between embedding and LSTM,
#   calling the model on random_integer().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
MyActivation <- new_layer_class(
  "MyActivation",
  initialize = function(...) {
    super$initialize(...)
    self$supports_masking <- TRUE
  },
  call = function(inputs) {
    op_relu(inputs)
  }
)

inputs <- keras_input(shape = shape(NULL), dtype="int32")
outputs <- inputs %>%
  layer_embedding(input_dim=5000, output_dim=16, mask_zero=TRUE) %>%
  MyActivation() %>%
  layer_lstm(units=32)

model <- keras_model(inputs, outputs)
y <- model(random_integer(c(32, 100), 0, 5000))
