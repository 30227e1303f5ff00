"""vocab/classes.py: Keras classes whose methods are given as callables (R functions, in R; Python
functions here), with the signatures Keras reads."""

import inspect

import keras
import numpy as np
import pytest

import pybridge as pb


class Implementation:
    """A method implementation as R's RFunction is one: call_method() with the instance and super()."""

    def __init__(self, fn, signature):
        self.fn, self.signature = fn, signature

    def __call__(self, *args, **kwargs):
        raise AssertionError("a method is called through call_method()")

    def call_method(self, instance, parent, args, kwargs):
        return self.fn(instance, parent, *args, **kwargs)


def params(*names, defaults=()):
    kind = inspect.Parameter.POSITIONAL_OR_KEYWORD
    return inspect.Signature(
        [inspect.Parameter(n, kind, default=None if n in defaults else inspect.Parameter.empty) for n in names]
    )


def test_a_layer_class_builds_and_trains_with_its_methods():
    def init(self, parent, units=None):
        parent.__init__()
        self.units = units

    def build(self, parent, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="ones")

    def call(self, parent, inputs):
        return keras.ops.matmul(inputs, self.w)

    cls = pb.new_class(
        "Layer",
        "Scaled",
        {
            "initialize": Implementation(init, params("units", defaults=("units",))),
            "build": Implementation(build, params("input_shape")),
            "call": Implementation(call, params("inputs")),
        },
    )
    layer = cls(units=2)
    assert cls.__name__ == "Scaled" and isinstance(layer, keras.layers.Layer)
    np.testing.assert_allclose(layer(np.ones((1, 3))), [[3.0, 3.0]])
    model = keras.Sequential([keras.Input((3,)), layer])
    model.compile(optimizer="sgd", loss="mse")
    before = keras.ops.convert_to_numpy(layer.w).copy()
    model.fit(np.ones((8, 3)), np.zeros((8, 2)), epochs=1, verbose=0)
    assert not np.allclose(before, keras.ops.convert_to_numpy(layer.w))  # the weight is trained


def test_keras_passes_mask_and_training_only_to_a_call_that_declares_them():
    seen = {}

    def call(self, parent, inputs, mask=None, training=None):
        seen.update(mask=mask is not None, training=training)
        return inputs

    cls = pb.new_class(
        "Layer",
        "Seeing",
        {"call": Implementation(call, params("inputs", "mask", "training", defaults=("mask", "training")))},
    )
    masked = keras.layers.Masking()(np.ones((2, 3, 1)))
    cls()(masked, training=True)
    assert seen == {"mask": True, "training": True}
    signature = inspect.signature(cls.call)
    assert list(signature.parameters) == ["self", "inputs", "mask", "training"]


def test_a_callback_class_gets_every_hook_keras_calls():
    epochs = []
    cls = pb.new_class("Callback", "Recorder", {"on_epoch_end": lambda self, epoch, logs=None: epochs.append(epoch)})
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.compile(loss="mse")
    model.fit(np.ones((4, 2)), np.ones(4), epochs=3, verbose=0, callbacks=[cls()])
    assert epochs == [0, 1, 2]  # Keras's own 0-based numbers, as keras3 gives its Callback() methods


def test_a_non_callable_member_is_a_class_attribute_and_bad_names_are_refused():
    cls = pb.new_class(
        "Loss", "Halved", {"factor": 0.5, "call": lambda self, y_true, y_pred: (y_true - y_pred) * self.factor}
    )
    assert cls.factor == 0.5
    with pytest.raises(pb.ArgumentError, match="classname"):
        pb.new_class("Layer", "not a name")
    with pytest.raises(pb.ArgumentError, match="no Keras base class"):
        pb.new_class("Widget", "W")
