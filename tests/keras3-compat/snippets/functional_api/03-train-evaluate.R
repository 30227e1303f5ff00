# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Training, evaluation, and inference"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: %<-% on the mnist list, array_reshape(), from_logits loss object,
#   fit(validation_split), evaluate() as a named list (test_scores$loss).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
inputs <- keras_input(shape = c(784))
outputs <- inputs |>
  layer_dense(units = 64, activation = "relu") |>
  layer_dense(units = 64, activation = "relu") |>
  layer_dense(units = 10)
model <- keras_model(inputs = inputs, outputs = outputs, name = "mnist_model")

# compat-edit: dataset_mnist() downloads; random 28 x 28 images (0-255) and labels 0-9 instead,
# 600 / 100 samples instead of 60000 / 10000.
random_digits <- function(n) list(array(sample(0:255, n * 784, replace = TRUE), c(n, 28, 28)),
                                  sample(0:9, n, replace = TRUE))
c(c(x_train, y_train), c(x_test, y_test)) %<-% list(random_digits(600), random_digits(100))

x_train <- array_reshape(x_train, c(600, 784)) / 255  # compat-edit: 600 rows instead of 60000
x_test <- array_reshape(x_test, c(100, 784)) / 255  # compat-edit: 100 rows instead of 10000

model |> compile(
  loss = loss_sparse_categorical_crossentropy(from_logits = TRUE),
  optimizer = optimizer_rmsprop(),
  metrics = "accuracy"
)

history <- model |> fit(
    x_train, y_train, batch_size = 64, epochs = 2, validation_split = 0.2
)

test_scores <- model |> evaluate(x_test, y_test, verbose=2)
cat("Test loss:", test_scores$loss, "\n")
cat("Test accuracy:", test_scores$accuracy, "\n")
