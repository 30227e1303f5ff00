# Every layer_*() is one line: its signature documents keras3's argument names, .pb_layer() sends
# the arguments the user typed to pybridge.api.layer(), which holds the table and the checks.

.pb_layer <- function(kind) {
  verb_env <- parent.frame()
  args <- .pb_typed_args(sys.function(-1), sys.call(-1), verb_env, parent.frame(2))
  result <- .pb_call_list("layer", c(list(kind = kind), args), sys.call(-1))
  # On a model the layer is added in place: the model comes back invisibly, as in keras3.
  if (inherits(args$object, "pybridge_model")) return(invisible(args$object))
  result
}

#' Layers
#'
#' Each function adds a Keras layer to a model when `object` is a model (in place, returning the
#' model, so layers compose with the pipe), applies it when `object` is a tensor from
#' [keras_input()], or returns the layer when `object` is missing. Argument names and defaults follow
#' keras3; only the arguments you type are sent, so Keras's own defaults apply to the rest. Shapes
#' are R vectors (`c(8, 8, 1)`, `NA` for a size not known in advance); sizes such as `kernel_size`
#' take one number or one per spatial dimension.
#'
#' @param object A `pybridge_model`, a tensor, or missing.
#' @param units Number of output units (a positive whole number).
#' @param activation Activation name: `"relu"`, `"relu6"`, `"elu"`, `"selu"`, `"gelu"`,
#'   `"leaky_relu"`, `"tanh"`, `"sigmoid"`, `"softmax"`, `"linear"`, ...
#' @param use_bias Whether the layer has a bias vector.
#' @param kernel_initializer,bias_initializer,recurrent_initializer,embeddings_initializer
#'   Initializer names (`"glorot_uniform"`, `"he_normal"`, `"zeros"`, ...).
#' @param kernel_regularizer,bias_regularizer Regularizer names (`"l1"`, `"l2"`) or `NULL`.
#' @param rate,dropout,recurrent_dropout Fraction of the inputs to drop, in \[0, 1).
#' @param noise_shape,seed Dropout mask shape and random seed.
#' @param axis,momentum,epsilon,center,scale Batch normalization: the feature axis, the moving
#'   average's momentum, the variance epsilon, and whether to learn an offset (beta) and a scale
#'   (gamma).
#' @param data_format `"channels_last"` (default: samples x ... x channels) or `"channels_first"`.
#' @param target_shape Shape of one output sample, e.g. `c(8, 8, 1)`.
#' @param filters Number of convolution filters.
#' @param kernel_size,strides,pool_size,dilation_rate Window sizes and steps: one number, or one per
#'   spatial dimension.
#' @param padding `"valid"` (no padding) or `"same"` (pad so the output keeps the input's size).
#' @param groups Number of filter groups of a convolution.
#' @param keepdims Keep the pooled dimensions with size 1.
#' @param recurrent_activation Activation of the recurrent gates.
#' @param return_sequences Return the whole output sequence rather than the last output.
#' @param return_state,go_backwards,stateful,unroll,reset_after Recurrent-layer options as in Keras.
#' @param input_dim,output_dim Embedding: vocabulary size (inputs are integer codes
#'   `0 .. input_dim - 1`) and size of each embedding vector.
#' @param mask_zero Treat code 0 as padding to be masked.
#' @param name Optional layer name.
#' @param ... Other arguments of the Keras layer, named.
#' @return The model (when `object` is a model), the output tensor, or the layer.
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

#' @rdname layers
#' @export
layer_dense <- function(object, units, activation = NULL, use_bias = TRUE, kernel_initializer = "glorot_uniform",
                        bias_initializer = "zeros", kernel_regularizer = NULL, bias_regularizer = NULL, ...,
                        name = NULL) .pb_layer("dense")

#' @rdname layers
#' @export
layer_activation <- function(object, activation, ..., name = NULL) .pb_layer("activation")

#' @rdname layers
#' @export
layer_dropout <- function(object, rate, noise_shape = NULL, seed = NULL, ..., name = NULL) .pb_layer("dropout")

#' @rdname layers
#' @export
layer_batch_normalization <- function(object, axis = -1L, momentum = 0.99, epsilon = 0.001, center = TRUE,
                                      scale = TRUE, ..., name = NULL) .pb_layer("batch_normalization")

#' @rdname layers
#' @export
layer_flatten <- function(object, data_format = NULL, ..., name = NULL) .pb_layer("flatten")

#' @rdname layers
#' @export
layer_reshape <- function(object, target_shape, ..., name = NULL) .pb_layer("reshape")

#' @rdname layers
#' @export
layer_conv_1d <- function(object, filters, kernel_size, strides = 1L, padding = "valid", data_format = NULL,
                          dilation_rate = 1L, groups = 1L, activation = NULL, use_bias = TRUE,
                          kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
                          kernel_regularizer = NULL, bias_regularizer = NULL, ..., name = NULL) .pb_layer("conv_1d")

#' @rdname layers
#' @export
layer_conv_2d <- function(object, filters, kernel_size, strides = c(1L, 1L), padding = "valid", data_format = NULL,
                          dilation_rate = c(1L, 1L), groups = 1L, activation = NULL, use_bias = TRUE,
                          kernel_initializer = "glorot_uniform", bias_initializer = "zeros",
                          kernel_regularizer = NULL, bias_regularizer = NULL, ..., name = NULL) .pb_layer("conv_2d")

#' @rdname layers
#' @export
layer_max_pooling_1d <- function(object, pool_size = 2L, strides = NULL, padding = "valid", data_format = NULL,
                                 ..., name = NULL) .pb_layer("max_pooling_1d")

#' @rdname layers
#' @export
layer_max_pooling_2d <- function(object, pool_size = c(2L, 2L), strides = NULL, padding = "valid",
                                 data_format = NULL, ..., name = NULL) .pb_layer("max_pooling_2d")

#' @rdname layers
#' @export
layer_average_pooling_1d <- function(object, pool_size = 2L, strides = NULL, padding = "valid",
                                     data_format = NULL, ..., name = NULL) .pb_layer("average_pooling_1d")

#' @rdname layers
#' @export
layer_average_pooling_2d <- function(object, pool_size = c(2L, 2L), strides = NULL, padding = "valid",
                                     data_format = NULL, ..., name = NULL) .pb_layer("average_pooling_2d")

#' @rdname layers
#' @export
layer_global_average_pooling_1d <- function(object, data_format = NULL, keepdims = FALSE, ..., name = NULL)
  .pb_layer("global_average_pooling_1d")

#' @rdname layers
#' @export
layer_global_average_pooling_2d <- function(object, data_format = NULL, keepdims = FALSE, ..., name = NULL)
  .pb_layer("global_average_pooling_2d")

#' @rdname layers
#' @export
layer_global_max_pooling_2d <- function(object, data_format = NULL, keepdims = FALSE, ..., name = NULL)
  .pb_layer("global_max_pooling_2d")

#' @rdname layers
#' @export
layer_lstm <- function(object, units, activation = "tanh", recurrent_activation = "sigmoid", use_bias = TRUE,
                       kernel_initializer = "glorot_uniform", recurrent_initializer = "orthogonal",
                       bias_initializer = "zeros", dropout = 0, recurrent_dropout = 0, seed = NULL,
                       return_sequences = FALSE, return_state = FALSE, go_backwards = FALSE, stateful = FALSE,
                       unroll = FALSE, ..., name = NULL) .pb_layer("lstm")

#' @rdname layers
#' @export
layer_gru <- function(object, units, activation = "tanh", recurrent_activation = "sigmoid", use_bias = TRUE,
                      kernel_initializer = "glorot_uniform", recurrent_initializer = "orthogonal",
                      bias_initializer = "zeros", dropout = 0, recurrent_dropout = 0, seed = NULL,
                      return_sequences = FALSE, return_state = FALSE, go_backwards = FALSE, stateful = FALSE,
                      unroll = FALSE, reset_after = TRUE, ..., name = NULL) .pb_layer("gru")

#' @rdname layers
#' @export
layer_embedding <- function(object, input_dim, output_dim, embeddings_initializer = "uniform", mask_zero = FALSE,
                            ..., name = NULL) .pb_layer("embedding")
