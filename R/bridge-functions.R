# R functions that Python calls: a callback's hooks, a loss, a layer's methods, a schedule. Each
# crosses as an entry point taking and giving the wire form (bridge-wire.R), so its arguments arrive
# as verb results do (tensors and layers as Keras objects, arrays as arrays) under either transport,
# with its formals, which Keras reads (a layer's call() gets `mask` only if it declares it).

.pb_empty_argument <- quote(expr = ) # nolint: spaces_inside_linter. A formal without a default.

.pb_r_function <- function(fn) {
  params <- formals(args(fn))  # args(): a primitive's formals too
  # custom_metric("name", fn) names it; Keras names a loss or metric's history column so.
  list(`__r_function__` = .pb_r_entry(fn), name = attr(fn, "py_function_name", exact = TRUE),
       formals = as.list(names(params)),
       defaults = as.list(vapply(params, function(p) !identical(p, .pb_empty_argument), TRUE)))
}

# Python calls the entry with list(args =, kwargs =) and, for a method of a class made by Layer(),
# Callback(), ... (R/classes.R), `self` and `super`, which the function sees as variables, as in keras3.
.pb_r_entry <- function(fn) {
  force(fn)
  function(wire) {
    call <- .pb_decode(wire)
    f <- fn
    if (!is.null(call[["self"]])) {
      bound <- new.env(parent = environment(fn))
      bound$self <- call[["self"]]
      bound$super <- call[["super"]]
      environment(f) <- bound
    }
    .pb_encode(do.call(.pb_keep_conditions(f), c(call[["args"]], call[["kwargs"]])))
  }
}
