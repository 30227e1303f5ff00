# One generated wrapper per family (R/generated-*.R), from R end to end: in a model that trains, or on
# R arrays. The drift test (tests/python/vocab/test_generated_vocabulary.py) covers every name.

test_that("a generated layer trains in a model and refuses bad values naming itself", {
  require_python()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = c(4, 4, 1)) |>
    layer_conv_2d_transpose(filters = 2, kernel_size = 3, strides = 2, padding = "same") |>
    layer_upsampling_2d(size = 2) |>
    layer_global_max_pooling_2d() |>
    layer_dense(1)
  model |> compile(optimizer = "adam", loss = "mse")
  x <- array(runif(8 * 16), c(8, 4, 4, 1))
  before <- get_weights(model)
  fit(model, x, rowSums(x), epochs = 1, batch_size = 4, verbose = 0)
  expect_false(isTRUE(all.equal(before, get_weights(model))))
  expect_match(summary_text(model), "(None, 16, 16, 2)", fixed = TRUE)
  expect_error(layer_conv_2d_transpose(filters = 2), "layer_conv_2d_transpose() needs `kernel_size`",
               fixed = TRUE, class = "pybridge_argument_error")
  expect_error(layer_conv_2d_transpose(filters = 2, kernel_size = 3, dilation_rate = "wide"),
               class = "pybridge_argument_error")
})

test_that("merge layers take a list of tensors", {
  require_python()
  a <- keras_input(shape = 3)
  b <- keras_input(shape = 3)
  model <- keras_model(list(a, b), layer_concatenate(list(layer_add(list(a, b)), layer_average(list(a, b)))))
  expect_match(summary_text(model), "(None, 6)", fixed = TRUE)
})

test_that("ops and random functions run on R arrays, counting axes from 1 as keras3 does", {
  require_python()
  x <- array(as.numeric(1:6), c(2, 3))
  expect_equal(dim(op_expand_dims(x, axis = 1)), c(1L, 2L, 3L))
  expect_equal(op_sum(x, axis = 1), colSums(x))
  expect_equal(op_matmul(x, t(x)), x %*% t(x), tolerance = 1e-6)
  expect_equal(dim(op_ones(c(2, 3))), c(2L, 3L))
  expect_equal(dim(random_normal(c(2, 5), seed = 1)), c(2L, 5L))
  expect_true(all(random_integer(10, minval = 0, maxval = 3, seed = 1) %in% 0:2))
  expect_error(op_expand_dims(x, axis = 0), "op_expand_dims(): `axis` counts from 1", fixed = TRUE,
               class = "pybridge_argument_error")
  # On a symbolic tensor an op gives a tensor, which builds a functional model.
  input <- keras_input(shape = 3)
  output <- op_expand_dims(layer_dense(input, 2), axis = 2)
  expect_s3_class(output, "pybridge_object")
  expect_match(summary_text(keras_model(input, output)), "(None, 1, 2)", fixed = TRUE)
})

test_that("activation_relu works on an array and as a layer's activation", {
  require_python()
  expect_equal(activation_relu(c(-1, 2)), c(0, 2))
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(2, activation = activation_relu)
  weights <- get_weights(model)
  weights[[1]][] <- c(1, 0, 0, -1)
  set_weights(model, weights)
  expect_equal(unname(as.matrix(predict(model, matrix(c(1, 2), 1)))), matrix(c(1, 0), 1), tolerance = 1e-6)
})

test_that("initializer, regularizer and constraint objects go into a layer", {
  require_python()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 3) |>
    layer_dense(2, kernel_initializer = initializer_constant(0.5), bias_initializer = initializer_he_normal(seed = 1),
                kernel_regularizer = regularizer_l2(0.1), kernel_constraint = constraint_nonneg())
  expect_equal(get_weights(model)[[1]], matrix(0.5, 3, 2))
  model |> compile(optimizer = optimizer_sgd(learning_rate = 10), loss = "mse")
  x <- matrix(rnorm(24), 8, 3)
  fit(model, x, cbind(-rowSums(x), -rowSums(x)), epochs = 2, verbose = 0)
  expect_true(all(get_weights(model)[[1]] >= 0))  # the constraint held under a large step
})

test_that("generated metric, loss, schedule and callback objects work in compile and fit", {
  require_python()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(1, activation = "sigmoid")
  schedule <- learning_rate_schedule_exponential_decay(0.1, decay_steps = 1, decay_rate = 0.5)
  model |> compile(optimizer = optimizer_adam(learning_rate = schedule), loss = loss_binary_focal_crossentropy(),
                   metrics = list(metric_true_positives(), metric_binary_accuracy()))
  x <- matrix(rnorm(30), 10, 3)
  history <- fit(model, x, as.numeric(x[, 1] > 0), epochs = 2, verbose = 0,
                 callbacks = list(callback_terminate_on_nan()))
  expect_true(all(c("true_positives", "binary_accuracy") %in% names(history$metrics)))
  expect_equal(metric_binary_accuracy(y_true = c(1, 0), y_pred = c(0.9, 0.8)), 0.5)
  expect_equal(loss_huber(y_true = c(0, 0), y_pred = c(1, 3)), 1.5, tolerance = 1e-6)
})

test_that("ops take keras3's own arguments: op_arange() as seq(), op_one_hot() from 1, op_einsum()'s operands", {
  require_python()
  expect_equal(op_arange(5), 1:5)
  expect_equal(op_arange(21, 40), 21:40)
  expect_equal(op_arange(0, 3, include_end = FALSE), 0:2)
  expect_equal(dim(op_arange(20) |> op_reshape(c(2, 2, 5))), c(2L, 2L, 5L))
  x <- op_array(c(2, 4, 3, 1), "int32")
  expected <- diag(4)[c(2, 4, 3, 1), ]
  expect_equal(op_one_hot(x, num_classes = 4), expected)
  expect_equal(op_one_hot(x - 1, num_classes = 4, zero_indexed = TRUE), expected)
  a <- matrix(1:25, 5)
  expect_equal(op_einsum("ii", a), sum(diag(a)))
  expect_equal(op_einsum("ii -> i", a), diag(a))
})

test_that("a named vector reaches Keras as a dict, where Keras takes one (keras3's convention)", {
  require_python()
  layer <- layer_batch_normalization(renorm = TRUE, renorm_clipping = c(rmax = 2, rmin = 0.5, dmax = 1))
  clipping <- get_config(layer)$config$renorm_clipping
  expect_equal(clipping[c("rmax", "rmin", "dmax")], list(rmax = 2, rmin = 0.5, dmax = 1))
})

test_that("ops that take functions run R functions, with keras3's answers and argument order", {
  require_python()
  expect_equal(op_map(op_arange(1, 3), function(x) x * 2), c(2, 4, 6))
  squares <- op_map(c(1, 2, 3), function(x) list(y1 = x^2, y2 = x * 10))
  expect_equal(squares$y1, c(1, 4, 9))
  expect_equal(squares$y2, c(10, 20, 30))
  expect_equal(op_cond(TRUE, function() 1, function() 2), 1)
  expect_equal(op_cond(FALSE, function() 1, function() 2), 2)
  expect_equal(unlist(op_while_loop(function(i) i < 10, function(i) list(i + 1), list(0))), 10)
  expect_equal(op_while_loop(function(i) i < 10, function(i) i + 1, 0), 10)
  expect_equal(op_fori_loop(0, 10, function(i, x) x + i, 0), 45)
  # keras3's op_scan() example: the carry and the stacked outputs; R's doubles enter as float32.
  scanned <- op_scan(function(carry, x) list(carry + x, carry + x), 0, c(1, 2, 3, 4, 5))
  expect_equal(scanned[[1]], 15)
  expect_equal(as.vector(scanned[[2]]), c(1, 3, 6, 10, 15))
  # keras3's op_switch(): branches counted from 1, the index clamped, operands in `...`.
  branches <- list(function(x, y) x + y, function(x, y) x - y)
  expect_equal(c(op_switch(1, branches, 2, 0.5), op_switch(2, branches, 2, 0.5), op_switch(5, branches, 2, 0.5)),
               c(2.5, 1.5, 1.5))
  rows <- matrix(0:11, 3, byrow = TRUE)
  expect_equal(op_vectorized_map(rows, function(row) row + 10), rows + 10)
  expect_equal(as.vector(op_associative_scan(function(a, b) a + b, c(1, 2, 3, 4))), c(1, 3, 6, 10))
  expect_error(op_map(c(1, 2), function(x) stop("no such thing")), "no such thing")
})

test_that("op_custom_gradient() makes an op whose R gradient Keras uses in training", {
  require_python()
  grads <- new.env()
  grads$calls <- 0
  log1pexp <- op_custom_gradient(function(x) {
    e <- op_exp(x)
    list(op_log(1 + e), function(upstream) {
      grads$calls <- grads$calls + 1
      upstream * (1 - 1 / (1 + e))
    })
  })
  expect_equal(log1pexp(c(0, 1)), log1p(exp(c(0, 1))), tolerance = 1e-6)
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 2) |>
    layer_lambda(function(x) log1pexp(x)) |> layer_dense(units = 1)
  model |> compile(loss = "mse", optimizer = "sgd")
  before <- get_weights(model)
  fit(model, matrix(runif(20), 10), runif(10), epochs = 1, verbose = 0)
  expect_gt(grads$calls, 0)
  expect_false(isTRUE(all.equal(before, get_weights(model))))
})

test_that("metric_mean_wrapper() takes an R function, as a metric in fit() and on values", {
  require_python()
  abs_error <- function(y_true, y_pred) op_mean(op_abs(y_true - y_pred), axis = -1)
  expect_equal(metric_mean_wrapper(fn = abs_error, y_true = c(0, 1), y_pred = c(0.5, 0.25)), 0.625)
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(units = 1)
  model |> compile(loss = "mse", optimizer = "sgd",
                   metrics = list(metric_mean_wrapper(fn = abs_error, name = "my_mae"), "mae"))
  x <- matrix(runif(20), 10)
  fit(model, x, runif(10), epochs = 1, verbose = 0)
  scores <- evaluate(model, x, runif(10))
  expect_equal(scores$my_mae, scores$mae, tolerance = 1e-6)
})

test_that("R's doubles reach Keras as whole numbers or shapes where Keras wants them", {
  require_python()
  images <- array(seq(0, 1, length.out = 48), c(1, 4, 4, 3))
  expect_equal(dim(layer_adaptive_average_pooling_2d(output_size = 2)(images)), c(1L, 2L, 2L, 3L))
  expect_equal(dim(random_categorical(matrix(0, 2, 3), num_samples = 4, seed = 1)), c(2L, 4L))
  expect_equal(op_pad(c(1, 2, 3), pad_width = 1), c(0, 1, 2, 3, 0))
  expect_equal(dim(layer_einsum_dense(equation = "ab,bc->ac", output_shape = 4)(matrix(1, 2, 3))), c(2L, 4L))
})
