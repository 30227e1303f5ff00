"""Layers, optimizers, losses, metrics, callbacks and weights from Python (R's tests cover each from R)."""

import numpy as np
import pandas as pd
import pytest

import pybridge as pb
from pybridge.training import checks


def _sequential(*layers, input_shape=(2,)):
    model = pb.keras_model_sequential(input_shape=input_shape)
    for kind, args in layers:
        pb.layer(kind, model, **args)
    return model


def test_layer_argument_checks_and_shapes():
    model = _sequential(
        ("reshape", {"target_shape": np.array([2.0, 1.0])}),
        ("conv_1d", {"filters": 3.0, "kernel_size": 2, "padding": "same"}),
        ("global_average_pooling_1d", {}),
    )
    assert tuple(model.keras.outputs[0].shape) == (None, 3)
    with pytest.raises(pb.ArgumentError, match="padding"):
        pb.layer_conv_2d(filters=2, kernel_size=3, padding="full")
    with pytest.raises(pb.ArgumentError, match="kernel_size"):
        pb.layer_conv_2d(filters=2, kernel_size=[3, 3, 3])
    with pytest.raises(pb.ArgumentError, match="recurrent_activation"):
        pb.layer_lstm(units=2, recurrent_activation="nope")
    assert pb.keras_input(shape=np.array([np.nan, 3.0])).shape == (None, None, 3)
    assert pb.keras_input(shape=pd.array([pd.NA, 3], dtype="Int32")).shape == (None, None, 3)


def test_loss_name_maps_objects_aliases_and_functions():
    assert checks.loss_name("bce") == "binary_crossentropy"
    assert checks.loss_name(pb.loss_sparse_categorical_crossentropy(name="x")) == "sparse_categorical_crossentropy"
    assert checks.loss_name(pb.loss_categorical_crossentropy()) == "categorical_crossentropy"
    assert checks.loss_name(pb.loss_mean_squared_error()) == "mean_squared_error"
    assert pb.metric_accuracy() == "accuracy"
    np.testing.assert_allclose(pb.loss_mean_squared_error(y_true=[1.0, 2.0], y_pred=[1.5, 2.0]), 0.125)


def test_optimizers_train_and_check_arguments():
    x = np.random.default_rng(0).normal(size=(8, 2))
    for kind in ("sgd", "adam", "rmsprop", "adagrad", "adadelta", "nadam"):
        model = _sequential(("dense", {"units": 1}))
        pb.compile(model, optimizer=getattr(pb, f"optimizer_{kind}")(learning_rate=0.1), loss="mse")
        before = pb.get_weights(model)[0].copy()
        pb.fit(model, x, x[:, 0], epochs=1, verbose=0)
        assert not np.allclose(before, pb.get_weights(model)[0]), kind
    with pytest.raises(pb.ArgumentError, match="nesterov"):
        pb.optimizer_sgd(nesterov="yes")


def test_callbacks_progress_and_lambda(capsys):
    x = np.random.default_rng(1).normal(size=(8, 2))
    model = _sequential(("dense", {"units": 1}))
    pb.compile(model, optimizer="sgd", loss="mse")
    epochs = []
    pb.fit(
        model,
        x,
        x[:, 0],
        epochs=2,
        verbose=1,
        callbacks=pb.callback_lambda(on_epoch_end=lambda epoch, logs: epochs.append((epoch, logs["loss"]))),
    )
    assert [e for e, _ in epochs] == [1, 2]
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("Epoch 1/2 - loss: ") and len(lines) == 2
    with pytest.raises(pb.ArgumentError, match="callbacks"):
        pb.fit(model, x, x[:, 0], epochs=1, verbose=0, callbacks=["not a callback"])
    with pytest.raises(pb.ArgumentError, match="patience"):
        pb.callback_early_stopping(patience=-1)


def test_weights_round_trip_and_shape_errors():
    model = _sequential(("dense", {"units": 3}), ("batch_normalization", {}))
    weights = pb.get_weights(model)
    assert [w.shape for w in weights] == [(2, 3), (3,), (3,), (3,), (3,), (3,)]
    assert len(pb.get_weights(model, trainable=False)) == 2
    weights[0] = np.ones((2, 3))
    pb.set_weights(model, weights)
    np.testing.assert_array_equal(pb.get_weights(model)[0], np.ones((2, 3)))
    with pytest.raises(pb.ArgumentError, match=r"layer dense.*\(2, 3\)"):
        pb.set_weights(model, [np.ones((3, 2))] + weights[1:])
    assert pb.predict(model, np.zeros((2, 2))).shape == (2, 3)  # an array in, Keras's array out
    out = pb.predict(model, np.zeros((2, 2)), type="raw")
    assert list(out.columns) == [".pred_1", ".pred_2", ".pred_3"]


def test_digits_dataset():
    digits = pb.dataset_digits()
    assert digits["x"].shape == (1797, 8, 8) and digits["x"].max() == 16
    assert sorted(set(digits["y"].tolist())) == list(range(10))
