# Source: keras3 help page ?loss_binary_crossentropy (R/losses.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: loss_binary_crossentropy(y_true, y_pred) called directly on R matrices, printing the result.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
y_true <- rbind(c(0, 1), c(0, 0))
y_pred <- rbind(c(0.6, 0.4), c(0.4, 0.6))
loss <- loss_binary_crossentropy(y_true, y_pred)
loss
# compat-edit: the value the help page prints, made a check.
stopifnot(isTRUE(all.equal(as.numeric(as.array(loss)), c(0.91629076, 0.7135582), tolerance = 1e-5)))
