# Source: keras3 help page ?callback_lambda (R/callbacks.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: callback_lambda() with R functions for on_train_batch_begin / on_epoch_end /
#   on_train_end, writing JSON lines.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# Print the batch number at the beginning of every batch.
batch_print_callback <- callback_lambda(
  on_train_batch_begin = function(batch, logs) {
    print(batch)
  }
)

# Stream the epoch loss to a file in new-line delimited JSON format
# (one valid JSON object per line)
json_log <- file('loss_log.json', open = 'wt')
json_logging_callback <- callback_lambda(
  on_epoch_end = function(epoch, logs) {
    jsonlite::write_json(
      list(epoch = epoch, loss = logs$loss),
      json_log,
      append = TRUE
    )
  },
  on_train_end = function(logs) {
    close(json_log)
  }
)

# compat-edit: the help page's cleanup_callback (terminating placeholder processes) is left out and
# its fit(...) placeholder is filled with a small model and random data (32 x 4).
model <- keras_model_sequential(input_shape = 4) |> layer_dense(1)
model |> compile(optimizer = "adam", loss = "mse")
model %>% fit(
  matrix(runif(128), 32), runif(32), epochs = 2,
  callbacks = list(
    batch_print_callback,
    json_logging_callback
  )
)
