# Source: keras3 help page ?keras_model_sequential (R/model-creation.R, roxygen "Examples");
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_model_sequential(input_shape), layer_dense() + layer_activation() piped at top
#   level, compile(), printing the model, fit() on one-hot targets.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# compat-edit: a short fit() on random data of 100 x 784 with one-hot targets appended, so the
# compiled model is also trained.
model <- keras_model_sequential(input_shape = c(784))
model |>
  layer_dense(units = 32) |>
  layer_activation('relu') |>
  layer_dense(units = 10) |>
  layer_activation('softmax')

model |> compile(
  optimizer = 'rmsprop',
  loss = 'categorical_crossentropy',
  metrics = c('accuracy')
)

model
model |> fit(matrix(runif(100 * 784), 100), to_categorical(sample(0:9, 100, TRUE), 10), epochs = 1)
