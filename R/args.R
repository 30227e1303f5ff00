# The arguments the user actually typed, evaluated, so Python's defaults apply to the rest (as keras3's
# capture_args() does). `fn`, `call` and `env` are those of the verb; `caller` expands a forwarded `...`.
.pb_typed_args <- function(fn, call, env, caller, exclude = character()) {
  matched <- match.call(fn, call, expand.dots = FALSE, envir = caller)
  typed <- as.character(names(matched)[-1])
  typed <- typed[!typed %in% c("...", exclude)]  # setdiff() would cost more than the call
  args <- mget(typed, envir = env)
  if ("..." %in% names(matched)) {
    dots <- eval(quote(list(...)), env)
    if (length(dots) && (is.null(names(dots)) || any(!nzchar(names(dots))))) {
      stop("every argument passed through `...` must be named", call. = FALSE)
    }
    args <- c(args, dots)
  }
  args
}

# A constructor verb (optimizer_adam(), loss_*(), metric_*(), callback_*(), ...) whose R signature
# documents keras3's argument names: the typed arguments go to pybridge.api.<verb> in one call.
.pb_constructor <- function(verb) {
  args <- .pb_typed_args(sys.function(-1), sys.call(-1), parent.frame(), parent.frame(2))
  .pb_call_list(verb, args, sys.call(-1))
}
