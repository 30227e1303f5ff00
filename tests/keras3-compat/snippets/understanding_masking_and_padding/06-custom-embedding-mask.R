# Source: keras3 vignette "Understanding masking & padding"
#   (vignettes-src/understanding_masking_and_padding.Rmd), section "Supporting masking in your custom layers";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: new_layer_class() with R build() (self$add_weight) and compute_mask(), op_take(),
#   op_not_equal(), layer$compute_mask(x).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
CustomEmbedding <- new_layer_class(
  "CustomEmbedding",
  initialize = function(input_dim, output_dim, mask_zero=FALSE, ...) {
    super$initialize(...)
    self$input_dim <- as.integer(input_dim)
    self$output_dim <- as.integer(output_dim)
    self$mask_zero <- mask_zero
  },
  build = function(input_shape) {
    self$embeddings <- self$add_weight(
      shape=c(self$input_dim, self$output_dim),
      initializer="random_normal",
      dtype="float32"
    )
  },
  call = function(inputs) {
    inputs <- op_cast(inputs, "int32")
    op_take(self$embeddings, inputs)
  },
  compute_mask = function(inputs, mask=NULL) {
    if (!self$mask_zero) {
      NULL
    } else {
      op_not_equal(inputs, 0)
    }
  }
)

layer <- CustomEmbedding(input_dim = 10, output_dim = 32, mask_zero=TRUE)
x <- random_integer(c(3, 10), 0, 9)

y <- layer(x)
mask <- layer$compute_mask(x)

mask
