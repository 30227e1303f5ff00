# Every layer_*() trains at least one step from R; shapes are read from the model's summary.

changed <- function(before, after) any(mapply(function(a, b) any(a != b), before, after))

train_step <- function(model, x, y, loss = "mse") {
  model |> compile(optimizer = "adam", loss = loss)
  before <- get_weights(model)
  fit(model, x, y, epochs = 1, batch_size = 4, verbose = 0)
  expect_true(changed(before, get_weights(model)))
  model
}

shows <- function(model, ...) {
  text <- summary_text(model)
  for (pattern in c(...)) expect_match(text, pattern, fixed = TRUE)
}

test_that("dense, every activation, dropout and batch normalization train", {
  require_python()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(4, use_bias = TRUE)
  for (activation in c("relu", "relu6", "elu", "selu", "gelu", "leaky_relu", "tanh", "sigmoid", "softmax",
                       "linear")) {
    model |> layer_activation(activation)
  }
  model |> layer_dropout(rate = 0.1, seed = 1) |> layer_batch_normalization() |> layer_dense(1)
  x <- matrix(rnorm(24), 8, 3)
  moving <- get_weights(model, trainable = FALSE)
  train_step(model, x, rowSums(x))
  shows(model, "(Activation)", "(Dropout)", "(BatchNormalization)", "(None, 4)", "Trainable params: 29",
        "Non-trainable params: 8")
  expect_length(moving, 2)  # moving mean and variance, updated by training but not trainable
  expect_false(isTRUE(all.equal(moving, get_weights(model, trainable = FALSE))))
  expect_error(layer_activation(model, "swoosh"), class = "pybridge_argument_error")
})

test_that("conv_2d with valid and same padding, 2-d pooling, flatten and reshape train", {
  require_python()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 36) |>
    layer_reshape(target_shape = c(6, 6, 1)) |>
    layer_conv_2d(filters = 4, kernel_size = 3, padding = "same", activation = "relu") |>
    layer_max_pooling_2d(pool_size = 2) |>
    layer_conv_2d(filters = 3, kernel_size = c(2, 2), strides = 1, padding = "valid") |>
    layer_average_pooling_2d(pool_size = 2) |>
    layer_flatten() |>
    layer_dense(1)
  x <- matrix(runif(8 * 36), 8, 36)
  train_step(model, x, rowMeans(x))
  shows(model, "(None, 6, 6, 1)", "(None, 6, 6, 4)", "(None, 3, 3, 4)", "(None, 2, 2, 3)",
        "(None, 1, 1, 3)", "(None, 3)")
  expect_error(layer_conv_2d(model, filters = 2, kernel_size = 3, padding = "full"),
               class = "pybridge_argument_error")
})

test_that("global 2-d pooling trains in a functional model and a sequential one", {
  require_python()
  set_random_seed(1)
  images <- array(runif(8 * 5 * 5 * 2), c(8, 5, 5, 2))
  input <- keras_input(shape = c(5, 5, 2))
  output <- input |> layer_conv_2d(filters = 3, kernel_size = 3) |> layer_global_average_pooling_2d() |>
    layer_dense(1)
  functional <- keras_model(input, output)
  train_step(functional, images, runif(8))
  shows(functional, "(None, 3, 3, 3)", "GlobalAveragePooling2D")
  expect_equal(dim(as.matrix(predict(functional, images))), c(8, 1))

  sequential <- keras_model_sequential(input_shape = c(5, 5, 2)) |>
    layer_conv_2d(filters = 3, kernel_size = 2) |> layer_global_max_pooling_2d() |> layer_dense(1)
  train_step(sequential, images, runif(8))
  shows(sequential, "(None, 4, 4, 3)", "GlobalMaxPooling2D")
})

test_that("conv_1d and 1-d pooling train on sequences with an unknown length", {
  require_python()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = c(NA, 2)) |>
    layer_conv_1d(filters = 3, kernel_size = 2, padding = "same", activation = "relu") |>
    layer_max_pooling_1d(pool_size = 2) |>
    layer_average_pooling_1d(pool_size = 2) |>
    layer_global_average_pooling_1d() |>
    layer_dense(1)
  x <- array(runif(8 * 8 * 2), c(8, 8, 2))
  train_step(model, x, runif(8))
  shows(model, "(None, None, 3)", "MaxPooling1D", "AveragePooling1D", "GlobalAveragePooling1D")
})

test_that("embedding, lstm and gru train on integer sequences", {
  require_python()
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 5) |>
    layer_embedding(input_dim = 10, output_dim = 4) |>
    layer_lstm(units = 3, return_sequences = TRUE) |>
    layer_gru(units = 2) |>
    layer_dense(2, activation = "softmax")
  codes <- matrix(sample(0:9, 40, replace = TRUE), 8, 5)
  y <- factor(rep(c("a", "b"), 4))
  train_step(model, codes, y, loss = "sparse_categorical_crossentropy")
  shows(model, "(None, 5, 4)", "(None, 5, 3)", "(None, 2)", "LSTM", "GRU", "Embedding")
  expect_equal(levels(predict(model, codes, type = "class")$.pred_class), c("a", "b"))
})

test_that("a functional model trains on a data frame through a formula and predicts classes", {
  require_python()
  set_random_seed(2)
  input <- keras_input(shape = 4, name = "measurements")
  output <- input |> layer_dense(6, activation = "relu") |> layer_dense(3, activation = "softmax")
  model <- keras_model(input, output, name = "iris_functional")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  history <- fit(model, Species ~ ., data = iris[c(1:5, 51:55, 101:105), ], epochs = 1, verbose = 0)
  expect_equal(history$params$samples, 15)
  expect_equal(levels(predict(model, iris[1:3, ])$.pred_class), levels(iris$Species))
  shows(model, "iris_functional", "measurements (InputLayer)", "Species: classification over 3 classes")
  expect_error(keras_model(input, "not a tensor"), "outputs", class = "pybridge_argument_error")
})

test_that("merge layers take more inputs unnamed, as keras3's layer_add(x1, x2), and train", {
  require_python()
  set_random_seed(1)
  input1 <- keras_input(shape = 4)
  input2 <- keras_input(shape = 4)
  added <- layer_add(input1, input2)
  joined <- layer_concatenate(input1 |> layer_dense(3), added, axis = -1)
  model <- keras_model(inputs = c(input1, input2), outputs = layer_dense(joined, 1))
  shows(model, "(Add)", "(Concatenate)", "(None, 7)")
  expect_error(layer_flatten(input1, NULL, input2), "layer_flatten() takes one input", fixed = TRUE)
  # One input through two branches merged again trains as any model.
  input <- keras_input(shape = 4)
  merged <- input |> layer_dense(3) |> layer_add(layer_dense(input, 3)) |> layer_dense(1)
  x <- matrix(rnorm(32), 8, 4)
  train_step(keras_model(input, merged), x, rowSums(x))
})

test_that("a layer applied to an R array runs at once and gives an R array", {
  require_python()
  x <- array(runif(4 * 10 * 8), c(4, 10, 8))
  y <- x |> layer_conv_1d(filters = 5, kernel_size = 3, activation = "relu")
  expect_true(is.array(y))
  expect_identical(dim(y), c(4L, 8L, 5L))
  expect_true(all(y >= 0))
  expect_equal(layer_global_average_pooling_1d(x), apply(x, c(1, 3), mean), tolerance = 1e-5)
  expect_equal(layer_add(array(1, c(1, 2, 3)), array(2, c(1, 2, 3))), array(3, c(1, 2, 3)))
})

test_that("layer_reshape() infers one size from -1", {
  require_python()
  x <- keras_input(shape = 12)
  expect_identical(shape(layer_reshape(x, c(-1, 2, 2))), shape(NA, 3, 2, 2))
  expect_error(layer_reshape(x, c(-1, -1, 3)), "one -1 or NA")
})
