# keras3's data helpers (R/helpers.R): unpacking, pipes, row-major reshapes, one-hot labels, padded
# sequences, unit norms and shapes.

test_that("%<-% unpacks lists and vectors, nested as keras3's dataset_*() results are", {
  c(a, b) %<-% list(1, "two")
  expect_identical(list(a, b), list(1, "two"))
  data <- list(train = list(x = 1:3, y = 4:6), test = list(x = 7:8, y = 9:10))
  c(c(x_train, y_train), c(x_test, y_test)) %<-% data
  expect_identical(list(x_train, y_train, x_test, y_test), list(1:3, 4:6, 7:8, 9:10))
  c(first, ...rest) %<-% 1:4
  expect_identical(first, 1L)
  expect_identical(rest, list(2L, 3L, 4L))
  c(., second, .) %<-% c(10, 20, 30)
  expect_identical(second, 20)
  expect_false(exists(".", inherits = FALSE))
  expect_error(c(p, q) %<-% list(1, 2, 3), "expects 2 values, but there are 3")
  expect_error(c(p, c(q, r)) %<-% list(1, list(2)), "expects 2 values, but there is 1")
  expect_error(c(p, "q") %<-% list(1, 2), "must be a name")
})

test_that("the magrittr pipes are re-exported", {
  expect_identical(c(4, 9) %>% sqrt(), c(2, 3))
  x <- c(4, 9)
  x %<>% sqrt()
  expect_identical(x, c(2, 3))
})

test_that("array_reshape() reads and writes values row by row, as NumPy and keras3 do", {
  x <- matrix(1:6, nrow = 2, byrow = TRUE)  # rows 1 2 3 / 4 5 6
  expect_identical(array_reshape(x, c(3, 2)), matrix(1:6, nrow = 3, byrow = TRUE))
  expect_identical(array_reshape(x, 6), array(1:6, 6))
  expect_identical(array_reshape(x, c(-1, 3)), x)
  expect_identical(array_reshape(x, c(3, 2), order = "F"), array(c(1L, 4L, 2L, 5L, 3L, 6L), c(3, 2)))  # as dim<-
  # An image flattened for a dense layer: pixel (r, c) of 28 x 28 lands at column (r - 1) * 28 + c.
  images <- array(0, c(2, 28, 28))
  images[2, 3, 5] <- 1
  flat <- array_reshape(images, c(2, 784))
  expect_identical(which(flat[2, ] == 1), (3L - 1L) * 28L + 5L)
  expect_identical(array_reshape(flat, c(2, 28, 28)), images)
  expect_error(array_reshape(x, c(4, 2)), "cannot reshape 6 values")
})

test_that("to_categorical() gives one-hot rows from labels from 0, and from a factor's levels", {
  require_python()
  expect_identical(to_categorical(c(0, 2, 1)), rbind(c(1, 0, 0), c(0, 0, 1), c(0, 1, 0)))
  expect_identical(dim(to_categorical(c(1, 0), num_classes = 4)), c(2L, 4L))
  species <- to_categorical(iris$Species)
  expect_identical(dim(species), c(150L, 3L))
  expect_identical(max.col(species), as.integer(iris$Species))
  expect_error(to_categorical(c(1.5, 0)), "class labels 0, 1, 2", class = "pybridge_argument_error")
})

test_that("pad_sequences() pads and cuts as keras3's does, one-element sequences included", {
  require_python()
  sequences <- list(1, c(2, 3), c(4, 5, 6))
  expect_identical(pad_sequences(sequences), rbind(c(0L, 0L, 1L), c(0L, 2L, 3L), c(4L, 5L, 6L)))
  expect_identical(pad_sequences(sequences, padding = "post")[1, ], c(1L, 0L, 0L))
  expect_identical(pad_sequences(sequences, maxlen = 2)[3, ], c(5L, 6L))
  expect_identical(pad_sequences(sequences, maxlen = 2, truncating = "post")[3, ], c(4L, 5L))
  expect_identical(pad_sequences(sequences, value = -1)[1, ], c(-1L, -1L, 1L))
  expect_error(pad_sequences(sequences, padding = "end"), "`padding` must be one of", class = "pybridge_argument_error")
  expect_error(pad_sequences(1:3), "list of numeric vectors", class = "pybridge_argument_error")
})

test_that("normalize() scales to unit norm along R's axis numbers", {
  require_python()
  x <- rbind(c(3, 4), c(0, 0), c(1, 0))
  expect_equal(normalize(x), rbind(c(0.6, 0.8), c(0, 0), c(1, 0)))  # rows; zero rows stay zero
  by_column <- normalize(x, axis = 1)
  expect_equal(sqrt(colSums(by_column^2)), c(1, 1))
  expect_equal(by_column[, 1], x[, 1] / sqrt(10))
  expect_equal(rowSums(abs(normalize(x, order = 1))), c(1, 0, 1))
  expect_error(normalize(x, axis = 3), "out of range", class = "pybridge_argument_error")
})

test_that("shape() builds shapes, reads arrays and tensors, and is taken where shapes are", {
  expect_identical(format(shape(28, NA, 3)), "shape(28, NA, 3)")
  expect_identical(unclass(shape(NULL, 2, -1)), list(NULL, 2L, NULL))
  expect_identical(unlist(shape(array(0, c(2, 3)), 4)), c(2L, 3L, 4L))
  require_python()
  input <- keras_input(shape = shape(8, 3))
  expect_identical(format(shape(input)), "shape(NA, 8, 3)")
  c(batch, steps, features) %<-% shape(input)
  expect_null(batch)
  expect_identical(c(steps, features), c(8L, 3L))
  model <- keras_model_sequential(input_shape = shape(4)) |> layer_dense(2)
  expect_identical(format(shape(model$output)), "shape(NA, 2)")
})

test_that("clear_session() restarts Keras's layer names, and models made before still predict", {
  require_python()
  model <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
  before <- predict(model, matrix(1, 2, 2))
  expect_null(clear_session())
  fresh <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
  expect_identical(get_config(fresh$layers[[1]])$config$name, "dense")
  expect_identical(predict(model, matrix(1, 2, 2)), before)
})
