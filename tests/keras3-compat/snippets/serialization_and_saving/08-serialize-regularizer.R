# Source: keras3 vignette "Save, serialize, and export models"
#   (vignettes-src/serialization_and_saving.Rmd), section "Arbitrary object serialization and deserialization";
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: regularizer_l1(), serialize_keras_object(), str() of the config,
#   deserialize_keras_object(), printing the object.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
my_reg <- regularizer_l1(0.005)
config <- serialize_keras_object(my_reg)
str(config)

new_reg <- deserialize_keras_object(config)
new_reg
