test_that("dataset_digits() gives the 8 x 8 images with R's indexing and integer labels", {
  require_python()
  digits <- dataset_digits()
  expect_equal(dim(digits$x), c(1797, 8, 8))
  expect_equal(range(digits$x), c(0, 16))
  expect_setequal(unique(digits$y), 0:9)
  expect_equal(digits$x[1, 1, ], c(0, 0, 5, 13, 9, 1, 0, 0))  # first row of scikit-learn's first image
})

# Keras downloads its data sets on first use. This project's machines are offline, where the clear
# condition is what a user meets; online, the small Boston housing file is fetched and its keras3
# structure checked instead (the larger ones are not downloaded by the tests).
online <- function() {
  connection <- tryCatch(suppressWarnings(socketConnection("storage.googleapis.com", 443, timeout = 3)),
                         error = function(e) NULL)
  if (is.null(connection)) return(FALSE)
  close(connection)
  TRUE
}

test_that("a Keras data set downloads with keras3's structure, or says clearly that it could not", {
  require_python()
  name <- sprintf("pybridge-test-%d-%d.npz", Sys.getpid(), sample.int(1e6, 1))  # not cached
  if (!online()) {
    err <- expect_error(dataset_boston_housing(path = name), class = "pybridge_download_error")
    expect_match(conditionMessage(err), "dataset_boston_housing\\(\\) downloads the data set on first use")
    expect_match(conditionMessage(err), "Connect to the internet")
    expect_false(grepl("Traceback", conditionMessage(err)))
    return()
  }
  withr::defer(unlink(file.path("~", ".keras", "datasets", name)))
  c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_boston_housing(path = name)
  expect_identical(ncol(x_train), 13L)
  expect_identical(length(y_test), nrow(x_test))
})

test_that("every keras3 dataset_*() function is there, with keras3's arguments checked", {
  require_python()
  for (name in c("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing")) {
    expect_true(is.function(get(paste0("dataset_", name), envir = asNamespace("pybridge"))))
  }
  expect_error(dataset_cifar100(label_mode = "medium"), "should be one of")
})
