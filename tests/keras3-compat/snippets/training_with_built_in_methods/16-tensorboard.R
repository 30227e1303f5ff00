# Source: keras3 vignette "Training & evaluation with the built-in methods"
#   (vignettes-src/training_with_built_in_methods.Rmd), section "Using the TensorBoard callback";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: callback_tensorboard(log_dir, histogram_freq, embeddings_freq, update_freq) and using
#   it in fit().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: the data of the section "API overview" and get_uncompiled_model() / get_compiled_model()
# of the section "The compile() method", rebuilt so the snippet stands alone.
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

get_uncompiled_model <- function() {
  inputs <- keras_input(shape = 784, name = "digits")
  outputs <- inputs |>
    layer_dense(units = 64, activation = "relu", name = "dense_1") |>
    layer_dense(units = 64, activation = "relu", name = "dense_2") |>
    layer_dense(units = 10, activation = "softmax", name = "predictions")
  keras_model(inputs = inputs, outputs = outputs)
}

get_compiled_model <- function() {
  model <- get_uncompiled_model()
  model |> compile(
    optimizer = "rmsprop",
    loss = "sparse_categorical_crossentropy",
    metrics = c("sparse_categorical_accuracy")
  )
  model
}

tb_callback <- callback_tensorboard(
  log_dir = "logs",  # compat-edit: a relative folder instead of "/full_path_to_your_logs"
  histogram_freq = 0, # How often to log histogram visualizations
  embeddings_freq = 0, # How often to log embedding visualizations
  update_freq = "epoch", # How often to write logs (default: once per epoch)
)
# compat-edit: the vignette only creates the callback; one short fit() uses it.
model <- get_compiled_model()
model |> fit(x_train, y_train, epochs = 1, callbacks = list(tb_callback))
