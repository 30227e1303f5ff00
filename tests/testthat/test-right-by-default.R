# Issue 14, the R side: what a user gets with the defaults must be right (written test-first). Each test
# uses only the exported functions, the way a user meets the problem. Helpers: helper-defaults.R.

test_that("regression learns with the defaults (mtcars) and the summary says the outcome is scaled", {
  require_python()
  # The issue: mpg ~ . with 16 relu units and adam, 200 epochs: RMSE 14.6-15.8 by default, worse than
  # the mean (sd 6.0); 2.4 with scale_outcome = TRUE.
  model <- dflt_dense_net(1)
  fit(model, mpg ~ ., data = mtcars, epochs = 200, verbose = 0)
  fitted <- predict(model, mtcars)$.pred
  expect_lt(dflt_rmse(mtcars$mpg, fitted), 0.6 * sd(mtcars$mpg))
  about_mpg <- grep("mpg", summary(model), value = TRUE)  # the outcome's line(s); predictors never say mpg
  expect_true(length(about_mpg) > 0 && any(grepl("scal|standardi", about_mpg, ignore.case = TRUE)),
              info = paste(summary(model), collapse = "\n"))
  # scale_outcome = FALSE opts out, and then the summary does not claim scaling.
  raw <- dflt_dense_net(1)
  fit(raw, mpg ~ ., data = mtcars, epochs = 1, verbose = 0, scale_outcome = FALSE)
  about_mpg <- grep("mpg", summary(raw), value = TRUE)
  expect_true(length(about_mpg) > 0 && !any(grepl("scal|standardi", about_mpg, ignore.case = TRUE)),
              info = paste(summary(raw), collapse = "\n"))
})

test_that("evaluate() and the validation metrics are in the outcome's units, as predict() computes them", {
  require_python()
  require_package("MASS")
  # With scale_outcome = TRUE evaluate() said MAE 0.53 while predictions were off by 41. Chosen
  # behaviour: loss and metrics in the outcome's own units.
  boston <- MASS::Boston
  set.seed(7)
  held_out <- sample(nrow(boston), 120)
  train <- boston[-held_out, ]
  test <- boston[held_out, ]
  model <- dflt_dense_net(1, hidden = 32, metrics = "mae")
  history <- fit(model, medv ~ ., data = train, epochs = 5, verbose = 0, scale_outcome = TRUE,
                 validation_data = test)
  errors <- predict(model, test)$.pred - test$medv
  hand <- c(loss = mean(errors^2), mae = mean(abs(errors)))
  expect_gt(hand[["mae"]], 1)  # large enough in medv's units (thousands of dollars) to tell apart
  result <- evaluate(model, test)
  expect_equal(result[["mae"]], hand[["mae"]], tolerance = 1e-3)
  expect_equal(result[["loss"]], hand[["loss"]], tolerance = 1e-3)
  # The last epoch's validation metrics are computed with the final weights: the same numbers.
  expect_equal(dflt_last_value(history, "mae"), hand[["mae"]], tolerance = 1e-3)
  expect_equal(dflt_last_value(history, "loss"), hand[["loss"]], tolerance = 1e-3)
})

test_that("fit(seed =) reproduces a run whatever the random state before it, without set_random_seed()", {
  require_python()
  # The issue: two identical runs of build -> compile -> fit(seed = 11) gave first-row probabilities
  # 0.211 and 0.036. No set_random_seed() here: the state before each run is moved differently (models
  # built and thrown away draw weights), and fit(seed = 11) alone must make the runs identical.
  run <- function(throwaway) {
    for (i in seq_len(throwaway)) keras_model_sequential(input_shape = 4) |> layer_dense(3)
    model <- keras_model_sequential(input_shape = 4) |>
      layer_dense(8, activation = "relu") |> layer_dropout(0.3) |> layer_dense(3, activation = "softmax")
    model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
    history <- fit(model, Species ~ ., data = iris, epochs = 2, batch_size = 16, validation_split = 0.2,
                   verbose = 0, seed = 11)
    list(weights = get_weights(model), history = as.data.frame(history), predictions = predict(model, iris[1:10, ]))
  }
  first <- run(1)
  second <- run(3)
  expect_identical(first$weights, second$weights)
  expect_identical(first$history, second$history)
  expect_identical(first$predictions, second$predictions)

  # Weights the user set by hand are kept: fit(seed =) must not draw new ones over them.
  by_hand <- list(matrix(0.1, 4, 3), c(0, 0.5, -0.5))
  for (throwaway in c(2, 5)) {
    for (i in seq_len(throwaway)) keras_model_sequential(input_shape = 4) |> layer_dense(3)
    model <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax", trainable = FALSE)
    model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
    set_weights(model, by_hand)
    fit(model, Species ~ ., data = iris, epochs = 1, verbose = 0, seed = 5)
    expect_equal(get_weights(model), by_hand, tolerance = 1e-7)
  }
})

test_that("validation_split draws stratified random rows of a data frame, and the last rows of a matrix", {
  require_python()
  # iris is sorted by species: its last 20% are all virginica. A network that answers virginica
  # whatever the input and cannot learn (weights set by hand, not trainable) has, as accuracy on a set
  # of rows, the share of virginica among them.
  always_virginica <- function() {
    model <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax", trainable = FALSE)
    model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
    set_weights(model, list(matrix(0, 4, 3), c(0, 0, 5)))
    model
  }
  # A matrix keeps Keras's rule, the last fraction of the rows.
  history <- fit(always_virginica(), as.matrix(iris[, 1:4]), iris$Species, epochs = 1, validation_split = 0.2,
                 verbose = 0)
  expect_equal(dflt_last_value(history, "accuracy"), 1)
  # The README's quick start on a data frame: random rows, stratified by species, 10 of each in 30.
  history <- fit(always_virginica(), Species ~ ., data = iris, epochs = 1, validation_split = 0.2, verbose = 0)
  share <- dflt_last_value(history, "accuracy")
  expect_true(share > 0.29 && share < 0.38, info = sprintf("virginica are %.0f%% of the validation rows", 100 * share))
  share <- dflt_last_value(history, "accuracy", data = "training")
  expect_true(share > 0.29 && share < 0.38, info = sprintf("virginica are %.0f%% of the training rows", 100 * share))
})

test_that("predicted classes have the outcome's type: integers stay integers, factors keep their levels", {
  require_python()
  classes_of <- function(data, units, activation, loss) {
    model <- dflt_dense_net(units, activation, loss)
    fit(model, y ~ ., data = data, epochs = 1, verbose = 0)
    predict(model, data)$.pred_class
  }
  predictors <- iris[, 1:4]
  integers <- transform(predictors, y = as.integer(iris$Species) - 1L)  # 0, 1, 2 as scikit-learn's load_*
  predicted <- classes_of(integers, 3, "softmax", "sparse_categorical_crossentropy")
  expect_type(predicted, "integer")
  expect_false(is.factor(predicted))
  expect_true(all(predicted %in% 0:2))
  # A factor keeps its levels: their order, and a level no row uses.
  shuffled <- transform(predictors, y = factor(iris$Species, levels = c("virginica", "setosa", "versicolor", "unused")))
  predicted <- classes_of(shuffled, 4, "softmax", "sparse_categorical_crossentropy")
  expect_identical(levels(predicted), levels(shuffled$y))
  expect_identical(class(predicted), "factor")
  ordered_y <- transform(predictors, y = factor(iris$Species, ordered = TRUE))
  predicted <- classes_of(ordered_y, 3, "softmax", "sparse_categorical_crossentropy")
  expect_identical(class(predicted), class(ordered_y$y))
  expect_identical(levels(predicted), levels(ordered_y$y))
  # A logical outcome comes back logical (not a factor of Python's "False" / "True").
  logical_y <- transform(predictors, y = iris$Species == "virginica")
  expect_type(classes_of(logical_y, 1, "sigmoid", "binary_crossentropy"), "logical")
})

test_that("a whole double batch_size works in evaluate(), as keras3 coerces it", {
  require_python()
  model <- dflt_dense_net(3, "softmax", "sparse_categorical_crossentropy", metrics = "accuracy")
  fit(model, Species ~ ., data = iris, epochs = 1, verbose = 0)
  # The issue: TypeError ... Slice ... 64.0, from Python.
  expect_equal(evaluate(model, iris, batch_size = 64), evaluate(model, iris, batch_size = 64L))
})

test_that("an R function given as a loss trains or is a pybridge error naming `loss`", {
  require_python()
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(1)
  outcome <- tryCatch({
    model |> compile(optimizer = "adam", loss = function(y_true, y_pred) (y_true - y_pred)^2)
    fit(model, Sepal.Length ~ ., data = iris[, 1:4], epochs = 1, verbose = 0)
    "trained"
  }, error = identity)
  if (identical(outcome, "trained")) {
    expect_true(all(is.finite(predict(model, iris)$.pred)))
  } else {
    # The issue: "non-numeric argument to binary operator", R's own message from deep inside training.
    expect_s3_class(outcome, "pybridge_error")
    expect_match(conditionMessage(outcome), "loss")
    expect_no_match(conditionMessage(outcome), "non-numeric argument")
  }
})
