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
#' @param new_data A data frame with the training predictor columns (extra columns are ignored), a
#'   matrix or array shaped like the training `x`, or the path or glob of CSV or Parquet files (read
#'   in chunks, in file-name order).
#' @param type `NULL` (everything), `"class"`, `"prob"`, `"numeric"` or `"raw"` (the network's outputs).
#' @param batch_size Rows per batch; `NULL` takes Keras's default (32). Up to 256 rows are predicted
#'   in one step whatever it is.
#' @param output For files: a `.csv` or `.parquet` path to write the predictions to, chunk by chunk,
#'   for predictions too large to hold in memory; the path is then returned.
#' @param ... Unused.
#' @return A data frame (a tibble when tibble is installed) for a data frame or a `type`; otherwise a
#'   matrix or array; for files with `output`, the `output` path.
#' @importFrom stats predict
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential() |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
#'   model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0)
#'   head(predict(model, iris))
#' }
predict.pybridge_model <- function(object, new_data, type = NULL, batch_size = NULL, output = NULL, ...) {
  call <- sys.call()
  if (missing(new_data)) {
    dots <- list(...)
    if (is.null(dots$x)) .pb_abort("`new_data` is missing", call)
    new_data <- dots$x
  }
  if (is.numeric(new_data) && is.null(dim(new_data))) new_data <- matrix(new_data, nrow = 1)
  if (.pb_is_files(new_data)) {
    # Files are read in Python, chunk by chunk; the predictions come back, or go to `output`.
    files <- list(x = path.expand(new_data), output = if (!is.null(output)) path.expand(output))
    return(.pb_call_list("predict_columns", c(list(model = object, type = type, batch_size = batch_size),
                                              Filter(Negate(is.null), files)), call))
  }
  if (!is.null(output)) .pb_abort("`output` is for predictions of files (`new_data` a path or glob)", call)
  # Columns that the formula's terms made at fit time (log(x), poly(z, 2)), made again from new_data.
  if (is.data.frame(new_data)) new_data <- .pb_apply_terms(.pb_model_terms(object), new_data, call)
  # keras3's kind for keras3's input: a matrix or array in, the network's outputs as an array out.
  if (is.null(type) && is.array(new_data)) {
    return(.pb_call("predict", model = object, x = new_data, batch_size = batch_size, .call = call))
  }
  # Python's predict() without its pandas frame: R builds its own from the columns.
  .pb_call("predict_columns", model = object, x = new_data, type = type, batch_size = batch_size, .call = call)
}
