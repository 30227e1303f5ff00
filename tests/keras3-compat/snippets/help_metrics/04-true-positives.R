# Source: keras3 help page ?metric_true_positives (R/metrics.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a metric object used standalone: m$update_state(), m$result(), m$reset_state(),
#   sample_weight.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
m <- metric_true_positives()
m$update_state(c(0, 1, 1, 1), c(1, 0, 1, 1))
m$result()
m$reset_state()
m$update_state(c(0, 1, 1, 1), c(1, 0, 1, 1), sample_weight = c(0, 0, 1, 0))
m$result()
