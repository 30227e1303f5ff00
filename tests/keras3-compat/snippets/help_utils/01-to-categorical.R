# Source: keras3 help page ?to_categorical (R/utils.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: to_categorical() printing a matrix, op_categorical_crossentropy() on R matrices.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
a <- to_categorical(c(0, 1, 2, 3), num_classes=4)
print(a)
stopifnot(all(a == diag(4)))  # compat-edit: the matrix the help page prints, made a check

b <- array(c(.9, .04, .03, .03,
              .3, .45, .15, .13,
              .04, .01, .94, .05,
              .12, .21, .5, .17),
              dim = c(4, 4))
loss <- op_categorical_crossentropy(a, b)
loss
# compat-edit: the value the help page prints, made a check.
stopifnot(isTRUE(all.equal(as.numeric(as.array(loss)), c(0.41284522, 0.45601739, 0.54430155, 0.80437282),
                           tolerance = 1e-5)))

loss <- op_categorical_crossentropy(a, a)
loss
