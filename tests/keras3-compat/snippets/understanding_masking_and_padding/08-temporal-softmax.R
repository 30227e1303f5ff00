# Source: keras3 vignette "Understanding masking & padding"
#   (vignettes-src/understanding_masking_and_padding.Rmd), section "Writing layers that need mask information";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a mask-consuming R layer (call(inputs, mask)), op_exp/op_sum/op_expand_dims,
#   layer_dense on 3-d input.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
TemporalSoftmax <- new_layer_class(
  "TemporalSoftmax",
  initialize = function(...) {
    super$initialize(...)
    self$supports_masking <- TRUE
  },
  call = function(inputs, mask=NULL) {
    if (is.null(mask)) {
      stop("`TemporalSoftmax` layer requires a previous layer to support masking.")
    }
    broadcast_float_mask <- op_expand_dims(op_cast(mask, "float32"), -1)
    inputs_exp <- op_exp(inputs) * broadcast_float_mask
    inputs_sum <- op_sum(inputs_exp * broadcast_float_mask, axis=-1, keepdims=TRUE)
    inputs_exp / inputs_sum
  }
)

inputs <- keras_input(shape = shape(NULL), dtype="int32")
outputs <- inputs %>%
  layer_embedding(input_dim=10, output_dim=32, mask_zero=TRUE) %>%
  layer_dense(1) %>%
  TemporalSoftmax()

model <- keras_model(inputs, outputs)
y <- model(random_integer(c(32, 100), 0, 10))
