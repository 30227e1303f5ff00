# Source: keras3 vignette "Writing your own callbacks"
#   (vignettes-src/writing_your_own_callbacks.Rmd), section "A basic example";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: Callback() with every hook (train/test/predict, epoch, batch) written in R, used in
#   fit(), evaluate() and predict().
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

show <- function(msg, logs) {
  cat(glue::glue(msg, .envir = parent.frame()),
      "got logs: ", sep = "; ")
  str(logs); cat("\n")
}

callback_custom <- Callback(
  "CustomCallback",
  on_train_begin         = \(logs = NULL)        show("Starting training", logs),
  on_epoch_begin         = \(epoch, logs = NULL) show("Start epoch {epoch} of training", logs),
  on_train_batch_begin   = \(batch, logs = NULL) show("...Training: start of batch {batch}", logs),
  on_train_batch_end     = \(batch, logs = NULL) show("...Training: end of batch {batch}",  logs),
  on_epoch_end           = \(epoch, logs = NULL) show("End epoch {epoch} of training", logs),
  on_train_end           = \(logs = NULL)        show("Stop training", logs),


  on_test_begin          = \(logs = NULL)        show("Start testing", logs),
  on_test_batch_begin    = \(batch, logs = NULL) show("...Evaluating: start of batch {batch}", logs),
  on_test_batch_end      = \(batch, logs = NULL) show("...Evaluating: end of batch {batch}", logs),
  on_test_end            = \(logs = NULL)        show("Stop testing", logs),

  on_predict_begin       = \(logs = NULL)        show("Start predicting", logs),
  on_predict_end         = \(logs = NULL)        show("Stop predicting", logs),
  on_predict_batch_begin = \(batch, logs = NULL) show("...Predicting: start of batch {batch}", logs),
  on_predict_batch_end   = \(batch, logs = NULL) show("...Predicting: end of batch {batch}", logs),
)

model <- get_model()
model |> fit(
  mnist$train$x, mnist$train$y,
  batch_size = 128,
  epochs = 2,
  verbose = 0,
  validation_split = 0.5,
  callbacks = list(callback_custom())
)

res <- model |> evaluate(
  mnist$test$x, mnist$test$y,
  batch_size = 128, verbose = 0,
  callbacks = list(callback_custom())
)

res <- model |> predict(
  mnist$test$x,
  batch_size = 128, verbose = 0,
  callbacks = list(callback_custom())
)
