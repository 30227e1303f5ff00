#' Create a sequential model
#'
#' An empty stack of layers; add layers with the pipe (`model |> layer_dense(16)`), which modifies
#' the model in place as in keras3.
#'
#' @param input_shape Shape of one sample, without the batch dimension (e.g. `4`, or `c(8, 8, 1)`
#'   for images). May be left out for data frames: the first [fit()] sets it from the encoded width.
#' @param name Optional model name.
#' @param input_name Optional name of the input that `input_shape` makes.
#' @param layers A list of layers (`layer_dense(units = 8)`, ... called without a model) to stack.
#' @return A `pybridge_model`. As in keras3 it is also a function, `model(x)`, applying the network
#'   to an array or a tensor (see [keras-objects]). Its Keras attributes read as in keras3:
#'   `model$layers` (a list of layers), `model$inputs`, `model$input`, `model$outputs`,
#'   `model$output` (tensors), `model$name`, `model$dtype`, `model$trainable` and any other attribute
#'   of the Keras model (`model$optimizer`); `model$trainable <- FALSE` freezes it (see
#'   [freeze_weights()]).
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |>
#'     layer_dense(8, activation = "relu") |>
#'     layer_dense(3, activation = "softmax")
#'   model
#'   stacked <- keras_model_sequential(input_shape = 4, input_name = "measurements",
#'                                     layers = list(layer_dense(units = 8), layer_dense(units = 3)))
#'   length(stacked$layers)
#'   stacked$input
#' }
keras_model_sequential <- function(input_shape = NULL, name = NULL, input_name = NULL, layers = NULL) {
  args <- .pb_typed_args(sys.function(), sys.call(), environment(), parent.frame())
  .pb_call_list("keras_model_sequential", args, sys.call())
}

#' Functional models
#'
#' `keras_input()` makes a symbolic input; layer functions applied to it (`layer_dense(input, 8)`)
#' give new tensors; `keras_model()` makes a model from the input and the output tensor. The model
#' then takes [compile()], [fit()] and [predict()] like a sequential one, on arrays or data frames
#' (a data frame's encoded width must match `shape`).
#'
#' @param shape Shape of one sample, without the batch dimension: `c(8, 8, 1)`; `NA` for a size not
#'   known in advance (`c(NA, 3)` for sequences of any length).
#' @param batch_size Optional fixed batch size.
#' @param dtype Optional data type (`"float32"`, `"int32"`, ...).
#' @param name Optional name.
#' @param inputs,outputs The input tensor and the output tensor.
#' @param ... Other arguments of `keras.Input` or `keras.Model`, named (`name = ` for the model).
#' @return `keras_input()`: a tensor (class `pybridge_object`). `keras_model()`: a `pybridge_model`.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   input <- keras_input(shape = 4)
#'   output <- input |> layer_dense(8, activation = "relu") |> layer_dense(3, activation = "softmax")
#'   model <- keras_model(input, output)
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
#'   model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0)
#' }
keras_input <- function(shape = NULL, batch_size = NULL, dtype = NULL, name = NULL, ...) {
  .pb_constructor("keras_input")
}

#' @description `layer_input()` is keras3's older name for `keras_input()`.
#' @rdname keras_input
#' @export
layer_input <- keras_input

#' @rdname keras_input
#' @export
keras_model <- function(inputs = NULL, outputs = NULL, ...) {
  .pb_constructor("keras_model")
}

# keras3's model$layers, model$input, ...: these names read the Keras network (pybridge.Model.attribute);
# any other name reads the network's attribute (model$optimizer). pybridge's own fields are kept in R.
.pb_model_attributes <- c("layers", "inputs", "input", "outputs", "output", "name", "dtype", "trainable")
.pb_model_fields <- c("handle", "reference", "session", "bytes", "formula_terms")

# A model is an R function (keras3's model(x) applies it) whose environment keeps its fields.
.pb_fields <- function(model) get("fields", envir = environment(model), inherits = FALSE)

#' @export
`$.pybridge_model` <- function(x, name) {
  if (name %in% .pb_model_fields) return(get0(name, envir = .pb_fields(x), inherits = FALSE))
  if (name %in% .pb_model_attributes) {
    return(.pb_call("model_attribute", model = x, name = name, .call = sys.call()))
  }
  .pb_call("object_get", object = x, name = name, missing_ok = TRUE, .call = sys.call())
}

#' @export
`[[.pybridge_model` <- function(x, name, ...) `$.pybridge_model`(x, name)

#' @export
`$<-.pybridge_model` <- function(x, name, value) { # nolint: object_name_linter. S3 method of `$<-`.
  if (identical(name, "trainable")) {
    if (!is.logical(value) || length(value) != 1 || is.na(value)) {
      .pb_abort("`trainable` must be TRUE or FALSE", sys.call())
    }
    .pb_call(if (value) "unfreeze_weights" else "freeze_weights", model = x, .call = sys.call())
  } else if (name %in% .pb_model_attributes) {
    .pb_abort(sprintf("`model$%s` is read-only; only `model$trainable` can be set", name), sys.call())
  } else if (name %in% .pb_model_fields) {
    assign(name, value, envir = .pb_fields(x))
  } else {
    .pb_call("object_set", object = x, name = name, value = value, .call = sys.call())
  }
  x
}

.pb_new_model <- function(handle, reference = NULL) {
  fields <- new.env(parent = emptyenv())
  fields$handle <- handle
  fields$reference <- reference  # the number Python knows it by (see .pb_model_reference())
  fields$session <- .pb_session()  # a model read back by readRDS() in another session is rebuilt
  model <- function(...) .pb_call_object(.pb_model_reference(model), .pb_list_dots(), sys.call())
  class(model) <- "pybridge_model"
  .pb_attach_bytes(model)
}

#' Configure a model for training
#'
#' @param object A `pybridge_model`.
#' @param optimizer Optimizer name (`"adam"`, `"sgd"`, `"rmsprop"`, ...) or object ([optimizer_adam()], ...).
#' @param loss Loss name, such as `"sparse_categorical_crossentropy"` for a factor outcome or
#'   `"mean_squared_error"` for a numeric one, a loss object ([loss_binary_crossentropy()], ...), or
#'   an R function `function(y_true, y_pred)` built from `op_*()` functions and operators, which Keras
#'   traces into its graph (see [classes] for `Loss()`).
#' @param metrics Metric names, such as `"accuracy"` or `"mae"`, or a list mixing names, metric
#'   objects ([metric_auc()], ...) and R functions as for `loss` (named with [custom_metric()]).
#' @param ... Other arguments of Keras's `Model.compile()`, named.
#' @details Training runs 32 steps per call into TensorFlow's compiled graph
#'   (`steps_per_execution = 32`), which is faster on small networks and gives the same steps,
#'   histories and per-epoch callbacks; batch-level callback hooks then run once per 32 steps. Pass
#'   `steps_per_execution = 1` for one call per batch.
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
           metrics = if (inherits(metrics, "pybridge_object")) list(metrics) else as.list(metrics), ...,
           .call = sys.call())
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
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential() |> layer_dense(8, activation = "relu") |>
#'     layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
#'   model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0)
#'   summary(model)
#' }
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
#' @examples
#' if (pybridge_available()) {
#'   set_random_seed(42)
#'   first <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
#'   set_random_seed(42)
#'   second <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
#'   identical(get_weights(first), get_weights(second))
#' }
set_random_seed <- function(seed) {
  invisible(.pb_call("set_random_seed", seed = seed, .call = sys.call()))
}
