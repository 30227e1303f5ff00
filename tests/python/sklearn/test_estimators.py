"""KerasClassifier and KerasRegressor: scikit-learn's estimator contract around real pybridge networks."""

import pickle

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_diabetes, load_wine
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.utils import get_tags

import pybridge as pb
from pybridge.sklearn import KerasClassifier, KerasRegressor

# Few epochs at a brisk learning rate: wine is learnt in a few seconds.
FAST = {"epochs": 15, "learning_rate": 0.01, "batch_size": 16, "random_state": 0}


@pytest.fixture(scope="module")
def wine():
    return load_wine(return_X_y=True, as_frame=True)


@pytest.fixture(scope="module")
def fitted(wine):
    X, y = wine
    return KerasClassifier(units=16, **FAST).fit(X, y)


def build(n_outputs, hidden=8):
    """A model-building function: the whole network, its width a build argument."""
    network = pb.keras_model_sequential()
    pb.layer_dense(network, units=hidden, activation="relu")
    pb.layer_dense(network, units=n_outputs, activation="softmax")
    return network


def test_parameters_are_in_init_and_clone_keeps_them():
    estimator = KerasClassifier(units=(32, 16), dropout=0.1, learning_rate=0.01, epochs=5)
    params = estimator.get_params()
    assert {
        "units": (32, 16),
        "dropout": 0.1,
        "learning_rate": 0.01,
        "epochs": 5,
        "batch_size": 32,
    }.items() <= params.items()
    estimator.set_params(units=8, learning_rate=0.1, batch_size=64)
    twin = clone(estimator)
    assert twin is not estimator and twin.get_params() == estimator.get_params()
    assert not hasattr(twin, "model_")


def test_tags_and_kinds():
    assert is_classifier(KerasClassifier()) and is_regressor(KerasRegressor())
    assert get_tags(KerasClassifier()).estimator_type == "classifier"
    assert get_tags(KerasRegressor()).target_tags.multi_output
    assert get_tags(KerasRegressor()).input_tags.sparse


def test_build_arguments_reach_a_model_function(wine):
    X, y = wine
    estimator = KerasClassifier(build, hidden=12, **FAST)
    assert estimator.get_params()["hidden"] == 12
    estimator = clone(estimator.set_params(hidden=6)).fit(X, y)
    assert estimator.model_.keras.layers[0].units == 6
    assert estimator.score(X, y) > 0.8
    with pytest.raises(pb.ArgumentError, match="hiden"):
        KerasClassifier(build, hiden=6, **FAST).fit(X, y)


def test_layer_specs_make_the_hidden_layers(wine):
    X, y = wine
    specs = [("dense", {"units": 16, "activation": "relu"}), ("dropout", {"rate": 0.1})]
    estimator = KerasClassifier(specs, **FAST).fit(X, y)
    kinds = [type(layer).__name__ for layer in estimator.model_.keras.layers]
    assert kinds == ["Dense", "Dropout", "Dense"]
    assert estimator.model_.keras.layers[-1].units == 3


def test_fit_predict_on_a_data_frame(fitted, wine):
    X, y = wine
    assert list(fitted.feature_names_in_) == list(X.columns) and fitted.n_features_in_ == 13
    probabilities = fitted.predict_proba(X)
    assert probabilities.shape == (len(X), 3)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, rtol=1e-5)
    assert fitted.score(X, y) > 0.9
    one_row = fitted.predict(X.iloc[[0]])
    assert one_row.shape == (1,) and one_row[0] == fitted.predict(X)[0]


def test_predictions_have_the_dtype_and_values_of_y(wine):
    X, y = wine
    for labels in (np.array([10, 20, 30])[y], np.array(["barolo", "grignolino", "barbera"], dtype=object)[y]):
        estimator = KerasClassifier(**FAST).fit(X.to_numpy(), labels)
        predicted = estimator.predict(X.to_numpy())
        assert predicted.dtype == labels.dtype
        assert set(predicted) <= set(labels) and list(estimator.classes_) == sorted(set(labels))
        assert (predicted == labels).mean() > 0.9


def test_pybridge_encodes_category_and_string_columns(wine):
    X, y = wine
    frame = X.assign(
        band=np.where(X["alcohol"] > 13, "high", "low"), hue_band=pd.Categorical(np.where(X["hue"] > 1, "pale", "deep"))
    )
    estimator = KerasClassifier(**FAST).fit(frame, y)
    assert "band" in pb.summary(estimator.model_)
    assert estimator.score(frame, y) > 0.9


def test_missing_values_at_predict_are_an_error(fitted, wine):
    X, _ = wine
    with pytest.raises(ValueError, match="missing values"):
        fitted.predict(X.head(3).assign(alcohol=[1.0, np.nan, 2.0]))


def test_last_step_after_a_column_transformer(wine):
    X, y = wine
    frame = X.assign(band=np.where(X["alcohol"] > 13, "high", "low"))
    numeric = list(X.columns)
    pipeline = make_pipeline(
        ColumnTransformer([("num", StandardScaler(), numeric), ("cat", OneHotEncoder(), ["band"])]),
        KerasClassifier(standardize=False, **FAST),
    )
    pipeline.fit(frame, y)
    assert pipeline.score(frame, y) > 0.9
    assert pipeline[-1].n_features_in_ == len(numeric) + 2


def test_pickle_and_joblib_go_through_the_keras_bytes(fitted, wine, tmp_path):
    X, _ = wine
    state = fitted.__getstate__()
    assert isinstance(state["model_"], bytes) and state["model_"][:2] == b"PK"  # the .keras zip
    assert isinstance(fitted.model_, pb.Model)  # the estimator itself is untouched
    expected = fitted.predict_proba(X)
    np.testing.assert_array_equal(pickle.loads(pickle.dumps(fitted)).predict_proba(X), expected)
    joblib.dump(fitted, tmp_path / "wine.joblib")
    restored = joblib.load(tmp_path / "wine.joblib")
    np.testing.assert_array_equal(restored.predict_proba(X), expected)
    assert restored.get_params() == fitted.get_params()


def test_partial_fit_learns_classes_it_has_not_seen_yet(wine):
    X, y = wine
    first = y.isin([0, 1]).to_numpy()
    estimator = KerasClassifier(**FAST)
    estimator.partial_fit(X[first], y[first], classes=[0, 1, 2])
    network = estimator.model_
    assert estimator.predict_proba(X).shape == (len(X), 3)
    for _ in range(10):
        estimator.partial_fit(X, y)
    assert estimator.model_ is network and network.epochs_trained == 11
    assert estimator.score(X, y) > 0.8


def test_warm_start_trains_the_same_network_further():
    X, y = load_diabetes(return_X_y=True)
    estimator = KerasRegressor(warm_start=True, epochs=2, random_state=0).fit(X, y)
    network = estimator.model_
    estimator.fit(X, y)
    assert estimator.model_ is network and network.epochs_trained == 4
    estimator.set_params(warm_start=False).fit(X, y)
    assert estimator.model_ is not network and estimator.model_.epochs_trained == 2


def test_regressor_with_several_outcomes():
    X, y = load_diabetes(return_X_y=True)
    Y = np.column_stack([y, -2 * y + 100])
    estimator = KerasRegressor(**FAST).fit(X, Y)
    predicted = estimator.predict(X)
    assert predicted.shape == (len(X), 2) and estimator.n_outputs_ == 2
    assert estimator.score(X, Y) > 0.3
    assert KerasRegressor(**FAST).fit(X, y).predict(X[:5]).shape == (5,)
