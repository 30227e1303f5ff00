"""Loss and metric constructors (``loss_*()``, ``metric_*()``) with keras3's argument names.

Called without ``y_true``/``y_pred`` a loss constructor returns a Keras ``Loss`` for ``compile()``;
with both it computes the per-sample loss values. ``training.checks.loss_name()`` maps any of these back to
the canonical name that decides how the outcome is encoded.
"""

import keras
import numpy as np

from ..errors import ArgumentError
from ..validate import as_int, construct
from ._keras_patches import loss_function

# R sends whole numbers as doubles and vectors as arrays; Keras wants ints and lists.
CHECKS = {
    "num_thresholds": lambda v: as_int(v, "num_thresholds", minimum=2),
    "top_k": lambda v: as_int(v, "top_k", minimum=1),
    "class_id": lambda v: as_int(v, "class_id", minimum=0),
    "ignore_class": lambda v: as_int(v, "ignore_class"),
    "axis": lambda v: as_int(v, "axis"),
    "thresholds": lambda v: float(v) if np.ndim(v) == 0 else [float(t) for t in np.ravel(v)],
}

LOSSES = {
    "mean_squared_error": keras.losses.MeanSquaredError,
    "mean_absolute_error": keras.losses.MeanAbsoluteError,
    "binary_crossentropy": keras.losses.BinaryCrossentropy,
    "categorical_crossentropy": keras.losses.CategoricalCrossentropy,
    "sparse_categorical_crossentropy": keras.losses.SparseCategoricalCrossentropy,
}

METRICS = {
    "auc": keras.metrics.AUC,
    "precision": keras.metrics.Precision,
    "recall": keras.metrics.Recall,
    "root_mean_squared_error": keras.metrics.RootMeanSquaredError,
    "mean_absolute_error": keras.metrics.MeanAbsoluteError,
}


def make_loss(kind, y_true=None, y_pred=None, **kwargs):
    """A Keras Loss; with ``y_true`` and ``y_pred`` the per-sample loss values instead."""
    loss = construct(f"loss_{kind}", LOSSES[kind], kwargs, CHECKS)
    if y_true is None and y_pred is None:
        return loss
    if y_true is None or y_pred is None:
        raise ArgumentError(f"loss_{kind}() needs both `y_true` and `y_pred`, or neither")
    try:
        return loss_values(loss, y_true, y_pred)
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"loss_{kind}(): {err}") from None


def is_tensor(value) -> bool:
    """A Keras or backend tensor: symbolic, traced (no values while Keras traces a loss) or eager."""
    return isinstance(value, keras.KerasTensor) or keras.ops.is_tensor(value)


def loss_values(loss: keras.losses.Loss, y_true, y_pred):
    """The per-sample values of a built-in Keras loss, as keras3's ``loss_*(y_true, y_pred)`` gives
    them: on tensors a tensor (an R loss calling ``loss_*()`` while Keras traces it), on R's arrays
    float64 NumPy values."""
    function, bound = loss_function(loss)
    if is_tensor(y_true) or is_tensor(y_pred):
        return function(*as_tensors(y_true, y_pred), **bound)
    return np.asarray(function(np.asarray(y_true, "float32"), np.asarray(y_pred, "float32"), **bound), dtype="float64")


def as_tensors(*values):
    """Values for a loss or metric function beside a tensor: R's arrays as floatx tensors (a float64
    array beside a float32 tensor would stop TensorFlow)."""
    floatx = keras.config.floatx()
    return tuple(v if is_tensor(v) else keras.ops.convert_to_tensor(np.asarray(v, floatx)) for v in values)


def make_metric(kind, **kwargs):
    return construct(f"metric_{kind}", METRICS[kind], kwargs, CHECKS)


def metric_accuracy(name="accuracy", dtype=None):
    """Accuracy as Keras resolves the name ``"accuracy"``: matched to the loss (sparse, one-hot or
    binary). keras.metrics.Accuracy (exact equality of outputs and labels) is never what a
    probability output needs, so the name is returned rather than that class."""
    if name != "accuracy" or dtype is not None:
        raise ArgumentError(
            "metric_accuracy() takes no `name` or `dtype`: it stands for the metric "
            "name 'accuracy', which Keras matches to the loss"
        )
    return "accuracy"
