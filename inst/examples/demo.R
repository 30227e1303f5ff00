# pybridge's main job: networks trained from R.
#   Rscript inst/examples/demo.R [output-folder]      (make demo runs this after the set-up)
# A classifier on iris and a regressor on MASS::Boston (medv ~ .), each with a held-out test split,
# then a convolutional network on scikit-learn's 8 x 8 handwritten digits.
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
  scores <- evaluate(model, test)  # a named list, as in keras3: scores$loss
  cat("Test:       ", paste(sprintf("%s %.4f", names(scores), unlist(scores)), collapse = ", "), "\n\n")
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

# -- digits: a convolutional network on 8 x 8 images ----------------------------------------------
digits <- dataset_digits()                        # 1,797 images, intensities 0-16, labels 0-9
images <- digits$x / 16
dim(images) <- c(dim(images), 1L)                 # one channel: n x 8 x 8 x 1
labels <- factor(digits$y, levels = 0:9)
set.seed(1)
test <- sample(length(labels), round(0.2 * length(labels)))
x_train <- images[-test, , , , drop = FALSE]
x_test <- images[test, , , , drop = FALSE]

set_random_seed(42)
cnn <- keras_model_sequential(input_shape = c(8, 8, 1)) |>
  layer_conv_2d(filters = 16, kernel_size = 3, padding = "same", activation = "relu") |>
  layer_max_pooling_2d(pool_size = 2) |>
  layer_flatten() |>
  layer_dense(10, activation = "softmax")
cnn |> compile(optimizer = optimizer_adam(learning_rate = 0.01), loss = "sparse_categorical_crossentropy",
               metrics = "accuracy")
cat("\n==== digits: convolutional network ====\n")
print(summary(cnn))
started <- Sys.time()
digits_history <- cnn |> fit(x_train, labels[-test], epochs = 15, batch_size = 32, validation_split = 0.1,
                             seed = 42)
seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
accuracy <- c(train = mean(predict(cnn, x_train, type = "class")$.pred_class == labels[-test]),
              test = mean(predict(cnn, x_test, type = "class")$.pred_class == labels[test]))
cat(sprintf("\nAccuracy: train %.4f   test %.4f   (%d train / %d test images, trained in %.1f s)\n",
            accuracy[["train"]], accuracy[["test"]], nrow(x_train), nrow(x_test), seconds))
confusion <- table(truth = labels[test], predicted = predict(cnn, x_test, type = "class")$.pred_class)
cat("Confusion table (test images):\n")
print(confusion)
write.csv(as.data.frame.matrix(confusion), file.path(out, "digits-confusion.csv"))
save_history(digits_history, "digits")
save_model(cnn, file.path(out, "digits-cnn.keras"), overwrite = TRUE)
if (accuracy[["test"]] < 0.95) stop(sprintf("the digits CNN reached only %.3f test accuracy", accuracy[["test"]]))

cat("\nHistories (CSV and PNG), the digits confusion table and model written to", normalizePath(out), "\n")
