"""Every Keras layer of the catalog (``layer_conv_2d_transpose`` ...), with pybridge's own argument checks
where they apply, done once for R and Python."""

import functools
import inspect
import re

import keras
import numpy as np
import pandas as pd
from keras.src.layers.merging.base_merge import Merge

from ..errors import ArgumentError
from ..validate import as_bool, as_choice, as_fraction, as_int, as_int_tuple, as_number, as_shape, construct
from . import catalog

# Every activation Keras knows by name (and "swish", its alias of silu).
ACTIVATIONS = tuple(
    name
    for name in dir(keras.activations)
    if not name.startswith("_") and name not in ("get", "serialize", "deserialize")
)


def as_activation(value, name="activation"):
    if value is None or (callable(value) and not isinstance(value, str)):
        return value  # a Keras activation function (Python users), which Keras checks
    if not isinstance(value, str) or value not in ACTIVATIONS:
        raise ArgumentError(f"unknown `{name}` {value!r}; use one of: {', '.join(ACTIVATIONS)}")
    return value


PADDING = ("valid", "same", "causal")  # causal: 1-d convolutions only, which Keras checks
DATA_FORMATS = ("channels_last", "channels_first")

# Argument checks shared by every layer that takes the argument. A layer-specific rule overrides.
COMMON_CHECKS = {
    "units": lambda v: as_int(v, "units", minimum=1),
    "filters": lambda v: as_int(v, "filters", minimum=1),
    "activation": as_activation,
    "rate": lambda v: as_fraction(v, "rate"),
    "padding": lambda v: as_choice(v, "padding", PADDING),
    "use_bias": lambda v: as_bool(v, "use_bias"),
    "input_shape": lambda v: as_shape(v, "input_shape"),
    "target_shape": lambda v: _target_shape(v),
    "noise_shape": lambda v: as_shape(v, "noise_shape"),
    "seed": lambda v: None if v is None else as_int(v, "seed", minimum=0),
    "input_dim": lambda v: as_int(v, "input_dim", minimum=1),
    "output_dim": lambda v: as_int(v, "output_dim", minimum=1),
    "return_sequences": lambda v: as_bool(v, "return_sequences"),
    "return_state": lambda v: as_bool(v, "return_state"),
    "go_backwards": lambda v: as_bool(v, "go_backwards"),
    "stateful": lambda v: as_bool(v, "stateful"),
    "unroll": lambda v: as_bool(v, "unroll"),
    "reset_after": lambda v: as_bool(v, "reset_after"),
    "recurrent_activation": lambda v: as_activation(v, "recurrent_activation"),
    "dropout": lambda v: as_fraction(v, "dropout"),
    "recurrent_dropout": lambda v: as_fraction(v, "recurrent_dropout"),
    "mask_zero": lambda v: as_bool(v, "mask_zero"),
    "keepdims": lambda v: as_bool(v, "keepdims"),
    "center": lambda v: as_bool(v, "center"),
    "scale": lambda v: as_bool(v, "scale"),
    "momentum": lambda v: as_number(v, "momentum", minimum=0),
    "epsilon": lambda v: as_number(v, "epsilon", minimum=0),
    "groups": lambda v: as_int(v, "groups", minimum=1),
    "data_format": lambda v: as_choice(v, "data_format", DATA_FORMATS),
    "axis": lambda v: as_int(v, "axis") if np.ndim(v) == 0 else tuple(as_int(a, "axis") for a in np.ravel(v)),
}


def _target_shape(value):
    """Reshape's target: sizes, and one -1 (or NA, as keras3 takes it) for the size Keras infers."""
    items = np.ravel(np.asarray(value, dtype=object)) if not np.isscalar(value) else [value]
    inferred = [i for i, item in enumerate(items) if item is not None and not pd.isna(item) and item == -1]
    shape = as_shape([1 if i in inferred else item for i, item in enumerate(items)], "target_shape")
    shape = tuple(-1 if size is None or i in inferred else size for i, size in enumerate(shape))
    if shape.count(-1) > 1:
        raise ArgumentError("`target_shape` may have one -1 or NA (the size inferred), not several")
    return shape


def _spatial(size):
    return {
        "kernel_size": lambda v: as_int_tuple(v, "kernel_size", size),
        "strides": lambda v: as_int_tuple(v, "strides", size),
        "pool_size": lambda v: as_int_tuple(v, "pool_size", size),
        "dilation_rate": lambda v: as_int_tuple(v, "dilation_rate", size),
    }


# Layer kinds whose argument shares a name with a common check but means something else.
NOT_COMMON = {"rescaling": {"scale", "offset"}}


@functools.cache
def _checks(kind, cls):
    """The common checks that fit this layer: those its Keras defaults pass (ZeroPadding2D's
    ``padding = (1, 1)`` is not "valid"/"same"), with the spatial ones sized by its 1D/2D/3D suffix."""
    size = re.search(r"([123])D", cls.__name__)
    checks = {**COMMON_CHECKS, **(_spatial(int(size.group(1))) if size else {})}
    fitting = {}
    for p in catalog.parameters(cls):
        check = checks.get(p.name)
        if check is None or p.name in NOT_COMMON.get(kind, ()):
            continue
        if p.default is not inspect.Parameter.empty and p.default is not None:
            try:
                check(p.default)
            except ArgumentError:
                continue
        fitting[p.name] = check
    return fitting


def make_layer(kind, **kwargs):
    """Build the Keras layer ``layer_<kind>`` of the catalog from checked, normalised arguments:
    pybridge's own checks where they apply, R's whole numbers and shapes coerced, the rest to Keras."""
    entry = catalog.table().get(f"layer_{kind}")
    if entry is None or entry.family != "layers":
        raise ArgumentError(f"unknown layer type {kind!r}; see the layer_*() functions")
    cls = entry.target
    required = [p.name for p in catalog.parameters(cls) if p.default is inspect.Parameter.empty]
    missing = [name for name in required if kwargs.get(name) is None]
    if missing:
        raise ArgumentError(f"layer_{kind}() needs `{'`, `'.join(missing)}`")
    checks = _checks(kind, cls)
    coerced = catalog.coerce(cls, {k: v for k, v in kwargs.items() if k not in checks})
    return construct(f"layer_{kind}", cls, {**kwargs, **coerced}, checks)


def is_merge_layer(kind):
    """Keras's merge layers (Add, Concatenate, Dot, ...), which take a list of tensors."""
    entry = catalog.table().get(f"layer_{kind}")
    return entry is not None and entry.family == "layers" and issubclass(entry.target, Merge)
