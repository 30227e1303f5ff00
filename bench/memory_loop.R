# memory_loop from R (run by bench/run.py): the models of bench/memory_loop.py built, fitted, predicted
# and overwritten in a loop through the R verbs; the R process's resident memory (R and Python).
library(pybridge)
args <- jsonlite::fromJSON(commandArgs(TRUE)[1])
resident_mb <- function() {
  line <- grep("^VmRSS", readLines("/proc/self/status"), value = TRUE)
  as.numeric(strsplit(trimws(sub("VmRSS:", "", line)), " ")[[1]][1]) / 1024
}
set.seed(0)
frame <- as.data.frame(matrix(rnorm(600), ncol = 4, dimnames = list(NULL, c("a", "b", "c", "d"))))
frame$label <- factor(sample(0:2, 150, replace = TRUE))
readings <- list()
for (i in seq_len(args$warmup + args$models)) {
  model <- keras_model_sequential() |>
    layer_dense(8, activation = "relu") |>
    layer_dense(3, activation = "softmax")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  fit(model, label ~ ., data = frame, epochs = args$epochs, verbose = 0)
  predict(model, frame[1:5, ])
  done <- i - args$warmup
  if (done >= 0 && done %% 25 == 0) {
    invisible(gc())
    reticulate::import("gc")$collect()
    readings[[length(readings) + 1]] <- c(done, resident_mb())
  }
}
cat("BENCH-RESULT", jsonlite::toJSON(list(readings = readings), auto_unbox = TRUE, digits = NA), "\n")
