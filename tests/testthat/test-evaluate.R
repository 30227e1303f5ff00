# evaluate() (R/evaluate.R): the arguments a user types reach Python as keras3 would take them.

test_that("a whole double batch_size works in evaluate(), as keras3 coerces it", {
  require_python()
  model <- fitted_iris()
  # The issue: evaluate(model, iris, batch_size = 64) failed with TypeError ... Slice ... 64.0 from Python.
  by_64 <- evaluate(model, iris, batch_size = 64)
  expect_setequal(names(by_64), c("loss", "accuracy"))
  expect_identical(by_64, evaluate(model, iris, batch_size = 64L))
  expect_equal(by_64, evaluate(model, iris), tolerance = 1e-5)  # the batch size changes no result
})
