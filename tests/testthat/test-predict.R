# predict() (R/predict.R): the arguments a user types reach Python as keras3 would take them.

test_that("predict() passes batch_size to Python, and a whole double works as keras3 coerces it", {
  require_python()
  model <- fitted_iris()
  twice <- rbind(iris, iris)  # over 256 rows, so Keras's batched predict() runs
  by_64 <- predict(model, twice, batch_size = 64)
  expect_identical(by_64, predict(model, twice, batch_size = 64L))
  expect_equal(by_64, predict(model, twice), tolerance = 1e-6)  # the batch size changes no prediction
  expect_identical(nrow(predict(model, iris[1:3, ], batch_size = 64)), 3L)  # a small input: one step
  # It reaches Python: a batch size Python refuses is an R condition (it used to vanish into `...`).
  refusal <- expect_error(predict(model, twice, batch_size = -1L), class = "pybridge_error")
  expect_false(grepl("Traceback", conditionMessage(refusal)))
})
