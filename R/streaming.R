# fit() on files larger than memory: R only says which files and columns; pybridge/streaming.py
# reads them in chunks and learns the same preprocessing as for a data frame.

.pb_is_files <- function(x) is.character(x) && length(x) == 1L && !is.na(x)

# A path or glob, alone with `target` or as the `data` of a formula, as list(x, target, columns).
.pb_xy_files <- function(x, data, target, call) {
  if (!inherits(x, "formula")) {
    if (!is.null(data)) .pb_abort("give the files as `x` or as the `data` of a formula, not both", call)
    return(list(x = path.expand(x), y = NULL, target = if (!is.null(target)) as.list(target)))
  }
  if (length(x) != 3L) .pb_abort("a formula over files needs an outcome: y ~ . or y ~ a + b", call)
  predictors <- all.vars(x[[3]])
  list(x = path.expand(data), y = NULL, target = as.list(all.vars(x[[2]])),
       # `y ~ .` reads every column; otherwise only the named ones are read from the files.
       columns = if (!"." %in% predictors) as.list(predictors))
}
