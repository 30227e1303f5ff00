# use_backend() (R/backend.R). A session's backend is fixed when Python starts, so JAX runs in a fresh
# Rscript; this test session runs TensorFlow, the default.

# Runs `lines` in a fresh Rscript with this session's library and Python; `env`: more "NAME=value"
# variables. Its "key<TAB>value" lines as a named character vector, the whole output as attribute.
run_rscript <- function(lines, env = character()) {
  script <- tempfile(fileext = ".R")
  writeLines(c(sprintf(".libPaths(%s)", paste(deparse(.libPaths()), collapse = "")),
               "library(pybridge)",
               "show <- function(key, value) cat(key, '\\t', paste(value, collapse = ' '), '\\n', sep = '')",
               lines), script)
  out <- suppressWarnings(system2(file.path(R.home("bin"), "Rscript"), script, stdout = TRUE, stderr = TRUE,
                                  env = c("KERAS_BACKEND=", env)))
  rows <- strsplit(grep("\t", out, value = TRUE, fixed = TRUE), "\t", fixed = TRUE)
  structure(stats::setNames(vapply(rows, function(r) paste(r[-1], collapse = "\t"), ""), vapply(rows, `[`, "", 1)),
            output = paste(out, collapse = "\n"))
}

test_that("use_backend('jax') before the first verb trains, predicts, saves and loads iris on JAX", {
  require_python()
  rows <- run_rscript(c(
    "show('chosen', use_backend('jax'))",
    "show('again', use_backend('jax'))",  # the backend in use: nothing to do
    "config <- pybridge_config()",
    "show('backend', config$backend)",
    "show('devices', unlist(config$devices))",
    "set_random_seed(1)",
    "model <- keras_model_sequential() |> layer_dense(8, activation = 'relu') |>",
    "  layer_dense(3, activation = 'softmax')",
    "model |> compile(optimizer = 'adam', loss = 'sparse_categorical_crossentropy', metrics = 'accuracy')",
    "history <- fit(model, Species ~ ., data = iris, epochs = 8, batch_size = 16, verbose = 0)",
    "show('loss', history$metrics$loss)",
    "predicted <- predict(model, iris)",
    "show('columns', names(predicted))",
    "show('rows', nrow(predicted))",
    "show('levels', levels(predicted$.pred_class))",
    "show('accuracy', mean(predicted$.pred_class == iris$Species))",
    "path <- tempfile(fileext = '.keras')",
    "save_model(model, path)",
    "show('loaded_same', isTRUE(all.equal(predict(load_model(path), iris), predicted, tolerance = 1e-6)))",
    "e <- tryCatch(use_backend('tensorflow'), error = identity)",
    "show('switch_class', class(e)[1])",
    "show('switch_message', conditionMessage(e))"
  ))
  info <- attr(rows, "output")
  expect_identical(rows[["chosen"]], "jax", info = info)
  expect_identical(rows[["again"]], "jax")
  expect_identical(rows[["backend"]], "jax")
  expect_match(rows[["devices"]], "/device:CPU:0", fixed = TRUE)
  loss <- as.numeric(strsplit(rows[["loss"]], " ")[[1]])
  expect_length(loss, 8)
  expect_lt(loss[8], loss[1])
  expect_identical(rows[["columns"]], ".pred_class .pred_setosa .pred_versicolor .pred_virginica")
  expect_identical(rows[["rows"]], "150")
  expect_identical(rows[["levels"]], "setosa versicolor virginica")
  expect_gt(as.numeric(rows[["accuracy"]]), 0.6)  # 8 epochs of a small network: well above chance (1/3)
  expect_identical(rows[["loaded_same"]], "TRUE")
  expect_identical(rows[["switch_class"]], "pybridge_state_error")
  expect_match(rows[["switch_message"]], "Keras already runs on jax in this session", fixed = TRUE)
})

test_that("use_backend() after Python started on TensorFlow: the same is a no-op, another a state error", {
  require_python()
  pybridge_config()  # Python runs now, on TensorFlow
  expect_invisible(use_backend("tensorflow"))
  expect_identical(use_backend("tensorflow"), "tensorflow")
  refusal <- expect_error(use_backend("jax"), class = "pybridge_state_error")
  expect_match(conditionMessage(refusal), paste("Keras already runs on tensorflow in this session; call use_backend()",
                                                "before the first pybridge verb, or restart R"), fixed = TRUE)
  expect_identical(pybridge_config()$backend, "tensorflow")  # the session goes on as it was
  expect_false(identical(Sys.getenv("KERAS_BACKEND"), "jax"))  # nor is a Python started later told otherwise
})

test_that("an unknown backend is an argument error listing the choices, the same as Python's", {
  for (bad in list("foo", "JAX", NA_character_, c("jax", "torch"), 1)) {
    refusal <- expect_error(use_backend(bad), class = "pybridge_argument_error")
    expect_match(conditionMessage(refusal), '^`backend` must be one of "tensorflow", "jax", "torch", not ')
  }
  require_python()
  # R checks before Python starts; Python's check (pybridge.backend.BACKENDS) names the same backends.
  python <- expect_error(pybridge:::.pb_call("use_backend", backend = "foo"), class = "pybridge_argument_error")
  r <- expect_error(use_backend("foo"), class = "pybridge_argument_error")
  expect_identical(sub(", not .*", "", conditionMessage(python)), sub(", not .*", "", conditionMessage(r)))
})

test_that("a backend whose library is missing says what to pip install, and another can still be chosen", {
  require_python()
  # Python without jax, as if it were not installed: sitecustomize runs at its start.
  blocker <- tempfile("no-jax-")
  dir.create(blocker)
  writeLines("import sys; sys.modules['jax'] = None", file.path(blocker, "sitecustomize.py"))
  path <- paste(c(blocker, Sys.getenv("PYTHONPATH")[nzchar(Sys.getenv("PYTHONPATH"))]), collapse = .Platform$path.sep)
  rows <- run_rscript(c(
    "e <- tryCatch(use_backend('jax'), error = identity)",
    "show('class', class(e)[1])",
    "show('message', gsub('\\n', ' ', conditionMessage(e)))",
    "show('chosen', use_backend('tensorflow'))",
    "show('backend', pybridge_config()$backend)"
  ), env = sprintf("PYTHONPATH=%s", shQuote(path)))
  info <- attr(rows, "output")
  expect_identical(rows[["class"]], "pybridge_python_missing", info = info)
  expect_match(rows[["message"]], "needs the jax library for Keras's jax backend: pip install jax", fixed = TRUE)
  expect_identical(rows[["chosen"]], "tensorflow", info = info)
  expect_identical(rows[["backend"]], "tensorflow")
})
