# pybridge's R conditions, all built by .pb_condition(): the specific class (pybridge_<kind>_error,
# or pybridge_python_missing), then pybridge_error, so a caller can catch one kind or any of them.

.pb_condition <- function(message, class, call = NULL) {
  structure(class = c(class, "pybridge_error", "error", "condition"), list(message = message, call = call))
}

# A Python error as an R condition: class pybridge_<kind>_error, the Python message, no traceback.
# The error an R callback signalled (kept by .pb_keep_error()) is raised again as itself.
.pb_signal <- function(error, call) {
  kept <- .pb_state$kept_error
  .pb_state$kept_error <- NULL
  if (inherits(kept, "interrupt") && endsWith(error[["message"]], .pb_interrupted)) {
    signalCondition(kept)  # a caller's tryCatch(interrupt =) takes it, as if no Python were between
    invokeRestart("abort")
  }
  # Keras may wrap the message (a layer's call() that failed while tracing): contained, not only last.
  if (!is.null(kept) && grepl(conditionMessage(kept), error[["message"]], fixed = TRUE)) stop(kept)
  kind <- gsub("([a-z])([A-Z])", "\\1_\\2", error[["class"]])
  stop(.pb_condition(error[["message"]], paste0("pybridge_", tolower(kind)), call))
}

# An error R finds itself (a bad argument by default), raised as Python's would be.
.pb_abort <- function(message, call = NULL, class = "pybridge_argument_error") {
  stop(.pb_condition(message, class, call))
}

# An R callback's error, kept in R while Python unwinds fit() on a plain error with its message
# (all the Python side sees, and all a Python caller under rpy2 needs), by which .pb_signal() knows it.
.pb_keep_error <- function(condition) {
  # Already kept, by an R function nearer to it (R code in Keras calling R code in Keras): it stands.
  kept <- .pb_state$kept_error
  if (!is.null(kept) && identical(conditionMessage(condition), .pb_kept_message(kept))) {
    return(conditionMessage(condition))
  }
  .pb_state$kept_error <- condition
  if (inherits(condition, "interrupt")) .pb_interrupted else conditionMessage(condition)
}

.pb_interrupted <- "interrupted in an R callback"

.pb_kept_message <- function(kept) if (inherits(kept, "interrupt")) .pb_interrupted else conditionMessage(kept)

# The warnings R callbacks gave during a verb, given again once it has returned.
.pb_give_warnings <- function() {
  kept <- .pb_state$warnings
  .pb_state$warnings <- NULL
  for (w in kept) warning(w)
}
