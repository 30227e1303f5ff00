# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "Custom objects";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: Layer() with get_config()/from_config() in R,
#   serialize_keras_object()/deserialize_keras_object(), the !!! splice (the class is only defined
#   here).
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
layer_custom <- Layer(
  "CustomLayer",
  initialize = function(sublayer, ...) {
    super$initialize(...)
    self$sublayer <- sublayer
  },
  call = function(x) {
    self$sublayer(x)
  },
  get_config = function() {
    base_config <- super$get_config()
    config <- list(
      sublayer = serialize_keras_object(self$sublayer)
    )
    c(base_config, config)
  },
  from_config = function(cls, config) {
    sublayer_config <- config$sublayer
    sublayer <- deserialize_keras_object(sublayer_config)
    cls(sublayer, !!!config)
  }
)
