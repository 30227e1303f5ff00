#' Create a sequential model
#'
#' An empty stack of layers; add layers with the pipe (`model |> layer_dense(16)`), which modifies
#' the model in place as in keras3.
#'
#' @param input_shape Shape of one sample, without the batch dimension (e.g. `4`, or `c(8, 8, 1)`
#'   for images). May be left out for data frames: the first [fit()] sets it from the encoded width.
#' @param name Optional model name.
#' @return A `pybridge_model`.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |>
#'     layer_dense(8, activation = "relu") |>
#'     layer_dense(3, activation = "softmax")
#'   model
#' }
keras_model_sequential <- function(input_shape = NULL, name = NULL) {
  args <- .pb_typed_args(sys.function(), sys.call(), environment(), parent.frame())
  do.call(.pb_call, c(list("keras_model_sequential"), args, .call = sys.call()), quote = TRUE)
}

.pb_new_model <- function(handle) {
  model <- new.env(parent = emptyenv())
  model$handle <- handle
  class(model) <- "pybridge_model"
  model
}

#' Configure a model for training
#'
#' @param object A `pybridge_model`.
#' @param optimizer Optimizer name (`"adam"`, `"sgd"`, `"rmsprop"`, ...).
#' @param loss Loss name, such as `"sparse_categorical_crossentropy"` for a factor outcome or
#'   `"mean_squared_error"` for a numeric one.
#' @param metrics Metric names, such as `"accuracy"` or `"mae"`.
#' @param ... Other arguments of Keras's `Model.compile()`, named.
#' @return The model, invisibly (it is modified in place).
#' @importFrom generics compile
#' @method compile pybridge_model
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |> layer_dense(1)
#'   model |> compile(optimizer = "adam", loss = "mse")
#' }
compile.pybridge_model <- function(object, optimizer = "rmsprop", loss = NULL, metrics = NULL, ...) {
  .pb_call("compile", model = object, optimizer = optimizer, loss = loss,
           metrics = if (is.null(metrics)) NULL else as.list(metrics), ..., .call = sys.call())
  invisible(object)
}

#' @export
generics::compile

#' Summarise a model
#'
#' Layers with their output shapes and parameter counts, then the preprocessing learnt at the first
#' fit (each input column and its encoding, and the outcome).
#'
#' @param object,x A `pybridge_model`.
#' @param ... Unused.
#' @return `summary()` returns the text (class `pybridge_summary`), printed; `print()` returns the
#'   model invisibly.
#' @export
summary.pybridge_model <- function(object, ...) {
  text <- .pb_call("summary", model = object, .call = sys.call())
  structure(strsplit(text, "\n", fixed = TRUE)[[1]], class = "pybridge_summary")
}

#' @export
print.pybridge_summary <- function(x, ...) {
  cat(x, sep = "\n")
  invisible(x)
}

#' @rdname summary.pybridge_model
#' @export
print.pybridge_model <- function(x, ...) {
  print(summary(x))
  invisible(x)
}

#' Set the random seed of R's Python session
#'
#' Seeds Python, NumPy and TensorFlow (as Keras's `set_random_seed()` does), so that building and
#' training a model again gives the same weights and results on the CPU.
#'
#' @param seed A whole number.
#' @return `NULL`, invisibly.
#' @export
set_random_seed <- function(seed) {
  invisible(.pb_call("set_random_seed", seed = seed, .call = sys.call()))
}
