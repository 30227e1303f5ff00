# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "All models are callable, just like layers"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: models called on symbolic tensors (encoder(x), decoder(x)), nested models.
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

decoder_input <- keras_input(shape = c(16), name = "encoded_img")
decoder_output <- decoder_input |>
  layer_reshape(c(4, 4, 1)) |>
  layer_conv_2d_transpose(16, 3, activation = "relu") |>
  layer_conv_2d_transpose(32, 3, activation = "relu") |>
  layer_upsampling_2d(3) |>
  layer_conv_2d_transpose(16, 3, activation = "relu") |>
  layer_conv_2d_transpose(1, 3, activation = "relu")

decoder <- keras_model(decoder_input, decoder_output, name = "decoder")
summary(decoder)

autoencoder_input <- keras_input(shape = c(28, 28, 1), name = "img")
encoded_img <- encoder(autoencoder_input)
decoded_img <- decoder(encoded_img)
autoencoder <- keras_model(autoencoder_input, decoded_img,
                           name = "autoencoder")
summary(autoencoder)
