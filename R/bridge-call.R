# The one place where R crosses to Python. Every verb calls .pb_call() (or .pb_call_list() with the
# arguments its user typed); the transport is chosen in bridge-transport.R, the wire form of the
# arguments and results is made in bridge-wire.R, and a Python error becomes an R condition in
# conditions.R.

# Calls the Python dispatcher's call(verb, args) and turns its answer into an R value or an R condition.
.pb_call <- function(verb, ..., .call = sys.call(-1)) .pb_call_list(verb, list(...), .call)

# The same with the arguments as a named list (the verbs that capture the user's typed arguments).
.pb_call_list <- function(verb, given, .call) {
  result <- .pb_transport()(verb, lapply(given, .pb_encode))
  if (length(.pb_state$warnings)) .pb_give_warnings()
  if (!is.null(result[["error"]])) .pb_signal(result[["error"]], .call)
  value <- result[["value"]]
  # The verb returned one of its own arguments (a model it modified): that R object, unchanged.
  if (is.list(value) && !is.null(value[["__argument__"]])) return(given[[value[["__argument__"]]]])
  .pb_decode(value)
}

# The arguments the user actually typed, evaluated, so Python's defaults apply to the rest (as keras3's
# capture_args() does). `fn`, `call` and `env` are those of the verb; `caller` expands a forwarded `...`.
# `unnamed`: the name under which unnamed arguments in `...` go, as a list (keras3's merge layers take
# more input tensors so); otherwise every argument in `...` must be named.
.pb_typed_args <- function(fn, call, env, caller, unnamed = NULL) {
  matched <- match.call(fn, call, expand.dots = FALSE, envir = caller)
  typed <- as.character(names(matched)[-1])
  typed <- typed[typed != "..."]
  args <- mget(typed, envir = env)
  if ("..." %in% names(matched)) {
    dots <- .pb_dots(matched[["..."]], env)
    named <- if (is.null(names(dots))) rep(FALSE, length(dots)) else nzchar(names(dots))
    if (!all(named) && is.null(unnamed)) {
      stop("every argument passed through `...` must be named", call. = FALSE)
    }
    if (!all(named)) args[[unnamed]] <- unname(dots[!named])
    args <- c(args, dots[named])
  }
  # keras3 takes a named vector where Keras takes a dict (c(embedding = "meta.tsv")): a named list,
  # which Python reads as one. Only here, in what a wrapper's user typed: elsewhere (data, weights)
  # names on a vector are labels, not keys.
  lapply(args, function(value) {
    keyed <- is.atomic(value) && is.null(dim(value)) && is.null(attr(value, "class")) &&
      length(names(value)) > 0 && all(nzchar(names(value)))
    if (keyed) as.list(value) else value
  })
}

# A constructor verb (optimizer_adam(), loss_*(), metric_*(), callback_*(), ...) whose R signature
# documents keras3's argument names: the typed arguments go to pybridge.api.<verb> in one call.
.pb_constructor <- function(verb) {
  args <- .pb_typed_args(sys.function(-1), sys.call(-1), parent.frame(), parent.frame(2))
  .pb_call_list(verb, args, sys.call(-1))
}

# A generated wrapper (R/generated-*.R): its typed arguments go to pybridge.api.keras_object() (Keras
# objects: initializers, losses, metrics, ...) or keras_op() (ops, random, activations) with the
# wrapper's name, which Python looks up in its table of Keras names; nothing else can be reached.
.pb_object <- function(wrapper) {
  args <- .pb_typed_args(sys.function(-1), sys.call(-1), parent.frame(), parent.frame(2))
  .pb_call_list("keras_object", list(wrapper = wrapper, args = args), sys.call(-1))
}

.pb_op <- function(wrapper) {
  # Unnamed arguments in `...` are the Keras function's own positional ones (op_einsum("ii", a)).
  args <- .pb_typed_args(sys.function(-1), sys.call(-1), parent.frame(), parent.frame(2), unnamed = "...")
  .pb_call_list("keras_op", list(wrapper = wrapper, args = args), sys.call(-1))
}

# The values in `...`, where `given` is what match.call() saw there. An empty argument (keras3 code's
# trailing comma, keras_model(inputs, outputs, )) is left out, as keras3's capture_args() does.
.pb_dots <- function(given, env) {
  empty <- vapply(given, function(e) identical(e, quote(expr = )), TRUE) # nolint: spaces_inside_linter.
  if (!any(empty)) return(eval(quote(list(...)), env))
  kept <- which(!empty)
  dots <- eval(as.call(c(quote(list), lapply(kept, function(k) as.name(paste0("..", k))))), env)
  names(dots) <- names(given)[kept]
  dots
}

# The `...` of the function calling this, as a list, empty arguments left out (see .pb_dots()).
.pb_list_dots <- function(env = parent.frame()) {
  .pb_dots(eval(quote(as.list(substitute(list(...)))[-1L]), env), env)
}
