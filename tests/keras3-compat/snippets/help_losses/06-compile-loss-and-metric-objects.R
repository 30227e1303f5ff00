# Source: keras3 help page ?compile (R/model-training.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: compile() with loss_binary_crossentropy(), metric_binary_accuracy() and
#   metric_false_negatives() objects in c().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: the help page compiles an existing `model`; a small binary classifier stands in.
model <- keras_model_sequential(input_shape = 4) |> layer_dense(1, activation = "sigmoid")
model |> compile(
  optimizer = optimizer_adam(learning_rate = 1e-3),
  loss = loss_binary_crossentropy(),
  metrics = c(metric_binary_accuracy(),
              metric_false_negatives())
)
# compat-edit: a short fit() on random data (64 x 4, labels 0/1) so the metrics are computed.
model |> fit(matrix(runif(64 * 4), 64), sample(0:1, 64, TRUE), epochs = 1)
