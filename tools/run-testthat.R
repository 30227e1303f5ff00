# Runs tests/testthat against the installed package (make test puts it in .Rlib) and fails on any
# failure. Under CI=true a missing Python is a failure, not a skip (see helper-pybridge.R).
library(testthat)
library(pybridge)
results <- as.data.frame(test_dir("tests/testthat", package = "pybridge", load_package = "installed",
                                  reporter = ProgressReporter$new(show_praise = FALSE), stop_on_failure = FALSE))
# One row per test_that() block: a test fails on a failed expectation or an error.
failed <- sum(results$failed > 0 | results$error)
skipped <- sum(results$skipped & !(results$failed > 0 | results$error))
passed <- nrow(results) - failed - skipped
cat(sprintf("testthat: %d passed, %d failed, %d skipped\n", passed, failed, skipped))
if (failed > 0) quit(status = 1)
if (identical(Sys.getenv("CI"), "true") && skipped > 0) {
  cat("CI: tests may not skip\n")
  quit(status = 1)
}
