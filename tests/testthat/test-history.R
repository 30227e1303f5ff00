test_that("as.data.frame(history) is keras3's long format", {
  require_python()
  model <- iris_classifier()
  history <- model |> fit(Species ~ ., data = iris, epochs = 3, validation_split = 0.2, verbose = 0)
  frame <- as.data.frame(history)
  expect_identical(class(frame), "data.frame")
  expect_named(frame, c("epoch", "value", "metric", "data"))
  expect_equal(nrow(frame), 3 * 4)
  expect_identical(levels(frame$data), c("training", "validation"))
  expect_setequal(levels(frame$metric), c("loss", "accuracy"))
  validation_loss <- frame[frame$metric == "loss" & frame$data == "validation", ]
  expect_equal(validation_loss$epoch, 1:3)
  expect_equal(validation_loss$value, history$metrics$val_loss)
})

test_that("epochs keep counting when fit() is called again", {
  require_python()
  model <- iris_classifier()
  model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0)
  second <- model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0)
  expect_equal(unique(as.data.frame(second)$epoch), 3:4)
})

test_that("plot(history) draws to a PNG device", {
  require_python()
  model <- iris_classifier()
  history <- model |> fit(Species ~ ., data = iris, epochs = 2, validation_split = 0.2, verbose = 0)
  path <- tempfile(fileext = ".png")
  png(path, width = 400, height = 300)
  expect_no_error(plot(history))
  dev.off()
  expect_gt(file.size(path), 1000)
})
