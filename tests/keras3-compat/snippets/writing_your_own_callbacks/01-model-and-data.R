# Source: keras3 vignette "Writing your own callbacks"
#   (vignettes-src/writing_your_own_callbacks.Rmd), section "A basic example";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: a model compiled with mae metric, array_reshape(x, c(-1, 784)), fit() with
#   validation_split and no callbacks (the data half of the guide).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# Define the Keras model to add callbacks to
get_model <- function() {
  model <- keras_model_sequential()
  model |> layer_dense(units = 1)
  model |> compile(
    optimizer = optimizer_rmsprop(learning_rate = 0.1),
    loss = "mean_squared_error",
    metrics = "mean_absolute_error"
  )
  model
}

# compat-edit: dataset_mnist() downloads; random 28 x 28 images (0-255) and labels 0-9 instead,
# 1000 samples each (the vignette keeps the first 1000 anyway).
random_digits <- function(n) list(x = array(sample(0:255, n * 784, replace = TRUE), c(n, 28, 28)),
                                  y = sample(0:9, n, replace = TRUE))
mnist <- list(train = random_digits(1000), test = random_digits(1000))

flatten_and_rescale <- function(x) {
  x <- array_reshape(x, c(-1, 784))
  x <- x / 255
  x
}

mnist$train$x <- flatten_and_rescale(mnist$train$x)
mnist$test$x  <- flatten_and_rescale(mnist$test$x)

# limit to 1000 samples
n <- 1000
mnist$train$x <- mnist$train$x[1:n,]
mnist$train$y <- mnist$train$y[1:n]
mnist$test$x  <- mnist$test$x[1:n,]
mnist$test$y  <- mnist$test$y[1:n]

# compat-edit: the guide's first fit() without its custom callback (snippet 02 has the callback),
# so this snippet shows whether the guide's model and data work on their own.
model <- get_model()
model |> fit(
  mnist$train$x, mnist$train$y,
  batch_size = 128,
  epochs = 2,
  verbose = 0,
  validation_split = 0.5
)
res <- model |> evaluate(mnist$test$x, mnist$test$y, batch_size = 128, verbose = 0)
