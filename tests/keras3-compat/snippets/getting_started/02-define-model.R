# Source: keras3 vignette "Getting Started with Keras" (vignettes-src/getting_started.Rmd),
#   section "Defining the Model"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_model_sequential(input_shape =), layer verbs piped at top level, summary(),
#   compile() with optimizer_rmsprop() and metrics = c('accuracy').
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(input_shape = c(784))
model |>
  layer_dense(units = 256, activation = 'relu') |>
  layer_dropout(rate = 0.4) |>
  layer_dense(units = 128, activation = 'relu') |>
  layer_dropout(rate = 0.3) |>
  layer_dense(units = 10, activation = 'softmax')

summary(model)
# compat-edit: plot(model) left out: it needs pydot and graphviz, which are not part of the bridge.

model |> compile(
  loss = 'categorical_crossentropy',
  optimizer = optimizer_rmsprop(),
  metrics = c('accuracy')
)
