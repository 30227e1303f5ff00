# Source: keras3 help page ?loss_binary_focal_crossentropy (R/metrics.R, roxygen "Examples");
#   keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: loss_binary_focal_crossentropy(gamma =) and loss_binary_crossentropy() on R matrices,
#   as.array() and arithmetic (/) on the results.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
y_true <- rbind(c(0, 1), c(0, 0))
y_pred <- rbind(c(0.6, 0.4), c(0.4, 0.6))
focal_loss <- loss_binary_focal_crossentropy(y_true, y_pred, gamma = 2)
focal_loss
# Compare with binary crossentropy.
# Binary focal crossentropy emphasizes harder examples, yielding a larger
# relative loss where the model struggles.
bce_loss <- loss_binary_crossentropy(y_true, y_pred)
cbind(focal_loss = as.array(focal_loss),
      bce_loss = as.array(bce_loss),
      ratio = as.array(focal_loss / bce_loss))
