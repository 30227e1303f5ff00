# Source: keras3 help page ?metric_precision (R/metrics.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: a metric object used standalone: m$update_state(), m$result() |> as.double(),
#   reset_state(), top_k.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
m <- metric_precision()
m$update_state(c(0, 1, 1, 1),
               c(1, 0, 1, 1))
m$result() |> as.double() |> signif()

m$reset_state()
m$update_state(c(0, 1, 1, 1),
               c(1, 0, 1, 1),
               sample_weight = c(0, 0, 1, 0))
m$result() |> as.double() |> signif()

# With top_k=2, it will calculate precision over y_true[1:2]
# and y_pred[1:2]
m <- metric_precision(top_k = 2)
m$update_state(c(0, 0, 1, 1), c(1, 1, 1, 1))
m$result()
