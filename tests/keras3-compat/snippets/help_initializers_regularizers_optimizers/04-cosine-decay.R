# Source: keras3 help page ?learning_rate_schedule_cosine_decay (R/optimizers-schedules.R, roxygen
#   "Examples"); keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: learning_rate_schedule_cosine_decay() with and without warmup.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
decay_steps <- 1000
initial_learning_rate <- 0.1
lr_decayed_fn <- learning_rate_schedule_cosine_decay(
    initial_learning_rate, decay_steps)

decay_steps <- 1000
initial_learning_rate <- 0
warmup_steps <- 1000
target_learning_rate <- 0.1
lr_warmup_decayed_fn <- learning_rate_schedule_cosine_decay(
    initial_learning_rate, decay_steps, warmup_target = target_learning_rate,
    warmup_steps = warmup_steps
)
