# pybridge's R conditions: class pybridge_<kind>_error (or pybridge_python_missing), then
# pybridge_error, error and condition, so callers can catch any pybridge error or one kind.

# A Python error as an R condition: class pybridge_<kind>_error, the Python message, no traceback.
.pb_signal <- function(error, call) {
  kind <- gsub("([a-z])([A-Z])", "\\1_\\2", error[["class"]])
  condition <- structure(
    class = c(paste0("pybridge_", tolower(kind)), "pybridge_error", "error", "condition"),
    list(message = error[["message"]], call = call)
  )
  stop(condition)
}

.pb_abort <- function(message, call = NULL, class = "pybridge_argument_error") {
  stop(structure(class = c(class, "pybridge_error", "error", "condition"),
                 list(message = message, call = call)))
}
