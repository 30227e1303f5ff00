fit_one <- function(model, x, y) fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0)

test_that("regression losses and metrics by constructor train and are recorded", {
  require_python()
  x <- matrix(rnorm(16), 8, 2)
  y <- x[, 1] + 1
  for (loss in list(loss_mean_squared_error(), loss_mean_absolute_error())) {
    model <- dense_model(input_shape = 2, loss = loss,
                         metrics = list(metric_root_mean_squared_error(), metric_mean_absolute_error()))
    history <- fit_one(model, x, y)
    expect_setequal(names(history$metrics), c("loss", "root_mean_squared_error", "mean_absolute_error"))
    expect_true(all(unlist(history$metrics) >= 0))
    expect_named(predict(model, x), ".pred")
  }
})

test_that("classification loss objects encode the outcome as their names would, whatever their name", {
  require_python()
  x <- matrix(rnorm(24), 12, 2)
  three <- factor(rep(c("a", "b", "c"), 4))
  model <- dense_model(3, activation = "softmax", input_shape = 2,
                       loss = loss_sparse_categorical_crossentropy(name = "my_loss"), metrics = metric_accuracy())
  history <- fit_one(model, x, three)
  expect_true(all(c("loss", "accuracy") %in% names(history$metrics)))
  model <- dense_model(3, activation = "softmax", input_shape = 2,
                       loss = loss_categorical_crossentropy(label_smoothing = 0.1), metrics = "accuracy")
  history <- fit_one(model, x, three)
  expect_true(history$metrics$accuracy >= 0 && history$metrics$accuracy <= 1)
  expect_equal(levels(predict(model, x)$.pred_class), c("a", "b", "c"))

  two <- factor(rep(c("no", "yes"), 6))
  model <- dense_model(1, activation = "sigmoid", input_shape = 2, loss = loss_binary_crossentropy(),
                       metrics = list(metric_auc(), metric_precision(), metric_recall(), metric_accuracy()))
  history <- fit_one(model, x, two)
  expect_setequal(names(history$metrics), c("loss", "auc", "precision", "recall", "accuracy"))
  expect_true(all(unlist(history$metrics[c("auc", "precision", "recall")]) <= 1))
  expect_named(predict(model, x), c(".pred_class", ".pred_no", ".pred_yes"))
})

test_that("a loss function with y_true and y_pred computes the loss", {
  require_python()
  expect_equal(loss_mean_squared_error(y_true = c(1, 2), y_pred = c(1.5, 2)), 0.125, tolerance = 1e-6)
  expect_equal(loss_mean_absolute_error(y_true = rbind(c(0, 0), c(1, 1)), y_pred = rbind(c(1, 1), c(1, 1))),
               c(1, 0), tolerance = 1e-6)
  expect_error(loss_binary_crossentropy(y_true = 1), class = "pybridge_argument_error")
})
