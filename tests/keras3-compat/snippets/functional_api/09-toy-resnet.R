# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "A toy ResNet model"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_add() for residual connections, global_average_pooling_2d, %<-% on the cifar10
#   list, fit() on a 4-d array with 2-d integer labels, metrics = "acc".
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
inputs <- keras_input(shape = c(32, 32, 3), name = "img")
block_1_output <- inputs |>
  layer_conv_2d(32, kernel_size = 3, activation = "relu") |>
  layer_conv_2d(64, kernel_size = 3, activation = "relu") |>
  layer_max_pooling_2d(pool_size = 3)

block_2_output <- block_1_output |>
  layer_conv_2d(32, kernel_size = 3, activation = "relu", padding = "same") |>
  layer_conv_2d(64, kernel_size = 3, activation = "relu", padding = "same") |>
  layer_add(block_1_output)

block_3_output <- block_2_output |>
  layer_conv_2d(64, kernel_size = 3, activation = "relu", padding = "same") |>
  layer_conv_2d(64, kernel_size = 3, activation = "relu", padding = "same") |>
  layer_add(block_2_output)

outputs <- block_3_output |>
  layer_conv_2d(64, 3, activation = "relu") |>
  layer_global_average_pooling_2d() |>
  layer_dense(256, activation = "relu") |>
  layer_dropout(0.5) |>
  layer_dense(10)

model <- keras_model(inputs, outputs, name = "toy_resnet")
summary(model)

# compat-edit: dataset_cifar10() downloads 170 MB; random 32 x 32 x 3 images (0-255) and a one-column
# matrix of labels 0-9 instead, 100 / 20 samples instead of 50000 / 10000.
random_images <- function(n) list(array(sample(0:255, n * 32 * 32 * 3, replace = TRUE), c(n, 32, 32, 3)),
                                  matrix(sample(0:9, n, replace = TRUE), ncol = 1))
c(c(x_train, y_train), c(x_test, y_test)) %<-% list(random_images(100), random_images(20))

x_train <- x_train / 255.0
x_test <- x_test / 255.0

model |> compile(
  optimizer = optimizer_rmsprop(1e-3),
  loss = loss_sparse_categorical_crossentropy(from_logits = TRUE),
  metrics = "acc"
)
model |> fit(
  x_train[1:100, , , ],  # compat-edit: the first 100 samples instead of 1000
  y_train[1:100, ],
  batch_size = 64,
  epochs = 1,
  validation_split = 0.2
)
