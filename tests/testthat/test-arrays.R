# R matrices and arrays reach Keras with R's indexing kept (x[i, j, k, l] is a[i-1, j-1, k-1, l-1]),
# and flat pixel columns in a data frame are read in row-major order by layer_reshape().

hot <- data.frame(sample = 1:3, row = c(3L, 8L, 1L), col = c(6L, 1L, 7L))  # 1-based, R's view

hot_images <- function() {
  x <- array(0, dim = c(3, 8, 8, 1))
  for (i in seq_len(nrow(hot))) x[hot$sample[i], hot$row[i], hot$col[i], 1] <- 1
  x
}

test_that("an image array arrives with R's indexing, as C-ordered float32", {
  require_python()
  got <- describe_frame(hot_images())
  expect_identical(as.integer(unlist(got$shape)), c(3L, 8L, 8L, 1L))
  expect_true(got$c_contiguous)
  expect_identical(unname(got$nonzero) + 1L, unname(as.matrix(cbind(hot, 1L))))
  # A matrix too: x[i, j] is a[i-1, j-1], and C order means the values run along rows.
  m <- matrix(1:6, nrow = 2)
  expect_identical(as.numeric(describe_frame(m)$values), as.numeric(t(m)))
  # Integer and logical arrays, and arrays with NA, take the same path.
  expect_identical(unname(describe_frame(hot_images() > 0)$nonzero) + 1L, unname(as.matrix(cbind(hot, 1L))))
})

test_that("Keras sees the hot pixel in the row R put it in", {
  require_python()
  # Max-pooling over columns leaves one value per image row: the output that is 1 is the hot row.
  model <- keras_model_sequential(input_shape = c(8, 8, 1)) |>
    pb_layer("max_pooling_2d", pool_size = c(1, 8)) |>
    pb_layer("flatten")
  model |> compile(optimizer = "sgd", loss = "mse")
  suppressWarnings(model |> fit(hot_images(), matrix(rnorm(24), 3), epochs = 1, verbose = 0))
  rows <- as.matrix(predict(model, hot_images(), type = "raw"))
  expect_identical(unname(max.col(rows)), hot$row)
  # The wrong per-sample shape is named.
  err <- expect_error(predict(model, array(0, c(2, 8, 8))), class = "pybridge_input_error")
  expect_match(conditionMessage(err), "per-sample shape \\(8, 8\\).*\\(8, 8, 1\\)")
})

test_that("64 pixel columns in row-major order become the image under layer_reshape", {
  require_python()
  # Column k (1-based) of the frame is pixel (row (k - 1) %/% 8 + 1, col (k - 1) %% 8 + 1):
  # as.vector(t(image)) flattens an 8 x 8 image matrix in that order.
  images <- lapply(seq_len(nrow(hot)), function(i) {
    image <- matrix(0, 8, 8)
    image[hot$row[i], hot$col[i]] <- 1
    as.vector(t(image))
  })
  frame <- as.data.frame(do.call(rbind, images))
  names(frame) <- sprintf("p%02d", 1:64)
  # Max-pooling over rows leaves one value per image column: the output that is 1 is the hot column.
  model <- keras_model_sequential() |>
    pb_layer("reshape", target_shape = c(8, 8, 1)) |>
    pb_layer("max_pooling_2d", pool_size = c(8, 1)) |>
    pb_layer("flatten")
  model |> compile(optimizer = "sgd", loss = "mse")
  # The network's raw layout is under test: no scaling of the pixels or of the outcome.
  suppressWarnings(model |> fit(frame, matrix(rnorm(24), 3), epochs = 1, verbose = 0, standardize = FALSE,
                                scale_outcome = FALSE))
  columns <- as.matrix(predict(model, frame, type = "raw"))
  expect_identical(unname(max.col(columns)), hot$col)
  encoded <- describe_frame(frame, model = model)$encoded
  for (i in seq_len(nrow(hot))) {
    # NumPy's reshape to (8, 8) is what Reshape((8, 8, 1)) does; R's matrix(byrow = TRUE) is the same.
    image <- matrix(encoded[i, ], 8, 8, byrow = TRUE)
    expect_identical(which(image == 1, arr.ind = TRUE)[1, ], c(row = hot$row[i], col = hot$col[i]))
  }
})
