#' Get and set a model's weights
#'
#' `get_weights()` returns the weights as a list of R matrices, vectors and arrays with Keras's
#' meaning: a dense layer's kernel is an inputs x units matrix followed by its bias vector; a 2-d
#' convolution's kernel is a height x width x channels x filters array. `set_weights()` takes such a
#' list back (all weights, in the same order), checks every shape first and names the layer at fault.
#' The model must be built (`keras_model_sequential(input_shape = )`, [keras_input()], or a `fit()`).
#' A model whose weights are set by hand can [predict()] on a matrix before any `fit()`: it gives
#' the network's raw outputs as a matrix, as there is no learnt encoding yet.
#'
#' @param object A `pybridge_model`.
#' @param trainable `NA` (all weights), `TRUE` (trainable only) or `FALSE` (non-trainable only,
#'   such as batch normalization's moving statistics).
#' @param weights A list like the one `get_weights()` returns.
#' @return `get_weights()`: a list. `set_weights()`: the model, invisibly (modified in place).
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 2) |> layer_dense(1, activation = "sigmoid")
#'   w <- get_weights(model)
#'   w[[1]][] <- c(1, 1); w[[2]] <- -1.5   # fires when x1 + x2 > 1.5
#'   set_weights(model, w)
#'   predict(model, rbind(c(1, 1), c(0, 0)))
#' }
get_weights <- function(object, trainable = NA) {
  .pb_call("get_weights", model = object, trainable = if (!is.na(trainable)) trainable, .call = sys.call())
}

#' @rdname get_weights
#' @export
set_weights <- function(object, weights) {
  if (!is.list(weights)) .pb_abort("`weights` must be a list like the one get_weights() returns", sys.call())
  .pb_call("set_weights", model = object, weights = unname(weights), .call = sys.call())
  invisible(object)
}

#' Save and load weights only
#'
#' keras3's `save_model_weights()` writes the network's weights alone to a `.weights.h5` file: no
#' architecture and no preprocessing. With `max_shard_size` Keras shards them: `filepath` ends in
#' `.weights.json` (the map of shards) and the shards, `<name>_xxxxxx.weights.h5`, go beside it.
#' `load_model_weights()` reads either into a model of the same layers, which keeps its own
#' preprocessing (none until its first [fit()]). For the whole model, see [save_model()].
#'
#' @param model A `pybridge_model` (built: with `input_shape`, or fitted).
#' @param filepath A path ending in `.weights.h5` (or `.weights.json` with `max_shard_size`).
#' @param overwrite Whether to replace an existing file.
#' @param max_shard_size `NULL` for one file, or the largest size of a shard in GB (a variable is
#'   never split, so a shard must hold the largest one).
#' @param skip_mismatch Whether to skip layers whose weights do not fit rather than fail.
#' @return The model, invisibly.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |> layer_dense(3)
#'   file <- tempfile(fileext = ".weights.h5")
#'   save_model_weights(model, file)
#'   twin <- keras_model_sequential(input_shape = 4) |> layer_dense(3)
#'   load_model_weights(twin, file)
#'   identical(get_weights(twin), get_weights(model))
#'   sharded <- tempfile(fileext = ".weights.json")
#'   save_model_weights(model, sharded, max_shard_size = 0.01)
#'   load_model_weights(twin, sharded)
#' }
save_model_weights <- function(model, filepath, overwrite = FALSE, max_shard_size = NULL) {
  .pb_call("save_model_weights", model = model, filepath = path.expand(filepath), overwrite = overwrite,
           max_shard_size = max_shard_size, .call = sys.call())
  invisible(model)
}

#' @rdname save_model_weights
#' @export
load_model_weights <- function(model, filepath, skip_mismatch = FALSE) {
  .pb_call("load_model_weights", model = model, filepath = path.expand(filepath), skip_mismatch = skip_mismatch,
           .call = sys.call())
  invisible(model)
}

#' The model's variables as a tree
#'
#' keras3's `get_state_tree()`: every variable of the model (trainable and non-trainable weights,
#' the optimizer's and the metrics' state) as a nested named list that follows the variables' paths
#' (`state$trainable_variables$my_sequential$my_dense$kernel`), its leaves R arrays.
#'
#' @param object A `pybridge_model` (built: with `input_shape`, or fitted).
#' @param value_format `"numpy_array"` (R arrays) or `"backend_tensor"` (the backend's tensors, as
#'   Keras objects).
#' @return A nested named list.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 1, name = "net") |> layer_dense(1, name = "out")
#'   model |> compile(optimizer = "adam", loss = "mse")
#'   state <- get_state_tree(model)
#'   state$trainable_variables$net$out$kernel
#' }
get_state_tree <- function(object, value_format = c("numpy_array", "backend_tensor")) {
  value_format <- match.arg(value_format)
  .pb_call("get_state_tree", model = object, value_format = value_format, .call = sys.call())
}
