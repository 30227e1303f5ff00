"""One-hot outcome columns with categorical_crossentropy (pybridge/encoding/outcome.py): classification
over the columns, as Keras trains on them."""

import keras
import numpy as np
import pandas as pd
import pytest

import pybridge as pb
from pybridge.encoding.outcome import OutcomeEncoder


def test_one_hot_columns_are_classes_zero_to_k_minus_one():
    y = np.eye(3)[[0, 2, 1, 2]]
    encoder = OutcomeEncoder.fit(y, ["y"], classify=True, one_hot=True)
    assert encoder.kind == "classification" and encoder.levels == [0, 1, 2] and encoder.one_hot
    np.testing.assert_array_equal(encoder.label_codes(y), [0, 2, 1, 2])
    np.testing.assert_array_equal(encoder.encode(y, "one_hot"), y)
    assert OutcomeEncoder.from_dict(encoder.to_dict()).one_hot  # kept in the model file
    # Without categorical_crossentropy several numeric columns are still several regression outcomes.
    assert OutcomeEncoder.fit(pd.DataFrame(y, columns=["a", "b", "c"]), ["a", "b", "c"]).kind == "regression"


def test_rows_that_are_not_one_hot_are_named():
    soft = np.array([[1.0, 0.0], [0.4, 0.6]])
    with pytest.raises(pb.InputError, match=r"one-hot rows .*to_categorical\(\).*row 2 is \(0.4, 0.6\)"):
        OutcomeEncoder.fit(soft, ["y"], classify=True, one_hot=True)
    encoder = OutcomeEncoder.fit(np.eye(2), ["y"], classify=True, one_hot=True)
    with pytest.raises(pb.InputError, match="y has 3 column"):
        encoder.label_codes(np.eye(3))


def test_a_network_trains_on_one_hot_targets_with_categorical_crossentropy(iris):
    keras.utils.set_random_seed(4)
    x = iris.drop(columns="Species").to_numpy()
    codes = iris["Species"].cat.codes.to_numpy()
    y = pb.to_categorical(codes)
    model = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(
        model, optimizer=pb.optimizer_adam(learning_rate=0.05), loss="categorical_crossentropy", metrics="accuracy"
    )
    history = pb.fit(model, x, y, epochs=15, verbose=0, validation_data=(x[::10], y[::10]))
    assert history.metrics["accuracy"][-1] > 0.8
    # Keras's own reading of the targets: its loss on the one-hot rows is what evaluate() reports.
    outputs = pb.predict(model, x)
    keras_loss = float(keras.losses.categorical_crossentropy(y, outputs).numpy().mean())
    assert pb.evaluate(model, x, y)["loss"] == pytest.approx(keras_loss, rel=1e-4)
    assert pb.predict(model, x, type="class")[".pred_class"].tolist()[:3] == outputs[:3].argmax(axis=1).tolist()
