"""training/checks.py: a last layer or loss that does not fit the outcome fails before any training step."""

import numpy as np
import pandas as pd
import pytest

import pybridge as pb


def _model(units, activation, loss):
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=units, activation=activation)
    pb.compile(model, optimizer="adam", loss=loss)
    return model


def _binary(iris):
    return iris.assign(big=pd.Categorical(np.where(iris["Sepal.Length"] > 5.8, "yes", "no"))).drop(columns="Species")


MISMATCHES = [
    # (outcome, units, activation, loss, what the message must propose)
    ("Species", 2, "softmax", "sparse_categorical_crossentropy", r"has 3 classes but the last layer has 2.*units = 3"),
    ("Species", 3, "softmax", "mse", r"sparse_categorical_crossentropy with 3 softmax units"),
    ("Species", 3, "sigmoid", "sparse_categorical_crossentropy", r"softmax last layer.*units = 3"),
    ("Species", 1, "sigmoid", "binary_crossentropy", r"binary_crossentropy needs 2 classes.*has 3"),
    ("big", 2, "softmax", "binary_crossentropy", r"1 unit with a sigmoid.*sparse_categorical_crossentropy"),
    ("big", 2, "softmax", "mse", r"binary_crossentropy with 1 sigmoid unit"),
    ("Sepal.Length", 1, None, "sparse_categorical_crossentropy", r"non-integer values"),
    ("Sepal.Length", 1, None, "binary_crossentropy", r"non-integer"),
    ("Sepal.Length", 3, None, "mse", r"needs 1 output unit.*has 3.*units = 1"),
]


@pytest.mark.parametrize("target, units, activation, loss, proposal", MISMATCHES)
def test_mismatch_fails_before_training(iris, target, units, activation, loss, proposal):
    frame = _binary(iris) if target == "big" else iris
    model = _model(units, activation, loss)
    with pytest.raises(pb.InputError, match=proposal):
        pb.fit(model, frame, target=target, epochs=1, verbose=0)
    # No training step was taken and nothing was learnt: the optimizer never ran.
    assert not model.is_fitted and model.epochs_trained == 0
    assert int(model.keras.optimizer.iterations.numpy()) == 0


def test_integer_labels_with_a_classification_loss_are_classes(iris):
    frame = iris.assign(code=iris["Species"].cat.codes.astype("int64") + 10).drop(columns="Species")
    model = _model(3, "softmax", "sparse_categorical_crossentropy")
    pb.fit(model, frame, target="code", epochs=1, verbose=0)
    assert model.outcome.levels == [10, 11, 12]
    assert list(pb.predict(model, frame).columns) == [".pred_class", ".pred_10", ".pred_11", ".pred_12"]


def test_compile_takes_a_loss_per_output_and_names_an_unknown_one():
    inputs = pb.keras_input(shape=3.0)
    outputs = {"score": pb.layer_dense(inputs, units=1.0), "kind": pb.layer_dense(inputs, units=2.0)}
    model = pb.keras_model(inputs, outputs)
    pb.compile(model, loss=[pb.loss_mean_squared_error(), "categorical_crossentropy"])
    pb.compile(
        model,
        loss={"score": "mse", "kind": pb.loss_categorical_crossentropy()},
        loss_weights={"score": 2.0, "kind": 1.0},
    )
    with pytest.raises(pb.ArgumentError, match="unknown `loss` 'nonsense'"):
        pb.compile(model, loss={"score": "mse", "kind": "nonsense"})


def test_compile_takes_metrics_per_output_and_names_an_unknown_one():
    inputs = pb.keras_input(shape=3.0)
    model = pb.keras_model(
        inputs, [pb.layer_dense(inputs, units=1.0, name="score"), pb.layer_dense(inputs, units=2.0, name="kind")]
    )
    pb.compile(model, loss=["mse", "categorical_crossentropy"], metrics=[["mae", "mape"], ["categorical_accuracy"]])
    pb.compile(
        model, loss=["mse", "categorical_crossentropy"], metrics={"score": ["mae"], "kind": ["categorical_accuracy"]}
    )
    x = np.random.default_rng(1).normal(size=(8, 3)).astype("float32")
    y = [x.sum(axis=1, keepdims=True), np.eye(2)[np.arange(8) % 2]]
    logs = model.keras.fit(x, y, epochs=1, verbose=0).history
    assert "score_mae" in logs and "kind_categorical_accuracy" in logs
    with pytest.raises(pb.ArgumentError, match="unknown metric 'nonsense'"):
        pb.compile(model, loss="mse", metrics={"score": ["mae"], "kind": ["nonsense"]})
