"""Model files: .keras with pybridge.json, bytes for R's saveRDS(), Lambda refusal, Python -> R."""

import importlib.util
import json
import pickle
import subprocess
import sys
import zipfile

import keras
import numpy as np
import pandas as pd
import pytest
from conftest import require

import pybridge as pb
from pybridge import persist


def _fitted(iris):
    keras.utils.set_random_seed(3)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(
        model,
        optimizer=pb.optimizer_adam(learning_rate=0.01),
        loss="sparse_categorical_crossentropy",
        metrics="accuracy",
    )
    pb.fit(model, iris, target="Species", epochs=2, verbose=0)
    return model


def _probs(frame):
    return frame.drop(columns=".pred_class").to_numpy()


def test_save_and_load_keep_network_preprocessing_and_history(iris, tmp_path):
    model = _fitted(iris)
    path = tmp_path / "iris.keras"
    pb.save_model(model, path)
    with zipfile.ZipFile(path) as archive:
        meta = json.loads(archive.read("pybridge.json"))
    assert meta["preprocessor"]["columns"][0]["name"] == "Sepal.Length"
    assert meta["outcome"]["levels"] == ["setosa", "versicolor", "virginica"]
    loaded = pb.load_model(path)
    np.testing.assert_allclose(_probs(pb.predict(loaded, iris)), _probs(pb.predict(model, iris)), atol=1e-6)
    assert loaded.epochs_trained == 2 and loaded.compile_args is not None
    with pytest.raises(pb.ArgumentError, match="overwrite"):
        pb.save_model(model, path)
    with pytest.raises(pb.ArgumentError, match=".keras"):
        pb.save_model(model, tmp_path / "iris.h5")


def test_bytes_and_pickle_round_trip(iris):
    model = _fitted(iris)
    data = persist.model_to_bytes(model)
    assert data.dtype == np.uint8 and bytes(data[:2]) == b"PK"
    for copy in (
        persist.model_from_bytes(data),
        persist.model_from_bytes(bytearray(data)),
        pickle.loads(pickle.dumps(model)),
    ):
        np.testing.assert_allclose(_probs(pb.predict(copy, iris)), _probs(pb.predict(model, iris)), atol=1e-6)


def test_lambda_layer_refused_unless_safe_mode_is_off(tmp_path):
    network = keras.Sequential([keras.Input((2,)), keras.layers.Lambda(lambda x: x * 2)])
    pb.save_model(pb.Model(network), tmp_path / "lambda.keras")
    with pytest.raises(pb.InputError, match="Lambda"):
        pb.load_model(tmp_path / "lambda.keras")
    trusted = pb.load_model(tmp_path / "lambda.keras", safe_mode=False)
    np.testing.assert_allclose(pb.predict(trusted, np.array([[1.0, 2.0]])), [[2.0, 4.0]])


def test_not_a_model_file(tmp_path):
    (tmp_path / "x.keras").write_text("hello")
    with pytest.raises(pb.InputError, match="not a .keras"):
        pb.load_model(tmp_path / "x.keras")


def test_model_saved_in_python_loads_in_r_with_same_predictions(iris, tmp_path, rscript, r_env):
    model = _fitted(iris)
    pb.save_model(model, tmp_path / "iris.keras")
    iris.to_csv(tmp_path / "iris.csv", index=False)
    code = (
        f"library(pybridge); d <- '{tmp_path}'; data <- read.csv(file.path(d, 'iris.csv'), stringsAsFactors = TRUE); "
        "p <- as.data.frame(predict(load_model(file.path(d, 'iris.keras')), data)); "
        "write.csv(p, file.path(d, 'r.csv'), row.names = FALSE)"
    )
    result = subprocess.run([rscript, "-e", code], env=r_env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    from_r = pd.read_csv(tmp_path / "r.csv")
    np.testing.assert_allclose(
        from_r.drop(columns=".pred_class").to_numpy(), _probs(pb.predict(model, iris)), atol=1e-6
    )
    assert list(from_r[".pred_class"]) == list(pb.predict(model, iris)[".pred_class"].astype(str))


def test_model_saved_with_saverds_under_reticulate_works_under_rpy2(tmp_path, rscript, r_env):
    """readRDS() in a Python process that embeds R (rpy2 transport) rebuilds a model that an R session
    (reticulate transport) saved: the .keras bytes travel inside the R object, not a stale handle."""
    require(importlib.util.find_spec("rpy2") is not None, "rpy2")
    rds, expected = tmp_path / "model.rds", tmp_path / "expected.csv"
    code = (
        "library(pybridge); set_random_seed(1); "
        "m <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = 'softmax'); "
        "compile(m, optimizer = 'adam', loss = 'sparse_categorical_crossentropy'); "
        "fit(m, Species ~ ., data = iris, epochs = 1, verbose = 0); "
        f"saveRDS(m, '{rds}'); write.csv(as.data.frame(predict(m, iris))[, -1], '{expected}', row.names = FALSE)"
    )
    result = subprocess.run([rscript, "-e", code], env=r_env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    child = (
        f"from pybridge import rhost; rhost.start(); "
        f"p = rhost.r(\"as.data.frame(predict(readRDS('{rds}'), iris))[, -1]\"); "
        f"p.to_csv('{tmp_path / 'rpy2.csv'}', index=False, float_format='%.10g')"
    )
    env = dict(r_env, TF_CPP_MIN_LOG_LEVEL="2")
    result = subprocess.run([sys.executable, "-c", child], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    np.testing.assert_allclose(
        pd.read_csv(tmp_path / "rpy2.csv").to_numpy(), pd.read_csv(expected).to_numpy(), atol=1e-6
    )


def test_weights_file_holds_the_weights_only(tmp_path, iris):
    model = _fitted(iris)
    path = pb.save_model_weights(model, tmp_path / "iris.weights.h5")
    fresh = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(fresh, units=8, activation="relu")
    pb.layer_dense(fresh, units=3, activation="softmax")
    pb.load_model_weights(fresh, path)
    for loaded, saved in zip(pb.get_weights(fresh), pb.get_weights(model)):
        np.testing.assert_array_equal(loaded, saved)
    assert not fresh.is_fitted and fresh.weights_given  # no preprocessing in a weights file
    with pytest.raises(pb.ArgumentError, match="exists; pass overwrite"):
        pb.save_model_weights(model, path)
    pb.save_model_weights(model, path, overwrite=True)
    with pytest.raises(pb.ArgumentError, match="must end in .weights.h5"):
        pb.save_model_weights(model, tmp_path / "iris.h5")
    other = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(other, units=2)
    with pytest.raises(pb.InputError, match="does not fit this model's layers"):
        pb.load_model_weights(other, path)


def test_weights_sharded_by_max_shard_size_load_back_whole(tmp_path):
    model = pb.keras_model_sequential(input_shape=20)
    pb.layer_dense(model, units=64)
    pb.layer_dense(model, units=8)
    # 6e-6 GB is about 6 kB: the 20x64 kernel (5 kB) and the 64x8 one (2 kB) go in separate shards.
    path = pb.save_model_weights(model, tmp_path / "net.weights.json", max_shard_size=6e-6)
    shards = sorted(p.name for p in tmp_path.glob("net_*.weights.h5"))
    assert len(shards) >= 2 and set(json.loads(open(path).read())["weight_map"]) != set()
    fresh = pb.keras_model_sequential(input_shape=20)
    pb.layer_dense(fresh, units=64)
    pb.layer_dense(fresh, units=8)
    pb.load_model_weights(fresh, path)
    for loaded, saved in zip(pb.get_weights(fresh), pb.get_weights(model)):
        np.testing.assert_array_equal(loaded, saved)
    with pytest.raises(pb.ArgumentError, match="must end in .weights.json"):
        pb.save_model_weights(model, tmp_path / "net.weights.h5", max_shard_size=1)
    with pytest.raises(pb.ArgumentError, match="exceeds the maximum shard size"):  # Keras never splits a variable
        pb.save_model_weights(model, tmp_path / "small.weights.json", max_shard_size=1e-6)
    with pytest.raises(pb.ArgumentError, match="`max_shard_size` must be a positive size"):
        pb.save_model_weights(model, tmp_path / "other.weights.json", max_shard_size=0)


def test_config_file_holds_the_architecture_only(tmp_path, iris):
    model = _fitted(iris)
    path = pb.save_model_config(model, tmp_path / "iris.json")
    assert json.loads(open(path).read())["class_name"] == "Sequential"
    again = pb.load_model_config(path)
    assert [type(layer) for layer in again.keras.layers] == [type(layer) for layer in model.keras.layers]
    assert not again.is_fitted and again.compile_args is None
    assert not np.array_equal(pb.get_weights(again)[0], pb.get_weights(model)[0])
    with pytest.raises(pb.ArgumentError, match="exists"):
        pb.save_model_config(model, path)
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(pb.InputError, match="is not JSON"):
        pb.load_model_config(tmp_path / "bad.json")
