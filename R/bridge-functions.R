# R functions that Python calls: a callback's hooks, a loss, a layer's methods, a schedule. Each
# crosses as an entry point taking and giving the wire form (bridge-wire.R), so its arguments arrive
# as verb results do (tensors and layers as Keras objects, arrays as arrays) under either transport,
# with its formals, which Keras reads (a layer's call() gets `mask` only if it declares it).

.pb_r_function <- function(fn) {
  params <- formals(args(fn))  # args(): a primitive's formals too
  # keras3 methods may name `self` as their first formal (function(self, x)): Python passes it.
  if (identical(names(params)[1], "self")) params <- params[-1]
  # custom_metric("name", fn) names it; Keras names a loss or metric's history column so.
  list(`__r_function__` = .pb_r_entry(fn), name = attr(fn, "py_function_name", exact = TRUE),
       formals = as.list(names(params)),
       defaults = as.list(vapply(params, .pb_has_default, TRUE)))
}

# Python calls the entry with list(args =, kwargs =) and, for a method of a class made by Layer(),
# Callback(), ... (R/classes.R), `self` and `super`, which the function sees as variables, as in keras3,
# and `private`, an R environment of the instance's own (R state that Python never sees).
.pb_r_entry <- function(fn) {
  force(fn)
  function(wire) {
    call <- .pb_decode(wire)
    f <- fn
    args <- c(call[["args"]], call[["kwargs"]])
    if (!is.null(call[["self"]])) {
      bound <- new.env(parent = environment(fn))
      bound$self <- call[["self"]]
      bound$super <- call[["super"]]
      bound$private <- .pb_private(call[["private"]])
      environment(f) <- bound
      if (identical(names(formals(args(fn)))[1], "self")) args <- c(list(self = call[["self"]]), args)
    }
    .pb_encode(do.call(.pb_keep_conditions(f), args))
  }
}

# An instance's `private` environment, made at its first method call and kept for the session.
.pb_private <- function(key) {
  if (is.null(.pb_state$private)) .pb_state$private <- new.env(parent = emptyenv())
  key <- as.character(key)
  if (is.null(.pb_state$private[[key]])) .pb_state$private[[key]] <- new.env(parent = emptyenv())
  .pb_state$private[[key]]
}

# Whether a formal has a default: an empty one is R's missing argument, which a variable cannot hold
# (R CMD check reads every object of the namespace).
.pb_has_default <- function(p) !identical(p, quote(expr = )) # nolint: spaces_inside_linter.
