"""training/scaling.py: a numeric outcome is standardised by default on the data-frame path, and
every number a user sees (history, validation, evaluate, predict) is in the outcome's own units."""

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes

import pybridge as pb


def regressor(functional=False):
    if functional:
        inputs = pb.keras_input(shape=10)
        hidden = pb.layer_dense(inputs, units=16, activation="relu")
        model = pb.keras_model(inputs, pb.layer_dense(hidden, units=1))
    else:
        model = pb.keras_model_sequential()
        pb.layer_dense(model, units=16, activation="relu")
        pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mean_squared_error", metrics=["mean_absolute_error"])
    return model


@pytest.fixture(scope="module")
def diabetes():
    frame = load_diabetes(as_frame=True).frame.sample(frac=1.0, random_state=0)
    return frame.iloc[:330], frame.iloc[330:]


def rmse(predicted, truth):
    return float(np.sqrt(np.mean((np.asarray(predicted) - np.asarray(truth)) ** 2)))


@pytest.mark.parametrize("functional", [False, True])
def test_the_defaults_beat_the_mean_on_a_regression(diabetes, functional):
    train, test = diabetes
    model = regressor(functional)
    pb.fit(model, train, target="target", epochs=80, seed=1, verbose=0)
    baseline = rmse(np.full(len(test), train["target"].mean()), test["target"])
    assert rmse(pb.predict(model, test)[".pred"], test["target"]) < 0.85 * baseline
    assert model.keras.layers[-1].name == "pybridge_outcome_scale"


def test_evaluate_and_the_history_are_in_the_outcomes_units(diabetes):
    train, test = diabetes
    model = regressor()
    history = pb.fit(
        model, train, target="target", epochs=5, seed=2, scale_outcome=True, verbose=0, validation_data=test
    )
    predicted = pb.predict(model, test)[".pred"].to_numpy()
    errors = predicted - test["target"].to_numpy()
    scores = pb.evaluate(model, test)
    assert scores["loss"] == pytest.approx(np.mean(errors**2), rel=1e-4)
    assert scores["mean_absolute_error"] == pytest.approx(np.mean(np.abs(errors)), rel=1e-4)
    # The last epoch's validation metrics are the fitted model's, in the same units.
    assert history.metrics["val_loss"][-1] == pytest.approx(scores["loss"], rel=1e-4)
    described = f"mean {train['target'].mean():.4g}, sd {train['target'].std():.4g}"
    assert described in pb.summary(model) and "losses and predictions in its own units" in pb.summary(model)


def test_scale_outcome_false_opts_out_and_arrays_are_not_scaled(diabetes):
    train, _ = diabetes
    model = regressor()
    pb.fit(model, train, target="target", epochs=1, scale_outcome=False, verbose=0)
    assert model.outcome.mean is None and model.keras.layers[-1].name != "pybridge_outcome_scale"
    arrays = regressor()
    pb.fit(arrays, train.drop(columns="target").to_numpy(), train["target"].to_numpy(), epochs=1, verbose=0)
    assert arrays.outcome.mean is None


def test_a_scaled_model_saved_and_loaded_predicts_the_same(diabetes, tmp_path):
    train, test = diabetes
    model = regressor()
    pb.fit(model, train, target="target", epochs=2, verbose=0)
    path = pb.save_model(model, tmp_path / "m.keras")
    again = pb.load_model(path)
    pd.testing.assert_frame_equal(pb.predict(again, test), pb.predict(model, test))
    pb.fit(again, train, target="target", epochs=1, verbose=0)  # one scaling layer, not two
    assert [layer.name for layer in again.keras.layers].count("pybridge_outcome_scale") == 1
