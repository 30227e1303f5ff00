# Source: keras3 help page ?metric_categorical_accuracy (R/metrics.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a metric object used standalone: m$update_state(), m$result(), m$reset_state(),
#   sample_weight.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
m <- metric_categorical_accuracy()
m$update_state(rbind(c(0, 0, 1), c(0, 1, 0)), rbind(c(0.1, 0.9, 0.8),
                c(0.05, 0.95, 0)))
m$result()
m$reset_state()
m$update_state(rbind(c(0, 0, 1), c(0, 1, 0)), rbind(c(0.1, 0.9, 0.8),
               c(0.05, 0.95, 0)),
               sample_weight = c(0.7, 0.3))
m$result()
# 0.3
stopifnot(isTRUE(all.equal(as.numeric(m$result()), 0.3, tolerance = 1e-6)))  # compat-edit: the comment made a check
