# Source: keras3 vignette "Understanding masking & padding"
#   (vignettes-src/understanding_masking_and_padding.Rmd), section "Passing mask tensors directly to layers";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: new_layer_class() with an R call(), self$lstm(mask =
#   self$embedding$compute_mask(inputs)), random_integer().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
MyLayer <- new_layer_class(
  "MyLayer",
  initialize = function(...) {
    super$initialize(...)
    self$embedding <- layer_embedding(
      input_dim=5000, output_dim=16, mask_zero=TRUE
    )
    self$lstm <- layer_lstm(units=32)
  },
  call = function(inputs) {
    inputs %>%
      self$embedding() %>%
      # Note that you could also prepare a `mask` tensor manually.
      # It only needs to be a boolean tensor
      # with the right shape, i.e. (batch_size, timesteps).
      self$lstm(mask=self$embedding$compute_mask(inputs))
  }
)

layer <- MyLayer()
x <- random_integer(c(32, 10), 0, 100)
layer(x)
