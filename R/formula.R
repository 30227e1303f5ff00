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
  list(data = data[c(predictors, outcome)], target = outcome, predictors = predictors)
}

.pb_abort <- function(message, call = NULL, class = "pybridge_argument_error") {
  stop(structure(class = c(class, "pybridge_error", "error", "condition"),
                 list(message = message, call = call)))
}
