# Keras's backend, the library it computes with. Keras reads KERAS_BACKEND once, when Python imports
# it, so the choice is made before the first verb starts Python; Python checks it
# (pybridge/backend.py) and answers the same whichever language asks.

#' Choose Keras's backend
#'
#' Keras computes with TensorFlow unless told otherwise; `use_backend("jax")` (or `"torch"`) makes it
#' use JAX (or PyTorch), as keras3's `use_backend()` does. Call it at the top of the script, before
#' any other pybridge verb: Keras takes its backend when Python starts and keeps it until R restarts.
#' `use_backend()` starts Python itself, so a backend that is not installed is reported at once, with
#' what to `pip install`. Called again with the backend in use it does nothing; with another it stops
#' with a `pybridge_state_error`.
#'
#' Models, verbs and files are the same on every backend; [pybridge_config()] reports the one in use.
#' `fit(strategy = )` with several devices needs TensorFlow's `tf.distribute`, and `fit()` on files
#' streams through `tf.data`, so needs TensorFlow installed beside the other backend.
#'
#' @param backend `"tensorflow"` (the default), `"jax"` or `"torch"`.
#' @return The backend, invisibly.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   # At the top of a script, before any other pybridge verb (here the default backend):
#'   use_backend("tensorflow")
#'   pybridge_config()$backend
#' }
use_backend <- function(backend) {
  choices <- c("tensorflow", "jax", "torch")  # pybridge.backend.BACKENDS: checked before Python starts
  if (!is.character(backend) || length(backend) != 1L || is.na(backend) || !backend %in% choices) {
    .pb_abort(sprintf("`backend` must be one of %s, not %s", paste0('"', choices, '"', collapse = ", "),
                      paste(deparse(backend), collapse = " ")), sys.call())
  }
  if (!.pb_is_rpy2_hosted() && is.null(.pb_state$module)) .pb_set_keras_backend(backend)
  invisible(.pb_call("use_backend", backend = backend, .call = sys.call()))
}

# For the Python that reticulate starts, which copies R's environment then. A Python it already
# runs without pybridge (started by another package, or pybridge's import failed for want of the
# backend's library) has its own copy, os.environ, where Keras reads the variable: it is set there too.
.pb_set_keras_backend <- function(backend) {
  Sys.setenv(KERAS_BACKEND = backend)
  if (reticulate::py_available(initialize = FALSE)) {
    reticulate::import("os", convert = FALSE)$environ$update(list(KERAS_BACKEND = backend))
  }
}
