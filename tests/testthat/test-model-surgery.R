# keras3's model surgery (R/model-surgery.R): layers by name or R position, pop_layer(), freezing,
# clones and configurations.

stack <- function() {
  set_random_seed(3)
  keras_model_sequential(input_shape = 4) |>
    layer_dense(5, activation = "relu", name = "hidden") |>
    layer_dense(3, activation = "softmax", name = "out")
}

layer_name <- function(layer) get_config(layer)$config$name

test_that("get_layer() finds layers by name and by R's positions, from 1 and from the end", {
  require_python()
  model <- stack()
  expect_identical(layer_name(get_layer(model, "out")), "out")
  expect_identical(layer_name(get_layer(model, index = 1)), "hidden")
  expect_identical(layer_name(get_layer(model, index = -1)), "out")
  expect_error(get_layer(model, "nope"), "no layer 'nope'; its layers are hidden, out",
               class = "pybridge_argument_error")
  expect_error(get_layer(model, index = 3), "out of range", class = "pybridge_argument_error")
  expect_error(get_layer(model, index = 0), "position \\(1, 2, ...", class = "pybridge_argument_error")
})

test_that("pop_layer() removes the last layer, and a fitted model trains a new head on its kept weights", {
  require_python()
  model <- stack()
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0)
  hidden <- get_weights(model)[1:2]
  expect_identical(layer_name(pop_layer(model)), "out")
  expect_length(model$layers, 1)
  expect_identical(get_weights(model), hidden)
  model |> layer_dense(1)
  model |> compile(optimizer = "adam", loss = "mse")
  model |> fit(iris[1:4], iris$Sepal.Width * 10, epochs = 1, verbose = 0)  # a new outcome, learnt afresh
  expect_named(predict(model, iris[1:4]), ".pred")
})

test_that("freeze_weights() keeps a range of layers fixed through fit(), unfreeze_weights() releases it", {
  require_python()
  model <- stack()
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  expect_invisible(freeze_weights(model, from = 1, to = "hidden"))
  before <- get_weights(model)
  model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0)
  after <- get_weights(model)
  expect_identical(after[[1]], before[[1]])  # hidden: frozen
  expect_false(identical(after[[3]], before[[3]]))  # out: trained
  unfreeze_weights(model)  # compiled again by pybridge: no compile() needed before the next fit
  model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0)
  expect_false(identical(get_weights(model)[[1]], before[[1]]))
  freeze_weights(model, from = -1)  # the last layer frozen, the others trainable
  trainable <- vapply(model$layers, function(layer) get_config(layer)$config$trainable, TRUE)
  expect_identical(trainable, c(TRUE, FALSE))
})

test_that("clone_model() and from_config(get_config()) copy the architecture with fresh weights", {
  require_python()
  model <- stack()
  twin <- clone_model(model)
  expect_identical(vapply(twin$layers, layer_name, ""), c("hidden", "out"))
  expect_false(identical(get_weights(twin)[[1]], get_weights(model)[[1]]))
  config <- get_config(model)
  expect_identical(config$class_name, "Sequential")
  # Plain data: it survives saveRDS() / readRDS() and still makes the model.
  file <- withr::local_tempfile(fileext = ".rds")
  saveRDS(config, file)
  rebuilt <- from_config(readRDS(file))
  expect_s3_class(rebuilt, "pybridge_model")
  expect_identical(vapply(rebuilt$layers, function(layer) get_config(layer)$config$units, 1L), c(5L, 3L))
  expect_identical(get_config(from_config(get_config(get_layer(model, "out"))))$config$activation, "softmax")
  expect_error(from_config(list(units = 3)), "what get_config\\(\\) returns", class = "pybridge_argument_error")
})

test_that("serialize_keras_object() gives keras3's config list and deserialize_keras_object() the object back", {
  require_python()
  config <- serialize_keras_object(regularizer_l1(0.005))
  expect_identical(config$class_name, "L1")
  expect_equal(config$config$l1, 0.005, tolerance = 1e-6)  # a float32
  again <- deserialize_keras_object(config)
  expect_s3_class(again, "pybridge_object")
  expect_output(print(again), "<pybridge L1>")
  # The object works where a regularizer goes, and a model's config comes back as a model.
  model <- keras_model_sequential(input_shape = 3) |> layer_dense(2, kernel_regularizer = again)
  expect_s3_class(deserialize_keras_object(serialize_keras_object(model)), "pybridge_model")
  expect_error(deserialize_keras_object(list(l1 = 0.1)), "class_name", class = "pybridge_error")
})
