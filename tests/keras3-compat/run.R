# The keras3 compatibility suite (issues 15 and 16): every snippet under snippets/, code from keras3's
# own documentation with library(keras3) swapped for library(pybridge), runs here in ONE R session
# (Python starts once), each in a fresh environment and a fresh working directory, under a time limit.
# Prints a table and the pass fraction by source, then holds the result against KNOWN.md: the run fails
# when a snippet not listed there fails, or when a listed one now passes (so the list stays honest).
#
#   Rscript tests/keras3-compat/run.R                   # all snippets (make test-compat)
#   Rscript tests/keras3-compat/run.R --only=masking    # snippets whose path matches a regex
#   Rscript tests/keras3-compat/run.R --verbose         # also show each snippet's own output
#   Rscript tests/keras3-compat/run.R --draft-known     # print a KNOWN.md for today's failures
#                                                         (reasons kept from KNOWN.md where listed)
# COMPAT_TIME_LIMIT sets the seconds each snippet may run (default 60).

option <- function(name, default = NULL) {
  args <- commandArgs(trailingOnly = TRUE)
  hit <- grep(paste0("^--", name, "(=|$)"), args, value = TRUE)
  if (length(hit) == 0) return(default)
  value <- sub(paste0("^--", name, "=?"), "", hit[[1]])
  if (nzchar(value)) value else TRUE
}

script <- sub("^--file=", "", grep("^--file=", commandArgs(), value = TRUE))
suite_dir <- if (length(script) == 1) dirname(normalizePath(script)) else normalizePath("tests/keras3-compat")
only <- option("only", ".")
verbose <- isTRUE(option("verbose", FALSE))
draft_known <- isTRUE(option("draft-known", FALSE))
time_limit <- as.numeric(Sys.getenv("COMPAT_TIME_LIMIT", "60"))

# -- KNOWN.md: | snippet | reason | waiting for | ------------------------------------------------------

read_known <- function(path) {
  lines <- grep("^\\|", readLines(path, warn = FALSE), value = TRUE)
  cells <- lapply(strsplit(lines, "|", fixed = TRUE), function(row) trimws(row[-1]))
  rows <- Filter(function(row) length(row) >= 3 && grepl("^snippets/", gsub("`", "", row[[1]])), cells)
  data.frame(snippet = vapply(rows, function(row) gsub("`", "", row[[1]]), ""),
             reason = vapply(rows, `[[`, "", 2), waiting_for = vapply(rows, `[[`, "", 3),
             stringsAsFactors = FALSE)
}

# -- running one snippet -----------------------------------------------------------------------------

first_line <- function(message) {
  line <- trimws(strsplit(message, "\n", fixed = TRUE)[[1]])
  line <- line[nzchar(line)]
  line <- if (length(line)) line[[1]] else "(error without a message)"
  if (nchar(line) > 110) paste0(substr(line, 1, 107), "...") else line
}

# source(local =, print.eval = TRUE) rather than sys.source(): values a keras3 user sees printed at
# the console (summary(model), shape(x), model$layers) are printed here too, so printing is tested.
run_snippet <- function(path) {
  env <- new.env(parent = globalenv())
  workdir <- tempfile("keras3-compat-")
  dir.create(workdir)
  home <- setwd(workdir)  # files the snippet writes (my_model.keras, logs) land in its own folder
  on.exit({
    setwd(home)
    unlink(workdir, recursive = TRUE)
  })
  set.seed(1)
  started <- proc.time()[["elapsed"]]
  error <- NULL
  warnings <- 0L
  output <- utils::capture.output(
    tryCatch(
      withCallingHandlers({
        setTimeLimit(elapsed = time_limit, transient = TRUE)
        source(path, local = env, echo = FALSE, print.eval = TRUE)
      }, warning = function(w) {
        warnings <<- warnings + 1L
        invokeRestart("muffleWarning")
      }, message = function(m) {
        if (verbose) cat(conditionMessage(m))
        invokeRestart("muffleMessage")
      }),
      error = function(e) error <<- e,
      finally = setTimeLimit(elapsed = Inf)
    ),
    type = "output"
  )
  grDevices::graphics.off()
  if (verbose) cat(output, sep = "\n")
  list(passed = is.null(error), error = if (is.null(error)) "" else first_line(conditionMessage(error)),
       seconds = proc.time()[["elapsed"]] - started, warnings = warnings)
}

# -- the run -------------------------------------------------------------------------------------------

suppressPackageStartupMessages(library(pybridge))
if (!pybridge_available()) {
  if (identical(Sys.getenv("CI"), "true")) stop("CI: pybridge's Python environment is missing")
  cat("keras3-compat: SKIPPED, pybridge's Python environment is not available\n")
  quit(status = 0)
}

# Python and Keras start here, so that their start-up (half a minute on a busy machine) counts against
# no snippet's time limit. The limit is checked whenever control is back in R, so a snippet stuck
# inside one Python call is stopped when that call returns.
startup <- system.time(keras_input(shape = 1))[["elapsed"]]

snippets <- sort(list.files(file.path(suite_dir, "snippets"), pattern = "\\.R$", recursive = TRUE))
snippets <- file.path("snippets", snippets)
snippets <- snippets[grepl(only, snippets)]
if (length(snippets) == 0) stop("no snippet matches --only=", only)

started <- proc.time()[["elapsed"]]
results <- do.call(rbind, lapply(snippets, function(snippet) {
  if (verbose) cat("\n=====", snippet, "\n")
  r <- run_snippet(file.path(suite_dir, snippet))
  data.frame(snippet = snippet, source = basename(dirname(snippet)), passed = r$passed,
             seconds = round(r$seconds, 1), error = r$error, stringsAsFactors = FALSE)
}))
elapsed <- proc.time()[["elapsed"]] - started

known <- read_known(file.path(suite_dir, "KNOWN.md"))
results$known <- results$snippet %in% known$snippet

if (draft_known) {
  failed <- results[!results$passed, ]
  listed <- known[match(failed$snippet, known$snippet), ]
  reason <- ifelse(is.na(listed$reason), failed$error, listed$reason)
  waiting <- ifelse(is.na(listed$waiting_for), "?", listed$waiting_for)
  cat("| snippet | reason | waiting for |\n|---|---|---|\n")
  cat(sprintf("| `%s` | %s | %s |\n", failed$snippet, gsub("|", "\\|", reason, fixed = TRUE), waiting), sep = "")
  quit(status = 0)
}

status <- ifelse(results$passed, ifelse(results$known, "PASS (listed in KNOWN.md)", "pass"),
                 ifelse(results$known, "fail (known)", "FAIL (not in KNOWN.md)"))
table_rows <- data.frame(snippet = sub("^snippets/", "", results$snippet), result = status,
                         s = results$seconds, error = results$error, stringsAsFactors = FALSE)
old <- options(width = 250)
print(table_rows, right = FALSE, row.names = FALSE)
options(old)

cat("\nPass fraction by source:\n")
by_source <- aggregate(passed ~ source, data = results, FUN = function(p) c(sum(p), length(p)))
by_source <- data.frame(source = by_source$source, passed = by_source$passed[, 1], of = by_source$passed[, 2])
by_source$fraction <- sprintf("%3.0f%%", 100 * by_source$passed / by_source$of)
print(by_source, right = FALSE, row.names = FALSE)
cat(sprintf("\nkeras3-compat: %d of %d snippets pass (%.0f%%); snippets ran %.0f s, Python start-up %.0f s\n",
            sum(results$passed), nrow(results), 100 * mean(results$passed), elapsed, startup))

unexpected_failures <- results$snippet[!results$passed & !results$known]
unexpected_passes <- results$snippet[results$passed & results$known]
on_disk <- file.path("snippets", list.files(file.path(suite_dir, "snippets"), pattern = "\\.R$", recursive = TRUE))
stale <- setdiff(known$snippet, on_disk)
for (s in unexpected_failures) cat("FAIL:", s, "fails and is not listed in KNOWN.md\n")
for (s in unexpected_passes) cat("NOW PASSES:", s, "is listed in KNOWN.md: remove it from KNOWN.md\n")
for (s in stale) cat("STALE:", s, "is listed in KNOWN.md but no such snippet exists\n")
if (length(unexpected_failures) + length(unexpected_passes) + length(stale) > 0) quit(status = 1)
cat("keras3-compat: every failure is listed in KNOWN.md\n")
