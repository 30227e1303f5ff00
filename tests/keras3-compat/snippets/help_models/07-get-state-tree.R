# Source: keras3 help page ?get_state_tree (R/model-creation.R, roxygen "Examples"); keras3
#   1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: keras_model_sequential(name, input_shape, input_name), fit() on matrix(1),
#   get_state_tree(), str().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
model <- keras_model_sequential(name = "my_sequential",
                                input_shape = c(1),
                                input_name = "my_input") |>
  layer_dense(1, activation = "sigmoid", name = "my_dense")

model |> compile(optimizer="adam", loss="mse", metrics=c("mae"))
model |> fit(matrix(1), matrix(1), verbose = 0)
state_tree <- model |> get_state_tree()
str(state_tree)
