# Source: keras3 vignette "Getting Started with Keras" (vignettes-src/getting_started.Rmd),
#   section "Preparing the Data"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: the mnist list structure, array_reshape() (row-major), to_categorical().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: dataset_mnist() downloads 11 MB; random data of the same shape and type instead
# (28 x 28 images of integers 0-255, integer labels 0-9), 600 / 100 samples instead of 60000 / 10000.
random_digits <- function(n) list(x = array(sample(0:255, n * 784, replace = TRUE), c(n, 28, 28)),
                                  y = sample(0:9, n, replace = TRUE))
mnist <- list(train = random_digits(600), test = random_digits(100))
x_train <- mnist$train$x
y_train <- mnist$train$y
x_test <- mnist$test$x
y_test <- mnist$test$y

# reshape
x_train <- array_reshape(x_train, c(nrow(x_train), 784))
x_test <- array_reshape(x_test, c(nrow(x_test), 784))
# rescale
x_train <- x_train / 255
x_test <- x_test / 255

y_train <- to_categorical(y_train, 10)
y_test <- to_categorical(y_test, 10)
