# Source: keras3 help page ?loss_categorical_crossentropy (R/losses.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: loss_categorical_crossentropy() called directly on R matrices.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
y_true <- rbind(c(0, 1, 0), c(0, 0, 1))
y_pred <- rbind(c(0.05, 0.95, 0), c(0.1, 0.8, 0.1))
loss <- loss_categorical_crossentropy(y_true, y_pred)
loss
# compat-edit: the value the help page prints, made a check.
stopifnot(isTRUE(all.equal(as.numeric(as.array(loss)), c(0.05129331, 2.3025851), tolerance = 1e-5)))
