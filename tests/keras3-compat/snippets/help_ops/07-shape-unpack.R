# Source: keras3 help page ?shape (R/shape.R, roxygen "Examples"); keras3 1.5.1.9000
#   (rstudio/keras3@4571bff).
# Exercises: %<-% unpacking of shape(x), with . and ... to skip values.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
x <- op_ones(c(2, 4, 16))  # compat-edit: the help page leaves x undefined; a 3-d eager tensor
c(batch_size, seq_len, channels) %<-% shape(x)

# `%<-%` also has support for skipping values
# during unpacking with `.` and `...`. For example,
# To retrieve just the first and/or last dim:
c(batch_size, ...) %<-% shape(x)
c(batch_size, ., .) %<-% shape(x)
c(..., channels) %<-% shape(x)
c(batch_size, ..., channels) %<-% shape(x)
c(batch_size, ., channels) %<-% shape(x)
