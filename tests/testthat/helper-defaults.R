# Helpers for issue 14's tests (test-right-by-default.R, test-default-path.R); prefixed `dflt_` so they
# never clash with the other helper files.

# The README's network: one hidden relu layer, then the output layer; Adam with its defaults.
dflt_dense_net <- function(units, activation = NULL, loss = "mse", hidden = 16, metrics = NULL) {
  model <- keras_model_sequential() |>
    layer_dense(hidden, activation = "relu") |>
    layer_dense(units, activation = activation)
  model |> compile(optimizer = "adam", loss = loss, metrics = metrics)
  model
}

dflt_rmse <- function(truth, predicted) sqrt(mean((truth - predicted)^2))

# The last epoch's value of `metric` on the "training" or "validation" data, from a history.
dflt_last_value <- function(history, metric, data = "validation") {
  long <- as.data.frame(history)
  rows <- long[long$metric == metric & long$data == data, ]
  rows$value[which.max(rows$epoch)]
}
