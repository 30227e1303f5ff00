test_that("a dense classifier trains on a data frame through a formula", {
  require_python()
  model <- iris_classifier()
  history <- model |> fit(Species ~ ., data = iris, epochs = 3, validation_split = 0.2, verbose = 0)
  expect_s3_class(history, "pybridge_history")
  expect_equal(history$params$epochs, 3)
  expect_setequal(names(history$metrics), c("loss", "accuracy", "val_loss", "val_accuracy"))

  predictions <- predict(model, iris)
  expect_s3_class(predictions, "data.frame")
  expect_equal(nrow(predictions), nrow(iris))
  expect_named(predictions, c(".pred_class", ".pred_setosa", ".pred_versicolor", ".pred_virginica"))
  expect_identical(levels(predictions$.pred_class), levels(iris$Species))
  probabilities <- pred_matrix(predictions)
  expect_equal(unname(rowSums(probabilities)), rep(1, nrow(iris)), tolerance = 1e-5)
  expect_identical(as.integer(predictions$.pred_class), unname(max.col(probabilities, "first")))

  metrics <- evaluate(model, iris)
  expect_named(metrics, c("accuracy", "loss"), ignore.order = TRUE)
  expect_true(metrics[["accuracy"]] >= 0 && metrics[["accuracy"]] <= 1)
})

test_that("x/y form and formula form train the same network the same way", {
  require_python()
  model_formula <- iris_classifier(seed = 5)
  model_formula |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0, seed = 5)
  model_xy <- iris_classifier(seed = 5)
  model_xy |> fit(x = iris[1:4], y = iris$Species, epochs = 2, verbose = 0, seed = 5)
  expect_equal(pred_matrix(predict(model_xy, iris[1:4])), pred_matrix(predict(model_formula, iris)), tolerance = 1e-6)
})

test_that("layers compose with the pipe and modify the model in place", {
  require_python()
  model <- keras_model_sequential(input_shape = 4)
  returned <- model |> layer_dense(4, activation = "relu") |> layer_dropout(0.5) |> layer_activation("tanh")
  expect_identical(returned, model)
  # At top level the model comes back invisibly, as in keras3: nothing is printed.
  expect_false(withVisible(layer_dense(model, 2))$visible)
  expect_silent(model |> layer_dense(2))
  text <- summary_text(model)
  expect_match(text, "Dense")
  expect_match(text, "Dropout")
  expect_match(text, "Activation")
})

test_that("a regressor predicts in the outcome's units", {
  require_python()
  set.seed(1)
  data <- data.frame(a = rnorm(100), b = rnorm(100))
  data$y <- 100 + 10 * data$a
  set_random_seed(1)
  model <- dense_model()
  model |> fit(y ~ a + b, data = data, epochs = 2, verbose = 0)
  predictions <- predict(model, data)
  expect_named(predictions, ".pred")
  expect_equal(nrow(predictions), 100)
  expect_true(all(is.finite(predictions$.pred)))
})

test_that("summary() shows layers, shapes, parameter counts and preprocessing", {
  require_python()
  model <- fitted_iris()
  text <- summary_text(model)
  for (expected in c("(None, 8)", "Trainable params", "Petal.Width", "standardised", "3 classes")) {
    expect_true(grepl(expected, text, fixed = TRUE), info = expected)
  }
  expect_output(print(model), "Sepal.Length")
})

test_that("library(pybridge) leaves Python to the first verb, and config reports it", {
  require_python()
  config <- pybridge_config()
  expect_match(config$keras, "^3\\.")
  expect_true(any(grepl("CPU", unlist(config$devices))))
  script <- tempfile(fileext = ".R")
  writeLines(c("library(pybridge)", "cat(reticulate::py_available(initialize = FALSE))"), script)
  out <- system2(file.path(R.home("bin"), "Rscript"), script, stdout = TRUE, stderr = FALSE)
  expect_identical(tail(out, 1), "FALSE")
})

test_that("an R function as a loss trains as Keras's own loss does, and one as a metric is a history column", {
  require_python()
  # The issue: compile() took it and fit() failed deep in Keras with "non-numeric argument to binary
  # operator"; then it was refused. keras3's code passes R functions built from op_*().
  x <- matrix(seq(0, 1, length.out = 60), 20)
  y <- matrix(x %*% c(1, -2, 0.5), 20)
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(1)
  start <- get_weights(model)
  squared <- function(y_true, y_pred) op_mean(op_square(y_true - y_pred), axis = -1)
  largest <- custom_metric("largest_error", function(y_true, y_pred) op_max(op_abs(y_true - y_pred)))
  model |> compile(optimizer = optimizer_sgd(0.1), loss = squared, metrics = list("mae", largest))
  history <- fit(model, x, y, epochs = 3, batch_size = 5, shuffle = FALSE, verbose = 0)
  expect_true(all(c("loss", "mae", "largest_error") %in% names(history$metrics)))
  with_r_loss <- get_weights(model)

  set_weights(model, start)
  model |> compile(optimizer = optimizer_sgd(0.1), loss = "mse")
  fit(model, x, y, epochs = 3, batch_size = 5, shuffle = FALSE, verbose = 0)
  expect_equal(with_r_loss, get_weights(model), tolerance = 1e-5)
  expect_gt(max(abs(unlist(with_r_loss) - unlist(start))), 0.01)  # it did train
})

test_that("an R loss's error reaches fit()'s caller with its class and message, and the model stays usable", {
  require_python()
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(1)
  model |> compile(loss = function(y_true, y_pred) {
    stop(structure(class = c("my_loss_error", "error", "condition"), list(message = "this loss refuses", call = NULL)))
  })
  expect_error(fit(model, matrix(1, 4, 3), 1:4, epochs = 1, verbose = 0), "this loss refuses", class = "my_loss_error")
  model |> compile(loss = "mse")
  expect_s3_class(fit(model, matrix(1, 4, 3), 1:4, epochs = 1, verbose = 0), "pybridge_history")
})

test_that("compile() and fit() take whole doubles for Keras's integer arguments", {
  require_python()
  model <- dense_model(1)
  model |> compile(optimizer = "adam", loss = "mse", steps_per_execution = 1)
  history <- fit(model, mpg ~ wt, data = mtcars, epochs = 2, verbose = 0, steps_per_epoch = 1,
                 validation_split = 0.25, validation_freq = 2)
  expect_length(history$metrics$loss, 2)
  # Validated at epoch 2 only: one value per epoch, missing (NA) where there was no validation.
  expect_equal(is.na(history$metrics$val_loss), c(TRUE, FALSE))
})

test_that("keras_model_sequential() takes a list of layers and names its input, as keras3's", {
  require_python()
  layers <- list(layer_dense(units = 5, activation = "relu", name = "hidden"), layer_dense(units = 2, name = "out"))
  model <- keras_model_sequential(input_shape = 3, name = "stack", input_name = "features", layers = layers)
  expect_identical(dim(predict(model, matrix(0, 4, 3))), c(4L, 2L))
  expect_identical(format(shape(model$input)), "shape(NA, 3)")
  expect_error(keras_model_sequential(layers = list(layers[[1]], "dense")), "`layers` item 2 is not a layer",
               class = "pybridge_argument_error")
})

test_that("model$layers, $input(s), $output(s), $name, $dtype and $trainable read the Keras network", {
  require_python()
  model <- keras_model_sequential(input_shape = 4, name = "stack") |>
    layer_dense(5, name = "hidden") |>
    layer_dense(3, name = "out")
  expect_length(model$layers, 2)
  expect_true(all(vapply(model$layers, inherits, TRUE, "pybridge_object")))
  expect_identical(vapply(model$layers, function(layer) get_config(layer)$config$name, ""), c("hidden", "out"))
  expect_identical(model$name, "stack")
  expect_identical(model$dtype, "float32")
  expect_true(model$trainable)
  expect_length(model$inputs, 1)
  expect_length(model$outputs, 1)
  expect_identical(format(shape(model$output)), "shape(NA, 3)")
  # The model's own fields are untouched, so it still crosses to Python and fits.
  expect_true(is.numeric(model$reference))
  model$trainable <- FALSE
  expect_false(model$trainable)
  expect_false(any(vapply(model$layers, function(layer) get_config(layer)$config$trainable, TRUE)))
  model$trainable <- TRUE
  expect_error(model$layers <- list(), "read-only", class = "pybridge_argument_error")
  expect_error(model$trainable <- "no", "TRUE or FALSE", class = "pybridge_argument_error")
  expect_null(model$no_such_attribute)
  unbuilt <- keras_model_sequential() |> layer_dense(2)
  expect_error(unbuilt$input, "no `input` yet", class = "pybridge_state_error")
})

test_that("layer_input() is keras_input(), and c() of tensors and named outputs make a functional model", {
  require_python()
  input1 <- layer_input(shape = 3, name = "first")
  input2 <- keras_input(shape = 2)
  expect_identical(shape(input1), shape(NA, 3))
  inputs <- c(input1, input2)
  expect_true(is.list(inputs) && length(inputs) == 2)
  joined <- layer_concatenate(input1, input2)
  model <- keras_model(inputs = inputs, outputs = list(score = layer_dense(joined, 1), kind = layer_dense(joined, 2)))
  model |> compile(optimizer = "adam", loss = list(score = "mse", kind = loss_categorical_crossentropy()))
  expect_match(summary_text(model), "first (InputLayer)", fixed = TRUE)
  expect_error(compile(model, optimizer = "adam", loss = list(score = "mse", kind = "nonsense")),
               "unknown `loss` 'nonsense'", fixed = TRUE)
})

test_that("models R drops, overwritten in a loop or rm()'d, release their Python side (issue 17)", {
  require_python()
  py_gc <- reticulate::import("gc")
  weakref <- reticulate::import("weakref", convert = FALSE)
  dispatch <- reticulate::import("pybridge.r.dispatch", convert = FALSE)
  registered <- function(number) reticulate::py_to_r(dispatch$`_REFERENCES`$`__contains__`(number))
  patches <- reticulate::import("pybridge.vocab._keras_patches", convert = FALSE)
  builtins <- reticulate::import_builtins(convert = FALSE)
  gradients <- function() unlist(reticulate::py_to_r(builtins$sorted(patches$custom_gradients())))
  held <- fitted_iris()
  at_start <- gradients()
  networks <- list()
  numbers <- integer()
  for (seed in 1:3) {
    model <- fitted_iris(seed = seed, epochs = 2)  # the previous model is overwritten: R drops it
    predict(model, iris[1:3, ])
    networks[[seed]] <- weakref$ref(pybridge:::.pb_model_handle(model)$keras)
    numbers[seed] <- model$reference
  }
  of_dropped <- setdiff(gradients(), at_start)  # registered by their training
  expect_gt(length(of_dropped), 0)
  rm(model)
  invisible(gc())
  py_gc$collect()
  expect_false(any(vapply(numbers, registered, TRUE)))
  expect_true(all(vapply(networks, function(ref) is.null(reticulate::py_to_r(ref$`__call__`())), TRUE)))
  # The model R still holds trains and predicts afterwards; what TensorFlow kept for the dropped
  # models' training is released by then.
  fit(held, Species ~ ., data = iris, epochs = 1, verbose = 0)
  expect_length(intersect(gradients(), of_dropped), 0)
  expect_equal(nrow(predict(held, iris[1:3, ])), 3)
  expect_true(registered(held$reference))
})
