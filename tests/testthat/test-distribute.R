# fit(strategy = ...) from R, a real two-worker run of Rscript processes on 127.0.0.1, and fit() on
# files. Each worker is the same script; only worker_index differs.

# Worker probabilities match a single-process run with the same seed and global batch to this: the
# two runs do the same arithmetic up to the order of float32 sums.
tolerance <- 1e-5
worker_timeout_ms <- 180000

worker_script <- '
args <- commandArgs(TRUE)
out <- args[[1]]
index <- as.integer(args[[2]])  # NA: the single-process reference run
library(pybridge)
# Before anything else: TensorFlow creates the multi-worker strategy at start-up only.
strategy <- if (!is.na(index)) {
  distribute_strategy_multi_worker(workers = paste0("127.0.0.1:", args[3:4]), worker_index = index)
}
set_random_seed(42)
model <- keras_model_sequential() |>
  layer_dense(8, activation = "relu") |>
  layer_dense(3, activation = "softmax")
model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
history <- model |> fit(Species ~ ., data = iris, epochs = 3, batch_size = 30, shuffle = FALSE,
                        verbose = 0, seed = 7, strategy = strategy)
name <- if (is.na(index)) "single" else paste0("worker", index)
saved <- pybridge:::.pb_save_on_chief(model, file.path(out, paste0(name, ".keras")))
writeLines(if (is.null(saved)) "none" else saved, file.path(out, paste0(name, ".saved")))
write.csv(as.data.frame(predict(model, iris, type = "prob")), file.path(out, paste0(name, ".csv")),
          row.names = FALSE)
'

free_ports <- function(n) {
  ports <- integer()
  while (length(ports) < n) {
    port <- sample(20000:45000, 1)
    socket <- tryCatch(serverSocket(port), error = function(e) NULL)
    if (!is.null(socket)) {
      close(socket)
      ports <- union(ports, port)
    }
  }
  ports
}

# Starts every worker at once, waits for all, and kills any still running when one fails or time is up
# (a worker whose peer died would wait for it).
run_workers <- function(script, out, arg_sets) {
  rscript <- file.path(R.home("bin"), "Rscript")
  env <- Sys.getenv()
  env <- c(env[names(env) != "TF_CONFIG"], TF_CPP_MIN_LOG_LEVEL = "2")
  procs <- lapply(seq_along(arg_sets), function(i) {
    processx::process$new(rscript, c(script, out, arg_sets[[i]]), env = env,
                          stdout = file.path(out, sprintf("log%d.txt", i)), stderr = "2>&1")
  })
  on.exit(for (p in procs) if (p$is_alive()) p$kill())
  deadline <- Sys.time() + worker_timeout_ms / 1000
  for (i in seq_along(procs)) {
    left <- max(1, as.numeric(difftime(deadline, Sys.time(), units = "secs")) * 1000)
    procs[[i]]$wait(left)
    status <- procs[[i]]$get_exit_status()
    if (!identical(status, 0L)) {
      log <- paste(tail(readLines(file.path(out, sprintf("log%d.txt", i))), 30), collapse = "\n")
      stop(sprintf("worker %d ended with status %s:\n%s", i, format(status), log))
    }
  }
}

test_that("two Rscript workers train like one process and only the chief saves", {
  require_python()
  out <- withr::local_tempdir()
  script <- file.path(out, "worker.R")
  writeLines(worker_script, script)
  ports <- as.character(free_ports(2))
  run_workers(script, out, list(c("NA"), c("0", ports), c("1", ports)))

  single <- read.csv(file.path(out, "single.csv"))
  worker0 <- read.csv(file.path(out, "worker0.csv"))
  worker1 <- read.csv(file.path(out, "worker1.csv"))
  expect_equal(as.matrix(worker0), as.matrix(single), tolerance = tolerance)
  expect_equal(as.matrix(worker1), as.matrix(single), tolerance = tolerance)
  expect_equal(readLines(file.path(out, "worker1.saved")), "none")
  expect_false(file.exists(file.path(out, "worker1.keras")))
  saved <- readLines(file.path(out, "worker0.saved"))
  expect_true(file.exists(saved))

  loaded <- load_model(saved)
  expect_s3_class(loaded, "pybridge_model")
  expect_equal(as.matrix(as.data.frame(predict(loaded, iris, type = "prob"))), as.matrix(single),
               tolerance = tolerance)
})

test_that("fit() takes a strategy by name or as an object", {
  require_python()
  model <- iris_classifier()
  history <- model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0, strategy = "auto")
  expect_equal(history$params$epochs, 2)
  strategy <- distribute_strategy_mirrored()
  expect_s3_class(strategy, "pybridge_strategy")
  expect_output(print(strategy), "MirroredStrategy")
  history <- model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0, strategy = strategy)
  expect_equal(history$params$epochs, 1)
  expect_true(all(predict(model, iris)$.pred_class %in% levels(iris$Species)))
})

test_that("bad strategies and clusters are R conditions naming the argument", {
  require_python()
  model <- iris_classifier()
  expect_error(model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0, strategy = "tpu"),
               "`strategy` must be one of", class = "pybridge_argument_error")
  expect_error(distribute_strategy_multi_worker(workers = "localhost", worker_index = 0),
               "host:port", class = "pybridge_argument_error")
  expect_error(distribute_strategy_multi_worker(workers = c("a:1", "b:2"), worker_index = 2),
               "`worker_index` is 2", class = "pybridge_argument_error")
  # This R session has run TensorFlow already: too late for a multi-worker strategy, and it says so.
  expect_error(distribute_strategy_multi_worker(workers = c("127.0.0.1:1", "127.0.0.1:2"), worker_index = 0),
               "top of the script", class = "pybridge_state_error")
  history <- model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0)
  expect_equal(history$params$epochs, 1)
})

test_that("fit() streams CSV files given as a path, a glob, or a formula's data", {
  require_python()
  folder <- withr::local_tempdir()
  set.seed(1)
  frame <- data.frame(a = rnorm(120), b = runif(120), g = sample(c("u", "v"), 120, TRUE))
  frame$y <- 2 * frame$a - frame$b + (frame$g == "u") + rnorm(120, sd = 0.1)
  write.csv(frame[1:60, ], file.path(folder, "part1.csv"), row.names = FALSE)
  write.csv(frame[61:120, ], file.path(folder, "part2.csv"), row.names = FALSE)

  set_random_seed(2)
  model <- keras_model_sequential() |> layer_dense(4, activation = "relu") |> layer_dense(1)
  model |> compile(optimizer = "adam", loss = "mse")
  history <- model |> fit(file.path(folder, "*.csv"), target = "y", epochs = 2, verbose = 0)
  expect_equal(history$params$samples, 120)
  expect_equal(history$params$files, 2)
  expect_equal(nrow(predict(model, frame)), 120)

  model2 <- dense_model()
  history <- model2 |> fit(y ~ a + g, data = file.path(folder, "part*.csv"), epochs = 1, verbose = 0)
  expect_equal(history$params$samples, 120)
  expect_match(summary_text(model2), "g: categorical, one-hot over 2 levels")
  expect_no_match(summary_text(model2), "b: numeric")

  expect_error(model2 |> fit(y ~ ., data = file.path(folder, "none*.csv"), epochs = 1, verbose = 0),
               "no data file matches", class = "pybridge_input_error")
})

test_that("evaluate() and predict() on files equal the same rows in memory; validation files train", {
  require_python()
  folder <- withr::local_tempdir()
  set.seed(3)
  frame <- data.frame(a = rnorm(90), g = sample(c("u", "v"), 90, TRUE))
  frame$y <- 2 * frame$a + (frame$g == "u") + rnorm(90, sd = 0.1)
  write.csv(frame[1:45, ], file.path(folder, "part1.csv"), row.names = FALSE)
  write.csv(frame[46:90, ], file.path(folder, "part2.csv"), row.names = FALSE)
  reread <- rbind(read.csv(file.path(folder, "part1.csv")), read.csv(file.path(folder, "part2.csv")))
  model <- dense_model()
  history <- model |> fit(file.path(folder, "part1.csv"), target = "y", epochs = 2, verbose = 0,
                          validation_data = file.path(folder, "part2.csv"))
  expect_named(history$metrics, c("loss", "val_loss"))
  expect_equal(history$metrics$val_loss[2], evaluate(model, frame[46:90, ])$loss,
               tolerance = 1e-4)

  expect_equal(evaluate(model, file.path(folder, "*.csv")), evaluate(model, reread), tolerance = 1e-5)
  expect_equal(evaluate(model, y ~ ., data = file.path(folder, "*.csv")), evaluate(model, reread),
               tolerance = 1e-5)
  on_files <- predict(model, file.path(folder, "*.csv"))
  expect_equal(as.data.frame(on_files), as.data.frame(predict(model, reread)), tolerance = 1e-6)
  out <- file.path(folder, "predictions.csv")
  expect_equal(predict(model, file.path(folder, "*.csv"), output = out), out)
  expect_equal(read.csv(out)$.pred, on_files$.pred, tolerance = 1e-6)
  expect_error(predict(model, reread, output = out), "`output` is for predictions of files",
               class = "pybridge_error")
  # A level the training never saw, past the first chunk: read inside tf.data, still a plain R error.
  odd <- frame
  odd$g[60:90] <- "w"
  write.csv(odd, file.path(folder, "odd.csv"), row.names = FALSE)
  expect_error(evaluate(model, file.path(folder, "odd.csv"), chunk_rows = 30),
               "column `g` has level\\(s\\) not seen in training: w", class = "pybridge_input_error")
})
