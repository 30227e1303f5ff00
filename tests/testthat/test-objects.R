# R/objects.R: Keras objects R holds are used as keras3 users use them (called, `$`, `$<-`, tensor
# operators, `[`, as.array()), each through the one bridge.

test_that("a layer is an R function: called on an array it gives values, on a tensor a tensor", {
  require_python()
  dense <- layer_dense(units = 3, kernel_initializer = "ones", bias_initializer = "zeros")
  out <- dense(matrix(1, 2, 4))
  expect_equal(out, matrix(4, 2, 3), tolerance = 1e-6)  # inputs x ones: each unit sums 4 ones
  input <- keras_input(shape = 4)
  symbolic <- dense(input)
  expect_s3_class(symbolic, "pybridge_tensor")
  expect_identical(dim(symbolic), c(NA_integer_, 3L))
  model <- keras_model(input, symbolic)
  expect_equal(model(matrix(1, 2, 4)), matrix(4, 2, 3), tolerance = 1e-6)  # the same layer, shared
})

test_that("`$` reads Keras attributes, `$<-` sets them, and Keras's own checks answer in R", {
  require_python()
  dense <- layer_dense(units = 2)
  dense(matrix(1, 1, 3))  # built on first call
  expect_length(dense$weights, 2)
  expect_identical(dim(as.array(dense$weights[[1]])), c(3L, 2L))
  expect_true(dense$trainable)
  dense$trainable <- FALSE
  expect_false(dense[["trainable"]])
  expect_true("get_config" %in% names(dense))
  expect_null(dense$no_such_thing)  # as R's `$` on a list, and reticulate's on a Python object
  expect_error(dense$weights[[1]](), "cannot be called", class = "pybridge_argument_error")
  expect_output(print(dense), "Dense")
})

test_that("a metric object's methods are R functions, as keras3's m$update_state()", {
  require_python()
  m <- metric_binary_accuracy()
  m$update_state(c(1, 0, 1, 1), c(0.9, 0.1, 0.2, 0.8))
  expect_equal(as.numeric(m$result()), 0.75)
  m$reset_state()
  expect_equal(as.numeric(m$result()), 0)
})

test_that("tensors take R's operators, `[` with 1-based positions, dim() and as.array()", {
  require_python()
  dense <- layer_dense(units = 3, use_bias = FALSE)
  dense(matrix(1, 1, 2))
  set_weights(dense, list(matrix(as.numeric(1:6), 2)))
  x <- dense$weights[[1]]  # a variable: a tensor with values
  expect_s3_class(x, "pybridge_tensor")
  values <- matrix(as.numeric(1:6), 2)
  expect_equal(as.array(x), values)
  expect_equal(x * 2 + 1, values * 2 + 1)  # concrete results come back as R arrays
  expect_equal(-x, -values)
  expect_identical(x > 3, values > 3)
  expect_equal(x[2, ], c(2, 4, 6))
  expect_equal(x[, c(1, 3)], matrix(c(1, 2, 5, 6), 2))
  expect_equal(x[1, 2], 3)
  expect_equal(as.numeric(x), as.numeric(1:6))
  expect_error(x[0, 1], "1-based", class = "pybridge_argument_error")
  input <- keras_input(shape = c(5, 3))
  expect_identical(dim(input[, 2:4, 1] / 2), c(NA_integer_, 3L))  # symbolic: shapes only
  expect_error(as.array(input), "no values", class = "pybridge_argument_error")
})

test_that("a model is an R function too, giving what predict() gives on an array", {
  require_python()
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(2)
  x <- matrix(runif(12), 4)
  expect_equal(model(x), predict(model, x), tolerance = 1e-6)
  expect_identical(model$layers[[1]]$units, 2L)
})

test_that("the Python object lives while R holds it and is released when R drops it", {
  require_python()
  weakref <- reticulate::import("weakref", convert = FALSE)
  dense <- layer_dense(units = 2)
  probe <- weakref$ref(pybridge:::.pb_handle(dense))
  invisible(gc())
  alive <- function() !is.null(reticulate::py_to_r(probe$`__call__`()))
  expect_true(alive())
  rm(dense)
  invisible(gc())
  reticulate::import("gc")$collect()  # a Keras layer holds reference cycles, which Python's collector frees
  expect_false(alive())
})
