test_that("the same seed gives identical histories and predictions on the CPU", {
  require_python()
  run <- function() {
    set_random_seed(11)
    model <- keras_model_sequential(input_shape = 4) |>
      layer_dense(8, activation = "relu") |> layer_dropout(0.3) |> layer_dense(3, activation = "softmax")
    model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
    history <- fit(model, Species ~ ., data = iris[1:60 * 2, ], epochs = 2, batch_size = 16,
                   validation_split = 0.2, verbose = 0, seed = 11)
    list(history = history$metrics, predictions = predict(model, iris[1:10, ]))
  }
  first <- run()
  second <- run()
  expect_identical(first$history, second$history)
  expect_identical(first$predictions, second$predictions)
  set_random_seed(12)
  third <- keras_model_sequential(input_shape = 4) |> layer_dense(3)
  set_random_seed(11)
  fourth <- keras_model_sequential(input_shape = 4) |> layer_dense(3)
  expect_false(isTRUE(all.equal(get_weights(third), get_weights(fourth))))
})
