# keras3's model surgery: layers by name or position, removing the last one, freezing, cloning and
# configurations. Positions are R's (from 1; negative from the end) and become Python's here.

# A layer position as Python counts: 1 -> 0, -1 stays -1 (the last); names and layers pass as they are.
.pb_layer_position <- function(which, argument, call) {
  if (is.null(which) || is.character(which) || inherits(which, "pybridge_object")) return(which)
  if (!is.numeric(which) || length(which) != 1 || is.na(which) || which == 0 || which != round(which)) {
    .pb_abort(sprintf("`%s` must be a layer name or a position (1, 2, ...; -1 for the last)", argument), call)
  }
  if (which > 0) which - 1L else which
}

#' Layers of a model
#'
#' keras3's `get_layer()` and `pop_layer()`. `get_layer()` returns a layer by name or by position
#' (from 1; negative counts from the end); `index` wins when both are given. `pop_layer()` removes the
#' last layer of a sequential model and returns it. The network's outputs then no longer are the
#' outcome's, so a fitted model forgets its preprocessing, keeping its weights: the next [fit()]
#' learns the encoding again, for the new last layers (transfer learning).
#'
#' @param object A `pybridge_model`.
#' @param name A layer name.
#' @param index A layer position.
#' @param rebuild Whether to rebuild the model after removing the layer.
#' @return A layer (class `pybridge_object`).
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |>
#'     layer_dense(8, name = "hidden") |>
#'     layer_dense(3, name = "out")
#'   get_layer(model, "hidden")
#'   get_layer(model, index = -1)
#'   pop_layer(model)
#'   length(model$layers)
#' }
get_layer <- function(object, name = NULL, index = NULL) {
  .pb_call("get_layer", model = object, name = name, index = .pb_layer_position(index, "index", sys.call()),
           .call = sys.call())
}

#' @rdname get_layer
#' @export
pop_layer <- function(object, rebuild = TRUE) {
  .pb_call("pop_layer", model = object, rebuild = rebuild, .call = sys.call())
}

#' Freeze and unfreeze weights
#'
#' keras3's `freeze_weights()`: the layers from `from` to `to` (both included; names or positions
#' from 1, negative from the end) stop training, and the layers outside the range train; without
#' `from` and `to` the whole model is frozen. `unfreeze_weights()` is the reverse. A compiled model is
#' compiled again with its settings (its optimizer's state starts afresh), which keras3 leaves to you.
#'
#' @param object A `pybridge_model`.
#' @param from,to The first and last layer of the range.
#' @return The model, invisibly (modified in place).
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |>
#'     layer_dense(8, name = "hidden") |>
#'     layer_dense(3, activation = "softmax")
#'   freeze_weights(model, from = "hidden", to = "hidden")
#'   vapply(model$layers, function(layer) get_config(layer)$config$trainable, TRUE)
#'   unfreeze_weights(model)
#' }
freeze_weights <- function(object, from = NULL, to = NULL) {
  call <- sys.call()
  .pb_call("freeze_weights", model = object, from_ = .pb_layer_position(from, "from", call),
           to = .pb_layer_position(to, "to", call), .call = call)
  invisible(object)
}

#' @rdname freeze_weights
#' @export
unfreeze_weights <- function(object, from = NULL, to = NULL) {
  call <- sys.call()
  .pb_call("unfreeze_weights", model = object, from_ = .pb_layer_position(from, "from", call),
           to = .pb_layer_position(to, "to", call), .call = call)
  invisible(object)
}

#' Copy a model's architecture
#'
#' keras3's `clone_model()`: a new model with the same layers and fresh weights. Neither the weights,
#' the compile settings nor the preprocessing learnt at [fit()] are copied: compile and fit the clone.
#'
#' @param model A `pybridge_model`.
#' @param input_tensors Optional input tensors for the clone.
#' @param clone_function An R function taking each layer and returning its copy (keras3's
#'   `function(layer) ...`), run by Keras as it rebuilds; `NULL` for fresh copies of every layer.
#' @param ... Other arguments of Keras's `clone_model()`, named.
#' @return A new `pybridge_model`.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |> layer_dense(3)
#'   twin <- clone_model(model)
#'   length(twin$layers)
#'   renamed <- clone_model(model, clone_function = function(layer) {
#'     config <- layer$get_config()
#'     config$name <- paste0("copy_of_", config$name)
#'     layer$`__class__`$from_config(config)
#'   })
#'   renamed$layers[[1]]$name
#' }
clone_model <- function(model, input_tensors = NULL, clone_function = NULL, ...) {
  args <- .pb_typed_args(sys.function(), sys.call(), environment(), parent.frame())
  .pb_call_list("clone_model", args, sys.call())
}

#' Layer and model configurations
#'
#' `get_config()` returns the configuration of a model or layer as a list (its `$config`, with
#' Keras's `class_name` and `module`), plain data that `saveRDS()` keeps; `from_config()` makes a new
#' model or layer from it, with fresh weights. For a file, see [save_model_config()].
#'
#' @param object A `pybridge_model` or a layer.
#' @param config A list from `get_config()`.
#' @return `get_config()`: a list. `from_config()`: a `pybridge_model` or a layer.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |> layer_dense(3, name = "out")
#'   config <- get_config(model)
#'   config$class_name
#'   rebuilt <- from_config(config)
#'   get_config(get_layer(rebuilt, "out"))$config$units
#' }
get_config <- function(object) .pb_call("get_config", object = object, .call = sys.call())

#' @rdname get_config
#' @export
from_config <- function(config) {
  if (!is.list(config) || is.null(config$class_name)) {
    .pb_abort("`config` must be what get_config() returns (a list with its `class_name`)", sys.call())
  }
  .pb_call("from_config", config = config, .call = sys.call())
}

#' Serialize any Keras object
#'
#' keras3's `serialize_keras_object()` turns a Keras object (a regularizer, initializer, layer,
#' loss, metric, optimizer or model) into its configuration, a nested named list (`module`,
#' `class_name`, `config`) that `saveRDS()` or JSON keeps; `deserialize_keras_object()` makes a new
#' object from it (a model comes back as a `pybridge_model`, the others as Keras objects).
#'
#' @param object A Keras object (class `pybridge_object`) or a `pybridge_model`.
#' @param config A list from `serialize_keras_object()`.
#' @param custom_objects `NULL`, or a named list of Python classes or functions the config names.
#' @param safe_mode Whether to refuse configs that would run code when loaded (a Lambda layer).
#' @return `serialize_keras_object()`: a list. `deserialize_keras_object()`: the object.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   config <- serialize_keras_object(regularizer_l1(0.005))
#'   str(config$config)
#'   deserialize_keras_object(config)
#' }
serialize_keras_object <- function(object) {
  .pb_call("serialize_keras_object", object = object, .call = sys.call())
}

#' @rdname serialize_keras_object
#' @export
deserialize_keras_object <- function(config, custom_objects = NULL, safe_mode = TRUE) {
  if (!is.list(config) || is.null(config$class_name)) {
    .pb_abort("`config` must be what serialize_keras_object() returns (a list with its `class_name`)", sys.call())
  }
  .pb_call("deserialize_keras_object", config = config, custom_objects = custom_objects, safe_mode = safe_mode,
           .call = sys.call())
}
