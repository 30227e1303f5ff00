# Source: keras3 vignette "Understanding masking & padding"
#   (vignettes-src/understanding_masking_and_padding.Rmd), section "Mask propagation in the Functional API and Sequential API";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: layer_embedding(mask_zero = TRUE) then layer_lstm() with %>%, sequential and
#   functional (shape(NULL), dtype int32).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential() %>%
  layer_embedding(input_dim=5000, output_dim=16, mask_zero=TRUE) %>%
  layer_lstm(units=32)

inputs <- keras_input(shape = shape(NULL), dtype="int32")
outputs <- inputs %>%
  layer_embedding(input_dim=5000, output_dim=16, mask_zero=TRUE) %>%
  layer_lstm(units=32)

model <- keras_model(inputs, outputs)
