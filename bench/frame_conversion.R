# Driven by bench/frame_conversion.py (run that). Times the crossing of an n x 50 numeric R data frame
# into the float32 array Keras trains on, piece by piece, against one NumPy float64 -> float32 astype
# of the same values in the same process, measured in every repeat between the pieces (the fastest of
# each over the repeats), and reports the memory each piece adds.
n <- as.integer(Sys.getenv("BENCH_ROWS", "1000000"))
k <- as.integer(Sys.getenv("BENCH_COLS", "50"))
repeats <- as.integer(Sys.getenv("BENCH_REPEATS", "3"))
suppressPackageStartupMessages(library(pybridge))
invisible(pybridge:::.pb_python_module())  # starts this checkout's Python
dispatch <- reticulate::import("pybridge.r.dispatch", convert = FALSE)
predictors <- reticulate::import("pybridge.encoding.predictors", convert = FALSE)
helpers <- reticulate::py_run_string("
import time, numpy as np
def as_block(x):
    return np.ascontiguousarray(x.to_numpy(dtype='float64'))  # the same values, as one C array
def astype(block):
    return block.astype(np.float32)
def strided(pre, x):
    # the former transform: each standardised column written straight into a C-ordered array
    out = np.empty((len(x), len(pre.columns)), dtype=np.float32)
    for j, spec in enumerate(pre.columns):
        out[:, j] = (x[spec['name']].to_numpy(dtype='float64') - spec['mean']) / spec['sd']
    return out
", convert = FALSE)

mib <- function(kb) kb / 1024
status_kb <- function(field) {
  line <- grep(paste0("^", field, ":"), readLines("/proc/self/status"), value = TRUE)
  as.numeric(gsub("[^0-9]", "", line))
}
reset_peak <- function() writeLines("5", "/proc/self/clear_refs")  # resets VmHWM (Linux >= 4.0)
# Seconds and the peak memory added above the resident size at the start, in MiB.
measure <- function(expr) {
  invisible(gc(full = TRUE))
  reset_peak()
  before <- status_kb("VmRSS")
  seconds <- system.time(value <- force(expr))[["elapsed"]]
  list(value = value, seconds = seconds, peak = mib(status_kb("VmHWM") - before))
}

set.seed(1)
frame <- as.data.frame(matrix(rnorm(n * k), n))
invisible(gc(full = TRUE))
best <- list()
block <- NULL
for (r in seq_len(repeats)) {
  if (!is.null(block)) astype <- measure(helpers$astype(block))
  encode <- measure(pybridge:::.pb_encode_frame(frame))
  cross <- measure(dispatch$decode_argument(encode$value))
  learn <- measure(predictors$Preprocessor$fit(cross$value))
  transform <- measure(learn$value$transform(cross$value))
  old <- measure(helpers$strided(learn$value, cross$value))
  if (is.null(block)) {
    block <- helpers$as_block(cross$value)
    astype <- measure(helpers$astype(block))
  }
  this <- list(encode = encode, cross = cross, learn = learn, transform = transform, old = old, astype = astype)
  # The fastest time, and the largest peak, over the repeats.
  for (piece in names(this)) {
    seconds <- min(best[[piece]]$seconds, this[[piece]]$seconds)
    best[[piece]] <- list(seconds = seconds, peak = max(best[[piece]]$peak, this[[piece]]$peak))
  }
  rm(encode, cross, learn, transform, old, astype, this)
}
rm(block)
astype <- best$astype$seconds
data_mib <- n * k * 8 / 2^20
cat(sprintf("frame: %d rows x %d double columns (%.0f MiB in R); float32 result %.0f MiB; best of %d\n",
            n, k, data_mib, data_mib / 2, repeats))
cat(sprintf("baseline numpy float64 -> float32 astype: %.3f s\n", astype))
row <- function(label, piece) {
  cat(sprintf("%-44s %7.3f s %6.2fx  peak +%5.0f MiB\n", label, best[[piece]]$seconds,
              best[[piece]]$seconds / astype, best[[piece]]$peak))
}
row("R encode (.pb_encode_frame, NumPy views)", "encode")
row("R -> Python (reticulate, dispatch.decode_argument)", "cross")
row("learn preprocessing (Preprocessor.fit)", "learn")
row("transform to float32 (block-wise, current)", "transform")
row("transform, former column-strided writes", "old")
total <- best$encode$seconds + best$cross$seconds + best$transform$seconds
cat(sprintf("conversion total (encode + cross + transform): %.3f s = %.2fx astype\n", total, total / astype))
first <- total + best$learn$seconds
cat(sprintf("first fit's total (with learning the preprocessing): %.3f s = %.2fx astype\n", first, first / astype))
