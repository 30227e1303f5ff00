# Source: keras3 help page ?callback_learning_rate_scheduler (R/callbacks.R, roxygen "Examples");
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: callback_learning_rate_scheduler() with an R schedule function,
#   model$optimizer$learning_rate |> as.array().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
# This function keeps the initial learning rate steady for the first ten epochs
# and decreases it exponentially after that.
scheduler <- function(epoch, lr) {
  if (epoch < 10)
    return(lr)
  else
    return(lr * exp(-0.1))
}

model <- keras_model_sequential() |> layer_dense(units = 10)
model |> compile(optimizer = optimizer_sgd(), loss = 'mse')
model$optimizer$learning_rate |> as.array() |> round(5)

callback <- callback_learning_rate_scheduler(schedule = scheduler)
history <- model |> fit(x = array(runif(100), c(5, 20)),
                        y = array(0, c(5, 1)),
                        epochs = 15, callbacks = list(callback), verbose = 0)
model$optimizer$learning_rate |> as.array() |> round(5)
