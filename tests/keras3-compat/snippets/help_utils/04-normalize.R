# Source: keras3 help page ?normalize (R/utils.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: normalize() of an R matrix (L2 along the last axis).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: ?normalize has no Examples section; its usage line, normalize(x, axis = -1, order = 2),
# on a small matrix whose rows have known norms.
x <- rbind(c(3, 4), c(6, 8))
normalize(x, axis = -1, order = 2)
