#' Train a model
#'
#' Fits the model on a data frame through a formula (`fit(model, Species ~ ., data = iris)`), on a
#' data frame `x` with an outcome vector `y`, or on a matrix or array `x` (images, sequences) with `y`.
#' At the first fit pybridge learns the preprocessing from the training data (standardising numeric
#' columns, one-hot encoding factor, character and logical columns, encoding the outcome) and stores it
#' in the model; later calls continue training with the same encoding.
#'
#' Encoding (done in Python, the same for R and Python users): numeric columns are standardised
#' with the training mean and `sd()` (a constant column is only centred); factor, character and
#' logical columns become one 0/1 column per training level; `Date` and `POSIXct` columns become
#' days since 1970-01-01 (UTC), then are standardised. Encoded columns keep the data frame's order,
#' so an image stored as pixel columns must be in row-major order (the first `width` columns are
#' the first image row) for `layer_reshape(target_shape = c(height, width, 1))` to rebuild it. A
#' matrix or array `x` is used as it is, with R's indexing: `x[i, j, k, l]` is sample `i`, image row
#' `j`, column `k`, channel `l`.
#'
#' An interrupt (Ctrl-C) or an error (an R callback's `stop()`) ends `fit()` with that condition,
#' but the epochs completed before it stay: in the trained weights, in [training_history()] and in
#' the numbering of the next `fit()`.
#'
#' Formulas are read as [stats::model.frame()] reads them, in R: `y ~ .` (every other column),
#' `y ~ a + b`, `y ~ . - c`, `cbind(y1, y2) ~ .` (several numeric outcomes), backticked names
#' (`` `my col` ~ `a b` ``), and terms that transform columns, of the outcome (`log(y) ~ .`,
#' `I(2 * y) ~ x`) or of predictors (`log(x)`, `I(x / 10)`, `poly(x, 2)`, `scale(x)`, `splines::ns(x, 3)`,
#' any function of columns), each becoming a column named as [stats::lm()] names it (`log(x)`,
#' `poly(x, 2)1`, `poly(x, 2)2`). The model stores the terms, with what they learnt from the training
#' data (`poly()`'s and `scale()`'s coefficients), and [predict()] and [evaluate()] make the same
#' columns from new data, also after [save_model()]. A transformed outcome is predicted on its
#' transformed scale, as with `lm()`. Not supported, and refused with an error: interactions (`a:b`,
#' `a * b`; the network learns interactions from the columns themselves) and `offset()`. An
#' intercept term (`- 1`, `+ 0`) changes nothing: the network has its own biases.
#'
#' Data larger than memory: `x` (with `target`), or a formula's `data`, may be the path or glob of CSV
#' or Parquet files (`fit(model, "data/*.csv", target = "y")`, `fit(model, y ~ ., data = "data/*.csv")`).
#' They are read in chunks: one pass learns the preprocessing; the first epoch streams batches
#' (shuffled within chunks) and writes the encoded rows to a cache in a temporary folder (removed when
#' fit() ends; `cache_dir = ` puts it elsewhere, `cache = FALSE` reads the files every epoch); later
#' epochs read the cache inside TensorFlow, each in a new order drawn across all files (random groups
#' of randomly filled buckets, each group's rows permuted). Memory stays bounded by a chunk.
#' With files, `validation_data` may be a path or glob of files too, and `sample_weight = "w"` names
#' a column of weights.
#'
#' @param object A compiled `pybridge_model`.
#' @param x A formula, a data frame of predictors, or a numeric matrix or array.
#' @param y The outcome when `x` is not a formula: a factor (classification) or numeric vector or
#'   matrix (regression).
#' @param data A data frame, with a formula.
#' @param epochs,batch_size Number of passes over the data and rows per gradient step. Each `fit()`
#'   trains `epochs` more epochs, numbered after the model's last one (see [training_history()]);
#'   with `initial_epoch = n` in `...`, as in Keras, `epochs` is instead the number of the last
#'   epoch: `fit(initial_epoch = 5, epochs = 8)` trains epochs 6 to 8.
#' @param validation_split Fraction of the rows held out for validation: for a data frame (or
#'   formula), rows drawn at random from `seed`, the same fraction of each class for a factor
#'   outcome; for a matrix or array, the last rows, as in Keras.
#' @param validation_data Held-out data: a data frame with the outcome columns, `list(x, y)`, or
#'   (when training on files) the path or glob of files.
#' @param verbose 1 (default) prints one line per epoch with the metrics to the R console; 0 is
#'   silent. (Keras's carriage-return progress bars are never used.)
#' @param seed A whole number to make the run reproducible: a model not trained yet also draws its
#'   initial weights from it (weights set with [set_weights()] or loaded from a file are kept).
#' @param standardize Standardise numeric predictors (mean 0, sd 1, from the training data).
#' @param scale_outcome Standardise a numeric outcome for training. `NULL` (default): yes for a
#'   data frame or formula, no for a matrix or array. The mapping back is the network's last layer
#'   (`pybridge_outcome_scale`), so losses, metrics, [evaluate()] and predictions are all in the
#'   outcome's own units. `FALSE` opts out.
#' @param na_action `"fail"` (default: an error naming the columns with missing values) or `"omit"`
#'   (drop those rows).
#' @param target The outcome column(s) when `x` is a data frame or files holding them.
#' @param class_weight Weights of the classes of a classification outcome, by level name:
#'   `list(setosa = 1, versicolor = 50)` or `c(versicolor = 50)`; levels left out weigh 1. An unknown
#'   name is an error naming it.
#' @param strategy How to distribute training: `"auto"`, `"default"`, `"mirrored"`,
#'   `"multi_worker"` or an object from [distribute_strategy_mirrored()] and friends; `NULL` keeps the
#'   model's current one (the default strategy at first).
#' @param ... Other arguments of Keras's `Model.fit()`, named: `callbacks = list(...)` of
#'   [callbacks], `shuffle`, `class_weight`, ...
#' @return A `pybridge_history`: per-epoch metrics, with `as.data.frame()` and `plot()` methods.
#' @importFrom generics fit
#' @method fit pybridge_model
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential() |>
#'     layer_dense(8, activation = "relu") |>
#'     layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy",
#'                    metrics = "accuracy")
#'   history <- model |> fit(Species ~ ., data = iris, epochs = 5, verbose = 0)
#'   as.data.frame(history)
#' }
fit.pybridge_model <- function(object, x = NULL, y = NULL, data = NULL, epochs = 10, batch_size = 32,
                               validation_split = 0, validation_data = NULL, verbose = 1, seed = NULL,
                               standardize = TRUE, scale_outcome = NULL, na_action = c("fail", "omit"),
                               target = NULL, strategy = NULL, class_weight = NULL, ...) {
  call <- sys.call()
  # Python checks the value, so a typo is a pybridge_argument_error like any other bad argument.
  if (identical(na_action, c("fail", "omit"))) na_action <- "fail"
  inputs <- .pb_xy(x, y, data, call, target)
  if (is.data.frame(validation_data) || is.null(validation_data)) {
    # Held-out rows get the columns the formula's terms make, as the training rows did.
    validation <- .pb_apply_terms(inputs$formula_terms, validation_data, call, outcome = TRUE)
  } else if (.pb_is_files(validation_data)) {
    validation <- path.expand(validation_data)
  } else {
    validation <- unname(as.list(validation_data))
  }
  history <- .pb_call("fit", model = object, x = inputs$x, y = inputs$y, target = inputs$target,
                      epochs = epochs, batch_size = batch_size, validation_split = validation_split,
                      validation_data = validation, verbose = verbose, seed = seed,
                      standardize = standardize, scale_outcome = scale_outcome, na_action = na_action,
                      strategy = strategy, columns = inputs$columns, formula_terms = inputs$formula_terms,
                      class_weight = .pb_class_weight(class_weight), ..., .call = call)
  object$formula_terms <- NULL  # a first fit stores the formula's terms: asked again when needed
  omitted <- history$params$rows_omitted
  if (!is.null(omitted) && omitted > 0) {
    message(sprintf("na_action = \"omit\": dropped %d row(s) with missing values", omitted))
  }
  invisible(history)
}

# class_weight as Python takes it: a mapping from level names; a named vector is made a list, as
# an unnamed one would lose its names on the way.
.pb_class_weight <- function(class_weight) {
  if (is.atomic(class_weight) && !is.null(names(class_weight))) class_weight <- as.list(class_weight)
  class_weight
}

#' @export
generics::fit
