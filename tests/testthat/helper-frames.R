# What Python received for an R value (pybridge.frames.describe_frame), through the one bridge.
describe_frame <- function(x, ...) pybridge:::.pb_call("describe_frame", x = x, ...)

# Character values come back as a list with NULL for missing; as a character vector with NA.
as_chr <- function(values) vapply(values, function(v) if (is.null(v)) NA_character_ else v, "", USE.NAMES = FALSE)

# A layer by its pybridge name, for layers whose R wrapper may not exist yet (reshape, pooling).
pb_layer <- function(model, kind, ...) {
  pybridge:::.pb_call("layer", kind = kind, object = model, ...)
  model
}
