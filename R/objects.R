# Python objects R holds by handle (layers, tensors, metrics, optimizers, Keras classes, methods), as
# keras3 users use them: an R function that calls the object (`dense(inputs)`, `m$update_state(...)`),
# with `$` and `[[` reading its attributes, `$<-` setting them, and for tensors arithmetic, `[`,
# dim() and as.array(). Built here once; both transports carry the handle the same way.

# `handle` is what the transport gave (a Python object under reticulate, an R handle under rpy2).
.pb_new_object <- function(handle, py_class, kind = "object") {
  force(handle)
  object <- function(...) .pb_call_object(handle, .pb_list_dots(), sys.call())
  structure(object, class = c(if (identical(kind, "tensor")) "pybridge_tensor", "pybridge_object"),
            py_class = py_class)
}

.pb_handle <- function(x) get("handle", envir = environment(x), inherits = FALSE)

# R's arguments as Python's: unnamed ones by position, named ones by keyword.
.pb_call_object <- function(handle, dots, call) {
  named <- if (is.null(names(dots))) rep(FALSE, length(dots)) else nzchar(names(dots))
  .pb_call_list("object_call", list(object = handle, args = unname(dots[!named]), kwargs = dots[named]), call)
}

#' Keras objects in R
#'
#' Layers, tensors, metrics, losses, optimizers, callbacks and the classes made by [Layer()] and its
#' kind are Python objects that R holds, used as keras3 users use them:
#'
#' * called as functions when the Python object is callable: a layer on a tensor or an array
#'   (`dense <- layer_dense(units = 4); y <- dense(x)`), a model on data (`model(x)`), a loss on
#'   values (`bce(y_true, y_pred)`), a method (`m$update_state(y_true, y_pred)`), a class to make an
#'   instance. Unnamed arguments go by position, named ones by name;
#' * `object$name` and `object[["name"]]` read an attribute (`layer$weights`, `model$optimizer`),
#'   `NULL` for one the object lacks, as for a list;
#'   `object$name <- value` sets one where Keras allows it (`layer$trainable <- FALSE`). keras3's
#'   `initialize` reads Python's `__init__`;
#' * tensors (class `pybridge_tensor`) take arithmetic and comparison operators (`x + 1`, `x > 0`,
#'   through Keras's ops), `x[i, j]` with R's 1-based positions, `dim()`, [shape()] and, for a
#'   tensor with values, `as.array()`.
#'
#' Results with values (a layer applied to an array, an op on arrays) come back as R arrays; symbolic
#' tensors (the functional API, or inside a loss or layer written in R) stay tensors. The Python
#' object lives while R holds it.
#'
#' @param x A Keras object (class `pybridge_object`).
#' @param name An attribute name.
#' @param value The value to set.
#' @param ... For `[`: positions along each dimension (1-based; empty for all of it); for `print()`
#'   and `as.array()`, unused.
#' @param drop Unused: a single position drops its dimension, as Keras indexing does.
#' @param e1,e2 Tensors, arrays or numbers.
#' @param pattern For completion: the start of a name.
#' @return `$` and `[[`: the attribute's value; `$<-`: `x`; `[` and operators: a tensor or an array;
#'   `dim()`: integer dimensions (`NA` where unknown); `as.array()`: an array; `as.numeric()`,
#'   `as.integer()`, `as.logical()`: a vector; `names()`: the attribute names.
#' @name keras-objects
#' @examples
#' if (pybridge_available()) {
#'   dense <- layer_dense(units = 3)
#'   y <- dense(matrix(1, 2, 4))
#'   dim(y)
#'   length(dense$weights)
#'   dense$trainable <- FALSE
#'   m <- metric_mean()
#'   m$update_state(c(1, 2, 3))
#'   m$result()
#'   input <- keras_input(shape = 4)
#'   dim(input * 2 + 1)
#' }
NULL

#' @rdname keras-objects
#' @export
`$.pybridge_object` <- function(x, name) {
  .pb_call("object_get", object = x, name = name, missing_ok = TRUE, .call = sys.call())
}

#' @rdname keras-objects
#' @export
`[[.pybridge_object` <- function(x, name, ...) `$.pybridge_object`(x, name)

#' @rdname keras-objects
#' @export
`$<-.pybridge_object` <- function(x, name, value) { # nolint: object_name_linter. S3 method of `$<-`.
  .pb_call("object_set", object = x, name = name, value = value, .call = sys.call())
  x
}

#' @rdname keras-objects
#' @export
`[[<-.pybridge_object` <- function(x, name, value) `$<-.pybridge_object`(x, name, value) # nolint: object_name_linter.

#' @rdname keras-objects
#' @export
print.pybridge_object <- function(x, ...) {
  cat(.pb_call("object_describe", object = x, .call = sys.call()), "\n", sep = "")
  invisible(x)
}

#' @rdname keras-objects
#' @importFrom utils .DollarNames
#' @export
.DollarNames.pybridge_object <- function(x, pattern = "") { # nolint: object_name_linter. utils' generic.
  attributes <- names(x)
  attributes[startsWith(attributes, pattern)]
}

#' @rdname keras-objects
#' @export
as.array.pybridge_tensor <- function(x, ...) {
  value <- .pb_call("object_as_array", object = x, .call = sys.call())
  # A vector as a 1-d array; a scalar (a 0-d tensor: a loss, a learning rate) stays a number.
  if (is.null(dim(value)) && length(value) != 1) value <- array(value, dim = length(value))
  value
}

#' @rdname keras-objects
#' @export
names.pybridge_object <- function(x) unlist(.pb_call("object_names", object = x))

#' @rdname keras-objects
#' @export
as.double.pybridge_tensor <- function(x, ...) as.vector(as.array(x))

#' @rdname keras-objects
#' @export
as.integer.pybridge_tensor <- function(x, ...) as.integer(as.vector(as.array(x)))

#' @rdname keras-objects
#' @export
as.logical.pybridge_tensor <- function(x, ...) as.logical(as.vector(as.array(x)))

#' @rdname keras-objects
#' @export
dim.pybridge_tensor <- function(x) {
  vapply(.pb_call("shape", x = x), function(d) if (is.null(d)) NA_integer_ else as.integer(d), 1L)
}

#' @rdname keras-objects
#' @export
`[.pybridge_tensor` <- function(x, ..., drop = TRUE) {
  # One entry per dimension given; an empty one (x[, 1]) is all of it, which Python reads as None.
  given <- match.call(expand.dots = FALSE)[["..."]]
  caller <- parent.frame()
  index <- lapply(given, function(position) {
    if (identical(position, quote(expr = ))) NULL else eval(position, caller) # nolint: spaces_inside_linter.
  })
  .pb_call("object_getitem", object = x, index = unname(index), .call = sys.call())
}

# keras3's operators on tensors: each is the Keras op of the same meaning (op_add(), ...).
.pb_operators <- c(`+` = "op_add", `-` = "op_subtract", `*` = "op_multiply", `/` = "op_divide",
                   `^` = "op_power", `%%` = "op_mod", `%/%` = "op_floor_divide", `==` = "op_equal",
                   `!=` = "op_not_equal", `<` = "op_less", `<=` = "op_less_equal", `>` = "op_greater",
                   `>=` = "op_greater_equal", `&` = "op_logical_and", `|` = "op_logical_or")

#' @rdname keras-objects
#' @export
Ops.pybridge_tensor <- function(e1, e2) {
  generic <- get(".Generic")  # set by R's group dispatch
  if (missing(e2)) {
    if (generic == "-") return(op_negative(e1))
    if (generic == "+") return(e1)
    if (generic == "!") return(op_logical_not(e1))
  }
  op <- .pb_operators[[generic]]
  .pb_call_list("keras_op", list(wrapper = op, args = list(x1 = e1, x2 = e2)), sys.call())
}
