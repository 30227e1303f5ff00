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
