# Source: keras3 vignette "Understanding masking & padding"
#   (vignettes-src/understanding_masking_and_padding.Rmd), section "Mask-generating layers: Embedding and Masking";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a standalone layer_embedding(mask_zero = TRUE) called on an R matrix, the _keras_mask
#   attribute, layer_masking(), op_cast/op_tile/op_expand_dims.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: padded_inputs from the section "Padding sequence data", rebuilt so the snippet stands alone.
raw_inputs <- list(
  c(711, 632, 71),
  c(73, 8, 3215, 55, 927),
  c(83, 91, 1, 645, 1253, 927)
)
padded_inputs <- pad_sequences(raw_inputs, padding="post")

embedding <- layer_embedding(input_dim=5000, output_dim=16, mask_zero=TRUE)
masked_output <- embedding(padded_inputs)

masked_output$`_keras_mask`

masking_layer <- layer_masking()
# Simulate the embedding lookup by expanding the 2D input to 3D,
# with embedding dimension of 10.
unmasked_embedding <- op_cast(
    op_tile(op_expand_dims(padded_inputs, axis=-1), c(1L, 1L, 10L)),
    dtype="float32"
)

masked_embedding <- masking_layer(unmasked_embedding)
masked_embedding$`_keras_mask`
