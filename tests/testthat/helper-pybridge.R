# Fixtures shared by the test files (testthat loads helper-*.R before them).

# Locally a missing part skips; under CI=true it is a failure, as every part must be there.
require_part <- function(ok, what) {
  if (ok) return(invisible(TRUE))
  if (identical(Sys.getenv("CI"), "true")) stop("CI: ", what, " is missing")
  testthat::skip(paste(what, "is not available"))
}

require_python <- function() require_part(pybridge_available(), "pybridge's Python environment")

require_package <- function(package) require_part(requireNamespace(package, quietly = TRUE), package)

# -- models ---------------------------------------------------------------------------------------

# The iris network most tests train: 4 inputs, 8 relu units, 3 softmax outputs, seeded.
iris_classifier <- function(seed = 1, input_shape = 4) {
  set_random_seed(seed)
  model <- keras_model_sequential(input_shape = input_shape) |>
    layer_dense(8, activation = "relu") |>
    layer_dense(3, activation = "softmax")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  model
}

# The same, fitted on iris through the formula Species ~ .
fitted_iris <- function(seed = 1, epochs = 1, input_shape = 4) {
  model <- iris_classifier(seed = seed, input_shape = input_shape)
  fit(model, Species ~ ., data = iris, epochs = epochs, verbose = 0)
  model
}

# One dense layer, compiled: for tests where the network is not the point. `...` goes to
# layer_dense() (activation = ); by default a regressor on mean squared error.
dense_model <- function(units = 1, ..., input_shape = NULL, optimizer = "adam", loss = "mse", metrics = NULL) {
  model <- keras_model_sequential(input_shape = input_shape) |> layer_dense(units, ...)
  model |> compile(optimizer = optimizer, loss = loss, metrics = metrics)
  model
}

# A layer by its pybridge name, for layers whose R wrapper may not exist yet (reshape, pooling).
pb_layer <- function(model, kind, ...) {
  pybridge:::.pb_call("layer", kind = kind, object = model, ...)
  model
}

# -- reading results ------------------------------------------------------------------------------

# summary() as one string, for expect_match() over several lines.
summary_text <- function(model) paste(summary(model), collapse = "\n")

# The prediction columns after .pred_class, as a matrix.
pred_matrix <- function(predictions) as.matrix(as.data.frame(predictions)[, -1])

# What Python received for an R value (pybridge.encoding.describe.describe_frame), through the one bridge.
describe_frame <- function(x, ...) pybridge:::.pb_call("describe_frame", x = x, ...)

# Character values come back as a list with NULL for missing; as a character vector with NA.
as_chr <- function(values) vapply(values, function(v) if (is.null(v)) NA_character_ else v, "", USE.NAMES = FALSE)
