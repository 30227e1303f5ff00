# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Functional API strengths: Less verbose"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: Model() subclass with R initialize/call, self$dense_1() in a pipe, op_zeros().
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
MLP <- Model(
  classname = "MLP",
  initialize = function(...) {
    super$initialize(...)
    self$dense_1 <- layer_dense(units = 64, activation = "relu")
    self$dense_2 <- layer_dense(units = 10)
  },
  call = function(inputs) {
    inputs |>
      self$dense_1() |>
      self$dense_2()
  }
)

# Instantiate the model.
mlp <- MLP()
# Necessary to create the model's state.
# The model doesn't have a state until it's called at least once.
out <- mlp(op_zeros(c(1, 32)))
