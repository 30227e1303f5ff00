#' Predict with a fitted model
#'
#' Applies the preprocessing stored at fit time and returns one row per input row. The kind of the
#' result follows the kind of `new_data` (the README's "Result kinds" gives the rule for every verb):
#'
#' * a data frame gives pybridge's tidy frame: for classification `.pred_class` (a factor with the
#'   training levels) and `.pred_<level>` probabilities; for regression `.pred` (or `.pred_<name>` for
#'   several outcomes), in the outcome's own units;
#' * a matrix or array gives keras3's kind: the network's outputs as a matrix (or an array, for
#'   outputs of several dimensions), such as a classifier's probabilities, one column per unit;
#' * `type` asks for the tidy columns, whatever the input.
#'
#' Rows with missing predictors get missing predictions.
#'
#' @param object A fitted `pybridge_model`.
#' @param new_data A data frame with the training predictor columns (extra columns are ignored), or
#'   a matrix or array shaped like the training `x`.
#' @param type `NULL` (everything), `"class"`, `"prob"`, `"numeric"` or `"raw"` (the network's outputs).
#' @param batch_size Rows per batch; `NULL` takes Keras's default (32). Up to 256 rows are predicted
#'   in one step whatever it is.
#' @param ... Unused.
#' @return A data frame (a tibble when tibble is installed) for a data frame or a `type`; otherwise a
#'   matrix or array.
#' @importFrom stats predict
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential() |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
#'   model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0)
#'   head(predict(model, iris))
#' }
predict.pybridge_model <- function(object, new_data, type = NULL, batch_size = NULL, ...) {
  call <- sys.call()
  if (missing(new_data)) {
    dots <- list(...)
    if (is.null(dots$x)) .pb_abort("`new_data` is missing", call)
    new_data <- dots$x
  }
  if (is.numeric(new_data) && is.null(dim(new_data))) new_data <- matrix(new_data, nrow = 1)
  # Columns that the formula's terms made at fit time (log(x), poly(z, 2)), made again from new_data.
  if (is.data.frame(new_data)) new_data <- .pb_apply_terms(.pb_model_terms(object), new_data, call)
  # keras3's kind for keras3's input: a matrix or array in, the network's outputs as an array out.
  if (is.null(type) && is.array(new_data)) {
    return(.pb_call("predict", model = object, x = new_data, batch_size = batch_size, .call = call))
  }
  # Python's predict() without its pandas frame: R builds its own from the columns.
  .pb_call("predict_columns", model = object, x = new_data, type = type, batch_size = batch_size, .call = call)
}
