# pybridge's main job: dense networks trained from R on data that ships with R.
#   Rscript inst/examples/demo.R [output-folder]      (make demo runs this after the set-up)
# A classifier on iris and a regressor on MASS::Boston (medv ~ .), each with a held-out test split.
library(pybridge)

out <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(out)) out <- "output/demo"
dir.create(out, recursive = TRUE, showWarnings = FALSE)

split_rows <- function(data, test_fraction = 0.2, seed = 1) {
  set.seed(seed)
  test <- sample(nrow(data), round(test_fraction * nrow(data)))
  list(train = data[-test, ], test = data[test, ])
}

save_history <- function(history, name) {
  write.csv(as.data.frame(history), file.path(out, paste0(name, "-history.csv")), row.names = FALSE)
  png(file.path(out, paste0(name, "-history.png")), width = 800, height = 600)
  plot(history)
  invisible(dev.off())
}

report <- function(title, model, history, test, truth, predictions) {
  cat("\n====", title, "====\n")
  print(summary(model))
  final <- vapply(history$metrics, function(v) v[length(v)], 0)
  cat("\nFinal epoch:", paste(sprintf("%s %.4f", names(final), final), collapse = ", "), "\n")
  test_metrics <- evaluate(model, test)
  cat("Test:       ", paste(sprintf("%s %.4f", names(test_metrics), test_metrics), collapse = ", "), "\n\n")
  print(head(cbind(truth = truth, as.data.frame(predictions)), 8))
}

# -- iris: a 3-class classifier ------------------------------------------------------------------
set_random_seed(42)
iris_split <- split_rows(iris)
classifier <- keras_model_sequential(input_shape = 4) |>
  layer_dense(16, activation = "relu") |>
  layer_dropout(0.2) |>
  layer_dense(3, activation = "softmax")
classifier |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
iris_history <- classifier |> fit(Species ~ ., data = iris_split$train, epochs = 60, batch_size = 16,
                                  validation_split = 0.2, verbose = 0, seed = 42)
report("iris: dense classifier", classifier, iris_history, iris_split$test,
       iris_split$test$Species, predict(classifier, iris_split$test))
save_history(iris_history, "iris")

# -- Boston housing: a regressor on median value -------------------------------------------------
boston_split <- split_rows(MASS::Boston)
regressor <- keras_model_sequential() |>
  layer_dense(64, activation = "relu") |>
  layer_dense(64, activation = "relu") |>
  layer_dense(1)
regressor |> compile(optimizer = "adam", loss = "mse", metrics = "mae")
boston_history <- regressor |> fit(medv ~ ., data = boston_split$train, epochs = 100, batch_size = 16,
                                   validation_split = 0.2, verbose = 0, seed = 42)
report("Boston: dense regressor (medv in $1000s)", regressor, boston_history, boston_split$test,
       boston_split$test$medv, predict(regressor, boston_split$test))
save_history(boston_history, "boston")

cat("\nHistories (CSV and PNG) written to", normalizePath(out), "\n")
