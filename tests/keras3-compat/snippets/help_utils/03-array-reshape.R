# Source: keras3 help page ?array_reshape (R/reticulate (re-exported by keras3; used in the
#   vignettes), roxygen "Examples"); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: array_reshape() is row-major: the result is checked against a row-major layout, as
#   keras3's getting-started vignette explains.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: keras3 re-exports reticulate's array_reshape() and has no example of its own; this is
# the vignette's rule ("re-interpreted using row-major semantics") made a check on a small array.
x <- array(1:24, c(2, 3, 4))
flat <- array_reshape(x, c(2, 12))
stopifnot(identical(as.numeric(flat[1, ]), as.numeric(t(x[1, , ]))))
array_reshape(flat, c(2, 3, 4))
