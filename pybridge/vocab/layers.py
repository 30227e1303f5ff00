"""One table from pybridge layer names to Keras layers, with argument checks done once for R and Python."""

import keras

from ..errors import ArgumentError
from ..validate import as_bool, as_choice, as_fraction, as_int, as_int_tuple, as_number, as_shape, construct

ACTIVATIONS = (
    "relu",
    "relu6",
    "elu",
    "selu",
    "gelu",
    "leaky_relu",
    "tanh",
    "sigmoid",
    "softmax",
    "linear",
    "softplus",
    "softsign",
    "swish",
    "silu",
    "exponential",
    "hard_sigmoid",
    "mish",
    "log_softmax",
)


def as_activation(value, name="activation"):
    if value is None:
        return None
    if not isinstance(value, str) or value not in ACTIVATIONS:
        raise ArgumentError(f"unknown `{name}` {value!r}; use one of: {', '.join(ACTIVATIONS)}")
    return value


PADDING = ("valid", "same")
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
    "target_shape": lambda v: as_shape(v, "target_shape"),
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
    "axis": lambda v: as_int(v, "axis"),
}


def _spatial(size):
    return {
        "kernel_size": lambda v: as_int_tuple(v, "kernel_size", size),
        "strides": lambda v: as_int_tuple(v, "strides", size),
        "pool_size": lambda v: as_int_tuple(v, "pool_size", size),
        "dilation_rate": lambda v: as_int_tuple(v, "dilation_rate", size),
    }


# name -> (Keras class, required arguments, layer-specific checks)
LAYERS = {
    "dense": (keras.layers.Dense, ("units",), {}),
    "activation": (keras.layers.Activation, ("activation",), {}),
    "dropout": (keras.layers.Dropout, ("rate",), {}),
    "batch_normalization": (keras.layers.BatchNormalization, (), {}),
    "flatten": (keras.layers.Flatten, (), {}),
    "reshape": (keras.layers.Reshape, ("target_shape",), {}),
    "conv_1d": (keras.layers.Conv1D, ("filters", "kernel_size"), _spatial(1)),
    "conv_2d": (keras.layers.Conv2D, ("filters", "kernel_size"), _spatial(2)),
    "max_pooling_1d": (keras.layers.MaxPooling1D, (), _spatial(1)),
    "max_pooling_2d": (keras.layers.MaxPooling2D, (), _spatial(2)),
    "average_pooling_1d": (keras.layers.AveragePooling1D, (), _spatial(1)),
    "average_pooling_2d": (keras.layers.AveragePooling2D, (), _spatial(2)),
    "global_average_pooling_1d": (keras.layers.GlobalAveragePooling1D, (), {}),
    "global_average_pooling_2d": (keras.layers.GlobalAveragePooling2D, (), {}),
    "global_max_pooling_2d": (keras.layers.GlobalMaxPooling2D, (), {}),
    "lstm": (keras.layers.LSTM, ("units",), {}),
    "gru": (keras.layers.GRU, ("units",), {}),
    "embedding": (keras.layers.Embedding, ("input_dim", "output_dim"), {}),
}


def make_layer(kind, **kwargs):
    """Build the Keras layer ``kind`` (a key of ``LAYERS``) from checked, normalised arguments."""
    if kind not in LAYERS:
        raise ArgumentError(f"unknown layer type {kind!r}; known: {', '.join(sorted(LAYERS))}")
    cls, required, checks = LAYERS[kind]
    missing = [name for name in required if kwargs.get(name) is None]
    if missing:
        raise ArgumentError(f"layer_{kind}() needs `{'`, `'.join(missing)}`")
    return construct(f"layer_{kind}", cls, kwargs, {**COMMON_CHECKS, **checks})
