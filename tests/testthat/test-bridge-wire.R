test_that("c() of Keras objects is a list of them, as keras3 gives, and compile() takes it", {
  require_python()
  # keras3's ?compile example: metrics = c(metric_binary_accuracy(), metric_false_negatives()).
  metrics <- c(metric_binary_accuracy(), metric_false_negatives())
  expect_length(metrics, 2L)
  expect_true(all(vapply(metrics, inherits, TRUE, "pybridge_object")))
  expect_named(c(a = metric_auc(), b = metric_precision()), c("a", "b"))
  expect_length(c(metric_auc(), list(metric_recall(), "mae")), 3L)

  model <- keras_model_sequential(input_shape = 4) |> layer_dense(1, activation = "sigmoid")
  model |> compile(optimizer = optimizer_adam(learning_rate = 1e-3), loss = loss_binary_crossentropy(),
                   metrics = metrics)
  history <- fit(model, matrix(runif(32), 8), rep(0:1, 4), epochs = 1, verbose = 0)
  expect_true("binary_accuracy" %in% names(history$metrics))
  expect_true(any(startsWith(names(history$metrics), "false_negatives")))
})
