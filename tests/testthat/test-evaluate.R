# evaluate() (R/evaluate.R): the arguments a user types reach Python as keras3 would take them.

test_that("a whole double batch_size works in evaluate(), as keras3 coerces it", {
  require_python()
  model <- fitted_iris()
  # The issue: evaluate(model, iris, batch_size = 64) failed with TypeError ... Slice ... 64.0 from Python.
  by_64 <- evaluate(model, iris, batch_size = 64)
  expect_setequal(names(by_64), c("loss", "accuracy"))
  expect_type(by_64, "list")  # keras3's kind: scores$loss works
  expect_identical(by_64, evaluate(model, iris, batch_size = 64L))
  expect_equal(by_64, evaluate(model, iris), tolerance = 1e-5)  # the batch size changes no result
})

test_that("evaluate() gives a named list of numbers for matrices and data frames alike, as keras3", {
  require_python()
  model <- iris_classifier()
  x <- as.matrix(iris[1:4])
  fit(model, x, iris$Species, epochs = 1, verbose = 0)
  scores <- evaluate(model, x, iris$Species)
  expect_type(scores, "list")
  expect_true(is.numeric(scores$loss) && length(scores$loss) == 1 && scores$loss > 0)
  expect_true(scores$accuracy >= 0 && scores$accuracy <= 1)
  # The loss is Keras's sparse categorical cross-entropy of the predicted probabilities.
  probabilities <- predict(model, x)
  by_hand <- -mean(log(probabilities[cbind(seq_len(150), as.integer(iris$Species))]))
  expect_equal(scores$loss, by_hand, tolerance = 1e-4)
  expect_type(evaluate(fitted_iris(), iris), "list")
})
