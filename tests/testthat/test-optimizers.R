test_that("every optimizer constructor trains a model: its weights move", {
  require_python()
  x <- matrix(rnorm(16), 8, 2)
  optimizers <- list(sgd = optimizer_sgd(learning_rate = 0.1, momentum = 0.9, nesterov = TRUE),
                     adam = optimizer_adam(learning_rate = 0.01), rmsprop = optimizer_rmsprop(),
                     adagrad = optimizer_adagrad(learning_rate = 0.1), adadelta = optimizer_adadelta(learning_rate = 1),
                     nadam = optimizer_nadam())
  for (name in names(optimizers)) {
    model <- dense_model(input_shape = 2, optimizer = optimizers[[name]])
    before <- get_weights(model)[[1]]
    fit(model, x, x[, 1] - x[, 2], epochs = 1, batch_size = 8, verbose = 0)
    expect_false(isTRUE(all.equal(before, get_weights(model)[[1]])), label = name)
  }
  expect_s3_class(optimizers$sgd, "pybridge_object")
  expect_output(print(optimizers$sgd), "SGD")
})

test_that("optimizers by name train; bad optimizer arguments name the argument", {
  require_python()
  model <- dense_model(input_shape = 2, optimizer = "nadam")
  history <- fit(model, matrix(1:8, 4, 2), 1:4, epochs = 1, verbose = 0)
  expect_true(is.finite(history$metrics$loss))
  expect_error(optimizer_sgd(momentum = 1.5), "momentum", class = "pybridge_argument_error")
  expect_error(optimizer_adam(learning_rate = -1), "learning_rate", class = "pybridge_argument_error")
  expect_error(compile(model, optimizer = "adamm", loss = "mse"), "optimizer", class = "pybridge_argument_error")
})
