# Formulas as model.frame() reads them: transformed outcome and predictors evaluated in R and made
# again from new data at predict() and evaluate(), also after save_model(); backticked names;
# interactions and offset() refused rather than dropped.

regressor <- function() dense_model(1)

test_that("a transformed outcome trains on the transformed values, as lm() would", {
  require_python()
  set_random_seed(1)
  logged <- regressor()
  fit(logged, log(mpg) ~ ., data = mtcars, epochs = 1, verbose = 0, seed = 1)
  doubled <- regressor()
  fit(doubled, I(2 * mpg) ~ wt, data = mtcars, epochs = 1, verbose = 0, seed = 1)
  # The outcome's standardisation is learnt from the values trained on: log(mpg) and 2 * mpg (the
  # raw column was used before, with no word).
  expect_match(summary_text(logged),
               sprintf("log\\(mpg\\): regression, standardised .*mean %.4g", mean(log(mtcars$mpg))))
  expect_match(summary_text(doubled),
               sprintf("I\\(2 \\* mpg\\): regression, standardised .*mean %.4g", mean(2 * mtcars$mpg)))
  # `.` stands for the other columns, as in lm(): mpg is not a predictor of log(mpg).
  expect_false(grepl("\nmpg:", summary_text(logged)))
  expect_equal(mean(predict(logged, mtcars)$.pred), mean(log(mtcars$mpg)), tolerance = 0.3)
})

test_that("transformed predictors are made again from new data, with the coefficients learnt at fit", {
  require_python()
  model <- regressor()
  formula <- mpg ~ log(wt) + poly(hp, 2) + scale(disp) + I(qsec / 10)
  fit(model, formula, data = mtcars, epochs = 1, verbose = 0, seed = 2)
  expect_match(summary_text(model),
               "log\\(wt\\): numeric.*poly\\(hp, 2\\)1: numeric.*poly\\(hp, 2\\)2: numeric.*scale\\(disp\\): numeric")
  whole <- predict(model, mtcars)$.pred
  # poly() and scale() applied to three rows with the training coefficients, not their own.
  expect_equal(predict(model, mtcars[c(5, 1, 20), ])$.pred, whole[c(5, 1, 20)], tolerance = 1e-5)
  path <- tempfile(fileext = ".keras")
  save_model(model, path)
  expect_equal(predict(load_model(path), mtcars[c(5, 1, 20), ])$.pred, whole[c(5, 1, 20)], tolerance = 1e-5)
  expect_equal(evaluate(model, mtcars[1:6, ])[["loss"]], evaluate(model, formula, data = mtcars[1:6, ])[["loss"]])
  expect_error(predict(model, mtcars[c("mpg", "wt", "disp", "qsec")]),
               "formula term `poly\\(hp, 2\\)` the model was trained with cannot be made from the new data",
               class = "pybridge_input_error")
})

test_that("backticked names with spaces work, alone and with `.`", {
  require_python()
  frame <- data.frame(`my col` = mtcars$mpg, `a b` = mtcars$wt, other = mtcars$hp, check.names = FALSE)
  model <- regressor()
  fit(model, `my col` ~ `a b`, data = frame, epochs = 1, verbose = 0)
  expect_match(summary_text(model), "a b: numeric")
  expect_equal(nrow(predict(model, frame)), nrow(frame))
  dotted <- regressor()
  fit(dotted, `my col` ~ ., data = frame, epochs = 1, verbose = 0)
  expect_match(summary_text(dotted), "a b: numeric.*other: numeric")
})

test_that("interactions and offset() are refused, naming them, not dropped", {
  require_python()
  model <- regressor()
  expect_error(fit(model, mpg ~ wt + offset(hp), data = mtcars, epochs = 1, verbose = 0),
               "offset\\(\\) terms are not supported", class = "pybridge_input_error")
  expect_error(fit(model, mpg ~ wt * hp, data = mtcars, epochs = 1, verbose = 0),
               "interaction term `wt:hp` is not supported", class = "pybridge_input_error")
  fit(model, mpg ~ wt + hp, data = mtcars, epochs = 1, verbose = 0)  # and the model is still usable
  expect_equal(nrow(predict(model, mtcars)), 32L)
})
