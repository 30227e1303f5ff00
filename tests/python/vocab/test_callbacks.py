"""pybridge.vocab.callbacks: callback_lambda() takes every hook Keras calls, each as Keras calls it."""

import numpy as np
import pytest

import pybridge as pb
from pybridge.vocab.callbacks import NUMBERED_HOOKS, WHOLE_HOOKS


def test_every_hook_runs_with_its_number_and_logs():
    x = np.random.default_rng(0).normal(size=(16, 2)).astype("float32")
    model = pb.keras_model_sequential(input_shape=2)
    pb.layer("dense", model, units=1)
    pb.compile(model, optimizer="sgd", loss="mse")
    calls = []

    def note(name):
        def hook(*args):
            assert isinstance(args[-1], dict) and all(isinstance(v, float) for v in args[-1].values())
            if len(args) == 2:
                assert isinstance(args[0], int) and args[0] >= 1
            calls.append(name)

        return hook

    callback = pb.callback_lambda(**{name: note(name) for name in WHOLE_HOOKS + NUMBERED_HOOKS})
    pb.fit(model, x, x[:, 0], epochs=1, verbose=0, validation_data=(x, x[:, 0]), callbacks=callback)
    model.keras.predict(x, verbose=0, callbacks=[callback])  # Keras's own predict() calls on_predict_*
    assert set(calls) == set(WHOLE_HOOKS + NUMBERED_HOOKS)


def test_an_unknown_hook_is_named():
    with pytest.raises(pb.ArgumentError, match="no hook `on_epoch_ending`"):
        pb.callback_lambda(on_epoch_ending=print)
