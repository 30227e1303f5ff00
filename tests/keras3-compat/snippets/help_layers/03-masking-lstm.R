# Source: keras3 help page ?layer_masking (R/layers-core.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: %<-% on a numeric vector, %>% with a { } block, layer_masking() + layer_lstm() in a
#   sequential model called on an R array.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
c(samples, timesteps, features) %<-% c(32, 10, 8)
inputs <- c(samples, timesteps, features) %>% { array(runif(prod(.)), dim = .) }
inputs[, 3, ] <- 0
inputs[, 5, ] <- 0

model <- keras_model_sequential() %>%
  layer_masking(mask_value = 0) %>%
  layer_lstm(32)

output <- model(inputs)
# The time step 3 and 5 will be skipped from LSTM calculation.
