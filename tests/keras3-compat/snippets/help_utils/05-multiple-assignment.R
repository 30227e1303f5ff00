# Source: keras3 help page ?%<-% (zeallot, re-exported by keras3) (R/reexports.R, roxygen
#   "Examples"); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: multiple assignment %<-% of nested lists, as the vignettes unpack dataset_*() results.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: the vignettes' c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_mnist() with a
# small nested list standing in for the download.
c(c(x_train, y_train), c(x_test, y_test)) %<-% list(list(matrix(1:6, 2), 1:2), list(matrix(7:12, 2), 3:4))
stopifnot(identical(y_test, 3:4), identical(dim(x_train), c(2L, 3L)))
