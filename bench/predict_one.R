# What each part of the one-row predict() path buys, one switched off at a time, in one R process
# (bench workload 3: the dense model, one row of the training frame with its factor outcome column).
#   R_LIBS=.Rlib PYBRIDGE_PYTHON=.venv/bin/python Rscript bench/predict_one.R
# Switches are made from outside the package (monkeypatching Python, calling the other verb), so the
# package keeps one path.
suppressPackageStartupMessages(library(pybridge))
calls <- as.integer(Sys.getenv("BENCH_CALLS", "300"))
set.seed(0)
frame <- as.data.frame(matrix(rnorm(1000 * 20), ncol = 20))
frame$label <- factor(sample(0:9, 1000, replace = TRUE))
model <- keras_model_sequential() |>
  layer_dense(64, activation = "relu") |> layer_dense(64, activation = "relu") |> layer_dense(10, activation = "softmax")
model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
fit(model, label ~ ., data = frame, epochs = 1, verbose = 0)
row <- frame[1, ]

median_ms <- function(f) {
  for (i in 1:20) f()
  median(vapply(seq_len(calls), function(i) {
    start <- Sys.time()
    f()
    as.numeric(Sys.time() - start, units = "secs")
  }, 0)) * 1000
}
reticulate::py_run_string("
import pybridge.training.predict as _predict, pybridge.interop.wire as _wire
_forward, _decode = _predict.forward_function, _wire.decode
def forward(on):
    _predict.forward_function = _forward if on else (lambda model, encoded: None)
def small_frames_as_columns(on):
    _wire.decode = _decode if on else (lambda value, columns=False, referenced=None: _decode(value, False, referenced))
")
switches <- list(forward = reticulate::py_eval("forward"),
                 small_frames_as_columns = reticulate::py_eval("small_frames_as_columns"))
as_python_predict <- function(object, new_data) pybridge:::.pb_call("predict", model = object, x = new_data)
rows <- list(
  "predict(): everything on" = function() predict(model, row),
  "- traced forward pass (predict_on_batch instead)" = function() {
    switches$forward(FALSE); on.exit(switches$forward(TRUE)); predict(model, row)
  },
  "- Columns in (the row becomes a DataFrame)" = function() {
    switches$small_frames_as_columns(FALSE); on.exit(switches$small_frames_as_columns(TRUE)); predict(model, row)
  },
  "- Columns out (Python's predict(): a DataFrame, encoded)" = function() as_python_predict(model, row),
  "- all three" = function() {
    switches$forward(FALSE); switches$small_frames_as_columns(FALSE)
    on.exit({ switches$forward(TRUE); switches$small_frames_as_columns(TRUE) })
    as_python_predict(model, row)
  }
)
reference <- as.matrix(predict(model, row)[, -1])
for (name in names(rows)) {
  values <- rows[[name]]()
  stopifnot(max(abs(as.matrix(values[, -1]) - reference)) < 1e-6)  # the same predictions every way
  cat(sprintf("%-58s %6.2f ms\n", name, median_ms(rows[[name]])))
}
