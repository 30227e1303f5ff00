# The same steps through the R verbs and through the Python API (in this R session's Python, via
# reticulate) give the same predictions: R holds no ML logic of its own.
test_that("R and Python give the same predictions to 1e-5 with the same seed and data", {
  require_python()
  model <- iris_classifier(seed = 11)
  model |> fit(Species ~ ., data = iris, epochs = 3, batch_size = 16, verbose = 0, seed = 11)
  from_r <- pred_matrix(predict(model, iris))

  csv <- tempfile(fileext = ".csv")
  write.csv(iris, csv, row.names = FALSE)
  reticulate::py_run_string(sprintf("
import pandas as pd, pybridge as pb
df = pd.read_csv(%s, dtype={'Species': pd.CategoricalDtype(['setosa', 'versicolor', 'virginica'])})
pb.set_random_seed(11)
m = pb.keras_model_sequential(input_shape=4)
pb.layer_dense(m, units=8, activation='relu')
pb.layer_dense(m, units=3, activation='softmax')
pb.compile(m, optimizer='adam', loss='sparse_categorical_crossentropy', metrics='accuracy')
pb.fit(m, df, target='Species', epochs=3, batch_size=16, verbose=0, seed=11)
agreement_predictions = pb.predict(m, df).iloc[:, 1:].to_numpy()
", deparse(csv)))
  from_python <- reticulate::py_eval("agreement_predictions")
  expect_equal(unname(from_r), unname(from_python), tolerance = 1e-5)
})
