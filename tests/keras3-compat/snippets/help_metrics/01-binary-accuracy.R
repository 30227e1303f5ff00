# Source: keras3 help page ?metric_binary_accuracy (R/metrics.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a metric object used standalone: m$update_state(), m$result(), m$reset_state(),
#   sample_weight.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
m <- metric_binary_accuracy()
m$update_state(rbind(1, 1, 0, 0), rbind(0.98, 1, 0, 0.6))
m$result()
# 0.75
stopifnot(isTRUE(all.equal(as.numeric(m$result()), 0.75)))  # compat-edit: the comment made a check
m$reset_state()
m$update_state(rbind(1, 1, 0, 0), rbind(0.98, 1, 0, 0.6),
               sample_weight = c(1, 0, 0, 1))
m$result()
# 0.5
stopifnot(isTRUE(all.equal(as.numeric(m$result()), 0.5)))  # compat-edit: the comment made a check
