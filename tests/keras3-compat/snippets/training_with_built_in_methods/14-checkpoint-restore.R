# Source: keras3 vignette "Training & evaluation with the built-in methods"
#   (vignettes-src/training_with_built_in_methods.Rmd), section "Checkpointing models";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: fault tolerance: Sys.glob() over checkpoints, load_model() of the best,
#   callback_model_checkpoint(save_freq = 100) with {loss:.2f} in the file name.
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

# Prepare a directory to store all the checkpoints.
checkpoint_dir <- "./ckpt"
dir.create(checkpoint_dir)  # compat-edit: base dir.create() instead of fs::dir_create() (fs is not a dependency)

make_or_restore_model <- function() {
  # Either restore the latest (best) model, or create a fresh one
  # if there is no checkpoint available.
  checkpoints <- Sys.glob(file.path(checkpoint_dir, "model-loss=*.keras"))

  if (length(checkpoints) > 0) {
    checkpoint_losses <- sub("^model-loss=([0-9.]+)\\.keras$", "\\1",
                             basename(checkpoints)) |> as.numeric()
    best_checkpoint <- checkpoints[which.min(checkpoint_losses)]
    load_model(best_checkpoint)
  } else {
    get_compiled_model()
  }
}

model <- make_or_restore_model()
callbacks <- list(
  # This callback saves the model every 100 batches.
  # We include the training loss in the saved model name.
  callback_model_checkpoint(
    filepath = file.path(checkpoint_dir, "model-loss={loss:.2f}.keras"),
    save_freq = 10  # compat-edit: every 10 batches instead of 100 (there are 32 batches here)
  )
)
model |> fit(x_train, y_train, epochs = 1, callbacks = callbacks)
# compat-edit: the restore half of the blueprint run once more, now that checkpoints exist.
model <- make_or_restore_model()
unlink(checkpoint_dir, recursive = TRUE)
