# reticulate's direct entry points, which the transport uses in place of its wrapper (bridge-transport.R).

test_that("the direct reticulate caller answers exactly as reticulate's own wrapper", {
  require_python()
  model <- fitted_iris()
  call <- pybridge:::.pb_python_module()$call
  direct <- pybridge:::.pb_direct_caller(call)
  # On the reticulate this was measured with, the direct path is taken (elsewhere it may fall back).
  if (packageVersion("reticulate") == "1.28") expect_false(identical(direct, call))
  history <- model |> fit(Species ~ ., data = iris, epochs = 1, verbose = 0)
  for (verb in list(list("summary", list(model = model)),
                    list("predict_columns", list(model = model, x = iris[c(1, 51, 101), ])),
                    list("history_frame", list(history = history)),
                    list("fit", list(model = model, epochs = "ten")))) {
    args <- lapply(verb[[2]], pybridge:::.pb_encode)
    expect_identical(direct(verb[[1]], args), call(verb[[1]], args))
  }
})

# R embedded in a Python process (rpy2) without pybridge.rhost.start(): reticulate would be a second Python
# bridge in that process, which then dies at exit. Python's own test runs the real thing
# (tests/python/r/test_host.py); here a child R carries rpy2's signal, so no Python is needed.

test_that("R embedded by rpy2 is recognised by rpy2's argv or its PYTHON_SESSION_INITIALIZED for this pid", {
  embedded <- pybridge:::.pb_embedded_by_python
  expect_true(embedded(args = c("rpy2", "--quiet", "--no-save"), session = ""))
  expect_true(embedded(args = "python", session = "current_pid=4242:sys.executable=/usr/bin/python3", pid = 4242))
  # An R child of that Python inherits the variable, with its parent's pid: an ordinary R session.
  expect_false(embedded(args = "/usr/lib/R/bin/exec/R", session = "current_pid=4242:sys.executable=/x", pid = 42))
  expect_false(embedded(args = "/usr/lib/R/bin/exec/R", session = ""))
  expect_false(embedded())  # this test session
})

test_that("inside Python without rhost.start() a verb stops before reticulate starts, and the option still works", {
  script <- tempfile(fileext = ".R")
  writeLines(c(
    sprintf(".libPaths(%s)", paste(deparse(.libPaths()), collapse = "")),
    # What rpy2 exports in the process where it starts R.
    "Sys.setenv(PYTHON_SESSION_INITIALIZED = paste0('current_pid=', Sys.getpid(), ':sys.executable=/usr/bin/python3'))",
    "library(pybridge)",
    "show <- function(key, value) cat(key, '\\t', paste(value, collapse = ' '), '\\n', sep = '')",
    "show('available', pybridge_available())",
    "e <- tryCatch(keras_model_sequential(input_shape = 4), error = identity)",
    "show('class', class(e))",
    "show('message', gsub('\\n', ' ', conditionMessage(e)))",
    "show('config', class(tryCatch(pybridge_config(), error = identity))[1])",
    "show('reticulate', reticulate::py_available(initialize = FALSE))",
    # rhost.start() sets the rpy2 transport, here after the package is loaded: the verbs take it.
    "options(pybridge.rpy2_call = function(verb, args) list(value = paste('rpy2 got', verb)))",
    "show('available_after', pybridge_available())",
    "show('after', keras_model_sequential(input_shape = 4))",
    "show('reticulate_after', reticulate::py_available(initialize = FALSE))"
  ), script)
  out <- system2(file.path(R.home("bin"), "Rscript"), script, stdout = TRUE, stderr = TRUE)
  rows <- strsplit(grep("\t", out, value = TRUE, fixed = TRUE), "\t", fixed = TRUE)
  rows <- stats::setNames(vapply(rows, `[`, "", 2), vapply(rows, `[`, "", 1))
  expect_identical(rows[["available"]], "FALSE")
  expect_identical(rows[["class"]], "pybridge_state_error pybridge_error error condition",
                   info = paste(out, collapse = "\n"))
  expect_match(rows[["message"]], "pybridge.rhost.start()", fixed = TRUE)
  expect_match(rows[["message"]], "inside a Python process", fixed = TRUE)
  expect_identical(rows[["config"]], "pybridge_state_error")
  expect_identical(rows[["reticulate"]], "FALSE")
  expect_identical(rows[["available_after"]], "TRUE")
  expect_identical(rows[["after"]], "rpy2 got keras_model_sequential")
  expect_identical(rows[["reticulate_after"]], "FALSE")
})

# TensorFlow's C++ start-up lines (absl's "before InitializeLog" notice, cpu_feature_guard's INFO) are
# kept out of an R script's console unless the user sets TF_CPP_MIN_LOG_LEVEL; they are not R warnings.
test_that("a fresh Rscript starting Python and TensorFlow prints no TensorFlow start-up lines, unless asked", {
  require_python()
  script <- tempfile(fileext = ".R")
  writeLines(c(sprintf(".libPaths(%s)", paste(deparse(.libPaths()), collapse = "")),
               "library(pybridge)", "invisible(pybridge_config())",
               "m <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = 'softmax')",
               "m |> compile(optimizer = 'adam', loss = 'sparse_categorical_crossentropy')",
               "invisible(fit(m, Species ~ ., data = iris, epochs = 1, verbose = 0))",
               "cat('done\\n')"), script)
  run <- function(level) {
    env <- Sys.getenv()
    env <- env[names(env) != "TF_CPP_MIN_LOG_LEVEL"]
    if (!is.null(level)) env[["TF_CPP_MIN_LOG_LEVEL"]] <- level
    processx::run(file.path(R.home("bin"), "Rscript"), script, env = env, error_on_status = FALSE,
                  stderr_to_stdout = TRUE)$stdout
  }
  require_package("processx")
  start_up_line <- "absl::InitializeLog|cpu_feature_guard|oneDNN custom operations"
  quiet <- run(NULL)
  expect_match(quiet, "done")
  expect_no_match(quiet, start_up_line)
  # The user's own setting wins: at level 0 TensorFlow's lines come through.
  expect_match(run("0"), start_up_line)
})
