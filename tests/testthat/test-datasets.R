test_that("dataset_digits() gives the 8 x 8 images with R's indexing and integer labels", {
  require_python()
  digits <- dataset_digits()
  expect_equal(dim(digits$x), c(1797, 8, 8))
  expect_equal(range(digits$x), c(0, 16))
  expect_setequal(unique(digits$y), 0:9)
  expect_equal(digits$x[1, 1, ], c(0, 0, 5, 13, 9, 1, 0, 0))  # first row of scikit-learn's first image
})
