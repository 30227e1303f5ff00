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

test_that("a logical outcome predicts TRUE/FALSE, so .pred_class == outcome compares", {
  require_python()
  cars <- transform(mtcars, am = am == 1)
  model <- dense_model(1, activation = "sigmoid", loss = "binary_crossentropy")
  fit(model, am ~ wt + hp, data = cars, epochs = 3, verbose = 0, seed = 1)
  predicted <- predict(model, cars)
  expect_type(predicted$.pred_class, "logical")
  expect_equal(names(predicted), c(".pred_class", ".pred_False", ".pred_True"))
  expect_equal(sum(predicted$.pred_class == cars$am), sum((predicted[[3]] > 0.5) == cars$am))
})

test_that("zero rows of new data give a zero-row frame with the columns and types of one row", {
  require_python()
  classifier <- fitted_iris()
  regressor <- dense_model(1)
  fit(regressor, mpg ~ wt + hp, data = mtcars, epochs = 1, verbose = 0)
  for (case in list(list(classifier, iris), list(regressor, mtcars))) {
    one <- predict(case[[1]], case[[2]][1, ])
    none <- predict(case[[1]], case[[2]][0, ])
    expect_equal(nrow(none), 0L)
    expect_identical(lapply(none, class), lapply(one, class))
  }
  expect_identical(levels(predict(classifier, iris[0, ])$.pred_class), levels(iris$Species))
})

test_that("a matrix or array in gives keras3's kind: the network's outputs as a matrix", {
  require_python()
  model <- iris_classifier()
  x <- as.matrix(iris[1:4])
  fit(model, x, iris$Species, epochs = 1, verbose = 0)
  probabilities <- predict(model, x)
  expect_true(is.matrix(probabilities))
  expect_identical(dim(probabilities), c(150L, 3L))
  expect_equal(rowSums(probabilities), rep(1, 150), tolerance = 1e-5)
  # The same numbers as the tidy columns `type` asks for; the class is the most probable column.
  tidy <- predict(model, x, type = "prob")
  expect_equal(unname(as.matrix(tidy)), probabilities, tolerance = 1e-6)
  expect_identical(as.integer(predict(model, x, type = "class")$.pred_class), max.col(probabilities, "first"))
  # A row with a missing predictor gives a row of NA; one vector is one row.
  holes <- x
  holes[2, 3] <- NA
  expect_true(all(is.na(predict(model, holes)[2, ])))
  expect_equal(predict(model, x[1, ]), probabilities[1, , drop = FALSE], tolerance = 1e-6)
  # A data frame still gives the tidy frame.
  frame_model <- fitted_iris()
  expect_s3_class(predict(frame_model, iris), "data.frame")
})

test_that("a never-fitted model predicts an array as keras3 does, and still refuses a data frame", {
  require_python()
  model <- keras_model_sequential() |> layer_embedding(1000, 64)
  x <- matrix(sample(0:999, 32 * 10, replace = TRUE), 32, 10)
  model |> compile("rmsprop", "mse")
  out <- predict(model, x, verbose = 0)
  expect_identical(dim(out), c(32L, 10L, 64L))
  expect_equal(out[1, 1, ], get_weights(model)[[1]][x[1, 1] + 1, ], tolerance = 1e-6)
  expect_error(predict(keras_model_sequential(input_shape = 4) |> layer_dense(2), iris), "needs a fitted model")
})
