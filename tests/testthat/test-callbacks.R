tiny_regressor <- function() dense_model(input_shape = 2, optimizer = optimizer_sgd(learning_rate = 0.05))
x <- matrix(c(0.1, 0.5, 0.9, 0.3, 0.7, 0.2, 0.4, 0.8, 0.6, 0.1, 0.3, 0.9, 0.2, 0.5, 0.8, 0.4), 8, 2)

test_that("callback_lambda runs R functions on R's main thread with 1-based epochs over all training", {
  require_python()
  model <- tiny_regressor()
  seen <- list()
  threads <- character()
  record <- callback_lambda(on_epoch_end = function(epoch, logs) {
    seen[[length(seen) + 1]] <<- list(epoch = epoch, logs = logs)
    threads <<- c(threads, reticulate::import("threading")$current_thread()$name)
  })
  history <- fit(model, x, x[, 1], epochs = 2, verbose = 0, callbacks = record)
  fit(model, x, x[, 1], epochs = 1, verbose = 0, callbacks = list(record))
  expect_equal(vapply(seen, `[[`, 0, "epoch"), c(1, 2, 3))  # counted over all of the model's training
  expect_equal(seen[[2]]$logs$loss, history$metrics$loss[2], tolerance = 1e-6)
  expect_true(is.numeric(seen[[1]]$logs$loss))
  expect_equal(unique(threads), "MainThread")
  expect_error(callback_lambda(), class = "pybridge_argument_error")
  expect_error(fit(model, x, x[, 1], epochs = 1, verbose = 0, callbacks = list(1)), "callback",
               class = "pybridge_argument_error")
})

test_that("early stopping restores the best weights even when all epochs run", {
  require_python()
  set_random_seed(3)
  model <- tiny_regressor()
  # Validation wants the opposite of training, so validation loss is best after the first epoch.
  weights <- list()
  remember <- callback_lambda(on_epoch_end = function(epoch, logs) weights[[epoch]] <<- get_weights(model))
  history <- fit(model, x, x[, 1] + x[, 2], epochs = 3, batch_size = 8, verbose = 0,
                 validation_data = list(x, -(x[, 1] + x[, 2])),
                 callbacks = list(remember, callback_early_stopping(monitor = "val_loss", patience = 10,
                                                                    restore_best_weights = TRUE)))
  expect_equal(history$params$epochs, 3)
  best <- which.min(history$metrics$val_loss)
  expect_lt(best, 3)
  expect_equal(get_weights(model), weights[[best]], tolerance = 1e-7)
  expect_false(isTRUE(all.equal(get_weights(model), weights[[3]])))
})

test_that("model checkpoints, CSV logs, TensorBoard events and backups are written", {
  require_python()
  dir <- withr::local_tempdir()
  model <- tiny_regressor()
  fit(model, x, x[, 1], epochs = 2, verbose = 0, callbacks = list(
    callback_model_checkpoint(file.path(dir, "model-{epoch}.keras"), monitor = "loss"),
    callback_csv_logger(file.path(dir, "log.csv")),
    callback_tensorboard(log_dir = file.path(dir, "tb")),
    callback_backup_and_restore(backup_dir = file.path(dir, "backup"), delete_checkpoint = FALSE)))
  expect_true(all(file.exists(file.path(dir, c("model-1.keras", "model-2.keras")))))
  checkpoint <- load_model(file.path(dir, "model-2.keras"))
  expect_equal(predict(checkpoint, x), predict(model, x), tolerance = 1e-6)  # preprocessing kept
  log <- read.csv(file.path(dir, "log.csv"))
  expect_equal(nrow(log), 2)
  expect_true("loss" %in% names(log))
  expect_true(any(grepl("events.out.tfevents", list.files(file.path(dir, "tb"), recursive = TRUE))))
  expect_true(length(list.files(file.path(dir, "backup"), recursive = TRUE)) > 0)
})

test_that("reduce_lr_on_plateau lowers the learning rate when the loss stalls", {
  require_python()
  model <- tiny_regressor()
  history <- fit(model, x, x[, 1], epochs = 3, verbose = 0, callbacks = list(
    callback_reduce_lr_on_plateau(monitor = "loss", factor = 0.5, patience = 0, min_delta = 1e6)))
  rates <- history$metrics$learning_rate
  expect_length(rates, 3)
  expect_lt(rates[3], rates[1])
})

test_that("fit prints one line per epoch to the R console; verbose = 0 is silent", {
  require_python()
  model <- tiny_regressor()
  lines <- capture.output(fit(model, x, x[, 1], epochs = 2))
  expect_length(lines, 2)
  expect_match(lines, "^Epoch [12]/2 - loss: [0-9.]+$")
  expect_false(any(grepl("\r", lines, fixed = TRUE)))
  expect_length(capture.output(fit(model, x, x[, 1], epochs = 2, verbose = 0)), 0)
})

test_that("an R callback's error reaches fit()'s caller with its own class and message", {
  require_python()
  model <- tiny_regressor()
  typed <- callback_lambda(on_epoch_end = function(epoch, logs) {
    if (epoch == 2) stop(structure(class = c("my_error", "error", "condition"),
                                   list(message = "typed failure", call = NULL)))
  })
  caught <- tryCatch(fit(model, x, x[, 1], epochs = 5, verbose = 0, callbacks = list(typed)),
                     my_error = function(e) e)
  expect_s3_class(caught, "my_error")
  expect_equal(conditionMessage(caught), "typed failure")
  expect_false(inherits(caught, "pybridge_error"))
  expect_equal(training_history(model)$params$epochs, 2)  # the epochs done are kept
  require_package("rlang")
  aborting <- callback_lambda(on_train_begin = function(logs) rlang::abort("from rlang", class = "my_error"))
  expect_error(fit(model, x, x[, 1], epochs = 1, verbose = 0, callbacks = list(aborting)), "from rlang",
               class = "my_error")
  # The session is usable afterwards, and a pybridge error still comes as pybridge's.
  expect_equal(nrow(predict(model, x)), 8)
  expect_error(fit(model, x, x[, 1], epochs = 0, verbose = 0), class = "pybridge_argument_error")
})

test_that("an R callback's warning stays a warning and training goes on", {
  require_python()
  model <- tiny_regressor()
  careful <- callback_lambda(on_epoch_end = function(epoch, logs) warning("careful at ", epoch))
  warned <- character()
  history <- withCallingHandlers(fit(model, x, x[, 1], epochs = 2, verbose = 0, callbacks = list(careful)),
                                 warning = function(w) {
                                   warned <<- c(warned, conditionMessage(w))
                                   invokeRestart("muffleWarning")
                                 })
  expect_equal(warned, c("careful at 1", "careful at 2"))
  expect_equal(history$params$epochs, 2)
  # A handler that exits (tryCatch) gets the warning once fit() is done; it no longer unwinds Keras.
  caught <- tryCatch(fit(model, x, x[, 1], epochs = 3, verbose = 0, callbacks = list(careful)),
                     warning = function(w) w)
  expect_s3_class(caught, "simpleWarning")
  expect_equal(conditionMessage(caught), "careful at 3")
  expect_equal(training_history(model)$params$epochs, 5)
})

test_that("every callback_lambda() hook runs, the batch hooks with their batch number and logs", {
  require_python()
  model <- tiny_regressor()
  calls <- character()
  note <- function(name) function(...) {
    args <- list(...)
    calls <<- c(calls, name)
    if (length(args) == 2) stopifnot(is.numeric(args[[1]]), args[[1]] >= 1, is.list(args[[2]]))
  }
  hooks <- c("on_epoch_begin", "on_epoch_end", "on_train_begin", "on_train_end", "on_train_batch_begin",
             "on_train_batch_end", "on_test_begin", "on_test_end", "on_test_batch_begin", "on_test_batch_end")
  callback <- do.call(callback_lambda, sapply(hooks, note, simplify = FALSE))
  fit(model, x, x[, 1], epochs = 1, verbose = 0, validation_data = list(x, x[, 1]), callbacks = list(callback))
  expect_setequal(unique(calls), hooks)
  expect_s3_class(callback_lambda(on_predict_batch_end = function(batch, logs) NULL), "pybridge_object")
})
