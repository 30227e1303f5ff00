#' Evaluate a model on new data
#'
#' Loss and metrics on held-out data, with the preprocessing stored at fit time. Takes the same
#' forms as [fit()], files included (`evaluate(model, "data/*.csv")`, read in chunks); a data frame
#' or files that hold the outcome column(s) the model was fitted with need nothing else.
#'
#' @param object A fitted `pybridge_model`.
#' @inheritParams fit.pybridge_model
#' @param batch_size Rows per batch; `NULL` takes Keras's default (32).
#' @param ... Unused.
#' @return A named list of numbers, `loss` and each metric (`scores$loss`, `scores$accuracy`), as in
#'   keras3 (a dict in Python).
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential() |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy",
#'                    metrics = "accuracy")
#'   model |> fit(Species ~ ., data = iris, epochs = 2, verbose = 0)
#'   evaluate(model, iris)
#' }
evaluate <- function(object, ...) UseMethod("evaluate")

#' @rdname evaluate
#' @export
evaluate.pybridge_model <- function(object, x = NULL, y = NULL, data = NULL, batch_size = NULL, ...) {
  call <- sys.call()
  terms <- .pb_model_terms(object)
  if (inherits(x, "formula") && length(terms) && is.data.frame(data)) {
    # A formula with transformed terms: the model's stored terms make the columns (poly()'s and
    # scale()'s coefficients from the training data, not learnt again from these rows).
    x <- data
  }
  if (is.null(y) && is.data.frame(x)) {
    inputs <- list(x = .pb_apply_terms(terms, x, call, outcome = TRUE), y = NULL, target = NULL)
  } else {
    inputs <- .pb_xy(x, y, data, call)
  }
  as.list(.pb_call("evaluate", model = object, x = inputs$x, y = inputs$y, target = inputs$target,
                  batch_size = batch_size, .call = call))
}
