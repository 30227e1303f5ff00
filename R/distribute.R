# tf.distribute strategies for fit(strategy = ...). TensorFlow does the distributing; the rebuild of
# the model inside the strategy's scope happens in Python (pybridge/distribute.py).

#' Distribution strategies
#'
#' Pass one of these, or a name, as `fit(..., strategy = )`: `"auto"` (several GPUs: mirrored,
#' otherwise the default), `"default"` (one device), `"mirrored"` (every GPU of this machine) or
#' `"multi_worker"` (several machines). The model is rebuilt inside the strategy's scope at that
#' `fit()`, keeping its weights, and stays there for later calls. Nothing else in the script changes.
#'
#' The multi-worker strategy reads the cluster from the `TF_CONFIG` environment variable, or from
#' `workers` and `worker_index`, which it writes to `TF_CONFIG`. TensorFlow needs it created before
#' anything else runs: with `TF_CONFIG` set, pybridge creates it when Python starts; otherwise call
#' `distribute_strategy_multi_worker()` at the top of the script, before building the model. The same
#' script runs on every worker; each blocks there until all have started. Worker 0 is the chief: only
#' it writes saved models. `docs/scaling-out.md` in the source walks through a two-machine run.
#'
#' @param devices Device names such as `"/gpu:0"`; `NULL` for every GPU (or the CPU when none).
#' @param workers Addresses `"host:port"` of every worker, the same list on each.
#' @param worker_index This process's position in `workers`, from 0 (0 is the chief).
#' @return A strategy object to pass to [fit()].
#' @name distribute_strategy
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential() |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
#'   model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0, strategy = "auto")
#' }
#' \dontrun{
#' # On each of two machines, with worker_index 0 on the first and 1 on the second:
#' strategy <- distribute_strategy_multi_worker(workers = c("10.0.0.1:12345", "10.0.0.2:12345"),
#'                                              worker_index = 0)
#' }
NULL

#' @rdname distribute_strategy
#' @export
distribute_strategy_default <- function() {
  .pb_strategy(.pb_call("distribute_strategy_default", .call = sys.call()))
}

#' @rdname distribute_strategy
#' @export
distribute_strategy_mirrored <- function(devices = NULL) {
  .pb_strategy(.pb_call("distribute_strategy_mirrored",
                        devices = if (is.null(devices)) NULL else as.list(devices), .call = sys.call()))
}

#' @rdname distribute_strategy
#' @export
distribute_strategy_multi_worker <- function(workers = NULL, worker_index = NULL) {
  .pb_strategy(.pb_call("distribute_strategy_multi_worker",
                        workers = if (is.null(workers)) NULL else as.list(workers),
                        worker_index = worker_index, .call = sys.call()))
}

.pb_strategy <- function(object) {
  class(object) <- c("pybridge_strategy", class(object))
  object
}

#' @export
print.pybridge_strategy <- function(x, ...) {
  cat(sprintf("<tf.distribute strategy: %s>\n", attr(x, "py_class")))
  invisible(x)
}

# save_model() for multi-worker runs: only the chief writes; the others get NULL. Internal, used by
# the tests.
.pb_save_on_chief <- function(model, path) {
  .pb_call("save_model_on_chief", model = model, path = path, .call = sys.call())
}
