#' @export
print.pybridge_object <- function(x, ...) {
  cat(sprintf("<pybridge %s>\n", x[["class"]]))
  invisible(x)
}
