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
    return(list(x = columns$data, y = NULL, target = if (length(columns$target)) as.list(columns$target),
                formula_terms = columns$formula_terms))
  }
  if (is.null(x) && is.data.frame(data)) return(list(x = data, y = y, target = NULL))
  if (is.null(x)) .pb_abort("`x` is missing: pass a formula with `data`, or `x` and `y`", call)
  if (is.list(x) && !is.data.frame(x) && length(x) && all(vapply(x, is.numeric, TRUE))) {
    # Arrays for several inputs (and outputs): keras3's list(x1, x2), by position or name, for Keras.
    return(list(x = x, y = y, target = NULL))
  }
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

# A formula chooses and makes columns, as stats::model.frame() does: `y ~ .`, `y ~ a + b`,
# `cbind(y1, y2) ~ .`, `` `my col` ~ `a b` ``, and terms that transform columns (`log(y) ~ .`,
# `y ~ I(2 * x) + poly(z, 2) + scale(w)`), evaluated here in R, data handling being R's part. A
# transformed term is a column named as lm() names it ("log(y)", "poly(z, 2)1", "poly(z, 2)2"), and
# its expression, with what it learnt from the data (poly()'s and scale()'s coefficients:
# model.frame()'s "predvars"), is stored in the model as `formula_terms`, so predict() and
# evaluate() make the same columns from new data (.pb_apply_terms()), also after save_model(). The
# encoding of the columns (scaling, one-hot, outcome levels) happens once, in Python, for R and
# Python alike. Interactions (`a:b`, `a * b`) and offset() are refused: a network learns
# interactions from the columns themselves, and has no offset to add.
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
  terms <- stats::terms(formula, data = data)
  if (length(attr(terms, "offset"))) {
    .pb_abort(paste("offset() terms are not supported: a network has no offset to add;",
                    "drop it, or give the column as a predictor"), call, "pybridge_input_error")
  }
  interactions <- attr(terms, "term.labels")[attr(terms, "order") > 1]
  if (length(interactions)) {
    .pb_abort(sprintf(paste("interaction term%s %s %s not supported: the network learns interactions from the",
                            "columns; give them as a + b (or make the product column yourself)"),
                      if (length(interactions) > 1) "s" else "", paste0("`", interactions, "`", collapse = ", "),
                      if (length(interactions) > 1) "are" else "is"), call, "pybridge_input_error")
  }
  variables <- as.list(attr(terms, "variables"))[-1]
  response <- attr(terms, "response")
  used <- unique(unlist(lapply(seq_along(attr(terms, "term.labels")),
                               function(j) which(attr(terms, "factors")[, j] > 0))))
  plain_outcome <- response == 0 || is.symbol(variables[[response]]) || .pb_is_cbind_of_names(variables[[response]])
  if (plain_outcome && all(vapply(variables[used], is.symbol, TRUE))) {
    # Columns only: chosen by name, no copy made.
    outcome <- if (response > 0) all.vars(variables[[response]]) else character()
    predictors <- vapply(variables[used], as.character, "")
    return(list(data = data[c(predictors, outcome)], target = outcome))
  }
  frame <- stats::model.frame(terms, data = data, na.action = stats::na.pass)
  predvars <- as.list(attr(attr(frame, "terms"), "predvars"))[-1]
  made <- function(i) .pb_term_columns(names(frame)[i], frame[[i]], variables[[i]])
  derived <- function(indices) {
    indices <- indices[!vapply(variables[indices], is.symbol, TRUE)]
    if (!length(indices)) return(NULL)
    for (i in indices) .pb_check_term(predvars[[i]], names(frame)[i], call)
    stats::setNames(lapply(predvars[indices], .pb_deparse), names(frame)[indices])
  }
  predictor_columns <- do.call(c, lapply(used, made))
  outcome_columns <- if (response > 0) made(response) else list()
  columns <- c(predictor_columns, outcome_columns)
  list(data = structure(columns, class = "data.frame", row.names = .set_row_names(nrow(data))),
       target = names(outcome_columns),
       formula_terms = list(predictors = derived(used),
                            outcome = if (response > 0 && !plain_outcome) derived(response)))
}

.pb_is_cbind_of_names <- function(expr) {
  is.call(expr) && identical(expr[[1]], as.name("cbind")) && all(vapply(as.list(expr)[-1], is.symbol, TRUE))
}

# One formula variable's value as named columns: a matrix (poly(), cbind(), scale()) gives one per
# column, named as lm() names them ("poly(z, 2)1"); cbind() of columns keeps theirs.
.pb_term_columns <- function(name, value, expr = NULL) {
  if (inherits(value, "AsIs")) class(value) <- setdiff(class(value), "AsIs")
  if (!is.matrix(value)) return(stats::setNames(list(value), name))
  parts <- colnames(value)
  names <- if (!is.null(expr) && .pb_is_cbind_of_names(expr)) parts
    else if (is.null(parts)) (if (ncol(value) == 1L) name else paste0(name, seq_len(ncol(value))))
    else paste0(name, parts)
  stats::setNames(lapply(seq_len(ncol(value)), function(j) as.vector(value[, j])), names)
}

# Stored terms are R code that predict() evaluates, and a model file can come from anyone: like
# Lambda layers in the network, code beyond these functions is refused, at fit() and when a term is
# read back. Every function a term calls must be one of them (or base::, stats::, splines:: of one).
.pb_term_functions <- c(
  "+", "-", "*", "/", "^", "%%", "%/%", "(", "==", "!=", "<", ">", "<=", ">=", "&", "|", "!",
  "abs", "sqrt", "exp", "expm1", "log", "log1p", "log2", "log10", "sin", "cos", "tan", "asin", "acos",
  "atan", "sinh", "cosh", "tanh", "floor", "ceiling", "round", "signif", "trunc", "sign", "pmin", "pmax",
  "I", "poly", "scale", "ns", "bs", "c", "list", "as.numeric", "as.double", "as.integer", "ifelse", "is.na",
  "cut", "factor", "as.factor", "as.character"
)

.pb_unsafe_calls <- function(expr) {
  if (!is.call(expr)) return(character())
  head <- expr[[1]]
  name <- if (is.symbol(head)) as.character(head)
    else if (is.call(head) && identical(head[[1]], as.name("::")) && as.character(head[[2]]) %in%
             c("base", "stats", "splines")) as.character(head[[3]])
    else .pb_deparse(head)
  bad <- if (name %in% .pb_term_functions) character() else .pb_deparse(head)
  unique(c(bad, unlist(lapply(as.list(expr)[-1], .pb_unsafe_calls))))
}

.pb_check_term <- function(expr, name, call) {
  bad <- .pb_unsafe_calls(expr)
  if (length(bad)) {
    .pb_abort(sprintf(paste("the formula term `%s` calls %s, which pybridge does not store in a model (a model",
                            "file must not carry code to run); make that column in the data first"),
                      name, paste0("`", bad, "()`", collapse = ", ")), call, "pybridge_input_error")
  }
  expr
}

.pb_deparse <- function(expr) {
  paste(deparse(expr, width.cutoff = 500L, control = c("keepNA", "keepInteger", "niceNames", "digits17")),
        collapse = " ")
}

# The formula terms a model was trained with (see .pb_formula_columns()), asked of Python once and
# kept in the model's environment; fit() forgets them, as a first fit stores new ones.
.pb_model_terms <- function(model) {
  if (is.null(model$formula_terms)) {
    terms <- .pb_call("formula_terms", model = model)
    model$formula_terms <- if (is.null(terms)) list() else terms
  }
  model$formula_terms
}

# `data` with the columns formula terms make (list(predictors, outcome) of name = expression),
# evaluated from its columns; the outcome's only when `outcome` and its columns are there (predict()
# needs none). Expressions are evaluated among the columns, then the global environment (poly(), log()).
.pb_apply_terms <- function(terms, data, call, outcome = FALSE) {
  if (!is.data.frame(data)) return(data)
  wanted <- c(terms$predictors, if (outcome) terms$outcome)
  if (!length(wanted)) return(data)
  columns <- as.list(data)
  for (name in names(wanted)) {
    expr <- tryCatch(str2lang(wanted[[name]]), error = function(e) {
      .pb_abort(sprintf("the model's formula term `%s` is not one R expression", name), call, "pybridge_input_error")
    })
    .pb_check_term(expr, name, call)
    if (name %in% names(terms$outcome) && !all(all.vars(expr) %in% names(data))) next
    value <- tryCatch(eval(expr, columns, globalenv()), error = function(e) {
      .pb_abort(sprintf("the formula term `%s` the model was trained with cannot be made from the new data: %s",
                        name, conditionMessage(e)), call, "pybridge_input_error")
    })
    made <- .pb_term_columns(name, value)
    columns[names(made)] <- made
  }
  structure(columns, class = "data.frame", row.names = .set_row_names(nrow(data)))
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
