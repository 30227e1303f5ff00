# Source: keras3 help page ?pad_sequences (R/utils.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: pad_sequences() with its defaults, value =, padding = 'post', maxlen =.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
sequence <- list(c(1), c(2, 3), c(4, 5, 6))
pad_sequences(sequence)

pad_sequences(sequence, value=-1)

pad_sequences(sequence, padding='post')

pad_sequences(sequence, maxlen=2)
# compat-edit: what Keras's pad_sequences() gives for these calls (pre-padding and pre-truncation by
# default), made checks.
stopifnot(
  all(pad_sequences(sequence) == rbind(c(0, 0, 1), c(0, 2, 3), c(4, 5, 6))),
  all(pad_sequences(sequence, value = -1) == rbind(c(-1, -1, 1), c(-1, 2, 3), c(4, 5, 6))),
  all(pad_sequences(sequence, padding = 'post') == rbind(c(1, 0, 0), c(2, 3, 0), c(4, 5, 6))),
  all(pad_sequences(sequence, maxlen = 2) == rbind(c(0, 1), c(2, 3), c(5, 6)))
)
