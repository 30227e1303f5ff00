# Locally a missing Python skips; under CI=true it is a failure, as every part must be there.
require_python <- function() {
  if (pybridge_available()) return(invisible(TRUE))
  if (identical(Sys.getenv("CI"), "true")) stop("CI: pybridge's Python environment is missing")
  testthat::skip("pybridge's Python environment is not available")
}

iris_classifier <- function(seed = 1, input_shape = 4) {
  set_random_seed(seed)
  model <- keras_model_sequential(input_shape = input_shape) |>
    layer_dense(8, activation = "relu") |>
    layer_dense(3, activation = "softmax")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  model
}
