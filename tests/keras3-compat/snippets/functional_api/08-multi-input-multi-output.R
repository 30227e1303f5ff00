# Source: keras3 vignette "The Functional API" (vignettes-src/functional_api.Rmd),
#   section "Models with multiple inputs and outputs"; keras3 1.5.1.9000 (rstudio/keras3@4571bff).
# Exercises: shape(NA) inputs, layer_embedding/layer_lstm on tensors, layer_concatenate(), named
#   outputs, compile() with a list of losses and loss_weights, random_integer()/random_normal()
#   data, fit() on named lists.
library(pybridge)  # compat-edit: library(keras3) -> library(pybridge)
num_tags <- 12  # Number of unique issue tags
num_words <- 10000  # Size of vocabulary obtained when preprocessing text data
num_departments <- 4  # Number of departments for predictions

title_input <- # Variable-length sequence of ints
  keras_input(shape(NA), name = "title")
body_input <-  # Variable-length sequence of ints
  keras_input(shape(NA), name = "body")
tags_input <-  # Binary vectors of size `num_tags`
  keras_input(shape = num_tags, name = "tags")

# Embed each word in the title into a 64-dimensional vector
title_features <- layer_embedding(title_input, num_words, 64)
# Embed each word in the text into a 64-dimensional vector
body_features <- layer_embedding(body_input, num_words, 64)

# Reduce sequence of embedded words in the title
# into a single 128-dimensional vector
title_features <- layer_lstm(title_features, 128)
# Reduce sequence of embedded words in the body
# into a single 32-dimensional vector
body_features <- layer_lstm(body_features, 32)

# Merge all available features into a single large vector via concatenation
x <- layer_concatenate(title_features, body_features, tags_input)

# Stick a logistic regression for priority prediction on top of the features
priority_pred <- layer_dense(x, 1, name = "priority")

# Stick a department classifier on top of the features
department_pred <- layer_dense(x, num_departments, name = "department")

# Instantiate an end-to-end model predicting both priority and department
model <- keras_model(
  inputs = list(title_input, body_input, tags_input),
  outputs = list(priority = priority_pred, department = department_pred)
)

model |> compile(
  optimizer = optimizer_rmsprop(1e-3),
  loss = list(
    priority = loss_binary_crossentropy(from_logits = TRUE),
    department = loss_categorical_crossentropy(from_logits = TRUE)
  ),
  loss_weights = list(priority = 1.0, department = 0.2)
)

# Dummy input data
# compat-edit: 128 samples instead of 1280, to keep the suite fast
title_data <- random_integer(c(128, 12), 0, num_words)
body_data <- random_integer(c(128, 100), 0, num_words)
tags_data <- random_integer(c(128, num_tags), 0, 2)

# Dummy target data
priority_targets <- random_normal(c(128, 1))
dept_targets <- random_integer(c(128, num_departments), 0, 2)

model |> fit(
  list(title = title_data, body = body_data, tags = tags_data),
  list(priority = priority_targets, department = dept_targets),
  epochs = 1,  # compat-edit: 1 epoch instead of 2
  batch_size = 32
)
