# How R reaches Python: reticulate when R is the host, rpy2 when a Python process embeds R (it sets
# the option pybridge.rpy2_call). Chosen here and nowhere else.

# This session's Python side: the dispatcher module, its caller, and the session's identity (save.R).
.pb_state <- new.env(parent = emptyenv())

# The Python module R calls into: renaming it on the Python side changes this line only.
.pb_python_module_name <- "pybridge.r.dispatch"

.pb_transport <- function() {
  rpy2_call <- getOption("pybridge.rpy2_call")
  if (is.function(rpy2_call)) return(rpy2_call)
  # Looked up once: fetching a module attribute through reticulate costs more than the call itself.
  if (is.null(.pb_state$call)) {
    dispatcher <- .pb_python_module()
    # fit()'s progress lines go through R's console, so sink(), capture.output() and knitr see them.
    dispatcher$set_console(function(text) cat(text))
    .pb_state$call <- .pb_direct_caller(dispatcher$call)
  }
  .pb_state$call
}

# reticulate's wrapper around a Python function sorts `...` into positional and keyword arguments and
# converts the result through S3 dispatch, in R, on every call: a fifth of a small verb's crossing.
# The bridge always passes two positional arguments and gets a plain dict back, so it calls
# reticulate's own entry points directly. They are internal, so they are used only if they answer a
# trial call as the wrapper would; otherwise (another reticulate) the wrapper is kept.
.pb_direct_caller <- function(callable) {
  ns <- asNamespace("reticulate")
  call_impl <- get0("py_call_impl", envir = ns, inherits = FALSE)
  ref_to_r <- get0("py_ref_to_r", envir = ns, inherits = FALSE)
  if (!is.function(call_impl) || !is.function(ref_to_r)) return(callable)
  direct <- function(verb, args) ref_to_r(call_impl(callable, list(verb, args), NULL))
  trial <- list("_no_such_verb", list(x = 1))
  works <- tryCatch(identical(do.call(direct, trial), do.call(callable, trial)), error = function(e) FALSE)
  if (works) direct else callable
}

.pb_is_rpy2_hosted <- function() is.function(getOption("pybridge.rpy2_call"))

# Whether this R runs inside a Python process that embedded it through rpy2. rpy2 starts R with argv
# c("rpy2", "--quiet", "--no-save") and exports PYTHON_SESSION_INITIALIZED = "current_pid=<its pid>:
# sys.executable=<python>" (the convention rpy2 and reticulate share, rstudio/reticulate#98). The
# variable survives set_initoptions(), which changes the argv; its pid keeps out an R child process
# that merely inherits it.
.pb_embedded_by_python <- function(args = commandArgs(), session = Sys.getenv("PYTHON_SESSION_INITIALIZED"),
                                   pid = Sys.getpid()) {
  identical(args[1], "rpy2") || grepl(paste0("(^|:)current_pid=", pid, "(:|$)"), session)
}

# Starts Python through reticulate (the Python found by pybridge_python_path()) and imports the
# dispatcher module, once per session.
.pb_python_module <- function() {
  module <- .pb_state$module
  if (!is.null(module)) return(module)
  # Inside a Python process, reticulate would be a second Python bridge next to rpy2: the process
  # crashes at exit (Fatal Python error, the GIL released). Only rhost.start() makes the R package
  # usable there, and the transport reads its option on every call, so calling it now is enough.
  if (.pb_embedded_by_python()) {
    .pb_abort(paste0("pybridge's R package is running inside a Python process (R embedded by rpy2) without ",
                     "the rpy2 transport, and will not start reticulate there. In Python, call ",
                     "`import pybridge; pybridge.rhost.start()` first: it routes the R package through rpy2."),
              class = "pybridge_state_error")
  }
  python <- pybridge_python_path()
  if (is.null(python)) {
    .pb_abort(paste0("pybridge found no Python environment. Run `make setup` in the pybridge checkout, or ",
                     "`pybridge::install_pybridge()` in R, or set PYBRIDGE_PYTHON to a Python that has ",
                     "`pip install \"pybridge-keras[cpu]\"`."), class = "pybridge_python_missing")
  }
  Sys.setenv(TF_CPP_MIN_LOG_LEVEL = Sys.getenv("TF_CPP_MIN_LOG_LEVEL", "2"))
  # RETICULATE_PYTHON, rather than use_python(), skips reticulate's discovery, which would otherwise
  # read the checkout's pyproject.toml as a Poetry project.
  Sys.setenv(RETICULATE_PYTHON = python)
  module <- tryCatch(reticulate::import(.pb_python_module_name, convert = TRUE), error = function(e) {
    .pb_abort(paste0("Python at ", python, " cannot import pybridge: ", conditionMessage(e),
                     "\nRun `make setup` in the pybridge checkout or `pybridge::install_pybridge()`."),
              class = "pybridge_python_missing")
  })
  .pb_state$module <- module
  module
}
