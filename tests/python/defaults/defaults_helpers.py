"""Helpers shared by the issue-14 tests in this folder: the README's network and the error measures."""

import numpy as np

import pybridge as pb


def dense_net(units, activation=None, loss="mse", hidden=16, metrics=None, input_shape=None):
    """The README's network: one hidden relu layer, then the output layer; Adam with its defaults."""
    model = pb.keras_model_sequential(input_shape=input_shape)
    pb.layer_dense(model, units=hidden, activation="relu")
    pb.layer_dense(model, units=units, activation=activation)
    pb.compile(model, optimizer="adam", loss=loss, metrics=metrics)
    return model


def rmse(truth, predicted):
    """Root mean squared error; ``predicted`` may be one number (a constant predictor)."""
    truth = np.asarray(truth, dtype=float)
    return float(np.sqrt(np.mean((truth - np.asarray(predicted, dtype=float)) ** 2)))
