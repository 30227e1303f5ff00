# Source: keras3 help page ?layer_lstm (R/layers-rnn.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: layer_lstm() on an eager tensor, a layer with return_state = TRUE unpacked with %<-%,
#   shape().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
input <- random_uniform(c(32, 10, 8))
output <- input |> layer_lstm(4)
shape(output)

lstm <- layer_lstm(units = 4, return_sequences = TRUE, return_state = TRUE)
c(whole_seq_output, final_memory_state, final_carry_state) %<-% lstm(input)
shape(whole_seq_output)
shape(final_memory_state)
shape(final_carry_state)
