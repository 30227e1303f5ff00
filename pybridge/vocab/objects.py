"""Python objects R holds by handle, used the way keras3 users use them: called (``dense(inputs)``,
``model(x)``, ``m$update_state(...)``), read and set by attribute (``layer$weights``,
``layer$trainable <- FALSE``), indexed (``x[, 1:3]`` on a tensor) and turned into R arrays.

Results go back as R takes them (``generic.as_r_value``): concrete tensors as arrays, symbolic ones
(functional API, or inside a traced loss or layer) as tensors R holds by handle.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from ..errors import ArgumentError, PybridgeError
from . import catalog
from .generic import as_r_value

# keras3's R names for Python's special methods: `super$initialize(...)` is `super().__init__(...)`.
R_NAMES = {"initialize": "__init__", "finalize": "__del__"}
_MISSING = object()


def kind(obj: Any) -> str:
    """How R shows an object: a ``tensor`` (symbolic, eager or a variable) takes arithmetic, ``[``,
    ``dim()`` and ``as.array()``; any other callable is a function R can call; the rest are plain."""
    if isinstance(obj, (keras.KerasTensor, keras.Variable)) or keras.ops.is_tensor(obj):
        return "tensor"
    return "callable" if callable(obj) else "object"


def _refused(what: str, obj: Any, err: Exception) -> ArgumentError:
    return ArgumentError(f"{what} on a {type(obj).__name__}: {type(err).__name__}: {err}")


def call(obj: Any, args: list[Any] | None = None, kwargs: dict[str, Any] | None = None) -> Any:
    """``obj(*args, **kwargs)``: a layer or model applied, a method run, a class instantiated."""
    if not callable(obj):
        raise ArgumentError(f"a {type(obj).__name__} cannot be called as a function")
    try:
        # R's numbers as the callee's signature wants them: shape = c(2, 2) as a tuple of ints.
        kwargs = catalog.coerce(obj, dict(kwargs or {}))
    except Exception:  # noqa: BLE001 - no signature to read (a C function): the values go as they are
        kwargs = dict(kwargs or {})
    # R's get_weights() gives a length-1 bias as a number, which Keras's own set_weights() cannot
    # take: layer$set_weights(w) goes through the same checks as R's set_weights().
    if getattr(obj, "__name__", None) == "set_weights" and isinstance(
        getattr(obj, "__self__", None), keras.layers.Layer
    ):
        assign_weights(obj.__self__, *(args or []), **kwargs)
        return None
    try:
        return as_r_value(obj(*(args or []), **kwargs))
    except PybridgeError:
        raise
    except Exception as err:  # noqa: BLE001 - Keras refuses bad calls in many classes
        raise _refused("calling", obj, err) from None


def get(obj: Any, name: str, missing_ok: bool = False) -> Any:
    """``obj$name``: the attribute (a bound method is a function R can call). ``missing_ok``: None for
    an attribute the object lacks, as R's `$` gives NULL for a missing list element (and reticulate
    for a missing attribute)."""
    try:
        value = getattr(obj, R_NAMES.get(name, name))
    except AttributeError:
        if missing_ok:
            return None
        raise ArgumentError(f"a {type(obj).__name__} has no attribute `{name}`") from None
    return as_r_value(value)


def set(obj: Any, name: str, value: Any) -> None:  # noqa: A001 - R's `$<-`, named as the other verbs
    """``obj$name <- value``; Keras's own setters check the value (``trainable`` must be a bool)."""
    # R's `self$model$stop_training <- TRUE` sets `model` back to itself after changing it: a
    # read-only property takes that as no change, as Python's own code would not assign it at all.
    if getattr(obj, name, _MISSING) is value:
        return
    try:
        setattr(obj, name, value)
    except PybridgeError:
        raise
    except Exception as err:  # noqa: BLE001
        raise _refused(f"setting `{name}`", obj, err) from None


def names(obj: Any) -> list[str]:
    """The public attribute names, for R's completion after ``$``."""
    return sorted(n for n in dir(obj) if not n.startswith("_"))


def describe(obj: Any) -> str:
    """What R prints: Python's repr, or ``<pybridge L1>`` for a class without its own."""
    if type(obj).__repr__ is object.__repr__:
        return f"<pybridge {type(obj).__name__}>"
    return repr(obj)


def as_array(obj: Any) -> Any:
    """A concrete tensor or variable as an array (R's ``as.array()``)."""
    try:
        return np.asarray(keras.ops.convert_to_numpy(obj))
    except Exception as err:  # noqa: BLE001 - a symbolic tensor has no values
        raise ArgumentError(
            f"a {type(obj).__name__} has no values to turn into an array (a symbolic tensor, from keras_input() "
            f"or inside a model, gets values only when the model runs): {err}"
        ) from None


def getitem(obj: Any, index: list[Any]) -> Any:
    """R's ``x[i, j, ...]`` on a tensor: one entry per dimension, ``None`` for all of it (R's empty
    argument), else R's 1-based positions, contiguous ranges kept as slices so symbolic tensors take
    them too; a single position drops its dimension, as R's ``drop = TRUE``."""
    keys = []
    for axis, positions in enumerate(index):
        if positions is None:
            keys.append(slice(None))
            continue
        values = np.atleast_1d(np.asarray(positions))
        if values.dtype.kind not in "iuf" or np.any(values != np.round(values)):
            raise ArgumentError(f"`[` takes whole positions; dimension {axis + 1} got {positions!r}")
        values = values.astype(np.int64)
        if np.any(values == 0):
            raise ArgumentError(f"`[`: positions are 1-based; dimension {axis + 1} got 0")
        zero_based = np.where(values > 0, values - 1, values)
        if len(zero_based) == 1:
            keys.append(int(zero_based[0]))
        elif np.all(np.diff(zero_based) == 1):
            keys.append(slice(int(zero_based[0]), int(zero_based[-1]) + 1))
        else:
            keys.append(keras.ops.convert_to_tensor(zero_based))
    try:
        if all(not hasattr(k, "shape") for k in keys):
            return as_r_value(obj[tuple(keys)])
        # Positions that are not a range: gathered one dimension at a time.
        result = obj
        for axis, key in reversed(list(enumerate(keys))):
            if hasattr(key, "shape"):
                result = keras.ops.take(result, key, axis=axis)
            elif key != slice(None):
                result = result[(slice(None),) * axis + (key,)]
        return as_r_value(result)
    except PybridgeError:
        raise
    except Exception as err:  # noqa: BLE001
        raise _refused("`[`", obj, err) from None


def weight_values(layer: Any, trainable: bool | None = None) -> list[Any]:
    """A Keras layer's or model's weights as NumPy arrays; ``trainable`` True/False keeps only the
    trainable / non-trainable ones."""
    variables = {
        None: layer.weights,
        True: layer.trainable_weights,
        False: layer.non_trainable_weights,
    }[None if trainable is None else bool(trainable)]
    return [np.asarray(v) for v in variables]


def assign_weights(layer: Any, weights: Any) -> None:
    """Replace every weight of a Keras layer or model; shapes are checked first, so a mistake changes nothing."""
    variables = layer.weights
    weights = list(weights) if isinstance(weights, (list, tuple)) else [weights]
    if len(weights) != len(variables):
        raise ArgumentError(
            f"the {'model' if isinstance(layer, keras.Model) else 'layer'} has {len(variables)} weight arrays "
            f"({', '.join(v.path for v in variables)}); got {len(weights)}"
        )
    values = []
    for i, (variable, value) in enumerate(zip(variables, weights)):
        value = np.asarray(value, dtype=variable.dtype)
        shape = tuple(variable.shape)
        # A length-1 bias comes from R as a scalar; a vector as 1-d: both fill a 1-d weight.
        if value.shape != shape and value.ndim <= 1 and len(shape) == 1 and value.size == shape[0]:
            value = value.reshape(shape)
        if value.shape != shape:
            owner = variable.path.rsplit("/", 2)[-2] if "/" in variable.path else variable.path
            raise ArgumentError(
                f"weight {i + 1} (`{variable.path}`, layer {owner}) must have shape {shape}, not {value.shape}"
            )
        values.append(value)
    for variable, value in zip(variables, values):
        variable.assign(value)
