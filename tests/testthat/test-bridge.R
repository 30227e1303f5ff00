# Errors crossing the reticulate transport: a Python error under an R verb is an R condition with the
# Python message and pybridge's classes (tests/python/test_rhost.py checks the same through rpy2).

test_that("a pybridge error in Python is an R condition of its class with the Python message", {
  require_python()
  model <- keras_model_sequential(input_shape = 4)
  err <- tryCatch(layer_dense(model, units = -1), error = identity)
  expect_s3_class(err, c("pybridge_argument_error", "pybridge_error", "error", "condition"), exact = TRUE)
  expect_match(conditionMessage(err), "`units` must be at least 1, not -1", fixed = TRUE)
  expect_error(predict(model, iris), "predict() needs a fitted model", fixed = TRUE,
               class = "pybridge_state_error")
  expect_identical(pybridge_config()$transport, "reticulate")
})

test_that("any other Python exception is a pybridge_python_error naming the exception", {
  require_python()
  err <- tryCatch(pybridge:::.pb_call("no_such_verb"), error = identity)
  expect_s3_class(err, "pybridge_python_error")
  expect_s3_class(err, "pybridge_error")
  expect_match(conditionMessage(err), "AttributeError: .*no_such_verb")
})

test_that("the model stays usable after an error crossed", {
  require_python()
  model <- iris_classifier()
  expect_error(layer_dense(model, units = 0), class = "pybridge_argument_error")
  fit(model, Species ~ ., data = iris, epochs = 1, verbose = 0)
  expect_identical(nrow(predict(model, iris)), 150L)
})
