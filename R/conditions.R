# pybridge's R conditions, all built by .pb_condition(): the specific class (pybridge_<kind>_error,
# or pybridge_python_missing), then pybridge_error, so a caller can catch one kind or any of them.

.pb_condition <- function(message, class, call = NULL) {
  structure(class = c(class, "pybridge_error", "error", "condition"), list(message = message, call = call))
}

# A Python error as an R condition: class pybridge_<kind>_error, the Python message, no traceback.
.pb_signal <- function(error, call) {
  kind <- gsub("([a-z])([A-Z])", "\\1_\\2", error[["class"]])
  stop(.pb_condition(error[["message"]], paste0("pybridge_", tolower(kind)), call))
}

# An error R finds itself (a bad argument by default), raised as Python's would be.
.pb_abort <- function(message, call = NULL, class = "pybridge_argument_error") {
  stop(.pb_condition(message, class, call))
}
