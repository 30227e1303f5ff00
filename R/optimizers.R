#' Optimizers
#'
#' Optimizer objects for [compile()], with keras3's argument names; `compile(optimizer = "adam")`
#' takes the name instead when the defaults suit. Only the arguments you type are sent, so Keras's
#' defaults (shown in the signatures) apply to the rest. An optimizer keeps state for the model it
#' trains: give each model its own.
#'
#' @param learning_rate Step size (a positive number).
#' @param momentum Momentum, in \[0, 1).
#' @param nesterov Use Nesterov momentum.
#' @param beta_1,beta_2 Decay rates of Adam's and Nadam's first- and second-moment estimates.
#' @param epsilon Small constant for numerical stability.
#' @param amsgrad Use the AMSGrad variant of Adam.
#' @param rho Decay rate of RMSprop's and Adadelta's running averages.
#' @param centered Centered RMSprop (normalise by the gradient's estimated variance).
#' @param initial_accumulator_value Adagrad's starting accumulator value.
#' @param weight_decay Decoupled weight decay, or `NULL`.
#' @param clipnorm,clipvalue,global_clipnorm Gradient clipping, or `NULL`.
#' @param ... Other arguments of the Keras optimizer, named (`use_ema`, `name`, ...).
#' @return An optimizer object (class `pybridge_object`).
#' @name optimizers
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = optimizer_sgd(learning_rate = 0.05, momentum = 0.9, nesterov = TRUE),
#'                    loss = "sparse_categorical_crossentropy")
#' }
NULL

#' @rdname optimizers
#' @export
optimizer_sgd <- function(learning_rate = 0.01, momentum = 0, nesterov = FALSE, weight_decay = NULL,
                          clipnorm = NULL, clipvalue = NULL, global_clipnorm = NULL, ...)
  .pb_constructor("optimizer_sgd")

#' @rdname optimizers
#' @export
optimizer_adam <- function(learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07, amsgrad = FALSE,
                           weight_decay = NULL, clipnorm = NULL, clipvalue = NULL, global_clipnorm = NULL, ...)
  .pb_constructor("optimizer_adam")

#' @rdname optimizers
#' @export
optimizer_rmsprop <- function(learning_rate = 0.001, rho = 0.9, momentum = 0, epsilon = 1e-07, centered = FALSE,
                              weight_decay = NULL, clipnorm = NULL, clipvalue = NULL, global_clipnorm = NULL, ...)
  .pb_constructor("optimizer_rmsprop")

#' @rdname optimizers
#' @export
optimizer_adagrad <- function(learning_rate = 0.001, initial_accumulator_value = 0.1, epsilon = 1e-07,
                              weight_decay = NULL, clipnorm = NULL, clipvalue = NULL, global_clipnorm = NULL, ...)
  .pb_constructor("optimizer_adagrad")

#' @rdname optimizers
#' @export
optimizer_adadelta <- function(learning_rate = 0.001, rho = 0.95, epsilon = 1e-07, weight_decay = NULL,
                               clipnorm = NULL, clipvalue = NULL, global_clipnorm = NULL, ...)
  .pb_constructor("optimizer_adadelta")

#' @rdname optimizers
#' @export
optimizer_nadam <- function(learning_rate = 0.001, beta_1 = 0.9, beta_2 = 0.999, epsilon = 1e-07,
                            weight_decay = NULL, clipnorm = NULL, clipvalue = NULL, global_clipnorm = NULL, ...)
  .pb_constructor("optimizer_nadam")
