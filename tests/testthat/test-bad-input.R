# A catalogue of bad inputs from R: each raises pybridge's condition class with a message naming the
# culprit, and leaves the model usable (a fitted model predicts as before; a fresh one still fits).

training_frame <- function() {
  frame <- iris
  frame$site <- rep(c("north", "south"), 75)
  frame$day <- as.Date("2020-01-01") + (seq_len(150) %% 30)
  frame
}

with_value <- function(column, rows, value) {
  frame <- training_frame()
  frame[[column]][rows] <- value
  frame
}

fresh_classifier <- function(input_shape = NULL) {
  dense_model(3, activation = "softmax", input_shape = input_shape, loss = "sparse_categorical_crossentropy",
              metrics = "accuracy")
}

# The expression must fail with `class` and a message matching `culprit`.
expect_bad <- function(expr, class, culprit) {
  err <- expect_error(expr, class = class)
  expect_s3_class(err, "pybridge_error")
  expect_match(conditionMessage(err), culprit)
  invisible(err)
}

test_that("bad data or arguments at the first fit fail clearly and commit nothing", {
  require_python()
  model <- fresh_classifier()
  first_fit <- list(
    "empty data frame" = list(quote(fit(model, Species ~ ., data = training_frame()[0, ], verbose = 0)),
                              "pybridge_input_error", "0 row"),
    "one row" = list(quote(fit(model, Species ~ ., data = training_frame()[1, ], verbose = 0)),
                     "pybridge_input_error", "1 row.*at least 2"),
    "no predictor columns" = list(quote(fit(model, Species ~ ., data = iris["Species"], verbose = 0)),
                                  "pybridge_input_error", "no predictor columns"),
    "all-NA column" = list(quote(fit(model, Species ~ ., data = with_value("Sepal.Width", 1:150, NA), verbose = 0)),
                           "pybridge_input_error", "`Sepal.Width` \\(150 rows\\)"),
    "Inf" = list(quote(fit(model, Species ~ ., data = with_value("Petal.Width", 3, Inf), verbose = 0)),
                 "pybridge_input_error", "`Petal.Width` \\(1 row\\)"),
    "a value beyond float32's range" = list(
      quote(fit(model, Species ~ ., data = with_value("Petal.Width", 3, 1e39), verbose = 0)),
      "pybridge_input_error", "column `Petal.Width` has values beyond float32's range"),
    "NA in the outcome" = list(quote(fit(model, Species ~ ., data = with_value("Species", 5:6, NA), verbose = 0)),
                               "pybridge_input_error", "`Species` \\(2 rows\\)"),
    "a list column" = list(quote(fit(model, Species ~ ., data = transform(training_frame(), bag = I(as.list(1:150))),
                                     verbose = 0)),
                           "pybridge_input_error", "column `bag` has R type 'list'"),
    "a complex column" = list(quote(fit(model, Species ~ ., data = transform(training_frame(), z = 1i * (1:150)),
                                        verbose = 0)),
                              "pybridge_input_error", "column `z` has R type 'complex'"),
    "duplicate column names (formula)" = list(
      quote(fit(model, Species ~ ., data = cbind(training_frame(), iris["Sepal.Width"]), verbose = 0)),
      "pybridge_input_error", "duplicate column name.*`Sepal.Width`"),
    "duplicate column names (x/y)" = list(
      quote(fit(model, cbind(iris[1:4], iris["Petal.Length"]), iris$Species, verbose = 0)),
      "pybridge_input_error", "duplicate column name.*Petal.Length"),
    "outcome missing" = list(quote(fit(model, iris[1:4], verbose = 0)), "pybridge_input_error", "needs an outcome"),
    "unknown column in the formula" = list(quote(fit(model, Kind ~ ., data = iris, verbose = 0)),
                                           "pybridge_input_error", "`Kind` named in the formula is not in `data`"),
    # Transformations such as log(Sepal.Length) are evaluated (test-fit-inputs.R); interactions are not.
    "an interaction in the formula" = list(
      quote(fit(model, Species ~ Sepal.Length:Sepal.Width, data = iris, verbose = 0)),
      "pybridge_input_error", "`Sepal.Length:Sepal.Width` is not supported"),
    "formula without data" = list(quote(fit(model, Species ~ ., verbose = 0)), "pybridge_argument_error", "`data =`"),
    "data that is not a data frame" = list(quote(fit(model, Species ~ ., data = as.matrix(iris), verbose = 0)),
                                           "pybridge_argument_error", "`data` must be a data frame"),
    "constant factor outcome" = list(quote(fit(model, Species ~ ., data = iris[1:50, ], verbose = 0)),
                                     "pybridge_input_error", "`Species` is constant"),
    "constant numeric outcome" = list(quote(fit(model, y ~ ., data = transform(iris[1:4], y = 5), verbose = 0)),
                                      "pybridge_input_error", "`y` is constant"),
    "dates as the outcome" = list(quote(fit(model, day ~ ., data = training_frame(), verbose = 0)),
                                  "pybridge_input_error", "`day` must be numeric or a factor"),
    "x and y of different lengths" = list(quote(fit(model, iris[1:4], iris$Species[1:100], verbose = 0)),
                                          "pybridge_input_error", "150 rows but y has 100"),
    "sample_weight of the wrong length" = list(
      quote(fit(model, Species ~ ., data = iris, sample_weight = c(1, 2, 3), verbose = 0)),
      "pybridge_input_error", "`sample_weight` has 3"),
    "negative batch size" = list(quote(fit(model, Species ~ ., data = iris, batch_size = -8, verbose = 0)),
                                 "pybridge_argument_error", "`batch_size` must be at least 1"),
    "string where a number is expected" = list(quote(fit(model, Species ~ ., data = iris, epochs = "ten", verbose = 0)),
                                               "pybridge_argument_error", "`epochs` must be a whole number"),
    "validation_split out of range" = list(
      quote(fit(model, Species ~ ., data = iris, validation_split = 2, verbose = 0)),
      "pybridge_argument_error", "`validation_split`"),
    "unknown na_action" = list(quote(fit(model, Species ~ ., data = iris, na_action = "drop", verbose = 0)),
                               "pybridge_argument_error", "`na_action`.*'drop'"),
    "a character matrix" = list(quote(fit(model, matrix(letters[1:8], 4), factor(c("a", "b", "a", "b")), verbose = 0)),
                                "pybridge_argument_error", "`x` must be.*not character matrix"),
    "every row has an NA (omit)" = list(
      quote(fit(model, Species ~ ., data = with_value("Petal.Width", 1:150, NA), na_action = "omit", verbose = 0)),
      "pybridge_input_error", "every row"),
    "predict before fit" = list(quote(predict(model, iris)), "pybridge_state_error", "needs a fitted model")
  )
  for (case in names(first_fit)) {
    spec <- first_fit[[case]]
    expect_bad(eval(spec[[1]]), spec[[2]], spec[[3]])
    expect_match(summary_text(model), "learnt at the first fit", label = case)
  }
  expect_gte(length(first_fit), 25)
  # After all that, the same model trains and predicts normally.
  model |> fit(Species ~ ., data = training_frame(), epochs = 1, verbose = 0)
  expect_identical(nrow(predict(model, training_frame())), 150L)
})

test_that("a wrong input_shape or a missing compile() is named", {
  require_python()
  model <- fresh_classifier(input_shape = 7)
  expect_bad(fit(model, Species ~ ., data = iris, verbose = 0), "pybridge_input_error",
             "inputs of shape \\(7,\\) but the data encode to \\(4,\\)")
  uncompiled <- keras_model_sequential() |> layer_dense(3, activation = "softmax")
  expect_bad(fit(uncompiled, Species ~ ., data = iris, verbose = 0), "pybridge_state_error", "compile\\(\\)")
})

test_that("bad new data after fitting fails clearly and the model predicts as before", {
  require_python()
  set_random_seed(5)
  model <- fresh_classifier()
  model |> fit(Species ~ ., data = training_frame(), epochs = 1, verbose = 0)
  baseline <- predict(model, training_frame())
  changed_type <- training_frame()
  changed_type$Sepal.Length <- as.character(changed_type$Sepal.Length)
  after_fit <- list(
    "unseen level at predict" = list(quote(predict(model, with_value("site", 4, "east"))),
                                     "pybridge_input_error", "`site` has level\\(s\\) not seen in training: east"),
    "missing column at predict" = list(quote(predict(model, training_frame()[-4])),
                                       "pybridge_input_error", "`Petal.Width`.*missing"),
    "changed type at predict" = list(
      quote(predict(model, changed_type)),
      "pybridge_input_error", "`Sepal.Length` was numeric in training but is categorical"),
    "dates given as numbers" = list(quote(predict(model, transform(training_frame(), day = as.numeric(day)))),
                                    "pybridge_input_error", "`day` was datetime"),
    "a matrix for a data-frame model" = list(quote(predict(model, as.matrix(iris[1:4]))),
                                             "pybridge_input_error", "trained on a data frame"),
    "unknown prediction type" = list(quote(predict(model, iris, type = "probability")),
                                     "pybridge_argument_error", "`type`"),
    "numeric type for a classifier" = list(quote(predict(model, training_frame(), type = "numeric")),
                                           "pybridge_input_error", "regression"),
    "new_data missing" = list(quote(predict(model)), "pybridge_argument_error", "`new_data`"),
    "unseen outcome level at evaluate" = list(
      quote(evaluate(model, transform(training_frame(), Species = factor(rep(c("setosa", "other"), 75))))),
      "pybridge_input_error", "outcome `Species` has level\\(s\\) not seen in training: other"),
    "a value beyond float32's range at predict" = list(
      quote(predict(model, with_value("Sepal.Length", 2, -1e39))),
      "pybridge_input_error", "column `Sepal.Length` has values beyond float32's range"),
    "class_weight naming an unknown level" = list(
      quote(fit(model, Species ~ ., data = training_frame(), class_weight = list(setosa = 1, versicolr = 50),
                verbose = 0)),
      "pybridge_argument_error", "unknown class\\(es\\) `versicolr`"),
    "NA when training more" = list(
      quote(fit(model, Species ~ ., data = with_value("Petal.Length", 2, NA), verbose = 0)),
      "pybridge_input_error", "`Petal.Length` \\(1 row\\)"),
    "missing column when training more" = list(
      quote(fit(model, Species ~ . - site, data = training_frame(), verbose = 0)),
      "pybridge_input_error", "`site`")
  )
  for (case in names(after_fit)) {
    spec <- after_fit[[case]]
    expect_bad(eval(spec[[1]]), spec[[2]], spec[[3]])
    expect_equal(predict(model, training_frame()), baseline, label = case)
  }
  # Extra columns are ignored, even of a type pybridge cannot encode.
  expect_equal(predict(model, transform(training_frame(), extra = "x", bag = I(as.list(1:150)))), baseline)
})
