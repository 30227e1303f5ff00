#' Callbacks
#'
#' Objects for `fit(callbacks = list(...))`, with keras3's argument names. Epoch numbers given to
#' your functions are 1-based and count over all of a model's training, as in its histories.
#'
#' * `callback_early_stopping()` stops when `monitor` stops improving; with
#'   `restore_best_weights = TRUE` the model ends with the weights of its best epoch, also when
#'   training runs all its epochs.
#' * `callback_model_checkpoint()` saves the network (a `.keras` file, or `.weights.h5` with
#'   `save_weights_only = TRUE`) during training; `{epoch}` in `filepath` is replaced by the epoch.
#'   A `.keras` checkpoint holds the preprocessing too, as [save_model()]'s files do: [load_model()]
#'   gives a model that predicts like the one being trained at that epoch.
#' * `callback_reduce_lr_on_plateau()` multiplies the learning rate by `factor` when `monitor`
#'   stalls; the rate appears in the history as `learning_rate`.
#' * `callback_tensorboard()` writes TensorBoard event files under `log_dir`.
#' * `callback_csv_logger()` writes one CSV row per epoch (Keras numbers epochs from 0 there).
#' * `callback_backup_and_restore()` keeps a backup in `backup_dir` so that an interrupted `fit()`
#'   resumes where it stopped.
#' * `callback_lambda()` calls R functions: `on_epoch_end = function(epoch, logs)`, with `logs` a
#'   named list of the epoch's metrics. They run in this R session, on its main thread. An error
#'   they signal (`stop()`, `rlang::abort()`) ends `fit()` and reaches its caller with its own class
#'   and message (the epochs completed stay in the model's [training_history()]); a warning stays a
#'   warning, given when `fit()` returns, and training goes on. The `on_test_*` hooks run when
#'   validation data is evaluated (and in [evaluate()] with `callbacks =`); `on_predict_*` only
#'   in Keras's own `predict()`.
#'
#' @param monitor Metric to watch, such as `"val_loss"` or `"loss"`.
#' @param min_delta Smallest change that counts as an improvement.
#' @param patience Epochs without improvement before acting.
#' @param verbose 0 (quiet) or 1 (say when acting).
#' @param mode `"auto"`, `"min"` or `"max"`: whether lower or higher `monitor` is better.
#' @param baseline A value `monitor` must reach, or `NULL`.
#' @param restore_best_weights End with the weights of the best epoch.
#' @param start_from_epoch Epochs to wait before watching.
#' @param filepath,filename Where to write: a path (`~` is expanded).
#' @param save_best_only,save_weights_only Save only when `monitor` improves; save only the weights.
#' @param save_freq `"epoch"` or a number of batches.
#' @param initial_value_threshold Value `monitor` must beat before the first save, or `NULL`.
#' @param factor,cooldown,min_lr New rate = rate * `factor`; epochs to wait after a change; lowest rate.
#' @param log_dir Folder for TensorBoard's event files.
#' @param histogram_freq,write_graph,write_images,update_freq,profile_batch TensorBoard options.
#' @param separator,append CSV field separator; append to an existing file.
#' @param backup_dir Folder for the backup.
#' @param delete_checkpoint Delete the backup when training ends normally.
#' @param on_epoch_begin,on_epoch_end `function(epoch, logs)`.
#' @param on_train_begin,on_train_end `function(logs)`.
#' @param on_train_batch_begin,on_train_batch_end,on_test_batch_begin,on_test_batch_end
#'   `function(batch, logs)` (batch numbers 1-based; with `steps_per_execution` > 1, the
#'   default, a hook runs once per group of steps).
#' @param on_predict_batch_begin,on_predict_batch_end `function(batch, logs)`, as the others.
#' @param on_test_begin,on_test_end,on_predict_begin,on_predict_end `function(logs)`.
#' @param ... Other arguments of the Keras callback, named.
#' @return A callback object (class `pybridge_object`).
#' @name callbacks
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
#'   seen <- integer()
#'   model |> fit(Species ~ ., data = iris, epochs = 3, validation_split = 0.2, verbose = 0,
#'                callbacks = list(
#'                  callback_early_stopping(patience = 2, restore_best_weights = TRUE),
#'                  callback_lambda(on_epoch_end = function(epoch, logs) seen <<- c(seen, epoch))))
#'   seen
#' }
NULL

#' @rdname callbacks
#' @export
callback_early_stopping <- function(monitor = "val_loss", min_delta = 0, patience = 0, verbose = 0, mode = "auto",
                                    baseline = NULL, restore_best_weights = FALSE, start_from_epoch = 0)
  .pb_constructor("callback_early_stopping")

#' @rdname callbacks
#' @export
callback_model_checkpoint <- function(filepath, monitor = "val_loss", verbose = 0, save_best_only = FALSE,
                                      save_weights_only = FALSE, mode = "auto", save_freq = "epoch",
                                      initial_value_threshold = NULL)
  .pb_constructor("callback_model_checkpoint")

#' @rdname callbacks
#' @export
callback_reduce_lr_on_plateau <- function(monitor = "val_loss", factor = 0.1, patience = 10, verbose = 0,
                                          mode = "auto", min_delta = 1e-04, cooldown = 0, min_lr = 0, ...)
  .pb_constructor("callback_reduce_lr_on_plateau")

#' @rdname callbacks
#' @export
callback_tensorboard <- function(log_dir = "logs", histogram_freq = 0, write_graph = TRUE, write_images = FALSE,
                                 update_freq = "epoch", profile_batch = 0, ...)
  .pb_constructor("callback_tensorboard")

#' @rdname callbacks
#' @export
callback_csv_logger <- function(filename, separator = ",", append = FALSE) .pb_constructor("callback_csv_logger")

#' @rdname callbacks
#' @export
callback_backup_and_restore <- function(backup_dir, save_freq = "epoch", delete_checkpoint = TRUE)
  .pb_constructor("callback_backup_and_restore")

#' @rdname callbacks
#' @export
callback_lambda <- function(on_epoch_begin = NULL, on_epoch_end = NULL, on_train_begin = NULL, on_train_end = NULL,
                            on_train_batch_begin = NULL, on_train_batch_end = NULL, on_test_begin = NULL,
                            on_test_end = NULL, on_test_batch_begin = NULL, on_test_batch_end = NULL,
                            on_predict_begin = NULL, on_predict_end = NULL, on_predict_batch_begin = NULL,
                            on_predict_batch_end = NULL) {
  args <- .pb_typed_args(sys.function(), sys.call(), environment(), parent.frame())
  .pb_call_list("callback_lambda", args, sys.call())  # R functions keep their conditions (bridge-functions.R)
}

# An R callback runs inside Keras's fit(), in Python, which would turn its R conditions into Python
# errors. Wrapped, its error is kept in R and stands for itself when the verb fails (.pb_signal()),
# and a warning is muffled there and given again once the verb returns, while training goes on.
.pb_keep_conditions <- function(fn) {
  if (!is.function(fn)) return(fn)  # Python names the argument that is not a function
  force(fn)
  function(...) {
    withCallingHandlers(
      # An interrupt (Ctrl-C) that lands while R code runs is kept the same way, and raised again as
      # an interrupt: otherwise Python would see an unknown exception and the caller an error.
      tryCatch(fn(...), error = function(e) stop(.pb_keep_error(e), call. = FALSE),
               interrupt = function(i) stop(.pb_keep_error(i), call. = FALSE)),
      warning = function(w) {
        .pb_state$warnings <- c(.pb_state$warnings, list(w))
        invokeRestart("muffleWarning")
      })
  }
}
