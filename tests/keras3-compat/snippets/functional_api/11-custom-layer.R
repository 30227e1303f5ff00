# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Extend the API using custom layers"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: Layer() with R initialize/build/call, self$add_weight(), op_matmul(), a custom layer
#   in a functional model.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
custom_dense <- Layer(
  classname = "CustomDense",
  initialize = function(units = 32) {
    super$initialize()
    self$units <- as.integer(units)
  },
  build = function(input_shape) {
    self$w <- self$add_weight(
      shape = shape(input_shape[[2]], self$units),
      initializer = "random_normal",
      trainable = TRUE,
    )
    self$b <- self$add_weight(
      shape = shape(self$units),
            initializer="random_normal",
      trainable = TRUE
        )
  },
  call = function(inputs) {
    op_matmul(inputs, self$w) + self$b
  }
)

inputs <- keras_input(c(4))
outputs <- custom_dense(inputs, 10)

model <- keras_model(inputs, outputs)
