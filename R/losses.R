#' Losses and metrics
#'
#' Loss and metric objects for [compile()], with keras3's argument names; the names
#' (`loss = "mse"`, `metrics = c("accuracy", "mae")`) work there too. A loss object decides the
#' outcome's encoding exactly as its name would (sparse codes, one-hot rows or 0/1), whatever its
#' `name`. Called with `y_true` and `y_pred`, a `loss_*()` function computes the per-sample loss
#' instead of returning an object.
#'
#' `metric_accuracy()` stands for the metric name `"accuracy"`, which Keras matches to the loss
#' (sparse categorical, categorical or binary accuracy); keras3's `metric_accuracy()` is Keras's
#' exact-equality `Accuracy`, which never fits a probability output.
#'
#' @param y_true,y_pred Optional: true values and predictions, to compute the loss directly.
#' @param from_logits Whether the predictions are logits rather than probabilities.
#' @param label_smoothing Amount of label smoothing, in \[0, 1).
#' @param axis The class axis.
#' @param ignore_class A class code to ignore, or `NULL`.
#' @param reduction How per-sample losses are combined (`"sum_over_batch_size"`, `"sum"`, ...).
#' @param name Name shown in histories.
#' @param dtype Optional data type of the metric's state.
#' @param num_thresholds,curve,summation_method,multi_label AUC's discretisation, `"ROC"` or `"PR"`
#'   curve, summation, and multi-label handling.
#' @param thresholds,top_k,class_id Precision and recall's decision threshold(s), top-k and class.
#' @param ... Other arguments of the Keras class, named.
#' @return A loss or metric object (class `pybridge_object`), `"accuracy"` for `metric_accuracy()`, or
#'   the per-sample losses when `y_true` and `y_pred` are given.
#' @name losses
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |> layer_dense(1, activation = "sigmoid")
#'   model |> compile(optimizer = "adam", loss = loss_binary_crossentropy(),
#'                    metrics = list(metric_auc(), metric_precision(), metric_recall()))
#'   loss_mean_squared_error(y_true = c(1, 2), y_pred = c(1.5, 2))
#' }
NULL

#' @rdname losses
#' @export
loss_mean_squared_error <- function(y_true, y_pred, ..., reduction = "sum_over_batch_size",
                                    name = "mean_squared_error") .pb_constructor("loss_mean_squared_error")

#' @rdname losses
#' @export
loss_mean_absolute_error <- function(y_true, y_pred, ..., reduction = "sum_over_batch_size",
                                     name = "mean_absolute_error") .pb_constructor("loss_mean_absolute_error")

#' @rdname losses
#' @export
loss_binary_crossentropy <- function(y_true, y_pred, from_logits = FALSE, label_smoothing = 0, axis = -1L, ...,
                                     reduction = "sum_over_batch_size", name = "binary_crossentropy")
  .pb_constructor("loss_binary_crossentropy")

#' @rdname losses
#' @export
loss_categorical_crossentropy <- function(y_true, y_pred, from_logits = FALSE, label_smoothing = 0, axis = -1L,
                                          ..., reduction = "sum_over_batch_size", name = "categorical_crossentropy")
  .pb_constructor("loss_categorical_crossentropy")

#' @rdname losses
#' @export
loss_sparse_categorical_crossentropy <- function(y_true, y_pred, from_logits = FALSE, ignore_class = NULL,
                                                 axis = -1L, ..., reduction = "sum_over_batch_size",
                                                 name = "sparse_categorical_crossentropy")
  .pb_constructor("loss_sparse_categorical_crossentropy")

#' @rdname losses
#' @export
metric_accuracy <- function(..., name = "accuracy", dtype = NULL) .pb_constructor("metric_accuracy")

#' @rdname losses
#' @export
metric_auc <- function(..., num_thresholds = 200L, curve = "ROC", summation_method = "interpolation",
                       name = NULL, dtype = NULL, thresholds = NULL, multi_label = FALSE, from_logits = FALSE)
  .pb_constructor("metric_auc")

#' @rdname losses
#' @export
metric_precision <- function(..., thresholds = NULL, top_k = NULL, class_id = NULL, name = NULL, dtype = NULL)
  .pb_constructor("metric_precision")

#' @rdname losses
#' @export
metric_recall <- function(..., thresholds = NULL, top_k = NULL, class_id = NULL, name = NULL, dtype = NULL)
  .pb_constructor("metric_recall")

#' @rdname losses
#' @export
metric_root_mean_squared_error <- function(..., name = "root_mean_squared_error", dtype = NULL)
  .pb_constructor("metric_root_mean_squared_error")

#' @rdname losses
#' @export
metric_mean_absolute_error <- function(..., name = "mean_absolute_error", dtype = NULL)
  .pb_constructor("metric_mean_absolute_error")

#' Name an R function used as a metric
#'
#' keras3's `custom_metric()`: the name Keras gives the metric (and its column in the history) when
#' `fn` is passed to [compile()]'s `metrics`.
#'
#' @param name The metric's name.
#' @param metric_fn An R function `function(y_true, y_pred)` built from `op_*()` functions.
#' @return `metric_fn`, named.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 3) |> layer_dense(1)
#'   largest_error <- custom_metric("largest_error", function(y_true, y_pred) op_max(op_abs(y_true - y_pred)))
#'   model |> compile(loss = "mse", metrics = list(largest_error))
#'   history <- model |> fit(matrix(runif(30), 10), runif(10), epochs = 2, verbose = 0)
#'   names(history$metrics)
#' }
custom_metric <- function(name, metric_fn) {
  if (!is.character(name) || length(name) != 1 || is.na(name) || !nzchar(name)) {
    .pb_abort("`name` must be one non-empty string", sys.call())
  }
  if (!is.function(metric_fn)) .pb_abort("`metric_fn` must be an R function", sys.call())
  attr(metric_fn, "py_function_name") <- name
  metric_fn
}
