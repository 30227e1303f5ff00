# Source: keras3 help page ?random_seed_generator (R/random.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: random_seed_generator(), random_normal(shape =, seed =) twice, layer_dropout() called
#   with training = TRUE on op_ones().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
seed_gen <- random_seed_generator(seed = 42)
values <- random_normal(shape = c(2, 3), seed = seed_gen)
new_values <- random_normal(shape = c(2, 3), seed = seed_gen)

out <- layer_dropout(rate = 0.8)
out(op_ones(10), training = TRUE)
