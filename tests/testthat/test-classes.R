# R/classes.R: Keras classes with R methods (keras3's Layer(), Callback(), Loss(), Metric()), run by
# Keras in real training.

# nolint start: object_usage_linter, object_name_linter. Methods see self and super (keras3's
# convention); classes have CamelCase names.

layer_scaled_dense <- function() {
  Layer("ScaledDense",
    initialize = function(units = 2, ...) {
      super$initialize(...)
      self$units <- as.integer(units)
    },
    build = function(input_shape) {
      self$w <- self$add_weight(shape = shape(input_shape[[2]], self$units), initializer = "ones")
    },
    call = function(inputs) op_matmul(inputs, self$w) * 2)
}

test_that("a Layer() with R build and call composes like layer_*() and its weights train", {
  require_python()
  layer_custom <- layer_scaled_dense()
  input <- keras_input(shape = 3)
  model <- keras_model(input, layer_custom(input, units = 1))
  expect_equal(model(matrix(1, 2, 3)), matrix(6, 2, 1), tolerance = 1e-6)  # 3 ones x weight 1 x 2
  before <- get_weights(model)[[1]]
  model |> compile(optimizer = optimizer_sgd(0.01), loss = "mse")
  fit(model, matrix(runif(30), 10), runif(10), epochs = 2, verbose = 0)
  expect_gt(max(abs(get_weights(model)[[1]] - before)), 0)  # R's build made a trainable weight
  sequential <- keras_model_sequential(input_shape = 3) |> layer_custom(units = 4)
  expect_identical(dim(sequential(matrix(1, 5, 3))), c(5L, 4L))
})

test_that("a Callback() gets Keras's hooks with self$model, 0-based epochs and logs, and keeps private state", {
  require_python()
  Stopper <- Callback("Stopper",
    on_train_begin = function(logs = NULL) {
      private$seen <- integer()
      self$losses <- NULL
    },
    on_epoch_end = function(epoch, logs = NULL) {
      private$seen <- c(private$seen, epoch)
      self$losses <- c(self$losses, logs$loss)
      if (epoch >= 2) self$model$stop_training <- TRUE
    },
    on_train_end = function(logs = NULL) self$epochs_seen <- private$seen)
  stopper <- Stopper()
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
  model |> compile(loss = "mse")
  history <- fit(model, matrix(runif(20), 10), runif(10), epochs = 10, verbose = 0, callbacks = list(stopper))
  expect_identical(as.integer(stopper$epochs_seen), 0:2)  # stop_training set from R ended it
  expect_length(history$metrics$loss, 3)
  expect_equal(as.numeric(stopper$losses), history$metrics$loss, tolerance = 1e-6)
})

test_that("Loss() and Metric() classes with R methods train, and their values are Keras's", {
  require_python()
  Halved <- Loss("HalvedSquares", call = function(y_true, y_pred) op_mean(op_square(y_true - y_pred), axis = -1) / 2)
  Total <- Metric("TotalError",
    initialize = function(...) {
      super$initialize(...)
      self$total <- self$add_weight(name = "total", initializer = "zeros")
    },
    update_state = function(y_true, y_pred, sample_weight = NULL) {
      self$total$assign_add(op_sum(op_abs(y_true - y_pred)))
    },
    result = function() self$total)
  x <- matrix(runif(16), 8)
  y <- matrix(runif(8), 8)
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
  model |> compile(optimizer = "sgd", loss = Halved(), metrics = list(Total(name = "total_error")))
  history <- fit(model, x, y, epochs = 2, verbose = 0)
  expect_identical(names(history$metrics), c("loss", "total_error"))
  result <- evaluate(model, x, y)
  predicted <- model(x)
  expect_equal(result[["loss"]], mean((y - predicted)^2) / 2, tolerance = 1e-4)
  expect_equal(result[["total_error"]], sum(abs(y - predicted)), tolerance = 1e-4)
})

test_that("an error in an R method reaches the caller with its class and message", {
  require_python()
  layer_broken <- Layer("Broken", call = function(inputs) {
    stop(structure(class = c("my_layer_error", "error", "condition"), list(message = "broken call", call = NULL)))
  })
  expect_error(layer_broken(keras_input(shape = 2)), "broken call", class = "my_layer_error")
  expect_error(Layer("not a name"), "classname", class = "pybridge_argument_error")
})

test_that("a registered R layer class saves and loads in the session, predicting the same", {
  require_python()
  layer_custom <- register_keras_serializable(layer_scaled_dense(), package = "pybridgeTests")
  input <- keras_input(shape = 3)
  model <- keras_model(input, layer_custom(input, units = 2))
  path <- tempfile(fileext = ".keras")
  save_model(model, path)
  x <- matrix(runif(9), 3)
  expect_equal(load_model(path)(x), model(x), tolerance = 1e-6)
})

test_that("a Layer() class inherits from another one given as its composing function", {
  require_python()
  layer_double <- Layer("Double", call = function(inputs) inputs * 2)
  layer_double_plus <- Layer("DoublePlus", inherit = layer_double,
                             call = function(inputs) super$call(inputs) + 1)
  expect_equal(layer_double_plus()(matrix(1, 1, 2)), matrix(3, 1, 2), tolerance = 1e-6)
})

test_that("layer_lambda() applies an R function, and a model file refuses it", {
  require_python()
  model <- keras_model_sequential(input_shape = 2) |> layer_lambda(\(x) x^2 + 1)
  expect_equal(model(matrix(1:4, 2)), matrix(c(2, 5, 10, 17), 2), tolerance = 1e-6)
  expect_error(save_model(model, tempfile(fileext = ".keras")), class = "pybridge_error")
})

test_that("an instance of a Model() class is a pybridge model: compile(), fit() and predict() take it", {
  require_python()
  Mlp <- Model("Mlp",
    initialize = function(...) {
      super$initialize(...)
      self$hidden <- layer_dense(units = 8, activation = "relu")
      self$out <- layer_dense(units = 1)
    },
    call = function(inputs) self$out(self$hidden(inputs)))
  mlp <- Mlp()
  expect_s3_class(mlp, "pybridge_model")
  mlp |> compile(optimizer = "adam", loss = "mse")
  history <- fit(mlp, matrix(runif(40), 10), runif(10), epochs = 2, verbose = 0)
  expect_length(history$metrics$loss, 2)
  expect_identical(dim(predict(mlp, matrix(runif(8), 2))), c(2L, 1L))
  # A callback's self$model is the same model, its history included.
  seen <- NULL
  Peek <- Callback("Peek", on_train_end = function(logs = NULL) seen <<- self$model)
  fit(mlp, matrix(runif(40), 10), runif(10), epochs = 1, verbose = 0, callbacks = list(Peek()))
  expect_s3_class(seen, "pybridge_model")
  expect_identical(nrow(as.data.frame(training_history(seen))), 3L)
})

# nolint end
