"""R (a separate Rscript process, through reticulate) and Python agree on the same data and seed."""

import subprocess

import numpy as np
import pandas as pd

import pybridge as pb

R_STEPS = r"""
library(pybridge)
iris <- read.csv(commandArgs(TRUE)[1], stringsAsFactors = TRUE)
set_random_seed(11)
model <- keras_model_sequential(input_shape = 4) |>
  layer_dense(8, activation = "relu") |>
  layer_dense(3, activation = "softmax")
model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
model |> fit(Species ~ ., data = iris, epochs = 3, batch_size = 16, verbose = 0, seed = 11)
write.csv(predict(model, iris), commandArgs(TRUE)[2], row.names = FALSE)
"""


def test_r_and_python_predictions_agree_to_1e_5(iris, rscript, r_env, tmp_path):
    data, out, script = tmp_path / "iris.csv", tmp_path / "r.csv", tmp_path / "steps.R"
    iris.to_csv(data, index=False)
    script.write_text(R_STEPS)
    subprocess.run([rscript, str(script), str(data), str(out)], check=True, env=r_env, timeout=300, capture_output=True)
    from_r = pd.read_csv(out)

    pb.set_random_seed(11)
    model = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    pb.fit(model, iris, target="Species", epochs=3, batch_size=16, verbose=0, seed=11)
    from_python = pb.predict(model, iris)

    assert list(from_r.columns) == list(from_python.columns)
    np.testing.assert_allclose(from_r.iloc[:, 1:].to_numpy(), from_python.iloc[:, 1:].to_numpy(), atol=1e-5)
    assert (from_r[".pred_class"] == from_python[".pred_class"].astype(str)).all()
