"""training/predict.py: predictions for any number of rows, none included; and the kind of predict()'s
answer follows the kind of its input: an array gives Keras's array of network outputs, a data frame
pybridge's tidy frame."""

import keras
import numpy as np
import pandas as pd
import pytest
from conftest import iris_model

import pybridge as pb


@pytest.mark.parametrize("case", ["classification", "regression"])
def test_zero_rows_give_a_zero_row_frame_with_the_columns_and_types_of_one_row(iris, case):
    model = pb.keras_model_sequential()
    if case == "classification":
        pb.layer_dense(model, units=3, activation="softmax")
        pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy")
        pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    else:
        pb.layer_dense(model, units=1)
        pb.compile(model, optimizer="adam", loss="mse")
        pb.fit(model, iris.drop(columns="Species"), target="Sepal.Length", epochs=1, verbose=0)
    one, none = pb.predict(model, iris.iloc[:1]), pb.predict(model, iris.iloc[:0])
    assert len(none) == 0
    pd.testing.assert_series_equal(none.dtypes, one.dtypes)
    for kind in ("class", "prob", "raw") if case == "classification" else ("numeric", "raw"):
        assert list(pb.predict(model, iris.iloc[:0], type=kind).columns) == list(
            pb.predict(model, iris.iloc[:1], type=kind).columns
        )
    assert np.asarray(none).shape == (0, one.shape[1])


def test_an_array_in_gives_the_networks_outputs_as_an_array(iris):
    model = iris_model()
    x = iris.drop(columns="Species").to_numpy()
    pb.fit(model, x, iris["Species"].cat.codes.to_numpy(), epochs=1, verbose=0)
    outputs = pb.predict(model, x)
    assert isinstance(outputs, np.ndarray) and outputs.shape == (150, 3)
    np.testing.assert_allclose(outputs.sum(axis=1), 1, rtol=1e-5)
    # The same numbers as the tidy columns a frame-like request gives, and as the stored encoding + Keras.
    raw = pb.predict(model, x, type="raw")
    assert isinstance(raw, pd.DataFrame)
    np.testing.assert_allclose(outputs, raw.to_numpy(), rtol=1e-6)
    expected = model.keras.predict(model.preprocessor.transform(x), verbose=0)
    np.testing.assert_allclose(outputs, expected, rtol=1e-5, atol=1e-6)
    # A row with a missing predictor gives a row of NaN, the others their outputs.
    holes = x.copy()
    holes[3, 1] = np.nan
    with_hole = pb.predict(model, holes)
    assert np.isnan(with_hole[3]).all() and np.allclose(np.delete(with_hole, 3, 0), np.delete(outputs, 3, 0), atol=1e-6)


def test_a_data_frame_in_still_gives_the_tidy_frame(iris):
    model = iris_model()
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    assert list(pb.predict(model, iris).columns)[0] == ".pred_class"


def test_an_unfitted_built_model_predicts_arrays_as_keras_does():
    network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3)])
    model = pb.Model(network)
    x = np.array([[1.0, 2.0], [0.0, -1.0]])
    np.testing.assert_allclose(pb.predict(model, x), network.predict(x, verbose=0), rtol=1e-6)


def test_evaluate_gives_a_dict_of_floats(iris):
    model = iris_model()
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    scores = pb.evaluate(model, iris)
    assert isinstance(scores, dict) and set(scores) == {"loss", "accuracy"}
    assert all(isinstance(v, float) for v in scores.values())


def test_a_never_fitted_network_predicts_arrays_as_keras_does_and_refuses_frames(iris):
    # keras3's ?layer_embedding: a model never built or fitted runs on an array with its initial weights.
    model = pb.keras_model_sequential()
    pb.layer_embedding(model, input_dim=1000.0, output_dim=64.0)
    x = np.random.default_rng(1).integers(0, 1000, (32, 10)).astype("float64")
    out = pb.predict(model, x)
    assert out.shape == (32, 10, 64)
    np.testing.assert_allclose(out[0, 0], model.keras.layers[0].embeddings.numpy()[int(x[0, 0])], rtol=1e-6)
    with pytest.raises(pb.InputError, match=r"`x` of shape \(2, 5\) does not fit the network"):
        pb.predict(iris_model(), np.ones((2, 5)))
    with pytest.raises(pb.StateError, match=r"predict\(\) needs a fitted model"):
        pb.predict(model, iris)
    with pytest.raises(pb.StateError, match=r"predict\(\) needs a fitted model"):
        pb.predict(pb.keras_model_sequential(), x)
