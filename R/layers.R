# Every layer_*() is one line: its signature documents keras3's argument names, .pb_layer() sends
# the arguments the user typed to pybridge.api.layer(), which holds the table and the checks.

.pb_layer <- function(kind) {
  verb_env <- parent.frame()
  args <- .pb_typed_args(sys.function(-1), sys.call(-1), verb_env, parent.frame(2))
  result <- do.call(.pb_call, c(list("layer", kind = kind), args, .call = sys.call(-1)), quote = TRUE)
  if (inherits(args$object, "pybridge_model")) args$object else result
}

#' Layers
#'
#' Each function adds a Keras layer to a model when `object` is a model (in place, returning the
#' model, so layers compose with the pipe), applies it when `object` is a tensor from
#' [keras_input()], or returns the layer when `object` is missing. Argument names follow keras3.
#'
#' @param object A `pybridge_model`, a tensor, or missing.
#' @param units Number of output units (a positive whole number).
#' @param activation Activation name: `"relu"`, `"relu6"`, `"elu"`, `"selu"`, `"gelu"`,
#'   `"leaky_relu"`, `"tanh"`, `"sigmoid"`, `"softmax"`, `"linear"`, ...
#' @param use_bias Whether the layer has a bias vector.
#' @param rate Fraction of the inputs to drop, in \[0, 1).
#' @param input_shape Shape of one sample, for the first layer (prefer `keras_model_sequential(input_shape =)`).
#' @param name Optional layer name.
#' @param ... Other arguments of the Keras layer, named.
#' @return The model (when `object` is a model), the output tensor, or the layer.
#' @name layers
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |>
#'     layer_dense(16, activation = "relu") |>
#'     layer_dropout(0.2) |>
#'     layer_dense(3) |>
#'     layer_activation("softmax")
#' }
NULL

#' @rdname layers
#' @export
layer_dense <- function(object, units, activation = NULL, use_bias = TRUE, ..., name = NULL) .pb_layer("dense")

#' @rdname layers
#' @export
layer_dropout <- function(object, rate, ..., name = NULL) .pb_layer("dropout")

#' @rdname layers
#' @export
layer_activation <- function(object, activation, ..., name = NULL) .pb_layer("activation")
