# The talk's hand-built network: four half-plane detectors and an output that fires only when all
# four do, i.e. inside the unit square. Weights are set by hand; the model is never fitted.
square_detector <- function(steepness = 50) {
  model <- keras_model_sequential(input_shape = 2) |>
    layer_dense(4, activation = "sigmoid") |>
    layer_dense(1, activation = "sigmoid")
  detectors <- cbind(c(0, 1), c(-1, 0), c(0, -1), c(1, 0))  # y >= 0, x <= 1, y <= 1, x >= 0
  thresholds <- c(0, -1, -1, 0)
  set_weights(model, list(steepness * detectors, -steepness * thresholds,
                          matrix(steepness, 4, 1), -steepness * 3.5))
}

test_that("the hand-built square detector classes points inside [0,1]^2 as inside, others not", {
  require_python()
  model <- square_detector()
  inside <- rbind(c(0.5, 0.5), c(0.1, 0.9), c(0.9, 0.1), c(0.2, 0.3))
  outside <- rbind(c(1.5, 0.5), c(-0.2, 0.5), c(0.5, 1.3), c(0.5, -0.4), c(2, 2), c(-1, -1))
  expect_true(all(predict(model, inside) > 0.99))  # a matrix in, the network's outputs as a matrix
  expect_true(all(predict(model, outside) < 0.01))
  expect_equal(dim(get_weights(model)[[1]]), c(2, 4))  # inputs x units, as in Keras
  expect_equal(get_weights(model)[[1]][, 2], c(-50, 0))
  expect_equal(get_weights(model)[[2]], c(0, 50, 50, 0))
})

test_that("set_weights checks shapes and counts, naming the layer, and leaves the model unchanged", {
  require_python()
  model <- square_detector()
  w <- get_weights(model)
  expect_error(set_weights(model, list(t(w[[1]]), w[[2]], w[[3]], w[[4]])),
               "layer dense.*\\(2, 4\\)", class = "pybridge_argument_error")
  expect_error(set_weights(model, w[1:3]), "4 weight arrays", class = "pybridge_argument_error")
  expect_error(set_weights(model, w[[1]]), class = "pybridge_argument_error")
  expect_equal(get_weights(model), w)
  unbuilt <- keras_model_sequential() |> layer_dense(2)
  expect_error(get_weights(unbuilt), "built", class = "pybridge_state_error")
})

test_that("an unfitted model predicts raw outputs from arrays, refuses data frames, and trains later", {
  require_python()
  model <- square_detector()
  expect_error(predict(model, data.frame(a = 1, b = 2)), "fit", class = "pybridge_state_error")
  expect_error(predict(model, rbind(c(1, 2)), type = "class"), class = "pybridge_state_error")
  model |> compile(optimizer = "adam", loss = "binary_crossentropy")
  points <- rbind(c(0.5, 0.5), c(2, 2), c(0.2, 0.7), c(-1, 0.5))
  fit(model, points, factor(c("in", "out", "in", "out"), levels = c("out", "in")), epochs = 1, verbose = 0)
  expect_equal(as.character(predict(model, points, type = "class")$.pred_class), c("in", "out", "in", "out"))
})

test_that("save_model_weights() writes the weights alone, and load_model_weights() reads them back", {
  require_python()
  dir <- withr::local_tempdir()
  model <- fitted_iris()
  path <- file.path(dir, "iris.weights.h5")
  expect_invisible(save_model_weights(model, path))
  twin <- iris_classifier(seed = 9)
  expect_false(identical(get_weights(twin), get_weights(model)))
  load_model_weights(twin, path)
  expect_identical(get_weights(twin), get_weights(model))
  # Weights only: the twin has no preprocessing until it is fitted.
  expect_error(predict(twin, iris), "fit", class = "pybridge_state_error")
  expect_error(save_model_weights(model, path), "exists; pass overwrite", class = "pybridge_argument_error")
  save_model_weights(model, path, overwrite = TRUE)
  expect_error(save_model_weights(model, file.path(dir, "iris.h5")), "\\.weights\\.h5",
               class = "pybridge_argument_error")
  other <- keras_model_sequential(input_shape = 4) |> layer_dense(2)
  expect_error(load_model_weights(other, path), "does not fit this model's layers", class = "pybridge_input_error")
})

test_that("save_model_weights(max_shard_size =) shards the weights as keras3 does, and they load back whole", {
  require_python()
  dir <- withr::local_tempdir()
  model <- keras_model_sequential(input_shape = 20) |> layer_dense(64) |> layer_dense(8)
  path <- file.path(dir, "net.weights.json")
  # 6e-6 GB is about 6 kB: the 20 x 64 kernel (5 kB) and the 64 x 8 one (2 kB) go to separate shards.
  save_model_weights(model, path, max_shard_size = 6e-6)
  expect_gte(length(list.files(dir, "^net_.*\\.weights\\.h5$")), 2L)
  twin <- keras_model_sequential(input_shape = 20) |> layer_dense(64) |> layer_dense(8)
  load_model_weights(twin, path)
  expect_identical(get_weights(twin), get_weights(model))
  expect_error(save_model_weights(model, file.path(dir, "one.weights.h5"), max_shard_size = 1),
               "\\.weights\\.json", class = "pybridge_argument_error")
})

test_that("get_state_tree() is keras3's nested list of every variable, its leaves R arrays", {
  require_python()
  # keras3's ?get_state_tree example: fit() on one row (an array; keras3 trains on it).
  model <- keras_model_sequential(name = "my_sequential", input_shape = c(1), input_name = "my_input") |>
    layer_dense(1, activation = "sigmoid", name = "my_dense")
  model |> compile(optimizer = "adam", loss = "mse", metrics = c("mae"))
  model |> fit(matrix(1), matrix(1), epochs = 2, verbose = 0)
  state <- get_state_tree(model)
  expect_named(state, c("trainable_variables", "non_trainable_variables", "optimizer_variables",
                        "metrics_variables"))
  kernel <- state$trainable_variables$my_sequential$my_dense$kernel
  expect_identical(dim(kernel), c(1L, 1L))
  expect_equal(kernel, get_weights(model)[[1]])
  expect_setequal(names(state$metrics_variables), c("loss", "mean_absolute_error"))
  expect_error(get_state_tree(model, "array"), "should be one of")
  expect_error(get_state_tree(keras_model_sequential()), "built model", class = "pybridge_state_error")
})
