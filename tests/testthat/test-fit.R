# fit()'s own arguments: class_weight by level name, as keras3 users write it.

test_that("class_weight by level name (a list or a named vector) weighs the classes: the loss changes", {
  require_python()
  losses <- function(class_weight) {
    model <- iris_classifier()
    history <- fit(model, Species ~ ., data = iris, epochs = 2, verbose = 0, seed = 3, shuffle = FALSE,
                   class_weight = class_weight)
    history$metrics$loss
  }
  plain <- losses(NULL)
  weighted <- losses(list(setosa = 1, versicolor = 50, virginica = 1))
  # It was ignored before: the losses were identical to no weights.
  expect_gt(weighted[1], 5 * plain[1])
  expect_equal(losses(c(versicolor = 50)), weighted, tolerance = 1e-6)  # left-out levels weigh 1
})
