# Source: keras3 help page ?loss_huber (R/metrics.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: loss_huber() and metric_log_cosh() called directly on R matrices (two help pages).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
y_true <- rbind(c(0, 1), c(0, 0))
y_pred <- rbind(c(0.6, 0.4), c(0.4, 0.6))
loss <- loss_huber(y_true, y_pred)

# compat-edit: ?metric_log_cosh's example appended.
y_true <- rbind(c(0., 1.), c(0., 0.))
y_pred <- rbind(c(1., 1.), c(0., 0.))
loss <- metric_log_cosh(y_true, y_pred)
loss
