# Benchmark (not a test): the per-call cost of a Keras object held by R (R/objects.R), against the same
# Python object called through reticulate directly, as keras3 calls it, in the same run.
#   Rscript bench/handles.R [calls]
# Prints microseconds per call (median of `calls`) and the ratio; the last line is BENCH-RESULT json.

suppressPackageStartupMessages(library(pybridge))
args <- commandArgs(trailingOnly = TRUE)
calls <- if (length(args)) as.integer(args[[1]]) else 300L

per_call_us <- function(f) {
  f()  # warm: Keras builds the layer, traces nothing (eager)
  times <- vapply(seq_len(calls), function(i) {
    start <- Sys.time()
    f()
    as.numeric(Sys.time() - start, units = "secs")
  }, 0)
  1e6 * stats::median(times)
}

layer <- layer_dense(units = 4)
x <- matrix(runif(8), 1)
direct <- pybridge:::.pb_handle(layer)  # the Keras layer as reticulate's own object
direct_call <- direct$`__call__`
metric <- metric_mean()
direct_metric <- pybridge:::.pb_handle(metric)

cases <- list(
  layer_call = c(pybridge = function() layer(x), reticulate = function() direct_call(x)$numpy()),
  attribute = c(pybridge = function() layer$units, reticulate = function() direct$units),
  method_call = c(pybridge = function() metric$update_state(1),
                  reticulate = function() direct_metric$update_state(1))
)
result <- list()
cat(sprintf("%-12s %12s %12s %8s\n", "case", "pybridge us", "reticulate us", "ratio"))
for (name in names(cases)) {
  pb <- per_call_us(cases[[name]][["pybridge"]])
  rt <- per_call_us(cases[[name]][["reticulate"]])
  result[[name]] <- list(pybridge_us = pb, reticulate_us = rt, ratio = pb / rt)
  cat(sprintf("%-12s %12.0f %12.0f %8.2f\n", name, pb, rt, pb / rt))
}
json <- sprintf('"%s": {"pybridge_us": %.1f, "reticulate_us": %.1f, "ratio": %.3f}', names(result),
                vapply(result, `[[`, 0, "pybridge_us"), vapply(result, `[[`, 0, "reticulate_us"),
                vapply(result, `[[`, 0, "ratio"))
cat("BENCH-RESULT {", paste(json, collapse = ", "), "}\n", sep = "")
