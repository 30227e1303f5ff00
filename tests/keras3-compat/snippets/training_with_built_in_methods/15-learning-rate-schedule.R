# Source: keras3 vignette "Training & evaluation with the built-in methods"
#   (vignettes-src/training_with_built_in_methods.Rmd), section "Passing a schedule to an optimizer";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: learning_rate_schedule_exponential_decay() passed as an optimizer's learning_rate.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
initial_learning_rate <- 0.1
lr_schedule <- learning_rate_schedule_exponential_decay(
    initial_learning_rate, decay_steps=100000, decay_rate=0.96,
    staircase=TRUE
)

optimizer <- optimizer_rmsprop(learning_rate = lr_schedule)
