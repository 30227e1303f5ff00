# Source: keras3 help page ?metric_sparse_categorical_accuracy (R/metrics.R, roxygen "Examples");
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a metric object used standalone: m$update_state(), m$result(), m$reset_state(),
#   sample_weight.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
m <- metric_sparse_categorical_accuracy()
m$update_state(rbind(2L, 1L), rbind(c(0.1, 0.6, 0.3), c(0.05, 0.95, 0)))
m$result()
m$reset_state()
m$update_state(rbind(2L, 1L), rbind(c(0.1, 0.6, 0.3), c(0.05, 0.95, 0)),
               sample_weight = c(0.7, 0.3))
m$result()
