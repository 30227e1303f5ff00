# The wire form: R values as the Python dispatcher decodes them, and its answers back as R values.
# Vectors travel with an explicit NA mask, because reticulate turns logical NA into True, integer NA
# into -2147483648 and character NA into "NA".

.pb_encode <- function(x) {
  # The common case first: a plain scalar (no names, class or other attributes) goes as it is.
  if (is.null(attributes(x)) && is.atomic(x) && length(x) == 1L && !is.na(x)) return(x)
  if (is.null(x)) return(NULL)
  if (inherits(x, "pybridge_model")) return(.pb_model_reference(x))
  if (inherits(x, "pybridge_object")) return(.pb_handle(x))
  # A Layer() class's composing function (R/classes.R) stands for the class.
  if (inherits(x, "pybridge_layer_class")) return(.pb_handle(attr(x, "keras_class")))
  if (inherits(x, "keras_shape")) return(lapply(unclass(x), .pb_encode))  # shape(): NULL for an unknown size
  if (is.data.frame(x)) return(.pb_encode_frame(x))
  if (is.array(x) && (is.numeric(x) || is.logical(x))) {
    if (anyNA(x)) storage.mode(x) <- "double"  # NA becomes NaN, which Python reads as missing
    return(x)  # an R array reaches NumPy with R's indexing kept: x[i, j] is a[i-1, j-1]
  }
  if (is.atomic(x) && length(x) == 1L && is.null(names(x)) && !is.factor(x) && !anyNA(x) &&
      is.null(attr(x, "class"))) return(x)
  if (is.atomic(x) || is.factor(x)) return(.pb_encode_vector(x))
  if (is.list(x) && !is.object(x)) return(lapply(x, .pb_encode))
  if (is.function(x)) {
    # activation_relu passed unevaluated (activation = activation_relu) goes as its Keras name.
    if (!is.null(attr(x, "pybridge_keras", exact = TRUE))) return(attr(x, "pybridge_keras"))
    if (!inherits(x, "python.builtin.object")) return(.pb_r_function(x))
  }
  x
}

.pb_vector_type <- function(x) {
  if (is.factor(x)) return("factor")
  # bit64's integer64 is a double vector holding int64 bits: sent as those bits, which Python reads
  # exactly (pybridge/interop/wire.py), as read as a double they are tiny nonsense numbers.
  if (inherits(x, "integer64")) return("integer64")
  if (inherits(x, "Date")) return("Date")
  if (inherits(x, "POSIXct")) return("POSIXct")
  typeof(x)
}

.pb_as_1d <- function(x) {
  x <- as.vector(x)
  dim(x) <- length(x)
  x
}

# `values`: the column already as a NumPy array (see .pb_numpy_views), or NULL to make it here.
.pb_encode_vector <- function(x, values = NULL) {
  type <- .pb_vector_type(x)
  # A double (numeric, Date, POSIXct) reaches NumPy with NA as NaN, which is exactly is.na()'s answer,
  # so it needs no mask: scanning a large column for one costs as much as converting it. The types
  # that reticulate would get wrong (logical, integer, factor, character) carry their mask.
  na <- if (!is.double(x) && anyNA(x)) .pb_as_1d(is.na(x)) else NULL
  if (is.null(values)) values <- switch(type,
    factor = .pb_as_1d(as.integer(unclass(x))),
    character = as.list(unname(x)),
    double = , integer = , logical = , Date = , POSIXct = , integer64 = .pb_as_1d(unclass(x)),
    NULL  # a list column or another type Python refuses with the column's name
  )
  list(`__vector__` = type, values = values, na = na,
       levels = if (is.factor(x)) as.list(levels(x)) else NULL, ordered = if (is.ordered(x)) TRUE)
}

.pb_encode_frame <- function(df) {
  if (nrow(df) < .pb_view_min_rows && length(df)) {
    plain <- vapply(df, function(x) is.double(x) && is.null(attributes(x)), TRUE)
    # A small frame (a one-row predict, say): its plain double columns cross as one matrix, faster
    # than one vector each, and a double's NA reaches NumPy as NaN, its meaning in Python too. The
    # other columns go as usual, with NULL left where a column is in the matrix.
    if (any(plain)) {
      others <- vector("list", length(df))
      others[!plain] <- lapply(.subset(df, !plain), .pb_encode_vector)
      return(list(`__frame__` = TRUE, names = as.list(names(df)), nrow = nrow(df),
                  matrix = matrix(unlist(.subset(df, plain), use.names = FALSE), nrow = nrow(df)),
                  columns = if (!all(plain)) others))
    }
  }
  views <- .pb_numpy_views(df)
  columns <- lapply(seq_along(df), function(i) .pb_encode_vector(df[[i]], views[[i]]))
  list(`__frame__` = TRUE, names = as.list(names(df)), nrow = nrow(df), columns = columns)
}

# Plain double and integer columns as NumPy arrays that share R's memory. Setting dim() on a column
# (.pb_as_1d) copies it, since the data frame still holds it: for a large frame that copy costs more
# than the whole float32 encoding. reticulate's data-frame converter makes views without copying;
# it is internal to reticulate, so it is used only when present and reticulate is the transport.
.pb_view_min_rows <- 1000L

.pb_numpy_views <- function(df) {
  views <- vector("list", length(df))
  plain <- vapply(df, function(x) (is.double(x) || is.integer(x)) && is.null(attributes(x)), TRUE)
  # Small frames copy faster than the converter's fixed cost (about 1 ms for a one-row predict).
  if (!any(plain) || nrow(df) < .pb_view_min_rows || .pb_is_rpy2_hosted()) return(views)
  reticulate_ns <- asNamespace("reticulate")
  if (!exists("r_convert_dataframe", envir = reticulate_ns, inherits = FALSE)) return(views)
  .pb_python_module()  # the converter needs Python started
  convert <- get("r_convert_dataframe", envir = reticulate_ns)
  # A bare data.frame of those columns (not `[`, which means rows for a data.table); the frame's own
  # names may repeat, so they are replaced.
  numeric <- structure(.subset(df, plain), names = paste0("c", seq_len(sum(plain))), class = "data.frame",
                       row.names = .set_row_names(nrow(df)))
  # Should a later reticulate change the internal function, columns fall back to the copy.
  converted <- tryCatch(convert(numeric, convert = FALSE), error = function(e) NULL)
  if (!inherits(converted, "python.builtin.dict")) return(views)
  views[plain] <- lapply(names(numeric), function(name) reticulate::py_get_item(converted, name))
  views
}

# Python results back to R values: frames, factors, models, histories and other Python objects.
.pb_decode <- function(x) {
  if (is.list(x) && !is.object(x)) {
    if (!is.null(x[["__frame__"]])) return(.pb_decode_frame(x))
    if (!is.null(x[["__factor__"]])) {
      return(structure(as.integer(x[["codes"]]), levels = as.character(unlist(x[["levels"]])),
                       class = if (isTRUE(x[["ordered"]])) c("ordered", "factor") else "factor"))
    }
    # Logical values with NA: integer codes, NA as R's NA_integer_ (a NumPy bool has no NA).
    if (!is.null(x[["__logical__"]])) return(as.logical(as.vector(x[["values"]])))
    if (!is.null(x[["__model__"]])) return(.pb_new_model(x[["__model__"]], x[["reference"]]))
    if (!is.null(x[["__history__"]])) return(.pb_new_history(x))
    if (!is.null(x[["__object__"]])) return(.pb_new_object(x[["__object__"]], x[["class"]], x[["kind"]]))
    return(lapply(x, .pb_decode))
  }
  if (is.array(x) && length(dim(x)) == 1L) return(as.vector(x))
  x
}

.pb_decode_frame <- function(x) {
  columns <- lapply(x[["columns"]], function(column) {
    column <- .pb_decode(column)
    if (is.list(column)) {
      column <- vapply(column, function(v) if (is.null(v)) NA_character_ else as.character(v), "")
    }
    column
  })
  names(columns) <- as.character(unlist(x[["names"]]))
  n <- if (length(columns)) length(columns[[1]]) else 0L
  frame <- structure(columns, class = "data.frame", row.names = .set_row_names(n))
  # The class tibble's constructor would set, without its checks (names and lengths are known good).
  if (requireNamespace("tibble", quietly = TRUE)) class(frame) <- c("tbl_df", "tbl", "data.frame")
  frame
}

#' Combine Keras objects into a list
#'
#' `c()` of objects from `metric_*()`, `loss_*()`, `layer_*()` or `callback_*()` is a list of them,
#' as keras3 gives: `compile(metrics = c(metric_auc(), metric_precision()))`. Names are kept, and
#' lists among the arguments are spliced in, as `c()` does.
#' @param ... Objects (class `pybridge_object`), lists of them, or other values.
#' @return A list.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   metrics <- c(metric_binary_accuracy(), metric_false_negatives())
#'   length(metrics)
#' }
c.pybridge_object <- function(...) {
  items <- lapply(list(...), function(x) if (inherits(x, "pybridge_object")) list(x) else as.list(x))
  do.call(c, items)
}
