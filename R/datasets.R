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

#' Keras's data sets
#'
#' keras3's `dataset_*()` functions: Keras downloads the data set on first use (into
#' `~/.keras/datasets`) and reads it from there afterwards. Each returns
#' `list(train = list(x, y), test = list(x, y))`, which `%<-%` unpacks:
#' `c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_mnist()`. Images are integer arrays
#' (`x[i, , ]` is image `i`, row by row), labels integer vectors from 0; IMDB and Reuters reviews are
#' lists of word-index vectors (see [pad_sequences()]). Without an internet connection (and no copy
#' in the cache) they fail with a condition of class `pybridge_download_error` that says so.
#'
#' @param path File name in the cache.
#' @param label_mode `"fine"` (100 classes) or `"coarse"` (20 superclasses).
#' @param num_words Keep only the `num_words` most frequent words (others become `oov_char`).
#' @param skip_top Skip the most frequent words (as `oov_char`).
#' @param maxlen Drop sequences longer than this.
#' @param seed Seed for the shuffling (and the split).
#' @param start_char,oov_char,index_from The index marking a sequence's start, the index of a word
#'   left out, and the index of the most frequent word.
#' @param test_split Fraction of the data held out for `test`.
#' @return `list(train = list(x = , y = ), test = list(x = , y = ))`.
#' @name keras_datasets
#' @examples
#' \dontrun{
#' # Downloads 11 MB on first use.
#' c(c(x_train, y_train), c(x_test, y_test)) %<-% dataset_mnist()
#' dim(x_train)
#' }
#' if (pybridge_available()) {
#'   # Offline, the condition says so.
#'   tryCatch(dataset_boston_housing(path = "not-cached-yet.npz"),
#'            pybridge_download_error = function(e) conditionMessage(e))
#' }
NULL

.pb_dataset <- function(name) {
  args <- .pb_typed_args(sys.function(-1), sys.call(-1), parent.frame(), parent.frame(2))
  data <- .pb_call_list(paste0("dataset_", name), args, sys.call(-1))
  # IMDB's and Reuters' labels are 1-d; their reviews a list of word-index vectors.
  lapply(data, function(part) list(x = part$x, y = as.vector(part$y)))
}

#' @rdname keras_datasets
#' @export
dataset_mnist <- function(path = "mnist.npz") .pb_dataset("mnist")

#' @rdname keras_datasets
#' @export
dataset_fashion_mnist <- function() .pb_dataset("fashion_mnist")

#' @rdname keras_datasets
#' @export
dataset_cifar10 <- function() .pb_dataset("cifar10")

#' @rdname keras_datasets
#' @export
dataset_cifar100 <- function(label_mode = c("fine", "coarse")) {
  label_mode <- match.arg(label_mode)
  .pb_dataset("cifar100")
}

#' @rdname keras_datasets
#' @export
dataset_imdb <- function(path = "imdb.npz", num_words = NULL, skip_top = 0L, maxlen = NULL, seed = 113L,
                         start_char = 1L, oov_char = 2L, index_from = 3L) .pb_dataset("imdb")

#' @rdname keras_datasets
#' @export
dataset_reuters <- function(path = "reuters.npz", num_words = NULL, skip_top = 0L, maxlen = NULL,
                            test_split = 0.2, seed = 113L, start_char = 1L, oov_char = 2L,
                            index_from = 3L) .pb_dataset("reuters")

#' @rdname keras_datasets
#' @export
dataset_boston_housing <- function(path = "boston_housing.npz", test_split = 0.2, seed = 113L) {
  .pb_dataset("boston_housing")
}
