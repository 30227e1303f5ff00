# Source: keras3 vignette "Writing your own callbacks"
#   (vignettes-src/writing_your_own_callbacks.Rmd), section "Usage of logs list";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: an R Callback() reading logs$loss and logs$mean_absolute_error in fit() and evaluate().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: get_model() and the data of the section "A basic example", rebuilt so the snippet
# stands alone.
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

callback_print_loss_and_mae <- Callback(
  "LossAndErrorPrintingCallback",

  on_train_batch_end = function(batch, logs = NULL)
    cat(sprintf("Up to batch %i, the average loss is %7.2f.\n",
                batch,  logs$loss)),

  on_test_batch_end = function(batch, logs = NULL)
    cat(sprintf("Up to batch %i, the average loss is %7.2f.\n",
                batch, logs$loss)),

  on_epoch_end = function(epoch, logs = NULL)
    cat(sprintf(
      "The average loss for epoch %2i is %9.2f and mean absolute error is %7.2f.\n",
      epoch, logs$loss, logs$mean_absolute_error
    ))
)


model <- get_model()
model |> fit(
  mnist$train$x, mnist$train$y,
  epochs = 2, verbose = 0, batch_size = 128,
  callbacks = list(callback_print_loss_and_mae())
)

res = model |> evaluate(
  mnist$test$x, mnist$test$y,
  verbose = 0, batch_size = 128,
  callbacks = list(callback_print_loss_and_mae())
)
