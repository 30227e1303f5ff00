# Start-up driver for bench/run.py (run by it, in a fresh Rscript each time): the package named by the
# argument (pybridge, or keras3 where installed: both take this same code) builds a small dense
# network and fits one epoch of one batch; the wall-clock time when that first step has ended is
# printed for run.py, which subtracts its own time just before it started this process.
package <- commandArgs(TRUE)[1]
suppressPackageStartupMessages(library(package, character.only = TRUE))
set.seed(0)
x <- matrix(rnorm(32 * 4), 32, 4)
y <- rnorm(32)
model <- keras_model_sequential(input_shape = 4) |>
  layer_dense(8, activation = "relu") |>
  layer_dense(1)
model |> compile(optimizer = "adam", loss = "mse")
invisible(model |> fit(x, y, epochs = 1, batch_size = 32, verbose = 0))
cat(sprintf("FIRST-STEP-DONE %.6f\n", as.numeric(Sys.time())))
