# Source: keras3 vignette "Understanding masking & padding"
#   (vignettes-src/understanding_masking_and_padding.Rmd), section "Supporting masking in your custom layers";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: new_layer_class() with R call() and compute_mask(), op_split(), %<-% on a layer's
#   list output.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: masked_embedding from the section "Mask-generating layers", rebuilt so the snippet
# stands alone.
raw_inputs <- list(
  c(711, 632, 71),
  c(73, 8, 3215, 55, 927),
  c(83, 91, 1, 645, 1253, 927)
)
padded_inputs <- pad_sequences(raw_inputs, padding="post")
masking_layer <- layer_masking()
unmasked_embedding <- op_cast(
    op_tile(op_expand_dims(padded_inputs, axis=-1), c(1L, 1L, 10L)),
    dtype="float32"
)
masked_embedding <- masking_layer(unmasked_embedding)

TemporalSplit <- new_layer_class(
  "TemporalSplit",
  call = function(inputs) {
    # Expect the input to be 3D and mask to be 2D, split the input tensor into 2
    # subtensors along the time axis (axis 1).
    op_split(inputs, 2, axis=2)
  },
  compute_mask = function(inputs, mask = NULL) {
    # Also split the mask into 2 if it presents.
    if (!is.null(mask)) {
      op_split(mask, 2, axis=2)
    } else {
      NULL
    }
  }
)

c(first_half, second_half) %<-% TemporalSplit(masked_embedding)
first_half$`_keras_mask`
second_half$`_keras_mask`
