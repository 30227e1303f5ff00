# Source: keras3 help page ?clear_session (R/utils.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: layer names after clear_session(), layer$name.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
layers <- lapply(1:10, \(i) layer_dense(units = 10))

new_layer <- layer_dense(units = 10)
print(new_layer$name)

clear_session()
new_layer <- layer_dense(units = 10)
print(new_layer$name)
