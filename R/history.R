.pb_new_history <- function(x) {
  structure(list(params = .pb_decode(x[["params"]]),
                 metrics = lapply(x[["metrics"]], as.numeric),
                 frame = .pb_decode(x[["frame"]])),
            class = "pybridge_history")
}

#' Training histories
#'
#' `as.data.frame()` gives keras3's long format: one row per epoch and metric, with columns `epoch`,
#' `value`, `metric` and `data` (`"training"` or `"validation"`). `plot()` draws each metric against
#' the epoch, with ggplot2 when it is installed and base graphics otherwise.
#'
#' @param x A `pybridge_history` returned by [fit()].
#' @param row.names,optional Unused, for the generic.
#' @param y,... Unused.
#' @return `as.data.frame()`: a data frame. `plot()`: a ggplot object (printed) or `NULL`, invisibly.
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential() |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
#'   history <- model |> fit(Species ~ ., data = iris, epochs = 3, validation_split = 0.2, verbose = 0)
#'   head(as.data.frame(history))
#'   plot(history)
#' }
#' @name history
#' @export
as.data.frame.pybridge_history <- function(x, row.names = NULL, # nolint: object_name_linter. the generic's name
                                           optional = FALSE, ...) {
  frame <- x$frame
  structure(as.list(frame), class = "data.frame", row.names = .set_row_names(nrow(frame)))
}

#' @rdname history
#' @export
print.pybridge_history <- function(x, ...) {
  # One fit() names its batch size; a training_history() the number of fit() calls it joins.
  detail <- if (!is.null(x$params$batch_size)) {
    sprintf(" (batch size %s, %s samples)", x$params$batch_size, x$params$samples)
  } else if (!is.null(x$params$fits)) {
    sprintf(" over %s fit() calls", x$params$fits)
  } else {
    ""
  }
  cat(sprintf("Trained for %d epochs%s.\nFinal epoch:\n", x$params$epochs, detail))
  last <- vapply(x$metrics, function(v) v[length(v)], 0)
  cat(paste0(sprintf("  %s: %.4f", names(last), last), collapse = "\n"), "\n")
  invisible(x)
}

#' @rdname history
#' @importFrom graphics plot
#' @export
plot.pybridge_history <- function(x, y, ...) {
  frame <- as.data.frame(x)
  if (requireNamespace("ggplot2", quietly = TRUE)) {
    aesthetic <- ggplot2::aes(x = epoch, y = value, colour = data)
    p <- ggplot2::ggplot(frame, aesthetic) + ggplot2::geom_point() + ggplot2::geom_line() +
      ggplot2::facet_wrap(~metric, ncol = 1, scales = "free_y") +
      ggplot2::labs(x = "epoch", y = NULL, colour = NULL) + ggplot2::theme_bw()
    print(p)
    return(invisible(p))
  }
  metrics <- levels(frame$metric)
  old <- graphics::par(mfrow = c(length(metrics), 1), mar = c(4, 4, 2, 1))
  on.exit(graphics::par(old))
  for (metric in metrics) {
    part <- frame[frame$metric == metric, ]
    graphics::plot(part$epoch, part$value, type = "n", xlab = "epoch", ylab = metric, main = metric)
    for (set in unique(as.character(part$data))) {
      rows <- part[part$data == set, ]
      graphics::lines(rows$epoch, rows$value, type = "b", col = if (set == "training") 1 else 2)
    }
  }
  invisible(NULL)
}

#' @importFrom utils globalVariables
NULL
utils::globalVariables(c("epoch", "value", "data"))

#' All of a model's training as one history
#'
#' Every epoch the model has trained, over all its [fit()] calls, each under its own number: also
#' the epochs of a `fit()` that ended by an error or an interrupt (Ctrl-C), of runs resumed by
#' [callback_backup_and_restore()], and those recorded in the file it was loaded from. The next
#' `fit()` continues this numbering.
#'
#' @param model A `pybridge_model`.
#' @return A `pybridge_history`; `params$epochs` is the number of epochs recorded.
#' @export
#' @examples
#' if (pybridge_available()) {
#'   model <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
#'   model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
#'   fit(model, Species ~ ., data = iris, epochs = 2, verbose = 0)
#'   fit(model, Species ~ ., data = iris, epochs = 2, verbose = 0)
#'   unique(as.data.frame(training_history(model))$epoch)  # 1 2 3 4
#' }
training_history <- function(model) .pb_call("training_history", model = model)
