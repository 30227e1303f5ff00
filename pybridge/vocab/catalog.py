"""Keras's public vocabulary under keras3's names, read from the installed Keras.

One place says which Keras names each family wraps (``layer_conv_2d_transpose``, ``op_expand_dims``,
``initializer_he_normal``, ...), which it leaves out and why, and how R's values are coerced per
argument. ``tools/make-vocabulary.py`` writes the R wrappers and the manifest from it; the verbs
(``api.layer``, ``api.keras_object``, ``api.keras_op``) look names up in it, so nothing outside it
can be reached from R.
"""

from __future__ import annotations

import functools
import inspect
import re
from dataclasses import dataclass
from typing import Any

import keras
import numpy as np

from ..errors import ArgumentError
from ..validate import as_shape
from . import callbacks as _callbacks
from . import losses as _losses
from . import optimizers as _optimizers

# family: (Keras module, R prefix, "class" or "function")
FAMILIES = {
    "layers": ("keras.layers", "layer", "class"),
    "ops": ("keras.ops", "op", "function"),
    "ops.image": ("keras.ops.image", "op_image", "function"),
    "random": ("keras.random", "random", "function"),
    "activations": ("keras.activations", "activation", "function"),
    "initializers": ("keras.initializers", "initializer", "class"),
    "regularizers": ("keras.regularizers", "regularizer", "class"),
    "constraints": ("keras.constraints", "constraint", "class"),
    "losses": ("keras.losses", "loss", "class"),
    "metrics": ("keras.metrics", "metric", "class"),
    "optimizers": ("keras.optimizers", "optimizer", "class"),
    "schedules": ("keras.optimizers.schedules", "learning_rate_schedule", "class"),
    "callbacks": ("keras.callbacks", "callback", "class"),
}

_BASE = "a base class: R subclasses it with R methods through {} (R/classes.R)"
_BASE_PYTHON_ONLY = "a base class: vocab.classes.new_class() subclasses it; R/classes.R has no R function for it yet"
_LOOKUP = "a name lookup or (de)serialisation helper, not vocabulary"
_HAND = "hand-written in pybridge with its own argument checks"

# Keras names deliberately not wrapped (the module's path below keras), with the reason.
NOT_WRAPPED = {
    "layers.Layer": _BASE.format("Layer()"),
    "layers.Wrapper": "a base class for layers that wrap a layer: R writes one with Layer() (R/classes.R), "
    "holding the wrapped layer as an attribute",
    "layers.Lambda": "layer_lambda() is written by hand: it takes an R function, which no model file holds",
    "layers.Input": "keras_input() makes inputs",
    "layers.InputLayer": "keras_input() makes inputs",
    "layers.InputSpec": "not a layer: a shape specification",
    "layers.TorchModuleWrapper": "wraps a PyTorch module: the torch backend only",
    "layers.JaxLayer": "wraps a JAX function: the JAX backend only",
    "layers.FlaxLayer": "wraps a Flax module: the JAX backend only",
    "layers.add": "the functional form of layer_add(), which takes a list of tensors too",
    "layers.average": "the functional form of layer_average()",
    "layers.concatenate": "the functional form of layer_concatenate()",
    "layers.dot": "the functional form of layer_dot()",
    "layers.maximum": "the functional form of layer_maximum()",
    "layers.minimum": "the functional form of layer_minimum()",
    "layers.multiply": "the functional form of layer_multiply()",
    "layers.subtract": "the functional form of layer_subtract()",
    "layers.serialize": _LOOKUP,
    "layers.deserialize": _LOOKUP,
    "activations.get": _LOOKUP,
    "activations.serialize": _LOOKUP,
    "activations.deserialize": _LOOKUP,
    "initializers.Initializer": _BASE_PYTHON_ONLY,
    "regularizers.Regularizer": _BASE_PYTHON_ONLY,
    "constraints.Constraint": _BASE.format("Constraint()"),
    "losses.Loss": _BASE.format("Loss()"),
    "metrics.Metric": _BASE.format("Metric()"),
    "metrics.Accuracy": "metric_accuracy() stands for the name 'accuracy', which Keras matches to the loss",
    "optimizers.Optimizer": "a base class; pybridge has no Optimizer() for R subclasses: an optimizer's "
    "update step runs for every variable at every step, too often for R",
    "optimizers.OptimizerMap": "a helper of MultiOptimizer, not an optimizer on its own",
    "schedules.LearningRateSchedule": _BASE.format("LearningRateSchedule()"),
    "callbacks.Callback": _BASE.format("Callback()"),
    "callbacks.CallbackList": "fit()'s own container of callbacks",
    "callbacks.History": "fit() returns the history",
    "callbacks.LambdaCallback": "callback_lambda() takes R functions",
    "callbacks.OrbaxCheckpoint": "needs the orbax package, which pybridge does not install",
}
for _module in ("initializers", "regularizers", "constraints", "losses", "metrics", "optimizers", "callbacks"):
    for _helper in ("get", "serialize", "deserialize"):
        if hasattr(getattr(keras, _module), _helper):
            NOT_WRAPPED[f"{_module}.{_helper}"] = _LOOKUP
for _helper in ("serialize", "deserialize"):
    if hasattr(keras.optimizers.schedules, _helper):
        NOT_WRAPPED[f"schedules.{_helper}"] = _LOOKUP

# keras3's spelling where the general rule (snake_case of the class) gives another.
KERAS3_NAMES = {
    "layers.UpSampling1D": "upsampling_1d",
    "layers.UpSampling2D": "upsampling_2d",
    "layers.UpSampling3D": "upsampling_3d",
    "layers.ReLU": "activation_relu",
    "layers.ELU": "activation_elu",
    "layers.LeakyReLU": "activation_leaky_relu",
    "layers.PReLU": "activation_parametric_relu",
    "layers.Softmax": "activation_softmax",
    "layers.TFSMLayer": "tfsm",
    "metrics.FBetaScore": "fbeta_score",
    "metrics.MeanMetricWrapper": "mean_wrapper",
    "optimizers.RMSprop": "rmsprop",
    "optimizers.LossScaleOptimizer": "loss_scale",
    "callbacks.TensorBoard": "tensorboard",
    "regularizers.OrthogonalRegularizer": "orthogonal",
    "random.randint": "integer",
    "random.SeedGenerator": "seed_generator",
}


def snake_case(name: str) -> str:
    """keras3's rule: ``Conv2DTranspose`` -> ``conv_2d_transpose``, ``ReduceLROnPlateau`` ->
    ``reduce_lr_on_plateau``, ``BinaryIoU`` -> ``binary_iou``."""
    name = name.replace("IoU", "Iou").replace("NaN", "Nan")
    name = re.sub(r"(\d)D(?=[A-Z]|$)", r"_\1d_", name)
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"_+", "_", name).strip("_").lower()


def _public(module: Any) -> list[str]:
    return sorted(n for n in dir(module) if not n.startswith("_"))


def _hand_written() -> dict[str, str]:
    """R names that pybridge writes by hand (R/losses.R, R/optimizers.R, R/callbacks.R, R/layers.R)."""
    names = {f"loss_{k}" for k in _losses.LOSSES} | {f"metric_{k}" for k in _losses.METRICS}
    names |= {"metric_accuracy", "callback_lambda", "layer_lambda"}
    names |= {f"optimizer_{k}" for k in _optimizers.OPTIMIZERS} | {f"callback_{k}" for k in _callbacks.CALLBACKS}
    return dict.fromkeys(sorted(names), _HAND)


@dataclass(frozen=True)
class Entry:
    """One wrapped Keras name: its R name, family, Keras path and the class or function."""

    name: str
    family: str
    path: str
    target: Any
    function: Any = None  # losses and metrics: the function that computes them on y_true, y_pred


def _r_name(family: str, module_key: str, exported: str, target: Any, aliases: dict[Any, list[str]]) -> str:
    prefix = FAMILIES[family][1]
    key = f"{module_key}.{exported}"
    if key in KERAS3_NAMES:
        return f"{prefix}_{KERAS3_NAMES[key]}"
    if FAMILIES[family][2] == "function" or (family == "random" and exported[0].islower()):
        return f"{prefix}_{exported}"
    if family == "constraints":  # keras3: constraint_maxnorm, constraint_nonneg
        return f"{prefix}_{exported.lower()}"
    lower = [n for n in aliases.get(target, []) if n[0].islower()]
    if family in ("initializers", "regularizers") and lower:  # Keras's own snake names
        return f"{prefix}_{lower[0]}"
    return f"{prefix}_{snake_case(exported)}"


def _module_key(family: str) -> str:
    return "schedules" if family == "schedules" else family


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Entry]:
    """Every wrapped name, from R name to entry. Built once, on first use."""
    hand = _hand_written()
    out: dict[str, Entry] = {}
    for family, (module_path, _prefix, kind) in FAMILIES.items():
        module = eval(module_path, {"keras": keras})  # noqa: S307 - a fixed table of module paths
        key = _module_key(family)
        aliases: dict[Any, list[str]] = {}
        for exported in _public(module):
            obj = getattr(module, exported)
            if inspect.ismodule(obj):
                continue
            aliases.setdefault(obj, []).append(exported)
        for target, names in aliases.items():
            is_class = inspect.isclass(target)
            if kind == "class" and not is_class and family not in ("metrics",):
                continue
            if kind == "function" and is_class and family != "random":
                continue
            # One name per object: the class's own name when Keras exports it, else the first.
            exported = target.__name__ if target.__name__ in names else names[0]
            if any(f"{key}.{n}" in NOT_WRAPPED for n in names):
                continue
            if family == "metrics" and not is_class:
                continue  # metric functions join their class below, or stand alone
            name = _r_name(family, key, exported, target, aliases)
            if name in hand:
                continue
            function = None
            if family in ("losses", "metrics"):
                function = getattr(module, snake_case(exported), None)
                if function is not None and inspect.isclass(function):
                    function = None
            out[name] = Entry(name, family, f"{module_path}.{exported}", target, function)
        if family == "metrics":
            for exported in _public(module):
                obj = getattr(module, exported)
                name = f"metric_{exported}"
                if inspect.isfunction(obj) and f"metrics.{exported}" not in NOT_WRAPPED and name not in out:
                    if name not in hand:
                        out[name] = Entry(name, family, f"keras.metrics.{exported}", None, obj)
    return dict(sorted(out.items()))


def not_wrapped() -> dict[str, str]:
    """Keras names left out (``keras.layers.Lambda``, ...) and R names written by hand, with why."""
    return {f"keras.{k}": v for k, v in sorted(NOT_WRAPPED.items())} | _hand_written()


# Argument names that take whole numbers (R sends doubles), beyond those whose Keras default is one.
INTEGER_NAMES = {
    "units",
    "filters",
    "kernel_size",
    "strides",
    "pool_size",
    "dilation_rate",
    "size",
    "cropping",
    "seed",
    "axis",
    "axes",
    "axis1",
    "axis2",
    "num_classes",
    "num_heads",
    "key_dim",
    "value_dim",
    "groups",
    "input_dim",
    "output_dim",
    "n",
    "k",
    "depth",
    "num_tokens",
    "max_tokens",
    "num_bins",
    "decay_steps",
    "first_decay_steps",
    "output_sequence_length",
    "sequence_length",
    "height",
    "width",
    "num_thresholds",
    "top_k",
    "class_id",
    "batch_size",
    "repeats",
    "shift",
    "patience",
    "verbose",
    "num_oov_indices",
    "output_mode_depth",
    "steps",
    "num",
    "source",
    "destination",
    "num_segments",
    "frame_length",
    "frame_step",
    "fft_length",
    "sequence_stride",
    "sampling_rate",
    "num_mel_bins",
    "ignore_class",
    "N",
    "M",
    "new_shape",
    "newshape",
    "dims",
    "indices_or_sections",
    "output_size",
    "num_samples",
    "pad_width",
}
SHAPE_NAMES = {"shape", "input_shape", "target_shape", "noise_shape", "batch_input_shape", "output_shape"}
AXIS_NAMES = {"axis", "axes", "axis1", "axis2", "source", "destination"}


# Arguments that take whole numbers for one function only (elsewhere the same name takes any number).
INTEGER_ARGUMENTS = {keras.random.randint: {"minval", "maxval"}}


@functools.cache
def argument_kinds(target: Any) -> dict[str, str]:
    """Per argument of a Keras class or function: "int" (whole numbers, or vectors of them),
    "shape" (NA for unknown sizes) or "" (left to Keras)."""
    try:
        parameters = inspect.signature(target).parameters
    except (TypeError, ValueError):
        return {}
    kinds = {}
    for name, p in parameters.items():
        default = p.default
        whole = isinstance(default, int) and not isinstance(default, bool)
        whole |= isinstance(default, tuple) and bool(default) and all(type(v) is int for v in default)
        if name in SHAPE_NAMES:
            kinds[name] = "shape"
        elif name in INTEGER_NAMES or name in INTEGER_ARGUMENTS.get(target, ()) or whole:
            kinds[name] = "int"
        else:
            kinds[name] = ""
    return kinds


@functools.cache
def parameters(target: Any) -> list[inspect.Parameter]:
    """The Keras signature's named parameters (``self``, ``*args`` and ``**kwargs`` left out);
    cached, as every call of a wrapper asks and a signature does not change."""
    try:
        params = inspect.signature(target).parameters.values()
    except (TypeError, ValueError):
        return []
    skip = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    return [p for p in params if p.kind not in skip and p.name != "self"]


def _whole(value: Any) -> Any:
    """R's whole doubles as ints (``16`` -> 16, ``c(3, 3)`` -> (3, 3)); anything else as it came."""
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, (float, np.floating, np.integer)) and np.isfinite(value) and value == int(value):
        return int(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "fi" and value.ndim == 1 and value.size:
        if np.all(np.isfinite(value)) and np.all(value == np.round(value)):
            return tuple(int(v) for v in value)
    return value


def _zero_based(value: Any, name: str) -> Any:
    """keras3's ops count axes from 1, as R does; Keras from 0. Negative axes count from the end."""
    if isinstance(value, tuple):
        return tuple(_zero_based(v, name) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value == 0:
            raise ArgumentError(f"`{name}` counts from 1 (as in R and keras3), or from the end with -1; not 0")
        return value - 1 if value > 0 else value
    return value


def coerce(target: Any, kwargs: dict[str, Any], one_based_axes: bool = False) -> dict[str, Any]:
    """R's values as Keras wants them, per argument kind (see ``argument_kinds``); Keras validates
    the values themselves. ``one_based_axes``: the ops' axis arguments count from 1."""
    kinds = argument_kinds(target)
    out = {}
    for name, value in kwargs.items():
        kind = kinds.get(name) or ("shape" if name in SHAPE_NAMES else "int" if name in INTEGER_NAMES else "")
        if value is not None and kind == "shape":
            value = as_shape(value, name)
        elif value is not None and kind == "int":
            value = _whole(value)
            if one_based_axes and name in AXIS_NAMES:
                value = _zero_based(value, name)
        out[name] = value
    return out


# keras3's own arguments beyond Keras's, per wrapper: name -> (R default, documentation). They are
# applied by ``r_arguments`` before the Keras call; the generator adds them to the R signature.
R_ARGUMENTS = {
    "op_arange": {
        "include_end": (
            "TRUE",
            "Whether the sequence ends at `stop` (as R's `seq()` does, and keras3's op_arange()) rather than "
            "before it (as Keras does). With `stop` missing, the sequence runs from 1 to `start`, as `seq_len()`.",
        ),
    },
    "op_one_hot": {
        "zero_indexed": (
            "FALSE",
            "Whether `x` holds classes counted from 0 (as Keras does) rather than from 1 (as R does, "
            "the default, so class 1 is the first column).",
        ),
    },
}


# keras3's order of arguments where it differs from Keras's: the data first, for R's pipe.
R_ORDER = {"op_map": ("xs", "f"), "op_vectorized_map": ("elements", "function")}

# Ops that take functions (R functions cross as callables that Keras runs with tensors), with the
# arguments holding their loop values. Keras carries those in one dtype, so R's doubles enter as
# floatx, as a Python float does (else `init = 0` is float32 and `xs = c(1, 2)` float64, and the
# loop fails). "..." is op_switch's operands.
LOOP_VALUES = {
    "op_associative_scan": ("elems",),
    "op_cond": (),
    "op_custom_gradient": (),
    "op_fori_loop": ("init_val",),
    "op_map": ("xs",),
    "op_scan": ("init", "xs"),
    "op_switch": ("...",),
    "op_vectorized_map": ("elements",),
    "op_while_loop": ("loop_vars",),
}


def r_arguments(wrapper: str, args: dict[str, Any]) -> dict[str, Any]:
    """``args`` with keras3's own arguments of ``wrapper`` applied and removed."""
    args = dict(args)
    if wrapper == "op_arange":
        include_end = args.pop("include_end", True)
        if not isinstance(include_end, (bool, np.bool_)):
            raise ArgumentError("`include_end` must be TRUE or FALSE")
        if args.get("stop") is None and args.get("start") is not None:  # op_arange(5): 1, 2, ..., 5
            args["start"], args["stop"] = type(args["start"])(1), args["start"]
        if include_end and args.get("stop") is not None:
            args["stop"] = args["stop"] + args.get("step", 1)
    elif wrapper == "op_one_hot":
        zero_indexed = args.pop("zero_indexed", False)
        if not isinstance(zero_indexed, (bool, np.bool_)):
            raise ArgumentError("`zero_indexed` must be TRUE or FALSE")
        if not zero_indexed and args.get("x") is not None:
            args["x"] = keras.ops.subtract(args["x"], 1)  # R's class 1 is Keras's class 0
    elif wrapper == "op_switch" and args.get("index") is not None:
        # keras3 counts branches from 1; Keras from 0 (both clamp an index out of range).
        index = _whole(args["index"])
        args["index"] = index - 1 if isinstance(index, int) else keras.ops.subtract(index, 1)
    for name in LOOP_VALUES.get(wrapper, ()):
        if args.get(name) is not None:
            args[name] = _floatx(args[name])
    return args


def _floatx(value: Any) -> Any:
    """R's doubles (float64 arrays, Python floats) as Keras's float type; lists item by item."""
    if isinstance(value, (list, tuple)):
        return type(value)(_floatx(v) for v in value)
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        return value.astype(keras.config.floatx())
    if isinstance(value, float):
        return np.asarray(value, keras.config.floatx())
    return value
