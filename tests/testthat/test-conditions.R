# Each mistake gives an R condition of a pybridge class naming the culprit, and the model still works.
expect_pybridge_error <- function(expr, class, pattern) {
  condition <- tryCatch(expr, error = function(e) e)
  expect_s3_class(condition, class)
  expect_s3_class(condition, "pybridge_error")
  expect_match(conditionMessage(condition), pattern)
  expect_false(grepl("Traceback", conditionMessage(condition)))
}

test_that("bad layer arguments and fitting too early are R conditions naming the culprit", {
  require_python()
  model <- keras_model_sequential(input_shape = 4) |> layer_dense(8, activation = "relu")
  expect_pybridge_error(layer_dense(model, 3, activation = "sigmoidd"), "pybridge_argument_error",
                        "activation.*sigmoidd")
  expect_pybridge_error(layer_dense(model, -1), "pybridge_argument_error", "`units`")
  expect_pybridge_error(layer_dense(model, 0), "pybridge_argument_error", "`units`")
  expect_pybridge_error(fit(model, Species ~ ., data = iris), "pybridge_state_error", "compile")
  expect_pybridge_error(fit(model, Species ~ Petal.Length + Sepal.Colour, data = iris),
                        "pybridge_input_error", "Sepal.Colour")

  # Still usable: the bad layers were not added and the model trains.
  model |> layer_dense(3, activation = "softmax")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0)
  expect_equal(nrow(predict(model, iris)), 150)
  expect_equal(length(grep("Dense", summary(model))), 2)
})

test_that("unknown optimizer, loss and outcome mismatch fail before training", {
  require_python()
  model <- keras_model_sequential(input_shape = 4) |> layer_dense(2, activation = "softmax")
  expect_pybridge_error(compile(model, optimizer = "adamm", loss = "mse"), "pybridge_argument_error", "optimizer")
  expect_pybridge_error(compile(model, optimizer = "adam", loss = "msee"), "pybridge_argument_error", "loss")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  expect_pybridge_error(fit(model, Species ~ ., data = iris, verbose = 0), "pybridge_input_error",
                        "3 classes but the last layer has 2")
  expect_pybridge_error(predict(model, iris), "pybridge_state_error", "fit")
})
