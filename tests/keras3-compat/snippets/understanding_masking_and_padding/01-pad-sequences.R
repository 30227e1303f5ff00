# Source: keras3 vignette "Understanding masking & padding"
#   (vignettes-src/understanding_masking_and_padding.Rmd), section "Padding sequence data";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: pad_sequences(padding = "post") on a list of integer vectors, printing the matrix.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
raw_inputs <- list(
  c(711, 632, 71),
  c(73, 8, 3215, 55, 927),
  c(83, 91, 1, 645, 1253, 927)
)

# By default, this will pad using 0s; it is configurable via the
# "value" parameter.
# Note that you could use "pre" padding (at the beginning) or
# "post" padding (at the end).
# We recommend using "post" padding when working with RNN layers
# (in order to be able to use the
# CuDNN implementation of the layers).
padded_inputs <- pad_sequences(raw_inputs, padding="post")
padded_inputs
# compat-edit: the matrix the vignette prints, made a check.
stopifnot(all(padded_inputs == rbind(c(711, 632, 71, 0, 0, 0), c(73, 8, 3215, 55, 927, 0),
                                     c(83, 91, 1, 645, 1253, 927))))
