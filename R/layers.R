# Every layer_*() (R/generated-layers.R) is one line: its signature documents Keras's argument names,
# .pb_layer() sends the arguments the user typed to pybridge.api.layer(), which holds the checks.

.pb_layer <- function(kind) {
  verb_env <- parent.frame()
  # Unnamed arguments after `object` are more input tensors, as keras3's layer_add(x1, x2) takes them.
  args <- .pb_typed_args(sys.function(-1), sys.call(-1), verb_env, parent.frame(2), unnamed = "more_inputs")
  result <- .pb_call_list("layer", c(list(kind = kind), args), sys.call(-1))
  # On a model the layer is added in place: the model comes back invisibly, as in keras3.
  if (inherits(args$object, "pybridge_model")) return(invisible(args$object))
  result
}

#' Layers
#'
#' Every Keras layer has a `layer_*()` function, generated from Keras itself
#' (`tools/make-vocabulary.py`; see `R/generated-layers.R`) with keras3's names and Keras's argument
#' names and defaults: each adds its layer to a model when `object` is a model (in place, returning the
#' model, so layers compose with the pipe), applies it when `object` is a tensor from [keras_input()]
#' (or a list of tensors, for `layer_add()`, `layer_concatenate()`, ...), or returns the layer when
#' `object` is missing. Only the arguments you type are sent, so Keras's own defaults apply to the
#' rest. Shapes are R vectors (`c(8, 8, 1)`, `NA` for a size not known in advance); sizes such as
#' `kernel_size` take one number or one per spatial dimension; whole numbers may be typed as doubles.
#' Activations are names (`"relu"`) or `activation_*()` functions (`activation = activation_relu`).
#'
#' @name layers
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = c(8, 8, 1)) |>
#'     layer_conv_2d(filters = 8, kernel_size = 3, padding = "same", activation = "relu") |>
#'     layer_max_pooling_2d(pool_size = 2) |>
#'     layer_flatten() |>
#'     layer_dropout(0.2) |>
#'     layer_dense(10, activation = "softmax")
#' }
NULL

#' A layer that applies an R function
#'
#' keras3's `layer_lambda()`: `f` is an R function of a tensor built from `op_*()` functions and
#' operators (`\(x) x^2`), which Keras runs as it traces the model, so R runs once per trace, not per
#' step. The layer composes as the other `layer_*()` functions do. A model file holds no code, so a
#' model with this layer trains and predicts in the session but [save_model()] refuses it; for a layer
#' to save, write a [Layer()] class.
#'
#' @param object A model, a tensor, or missing (the layer is returned).
#' @param f An R function taking the layer's input.
#' @param output_shape The output shape, if Keras cannot infer it, or `NULL`.
#' @param mask A mask, or a function computing one, or `NULL`.
#' @param arguments A named list of more arguments for `f`.
#' @param ... Other arguments of Keras's `Lambda` layer, named (`name = `).
#' @return As the other layer functions: the model, the output tensor, or the layer.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 2) |> layer_lambda(\(x) x^2)
#'   model(matrix(1:4, 2))
#' }
layer_lambda <- function(object, f, output_shape = NULL, mask = NULL, arguments = NULL, ...) {
  args <- .pb_typed_args(sys.function(), sys.call(), environment(), parent.frame())
  result <- .pb_call_list("layer_lambda", args, sys.call())
  if (inherits(args$object, "pybridge_model")) invisible(args$object) else result
}

#' Fit a preprocessing layer's state to data
#'
#' keras3's `adapt()`: a preprocessing layer such as [layer_normalization()] or
#' [layer_text_vectorization()] learns its state (means and variances, a vocabulary) from `data`.
#'
#' @param object A preprocessing layer (made without a model).
#' @param data An array, or a tensor.
#' @param batch_size,steps Optional: rows per batch, and batches to read.
#' @param ... Unused.
#' @return The layer, invisibly (adapted in place).
#' @export
#' @examples
#' if (pybridge_available()) {
#'   layer <- layer_normalization(axis = -1)
#'   layer |> adapt(matrix(c(0, 2, 7, 9, 4, 6), 2))
#'   layer(matrix(c(1, 8, 5), 1))
#' }
adapt <- function(object, data, ..., batch_size = NULL, steps = NULL) {
  .pb_call("adapt", object = object, data = data, batch_size = batch_size, steps = steps, .call = sys.call())
  invisible(object)
}
