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

# The terms are R code that predict() runs: a model file must not be a way to run any other code.
test_that("a model file whose formula terms call other functions is refused at predict(), running nothing", {
  require_python()
  model <- regressor()
  fit(model, mpg ~ log(wt) + hp, data = mtcars, epochs = 1, verbose = 0)
  path <- tempfile(fileext = ".keras")
  save_model(model, path)
  marker <- tempfile()
  # What someone could hand over: the stored expression of `log(wt)` rewritten to run a command.
  crafted <- tempfile(fileext = ".keras")
  rewrite <- reticulate::py_run_string(paste(
    "def rewrite(source, target, command):",
    "    import json, zipfile",
    "    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, 'w') as new:",
    "        for name in old.namelist():",
    "            data = old.read(name)",
    "            if name == 'pybridge.json':",
    "                metadata = json.loads(data)",
    "                metadata['preprocessor']['formula_terms']['predictors']['log(wt)'] = command",
    "                data = json.dumps(metadata)",
    "            new.writestr(name, data)",
    sep = "\n"), local = TRUE)$rewrite
  rewrite(path, crafted, sprintf("system('touch %s')", marker))
  expect_error(predict(load_model(crafted), mtcars), "`log\\(wt\\)` calls `system\\(\\)`",
               class = "pybridge_input_error")
  expect_false(file.exists(marker))
  expect_equal(nrow(predict(model, mtcars)), nrow(mtcars))  # the user's own model still predicts
})

test_that("a formula term calling a function of the user's own is refused at fit(), naming it", {
  require_python()
  cube <- function(x) x^3
  expect_error(fit(regressor(), mpg ~ cube(wt), data = mtcars, epochs = 1, verbose = 0),
               "`cube\\(wt\\)` calls `cube\\(\\)`.*make that column in the data first", class = "pybridge_input_error")
})

test_that("a list of arrays, by position or by name, trains a model of several inputs and outputs", {
  require_python()
  a <- keras_input(3, name = "a")
  b <- keras_input(2, name = "b")
  joined <- layer_concatenate(a, b)
  model <- keras_model(list(a, b), list(score = layer_dense(joined, 1, name = "score"),
                                        kind = layer_dense(joined, 2, activation = "softmax", name = "kind")))
  compile(model, optimizer = "adam", loss = list(score = "mse", kind = "sparse_categorical_crossentropy"))
  xa <- matrix(runif(60), 20, 3)
  xb <- matrix(runif(40), 20, 2)
  history <- fit(model, list(xa, xb), list(score = xa[, 1], kind = as.integer(xa[, 2] > 0.5)),
                 epochs = 2, batch_size = 5, verbose = 0)
  expect_equal(unique(as.data.frame(history)$epoch), 1:2)
  expect_true(all(c("score_loss", "kind_loss") %in% names(history$metrics)))
  again <- fit(model, list(a = xa, b = xb), list(score = xa[, 1], kind = as.integer(xa[, 2] > 0.5)),
               epochs = 1, verbose = 0)
  expect_equal(unique(as.data.frame(again)$epoch), 3)
})
