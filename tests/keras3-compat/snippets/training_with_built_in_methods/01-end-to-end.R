# Source: keras3 vignette "Training & evaluation with the built-in methods"
#   (vignettes-src/training_with_built_in_methods.Rmd), section "API overview: a first end-to-end example";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: functional model, %<-%, array_reshape(), metric_sparse_categorical_accuracy(),
#   fit(validation_data = list()), printing the history, evaluate() + str(), predict() on a matrix +
#   dim().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
inputs <- keras_input(shape = 784, name="digits")
outputs <- inputs |>
  layer_dense(units = 64, activation = "relu", name = "dense_1") |>
  layer_dense(units = 64, activation = "relu", name = "dense_2") |>
  layer_dense(units = 10, activation = "softmax", name = "predictions")
model <- keras_model(inputs = inputs, outputs = outputs)
summary(model)

# compat-edit: dataset_mnist() downloads; random 28 x 28 images (0-255) and labels 0-9 instead,
# 1200 / 200 samples instead of 60000 / 10000 (and 200 held out below instead of 10000).
random_digits <- function(n) list(array(sample(0:255, n * 784, replace = TRUE), c(n, 28, 28)),
                                  sample(0:9, n, replace = TRUE))
c(c(x_train, y_train), c(x_test, y_test)) %<-% list(random_digits(1200), random_digits(200))

# Preprocess the data (these are NumPy arrays)
x_train <- array_reshape(x_train, c(1200, 784)) / 255  # compat-edit: 1200 rows instead of 60000
x_test <- array_reshape(x_test, c(200, 784)) / 255  # compat-edit: 200 rows instead of 10000

# Reserve 10,000 samples for validation
x_val <- x_train[1:200,]  # compat-edit: 200 instead of 10000 (here and in the next three lines)
y_val <- y_train[1:200]
x_train <- x_train[-c(1:200),]
y_train <- y_train[-c(1:200)]

model |> compile(
  # Optimizer
  optimizer = optimizer_rmsprop(),
  # Loss function to minimize
  loss = loss_sparse_categorical_crossentropy(),
  # List of metrics to monitor
  metrics = list(metric_sparse_categorical_accuracy())
)

history <- model |> fit(
  x_train, y_train,
  batch_size = 64,
  epochs = 2,
  # We pass some validation for
  # monitoring validation loss and metrics
  # at the end of each epoch
  validation_data = list(x_val, y_val)
)
history

# Evaluate the model on the test data using `evaluate`
results <- model |> evaluate(x_test, y_test, batch_size=128)
str(results)

# Generate predictions (probabilities -- the output of the last layer)
# on new data using `predict`
predictions <- model |> predict(x_test[1:2,])
dim(predictions)
stopifnot(identical(dim(predictions), c(2L, 10L)))  # compat-edit: the printed dim made a check
