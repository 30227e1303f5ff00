# Source: keras3 help page ?to_categorical (R/utils.R, roxygen "Examples"); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: to_categorical() printing a matrix, op_categorical_crossentropy() on R matrices.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
a <- to_categorical(c(0, 1, 2, 3), num_classes=4)
print(a)

b <- array(c(.9, .04, .03, .03,
              .3, .45, .15, .13,
              .04, .01, .94, .05,
              .12, .21, .5, .17),
              dim = c(4, 4))
loss <- op_categorical_crossentropy(a, b)
loss

loss <- op_categorical_crossentropy(a, a)
loss
