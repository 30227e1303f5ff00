# Source: keras3 vignette "Getting Started with Keras" (vignettes-src/getting_started.Rmd),
#   sections "Preparing the Data" to "Training and Evaluation", made self-contained;
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: fit() on a matrix with one-hot targets (categorical_crossentropy), validation_split,
#   plot(history), evaluate(), predict() on a matrix giving a matrix (max.col(probs)).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: dataset_mnist() downloads; random 28 x 28 images and labels 0-9, 600 / 100 samples.
random_digits <- function(n) list(x = array(sample(0:255, n * 784, replace = TRUE), c(n, 28, 28)),
                                  y = sample(0:9, n, replace = TRUE))
mnist <- list(train = random_digits(600), test = random_digits(100))
x_train <- array_reshape(mnist$train$x, c(nrow(mnist$train$x), 784)) / 255
x_test <- array_reshape(mnist$test$x, c(nrow(mnist$test$x), 784)) / 255
y_train <- to_categorical(mnist$train$y, 10)
y_test <- to_categorical(mnist$test$y, 10)

model <- keras_model_sequential(input_shape = c(784))
model |>
  layer_dense(units = 256, activation = 'relu') |>
  layer_dropout(rate = 0.4) |>
  layer_dense(units = 128, activation = 'relu') |>
  layer_dropout(rate = 0.3) |>
  layer_dense(units = 10, activation = 'softmax')
model |> compile(
  loss = 'categorical_crossentropy',
  optimizer = optimizer_rmsprop(),
  metrics = c('accuracy')
)

history <- model |> fit(
  x_train, y_train,
  epochs = 2, batch_size = 128,  # compat-edit: 2 epochs instead of 30, to keep the suite fast
  validation_split = 0.2
)
plot(history)

model |> evaluate(x_test, y_test)

probs <- model |> predict(x_test)
max.col(probs) - 1L
