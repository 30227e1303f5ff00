# pybridge from R: the same workloads through the R verbs on an R data.frame (run by bench/run.py).
t_start <- Sys.time()
library(pybridge)
t_library <- as.numeric(Sys.time() - t_start, units = "secs")
sizes <- jsonlite::fromJSON(commandArgs(TRUE)[1])
elapsed <- function(expr) {
  start <- Sys.time()
  force(expr)
  as.numeric(Sys.time() - start, units = "secs")
}

dense_model <- function(classes) {
  model <- keras_model_sequential() |>
    layer_dense(64, activation = "relu") |>
    layer_dense(64, activation = "relu") |>
    layer_dense(classes, activation = "softmax")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  model
}

cnn_model <- function(side, classes) {
  model <- keras_model_sequential(input_shape = c(side, side, 1)) |>
    layer_conv_2d(filters = 32, kernel_size = 3, activation = "relu") |>
    layer_max_pooling_2d(pool_size = 2) |>
    layer_conv_2d(filters = 64, kernel_size = 3, activation = "relu") |>
    layer_max_pooling_2d(pool_size = 2) |>
    layer_flatten() |>
    layer_dense(classes, activation = "softmax")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  model
}

set.seed(0)
d <- sizes$dense
frame <- as.data.frame(matrix(rnorm(d$rows * d$features), ncol = d$features))
frame$label <- factor(sample(0:(d$classes - 1), d$rows, replace = TRUE))
first_fit <- NULL
dense <- dense_loss <- numeric()
for (i in seq_len(sizes$repeats)) {
  model <- dense_model(d$classes)
  seconds <- elapsed(history <- fit(model, label ~ ., data = frame, epochs = d$epochs,
                                    batch_size = d$batch_size, verbose = 0))
  if (is.null(first_fit)) first_fit <- as.numeric(Sys.time() - t_start, units = "secs")
  dense <- c(dense, seconds)
  dense_loss <- c(dense_loss, tail(history$metrics$loss, 1))
}

cs <- sizes$cnn
images <- array(runif(cs$rows * cs$side * cs$side), c(cs$rows, cs$side, cs$side, 1))
labels <- factor(sample(0:(cs$classes - 1), cs$rows, replace = TRUE))
cnn <- vapply(seq_len(sizes$repeats), function(i) {
  model <- cnn_model(cs$side, cs$classes)
  elapsed(fit(model, x = images, y = labels, epochs = cs$epochs, batch_size = cs$batch_size, verbose = 0))
}, 0)

model <- dense_model(d$classes)
fit(model, label ~ ., data = frame[1:1000, ], epochs = 1, verbose = 0)
row <- frame[1, ]
p <- sizes$predict_one
for (i in seq_len(p$warmup)) predict(model, row)
predict_one <- vapply(seq_len(p$calls), function(i) elapsed(predict(model, row)), 0)

# Per-verb overhead, measured in this process two ways.
# In-call: api.layer (Keras's own work for this verb) is timed inside Python during each R call, and
# the overhead is the R call's time minus that: R's argument handling, the crossing, rbridge.
# Twin: the R verb on an unbuilt model and the Python verb (timed inside Python) on a twin that grows
# the same way, interleaved; the difference also counts Keras's work running slower right after R's
# than right after its own (caches), so it is the larger of the two.
reticulate::py_run_string("
import time, pybridge as _pb, pybridge.api as _api, pybridge.r.dispatch as _dispatch
def _timed_layer_dense(model):
    start = time.perf_counter()
    _pb.layer_dense(model, units=4)
    return time.perf_counter() - start
_inside = [0.0]
_layer = _api.layer
def _timed_layer(*args, **kwargs):
    start = time.perf_counter()
    try:
        return _layer(*args, **kwargs)
    finally:
        _inside[0] = time.perf_counter() - start
def _last_inside():
    return _inside[0]
")
timed_in_python <- reticulate::py_eval("_timed_layer_dense")
last_inside <- reticulate::py_eval("_last_inside")
# Fresh models every 10 calls, so models stay as small as real ones: Keras's add() and the caches it
# cools grow with the model (on one model of 300 layers the last calls cost more than the first).
fresh <- function(i) {
  if (i %% 10 == 1) {
    r_model <<- keras_model_sequential()
    py_model <<- pybridge:::.pb_model_handle(keras_model_sequential())
  }
}
pairs <- vapply(1:300, function(i) {
  fresh(i)
  c(elapsed(layer_dense(r_model, 4)), timed_in_python(py_model))
}, c(0, 0))
layer_dense_times <- pairs[1, ]
layer_dense_python_times <- pairs[2, ]
# R's verbs reach api.layer through the dispatcher's table, which holds the function itself.
reticulate::py_run_string("_api.layer = _dispatch.VERBS['layer'] = _timed_layer")
in_call <- vapply(1:300, function(i) {
  fresh(i)
  c(elapsed(layer_dense(r_model, 4)), last_inside())
}, c(0, 0))
layer_dense_overhead_in_call <- in_call[1, ] - in_call[2, ]
# A generated wrapper with more arguments (R/generated-layers.R): its in-call overhead the same way.
transpose <- vapply(1:300, function(i) {
  fresh(i)
  c(elapsed(layer_conv_2d_transpose(r_model, filters = 2, kernel_size = 3, strides = 2, padding = "same")),
    last_inside())
}, c(0, 0))
reticulate::py_run_string("_api.layer = _dispatch.VERBS['layer'] = _layer")
conv_2d_transpose_overhead_in_call <- transpose[1, ] - transpose[2, ]

cat("BENCH-RESULT", jsonlite::toJSON(list(
  dense_fit = dense, dense_loss = dense_loss, cnn_fit = cnn, predict_one = predict_one,
  start_to_first_fit = first_fit, library = t_library, layer_dense = layer_dense_times,
  layer_dense_python_in_r = layer_dense_python_times, layer_dense_overhead_in_call = layer_dense_overhead_in_call,
  conv_2d_transpose_overhead_in_call = conv_2d_transpose_overhead_in_call),
  auto_unbox = TRUE, digits = NA), "\n")
