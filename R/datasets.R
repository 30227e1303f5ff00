#' Handwritten digits
#'
#' scikit-learn's `load_digits()`: 1,797 images of 8 x 8 pixels with intensities 0-16, and their
#' labels 0-9. Needs scikit-learn in pybridge's Python (the `demo` extra; `make setup` installs it).
#'
#' @return A list: `x`, a 1797 x 8 x 8 array (`x[i, , ]` is image `i`, row by row), and `y`, the
#'   integer labels.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   digits <- dataset_digits()
#'   image(t(digits$x[1, 8:1, ]), col = grey.colors(17, rev = TRUE))
#' }
dataset_digits <- function() .pb_call("dataset_digits", .call = sys.call())
