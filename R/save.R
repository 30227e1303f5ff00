#' Save and load models
#'
#' `save_model()` writes one `.keras` file: Keras's own zip (network, weights, optimizer state) plus
#' `pybridge.json` with the preprocessing learnt at the first fit (column names, types, levels,
#' scaling, outcome encoding) and the training histories. Nothing is pickled, and the same file loads
#' in R and in Python (`pybridge.load_model()`), giving the same predictions.
#'
#' The file is written whole: to a temporary file in the same folder, flushed to disk, then renamed
#' over `filepath`. A crash or `kill -9` mid-save leaves the previous file intact, a process reading
#' meanwhile sees the old file or the new one, and of two sessions saving at once the last one wins.
#' Checkpoints, backups and CSV logs written by the callbacks are written the same way.
#'
#' `load_model()` never runs code from the file: a file holding a Lambda layer (Python code) is
#' refused unless you opt in with `safe_mode = FALSE`, which you should do only for files you trust.
#' It checks the file before using it: a damaged zip member, a decompression bomb, or a
#' `pybridge.json` whose fields have the wrong type, a non-positive sd, or widths that do not match
#' the network is a `pybridge_input_error` naming the member or field.
#' Plain Keras files (from Keras itself) load too; without preprocessing they predict raw outputs
#' from arrays until a `fit()`.
#'
#' `saveRDS(model)` also works: when R serialises a pybridge model, the model's current `.keras`
#' bytes are written into the file, and `readRDS()` in a new R session rebuilds the Python side the
#' first time the model is used.
#'
#' @param model For `save_model()`, a `pybridge_model`; for `load_model()`, the path of a `.keras`
#'   file (the argument names follow keras3).
#' @param filepath Path of the file to write; must end in `.keras`.
#' @param overwrite Replace an existing file.
#' @param compile Restore the optimizer, loss and metrics so training can continue.
#' @param safe_mode Refuse files that hold code (Lambda layers).
#' @param ... Unused.
#' @return `save_model()`: the path, invisibly. `load_model()`: a `pybridge_model`.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential() |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
#'   model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0)
#'   path <- tempfile(fileext = ".keras")
#'   save_model(model, path)
#'   head(predict(load_model(path), iris))
#' }
save_model <- function(model, filepath, overwrite = FALSE, ...) {
  path <- .pb_call("save_model", model = model, filepath = path.expand(filepath), overwrite = overwrite,
                   .call = sys.call())
  invisible(path)
}

#' @rdname save_model
#' @export
load_model <- function(model, compile = TRUE, safe_mode = TRUE) {
  loaded <- .pb_call("load_model", model = path.expand(model), compile = compile, safe_mode = safe_mode,
                     .call = sys.call())
  loaded
}

# The model's .keras bytes for saveRDS(): a raw vector that asks Python for them only when R
# serialises the object (src/lazy-bytes.c), so building and training pay nothing for it.
#' @useDynLib pybridge, .registration = TRUE
.pb_attach_bytes <- function(model) {
  producer <- function() {
    tryCatch(as.raw(.pb_call("model_to_bytes", model = model)), error = function(e) {
      warning("the model could not be serialised, so saveRDS() does not capture it: ", conditionMessage(e),
              call. = FALSE)
      raw(0)
    })
  }
  assign("bytes", .Call(pb_lazy_bytes, producer), envir = .pb_fields(model))
  invisible(model)
}

# After readRDS() in another session the handle is stale (a null pointer under reticulate, an id that
# may name another object under rpy2): rebuild the Python side from the bytes on first use.
.pb_model_handle <- function(model) {
  fields <- .pb_fields(model)
  handle <- get("handle", envir = fields)
  # readRDS() in this same session gives a null pointer under reticulate: that copy is rebuilt too.
  stale <- inherits(handle, "python.builtin.object") && reticulate::py_is_null_xptr(handle)
  if (!stale && identical(get0("session", envir = fields, inherits = FALSE), .pb_session())) return(handle)
  bytes <- get0("bytes", envir = fields, inherits = FALSE)
  if (!length(bytes)) {
    .pb_abort("this model comes from another R session and holds no copy of itself; recreate or load_model() it",
              class = "pybridge_state_error")
  }
  # As integers: both transports carry integer vectors, not both carry raw ones.
  restored <- .pb_fields(.pb_call("model_from_bytes", data = as.integer(bytes)))
  assign("handle", get("handle", envir = restored), envir = fields)
  assign("reference", get0("reference", envir = restored, inherits = FALSE), envir = fields)
  assign("session", .pb_session(), envir = fields)
  get("handle", envir = fields)
}

# How a model crosses as an argument: by the number Python registered it under (a plain integer
# crosses reticulate several times faster than a Python object), or by its handle when it has none
# or was made in another session.
.pb_model_reference <- function(model) {
  handle <- .pb_model_handle(model)  # rebuilds a model from another session first
  reference <- get0("reference", envir = .pb_fields(model), inherits = FALSE)
  if (is.null(reference)) handle else list(`__reference__` = reference)
}

# This R session's identity, so models saved with saveRDS() know they were made elsewhere.
.pb_session <- function() {
  if (is.null(.pb_state$session)) {
    .pb_state$session <- sprintf("%d-%s", Sys.getpid(), format(Sys.time(), "%Y%m%d%H%M%OS6"))
  }
  .pb_state$session
}

#' Save and load the architecture as JSON
#'
#' keras3's `save_model_config()` writes the network's architecture (Keras's JSON, as `to_json()`
#' gives it) to a file: no weights and no preprocessing. `load_model_config()` makes a new model
#' from it, with fresh weights, not compiled. For the whole model, see [save_model()].
#'
#' @param model A `pybridge_model`.
#' @param filepath A path ending in `.json`.
#' @param overwrite Whether to replace an existing file.
#' @return `save_model_config()`: the model, invisibly. `load_model_config()`: a new `pybridge_model`.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 10) |> layer_dense(10)
#'   file <- tempfile("model-config-", fileext = ".json")
#'   save_model_config(model, file)
#'   model2 <- load_model_config(file)
#'   length(model2$layers)
#' }
save_model_config <- function(model, filepath, overwrite = FALSE) {
  .pb_call("save_model_config", model = model, filepath = path.expand(filepath), overwrite = overwrite,
           .call = sys.call())
  invisible(model)
}

#' @rdname save_model_config
#' @export
load_model_config <- function(filepath) {
  .pb_call("load_model_config", filepath = path.expand(filepath), .call = sys.call())
}
