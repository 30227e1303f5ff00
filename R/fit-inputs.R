# The inputs of fit() and evaluate(): a formula and data frame, x and y, or files, turned into what
# Python takes (data, outcome, or paths and column names). R only chooses; Python encodes.

# x/y/data in any accepted form -> list(x, y, target) for Python; NULL parts are not sent.
.pb_xy <- function(x, y, data, call, target = NULL) {
  if (.pb_is_files(x) || (inherits(x, "formula") && .pb_is_files(data))) {
    return(.pb_xy_files(x, data, target, call))
  }
  if (!is.null(target)) {
    if (!is.data.frame(x)) .pb_abort("`target` names columns of a data frame (or files) given as `x`", call)
    return(list(x = x, y = NULL, target = as.list(target)))
  }
  if (inherits(x, "formula")) {
    columns <- .pb_formula_columns(x, data, call)
    return(list(x = columns$data, y = NULL, target = if (length(columns$target)) as.list(columns$target)))
  }
  if (is.null(x) && is.data.frame(data)) return(list(x = data, y = y, target = NULL))
  if (is.null(x)) .pb_abort("`x` is missing: pass a formula with `data`, or `x` and `y`", call)
  if (!is.data.frame(x) && !is.numeric(x) && !is.logical(x)) {
    what <- if (is.array(x)) paste(typeof(x), if (is.matrix(x)) "matrix" else "array") else class(x)[1]
    .pb_abort(sprintf("`x` must be a formula, data frame, or numeric matrix or array, not %s", what), call)
  }
  if (is.numeric(x) && is.null(dim(x))) x <- matrix(x, ncol = 1)
  if (is.matrix(y) && ncol(y) > 1) {
    # Several numeric outcomes: a frame keeps their names for the .pred_<name> columns.
    if (is.null(colnames(y))) colnames(y) <- paste0("y", seq_len(ncol(y)))
    y <- as.data.frame(y)
  }
  list(x = x, y = y, target = NULL)
}

# A formula only chooses columns here: `y ~ .`, `y ~ a + b`, `cbind(y1, y2) ~ .`. The encoding of
# those columns (scaling, one-hot, outcome levels) happens once, in Python, for R and Python alike.
.pb_formula_columns <- function(formula, data, call) {
  if (is.null(data)) .pb_abort("a formula needs `data =`, a data frame holding its columns", call)
  if (!is.data.frame(data)) .pb_abort(sprintf("`data` must be a data frame, not %s", class(data)[1]), call)
  duplicated <- unique(names(data)[duplicated(names(data))])
  if (length(duplicated)) {
    .pb_abort(sprintf("duplicate column name(s) in `data`: %s", paste0("`", duplicated, "`", collapse = ", ")),
              call, "pybridge_input_error")
  }
  unknown <- setdiff(all.vars(formula), c(".", names(data)))
  if (length(unknown)) {
    .pb_abort(sprintf("column%s %s named in the formula %s not in `data`", if (length(unknown) > 1) "s" else "",
                      paste0("`", unknown, "`", collapse = ", "), if (length(unknown) > 1) "are" else "is"),
              call, "pybridge_input_error")
  }
  outcome <- if (length(formula) == 3L) all.vars(formula[[2]]) else character()
  predictors <- attr(stats::terms(formula, data = data), "term.labels")
  not_columns <- setdiff(predictors, names(data))
  if (length(not_columns)) {
    .pb_abort(sprintf("formula term %s is not a column: transform columns before fitting",
                      paste0("`", not_columns, "`", collapse = ", ")), call, "pybridge_input_error")
  }
  list(data = data[c(predictors, outcome)], target = outcome)
}

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
