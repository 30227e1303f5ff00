# Finding Python and installing pybridge's Python side. library(pybridge) never starts Python: the
# first verb that needs it does (.pb_python_module(), bridge-transport.R), and never inside a Python
# process that embedded R without pybridge.rhost.start().

#' Where pybridge looks for Python
#'
#' In order: the `PYBRIDGE_PYTHON` or `RETICULATE_PYTHON` environment variable; the `.venv` of the
#' source checkout the package was installed from (`make demo` / `make test` set this up); the
#' virtual environment `r-pybridge` that [install_pybridge()] creates.
#'
#' @return The path of a Python executable, or `NULL` when none is found.
#' @keywords internal
pybridge_python_path <- function() {
  for (variable in c("PYBRIDGE_PYTHON", "RETICULATE_PYTHON")) {
    path <- Sys.getenv(variable)
    if (nzchar(path)) return(path)
  }
  for (root in .pb_checkout_candidates()) {
    path <- file.path(root, ".venv", "bin", "python")
    # Not normalizePath(): the venv's python is a symlink, and resolving it would leave the venv.
    if (file.exists(path)) return(file.path(normalizePath(root), ".venv", "bin", "python"))
  }
  path <- file.path(.pb_virtualenv_root(), "r-pybridge", "bin", "python")
  if (file.exists(path)) return(path)
  NULL
}

# The checkout installs the package into <checkout>/.Rlib; the working directory may be inside it too.
.pb_checkout_candidates <- function() {
  installed <- dirname(dirname(system.file(package = "pybridge")))
  roots <- c(installed, getwd())
  here <- getwd()
  while (!identical(dirname(here), here)) {
    here <- dirname(here)
    roots <- c(roots, here)
  }
  roots[file.exists(file.path(roots, "pyproject.toml")) & file.exists(file.path(roots, "DESCRIPTION"))]
}

.pb_virtualenv_root <- function() {
  root <- Sys.getenv("WORKON_HOME")
  if (nzchar(root)) root else file.path(path.expand("~"), ".virtualenvs")
}

#' Install the Python side of pybridge
#'
#' Creates (or updates) the virtual environment `envname` with TensorFlow, Keras, pandas and the
#' pybridge Python package, as keras's `install_keras()` does. pybridge finds it automatically.
#'
#' @param envname Name of the virtual environment.
#' @param source Where pip installs pybridge from: a checkout folder or a package specification.
#' @param gpu Install the full TensorFlow build (with CUDA) instead of the CPU-only one.
#' @return The path of the environment's Python, invisibly.
#' @export
#' @examples
#' \dontrun{
#' install_pybridge()
#' }
install_pybridge <- function(envname = "r-pybridge", source = NULL, gpu = FALSE) {
  if (is.null(source)) {
    roots <- .pb_checkout_candidates()
    if (!length(roots)) stop("install_pybridge() needs `source`: a checkout or a pip spec (\"pybridge-keras\")")
    source <- roots[[1]]
  }
  extra <- if (gpu) "gpu" else "cpu"
  spec <- if (dir.exists(source)) sprintf("%s[%s]", normalizePath(source), extra) else
    sprintf("%s[%s]", source, extra)
  reticulate::virtualenv_create(envname)
  reticulate::virtualenv_install(envname, spec, ignore_installed = FALSE)
  invisible(reticulate::virtualenv_python(envname))
}

#' Which Python and libraries pybridge uses
#'
#' Starts Python if needed and reports the Python executable, the versions of NumPy, pandas and Keras,
#' Keras's backend (see [use_backend()]) and its library's version, the devices the backend sees
#' (named as TensorFlow names them, `"/device:CPU:0"`) and the transport in use.
#'
#' @return A named list, printed readably.
#' @export
#' @examples
#' if (pybridge_available()) pybridge_config()
pybridge_config <- function() {
  config <- .pb_call("config")
  config$transport <- if (.pb_is_rpy2_hosted()) "rpy2" else "reticulate"
  structure(config, class = "pybridge_config")
}

#' @export
print.pybridge_config <- function(x, ...) {
  for (name in names(x)) cat(sprintf("%-11s %s\n", paste0(name, ":"), paste(unlist(x[[name]]), collapse = ", ")))
  invisible(x)
}

#' Is pybridge's Python available?
#'
#' `TRUE` when a Python with pybridge can be found (or is already running), without starting it.
#' Useful to guard examples. In a Python process that embedded R through rpy2, `TRUE` only once
#' `pybridge.rhost.start()` has run in Python (the verbs stop with an error saying so until then).
#' @return `TRUE` or `FALSE`.
#' @export
#' @examples
#' pybridge_available()
pybridge_available <- function() {
  if (.pb_is_rpy2_hosted()) return(TRUE)
  if (.pb_embedded_by_python()) return(FALSE)  # reticulate may not start here: rhost.start() first
  !is.null(.pb_state$module) || !is.null(pybridge_python_path())
}
