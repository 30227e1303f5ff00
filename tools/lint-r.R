# make lint-r: lintr over R/ and tests/testthat with the repository's .lintr; fails on any lint.
# object_usage_linter checks function bodies against what they can see: the installed package's
# namespace (make installs it first) and, for the tests, testthat and the helpers, as when they run.
library(testthat)
for (helper in list.files("tests/testthat", "^helper.*\\.R$", full.names = TRUE)) sys.source(helper, globalenv())
# Not written to this style: the keras3-compat snippets are keras3's documentation as printed, and
# R/generated-*.R is written by tools/make-vocabulary.py from Keras (keras3's names, up to 54 characters).
lints <- lintr::lint_package(exclusions = c(list("inst", "vignettes", "tests/keras3-compat/snippets"),
                                            as.list(Sys.glob("R/generated-*.R"))))
if (length(lints)) {
  print(lints)
  cat(sprintf("lint-r: %d lint(s)\n", length(lints)))
  quit(status = 1)
}
cat("lint-r: no lints\n")
