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
    expect_named(predict(model, x, type = "numeric"), ".pred")
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
  expect_equal(levels(predict(model, x, type = "class")$.pred_class), c("a", "b", "c"))

  two <- factor(rep(c("no", "yes"), 6))
  model <- dense_model(1, activation = "sigmoid", input_shape = 2, loss = loss_binary_crossentropy(),
                       metrics = list(metric_auc(), metric_precision(), metric_recall(), metric_accuracy()))
  history <- fit_one(model, x, two)
  expect_setequal(names(history$metrics), c("loss", "auc", "precision", "recall", "accuracy"))
  expect_true(all(unlist(history$metrics[c("auc", "precision", "recall")]) <= 1))
  expect_named(predict(model, x, type = "prob"), c(".pred_no", ".pred_yes"))
  expect_identical(dim(predict(model, x)), c(12L, 1L))  # a matrix in: keras3's matrix of sigmoid outputs
})

test_that("a loss function with y_true and y_pred computes the loss", {
  require_python()
  expect_equal(loss_mean_squared_error(y_true = c(1, 2), y_pred = c(1.5, 2)), 0.125, tolerance = 1e-6)
  expect_equal(loss_mean_absolute_error(y_true = rbind(c(0, 0), c(1, 1)), y_pred = rbind(c(1, 1), c(1, 1))),
               c(1, 0), tolerance = 1e-6)
  expect_error(loss_binary_crossentropy(y_true = 1), class = "pybridge_argument_error")
})

test_that("one-hot matrix targets train with categorical_crossentropy, as in keras3", {
  require_python()
  set_random_seed(4)
  x <- as.matrix(iris[1:4])
  y <- to_categorical(as.integer(iris$Species) - 1L)
  model <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
  model |> compile(optimizer = optimizer_adam(learning_rate = 0.05), loss = "categorical_crossentropy",
                   metrics = "accuracy")
  history <- model |> fit(x, y, epochs = 15, verbose = 0, validation_data = list(x[1:20, ], y[1:20, ]))
  expect_gt(history$metrics$accuracy[15], 0.8)
  probabilities <- predict(model, x)
  # evaluate()'s loss is the categorical cross-entropy of the one-hot rows, computed here by hand.
  expect_equal(evaluate(model, x, y)$loss, -mean(rowSums(y * log(probabilities))), tolerance = 1e-4)
  expect_match(summary_text(model), "classification over 3 classes \\(0, 1, 2\\), given as one-hot columns")
  soft <- y
  soft[5, ] <- c(0.5, 0.5, 0)
  fresh <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
  fresh |> compile(optimizer = "adam", loss = "categorical_crossentropy")
  expect_error(fit(fresh, x, soft, epochs = 1, verbose = 0), "one-hot rows.*row 5 is \\(0.5, 0.5, 0\\)",
               class = "pybridge_input_error")
})

test_that("loss_*() wrappers work inside Keras: uncalled in compile(), or called in an R loss", {
  require_python()
  set_random_seed(2)
  x <- matrix(rnorm(32), 16, 2)
  y <- x[, 1] - x[, 2]
  start <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1)
  weights <- get_weights(start)
  trained <- function(loss) {
    model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1)
    set_weights(model, weights)
    model |> compile(optimizer = optimizer_sgd(learning_rate = 0.1), loss = loss)
    history <- fit(model, x, y, epochs = 2, batch_size = 4, shuffle = FALSE, verbose = 0)
    list(model = model, loss = history$metrics$loss)
  }
  mse <- trained("mse")
  # keras3 takes the wrapper uncalled: Keras calls it with the batch's tensors, and it gives tensors.
  uncalled <- trained(loss_mean_squared_error)
  expect_equal(uncalled$loss, mse$loss, tolerance = 1e-5)
  expect_equal(get_weights(uncalled$model), get_weights(mse$model), tolerance = 1e-5)
  expect_equal(trained(loss_huber)$loss, trained(loss_huber())$loss, tolerance = 1e-5)  # a generated one
  # An R loss composing a wrapper with ops: mse plus a penalty on the predictions' size.
  penalty_loss <- function(y_true, y_pred) loss_mean_squared_error(y_true, y_pred) + 0.1 * op_mean(op_abs(y_pred))
  penalised <- trained(penalty_loss)
  expect_false(isTRUE(all.equal(penalised$loss, mse$loss)))
  model <- penalised$model
  expected <- evaluate(model |> compile(loss = "mse"), x, y)$loss + 0.1 * mean(abs(predict(model, x)))
  model |> compile(loss = penalty_loss)
  expect_equal(evaluate(model, x, y)$loss, expected, tolerance = 1e-5)
})

test_that("a metric_*() wrapper given uncalled is a metric named as keras3 names it", {
  require_python()
  x <- matrix(rnorm(32), 16, 2)
  y <- as.numeric(x[, 1] > 0)
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1, activation = "sigmoid")
  model |> compile(loss = "binary_crossentropy", metrics = list(metric_binary_accuracy, "binary_accuracy"))
  history <- fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0)
  expect_setequal(names(history$metrics), c("loss", "binary_accuracy", "binary_accuracy_1"))
  expect_equal(history$metrics$binary_accuracy, history$metrics$binary_accuracy_1, tolerance = 1e-6)
})
