# keras3's data helpers. The R plumbing (unpacking, reshaping, building a shape) is R's own; the
# numerical helpers (to_categorical(), pad_sequences(), normalize()) are Keras's, reached through
# pybridge's Python like every verb.

#' Pipes
#'
#' magrittr's pipes, re-exported as keras3 does: `x %>% f(y)` is `f(x, y)`, and `x %<>% f()` is
#' `x <- f(x)`. See [magrittr::%>%] and [magrittr::%<>%].
#'
#' @name pipes
#' @rdname pipes
#' @keywords internal
#' @importFrom magrittr %>% %<>%
#' @export %>% %<>%
#' @aliases %>% %<>%
#' @usage
#' lhs \%>\% rhs
#'
#' lhs \%<>\% rhs
#' @param lhs A value.
#' @param rhs A call to apply to it.
#' @return The result of the right-hand side applied to the left-hand side.
#' @examples
#' c(4, 9) %>% sqrt()
#' x <- c(4, 9)
#' x %<>% sqrt()
#' x
NULL

#' Multiple assignment
#'
#' Unpacks a list (or vector) into several variables, as keras3 (through zeallot) does:
#' `c(x_train, y_train) %<-% list(a, b)`. Patterns nest (`c(c(a, b), c(c, d)) %<-% ...`, as for
#' `dataset_mnist()`'s `list(train = list(x, y), test = list(x, y))`); `.` skips a value, and
#' `...` (or `...rest`) takes the values left over (assigned as a list when named).
#'
#' @param x A name, or a `c()` of names and nested `c()` patterns.
#' @param value The list or vector to unpack.
#' @return `value`, invisibly; the variables are assigned in the calling environment.
#' @export
#' @examples
#' c(a, b) %<-% list(1, "two")
#' c(c(x_train, y_train), c(x_test, y_test)) %<-% list(list(1:3, 4:6), list(7:8, 9:10))
#' y_test
#' c(first, ...rest) %<-% 1:4
#' rest
#' c(., second, .) %<-% c(10, 20, 30)
#' second
`%<-%` <- function(x, value) {
  .pb_unpack(substitute(x), value, parent.frame())
  invisible(value)
}

.pb_unpack <- function(pattern, value, env) {
  if (is.name(pattern)) {
    name <- as.character(pattern)
    if (name != ".") assign(name, value, envir = env)
    return(invisible())
  }
  if (!is.call(pattern) || !identical(pattern[[1]], quote(c))) {
    stop("the left side of %<-% must be a name or c(...) of names, not `", deparse(pattern), "`", call. = FALSE)
  }
  targets <- as.list(pattern)[-1]
  values <- if (is.data.frame(value) || is.list(value)) as.list(value) else as.list(unname(value))
  is_rest <- vapply(targets, function(t) is.name(t) && startsWith(as.character(t), "..."), TRUE)
  if (sum(is_rest) > 1) stop("%<-%: only one `...` may collect the rest", call. = FALSE)
  fixed <- sum(!is_rest)
  if (length(values) < fixed || (!any(is_rest) && length(values) != fixed)) {
    stop(sprintf("%%<-%%: `%s` expects %s%d value%s, but there %s %d", deparse(pattern),
                 if (any(is_rest)) "at least " else "", fixed, if (fixed == 1) "" else "s",
                 if (length(values) == 1) "is" else "are", length(values)), call. = FALSE)
  }
  position <- 0L
  for (k in seq_along(targets)) {
    if (is_rest[k]) {
      taken <- length(values) - fixed
      rest_name <- substring(as.character(targets[[k]]), 4)
      if (nzchar(rest_name)) assign(rest_name, values[position + seq_len(taken)], envir = env)
      position <- position + taken
    } else {
      position <- position + 1L
      .pb_unpack(targets[[k]], values[[position]], env)
    }
  }
  invisible()
}

#' Reshape an array in row-major order
#'
#' As keras3's (reticulate's) `array_reshape()`: the values are laid out row by row ("C" order, as
#' NumPy and Keras read them), unlike R's `dim<-`, which fills column by column ("F" order). Use it to
#' flatten images for a dense layer as Keras examples do. Pure R; no Python is started.
#'
#' @param x An array, matrix or vector.
#' @param dim The new dimensions; one of them may be `-1` (or `NA`), worked out from the others.
#' @param order `"C"` (row-major, the default) or `"F"` (column-major, as `dim<-`).
#' @return An array with dimensions `dim`.
#' @export
#' @examples
#' x <- matrix(1:6, nrow = 2, byrow = TRUE)
#' array_reshape(x, c(3, 2))        # rows 1 2 / 3 4 / 5 6
#' array_reshape(x, c(-1), order = "F")
#' images <- array(runif(2 * 28 * 28), c(2, 28, 28))
#' dim(array_reshape(images, c(nrow(images), 784)))
array_reshape <- function(x, dim, order = c("C", "F")) {
  order <- match.arg(order)
  dim <- as.integer(dim)
  unknown <- is.na(dim) | dim == -1L
  if (sum(unknown) > 1) stop("array_reshape(): only one dimension of `dim` may be -1", call. = FALSE)
  if (any(unknown)) dim[unknown] <- length(x) %/% max(1L, prod(dim[!unknown]))
  if (prod(dim) != length(x)) {
    stop(sprintf("array_reshape(): cannot reshape %d values into dim c(%s)", length(x), paste(dim, collapse = ", ")),
         call. = FALSE)
  }
  if (order == "F") return(array(as.vector(x), dim = dim))
  # Row-major values are the column-major values of the transposed array (every axis reversed).
  flat <- if (length(base::dim(x)) > 1) as.vector(aperm(x)) else as.vector(x)
  if (length(dim) == 1) return(array(flat, dim = dim))
  aperm(array(flat, dim = rev(dim)))
}

#' One-hot rows from class labels
#'
#' keras3's `to_categorical()`: class labels 0, 1, ..., k-1 (a factor is taken as its level
#' positions, from 0) as a matrix with one row per label and a 1 in column label + 1, the targets
#' `loss = "categorical_crossentropy"` takes.
#'
#' @param x Integer labels from 0, or a factor.
#' @param num_classes Number of classes (columns); by default the largest label + 1 (for a factor, its
#'   number of levels).
#' @return A numeric matrix.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   to_categorical(c(0, 2, 1), num_classes = 4)
#'   to_categorical(iris$Species[c(1, 51, 101)])
#' }
to_categorical <- function(x, num_classes = NULL) {
  if (is.factor(x)) {
    if (is.null(num_classes)) num_classes <- nlevels(x)
    x <- as.integer(x) - 1L
  }
  .pb_call("to_categorical", x = .pb_as_array(x), num_classes = num_classes, .call = sys.call())
}

#' Pad sequences to the same length
#'
#' keras3's `pad_sequences()`: a list of integer vectors (word indices, say) as one matrix with a row
#' per sequence, padded with `value` and cut to `maxlen`, at the start (`"pre"`) or the end (`"post"`)
#' of each sequence.
#'
#' @param sequences A list of numeric vectors.
#' @param maxlen Length of the rows; by default the longest sequence's.
#' @param dtype Type of the result (`"int32"`; `"float32"` for non-integer values).
#' @param padding,truncating `"pre"` or `"post"`: where padding is added and where long sequences
#'   are cut.
#' @param value The padding value.
#' @return A matrix with `length(sequences)` rows and `maxlen` columns.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   sequences <- list(1, c(2, 3), c(4, 5, 6))
#'   pad_sequences(sequences)
#'   pad_sequences(sequences, padding = "post", maxlen = 2)
#' }
pad_sequences <- function(sequences, maxlen = NULL, dtype = "int32", padding = "pre", truncating = "pre",
                          value = 0) {
  if (!is.list(sequences)) .pb_abort("`sequences` must be a list of numeric vectors", sys.call())
  .pb_call("pad_sequences", sequences = lapply(unname(sequences), .pb_as_array), maxlen = maxlen, dtype = dtype,
           padding = padding, truncating = truncating, value = value, .call = sys.call())
}

#' Scale to unit norm
#'
#' keras3's `normalize()`: `x` divided by its `order`-norm along `axis` (L2 by default); rows (or
#' slices) of zeros stay zero.
#'
#' @param x A numeric array, matrix or vector.
#' @param axis The axis to normalise along, from 1 (R's numbering); `-1` is the last.
#' @param order The norm's order: 2 (Euclidean), 1 (sum of absolute values), ...
#' @return An array shaped like `x`.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   normalize(rbind(c(3, 4), c(1, 0)))          # each row to length 1
#'   normalize(rbind(c(3, 4), c(1, 0)), axis = 1)  # each column
#' }
normalize <- function(x, axis = -1L, order = 2L) {
  if (!is.numeric(axis) || length(axis) != 1 || is.na(axis) || axis == 0) {
    .pb_abort("`axis` must be one axis number: 1, 2, ... or -1 for the last", sys.call())
  }
  .pb_call("normalize", x = .pb_as_array(x), axis = if (axis > 0) axis - 1L else axis, order = order,
           .call = sys.call())
}

# A numeric vector as a 1-d array, so it reaches Python as an array whatever its length.
.pb_as_array <- function(x) {
  if (is.numeric(x) && is.null(dim(x))) dim(x) <- length(x)
  x
}

#' Tensor shapes
#'
#' keras3's `shape()`: builds a shape from numbers (`NA`, `NULL` or `-1` for a size not known in
#' advance), or reads one: an array's `dim()`, a tensor's shape. Shapes combine:
#' `shape(input, 4)`. Wherever a verb takes a shape, it takes a `shape()` too.
#'
#' @param ... Numbers, `NA`/`NULL`, arrays or tensors (from [keras_input()] or a layer).
#' @param x A `keras_shape`.
#' @return A list of class `keras_shape`: an integer per dimension, `NULL` where unknown.
#' @export
#' @examples
#' shape(28, 28, NA)
#' shape(array(0, c(2, 3)))
#' if (pybridge_available()) {
#'   input <- keras_input(shape = c(8, 3))
#'   shape(input)
#'   c(batch, steps, features) %<-% shape(input)
#'   steps
#' }
shape <- function(...) {
  call <- sys.call()
  dims <- function(x) {
    if (inherits(x, "pybridge_object")) {
      return(vapply(.pb_call("shape", x = x, .call = call), function(d) if (is.null(d)) NA_integer_ else as.integer(d),
                    1L))
    }
    if (is.array(x)) return(dim(x))
    if (is.null(x) || (length(x) == 1 && (is.na(x) || identical(as.numeric(x), -1)))) return(NA_integer_)
    if (is.list(x) || length(x) > 1) return(unlist(lapply(x, dims)))
    as.integer(x)
  }
  values <- unlist(lapply(list(...), dims), use.names = FALSE)
  structure(lapply(values, function(d) if (is.na(d)) NULL else d), class = "keras_shape")
}

#' @rdname shape
#' @export
format.keras_shape <- function(x, ...) {
  paste0("shape(", paste(vapply(x, function(d) if (is.null(d)) "NA" else format(d), ""), collapse = ", "), ")")
}

#' @rdname shape
#' @export
print.keras_shape <- function(x, ...) {
  writeLines(format(x))
  invisible(x)
}

#' Reset Keras's global state
#'
#' keras3's `clear_session()`: Keras's automatic layer names count from the start again
#' (`dense`, `dense_1`, ...) and, with `free_memory`, memory held by models no longer referenced is
#' released, which helps when many models are made in a loop. Models already made keep working.
#'
#' @param free_memory Whether to also run Python's garbage collector and free the backend's memory.
#' @return `NULL`, invisibly.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   clear_session()
#'   model <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
#'   model$layers[[1]]$name
#' }
clear_session <- function(free_memory = TRUE) {
  .pb_call("clear_session", free_memory = free_memory, .call = sys.call())
  invisible(NULL)
}
