# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Use the same graph of layers to define multiple models"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: conv_2d, conv_2d_transpose, upsampling_2d, global_max_pooling_2d, reshape; two models
#   from one graph.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
encoder_input <- keras_input(shape = c(28, 28, 1), name="img")
encoder_output <- encoder_input |>
  layer_conv_2d(16, 3, activation = "relu") |>
  layer_conv_2d(32, 3, activation = "relu") |>
  layer_max_pooling_2d(3) |>
  layer_conv_2d(32, 3, activation = "relu") |>
  layer_conv_2d(16, 3, activation = "relu") |>
  layer_global_max_pooling_2d()

encoder <- keras_model(encoder_input, encoder_output, name="encoder")
summary(encoder)

decoder_output <- encoder_output |>
  layer_reshape(c(4, 4, 1)) |>
  layer_conv_2d_transpose(16, 3, activation = "relu") |>
  layer_conv_2d_transpose(32, 3, activation = "relu") |>
  layer_upsampling_2d(3) |>
  layer_conv_2d_transpose(16, 3, activation = "relu") |>
  layer_conv_2d_transpose(1, 3, activation = "relu")

autoencoder <- keras_model(encoder_input, decoder_output, name="autoencoder")
summary(autoencoder)
