"""Every catalog name that is not a layer, from R's arguments: objects (initializers, regularizers,
constraints, losses, metrics, optimizers, schedules, callbacks) and functions (ops, random,
activations) run eagerly on arrays or symbolically on tensors from ``keras_input()``.

Only names in ``catalog.table()`` can be reached: R cannot ask for an arbitrary Keras attribute.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Iterator
from typing import Any

import keras
import numpy as np

from ..errors import ArgumentError, PybridgeError
from . import catalog, losses

FUNCTION_FAMILIES = ("ops", "ops.image", "random", "activations")


def _entry(name: str, functions: bool) -> catalog.Entry:
    entry = catalog.table().get(name)
    if entry is None or entry.family == "layers" or (entry.family in FUNCTION_FAMILIES) != functions:
        what = "op, random or activation function" if functions else "Keras object"
        raise ArgumentError(f"{name!r} is not a {what} pybridge knows")
    return entry


# While R code runs inside Keras (a layer's call(), a callback), what it computes goes back to Keras:
# concrete tensors stay tensors there, as keras3 gives them, so a mask or a dtype is not lost.
_INSIDE_KERAS = [0]


@contextlib.contextmanager
def inside_keras() -> Iterator[None]:
    _INSIDE_KERAS[0] += 1
    try:
        yield
    finally:
        _INSIDE_KERAS[0] -= 1


def as_r_value(value: Any) -> Any:
    """A Keras result as R takes it: eager tensors as NumPy arrays (0-d as scalars), tuples as lists;
    symbolic tensors (functional API, or traced inside a loss or layer written in R) stay tensors,
    which R holds by handle, as do variables (a layer's weights, which training updates)."""
    if isinstance(value, (tuple, list)):
        return [as_r_value(v) for v in value]
    if isinstance(value, dict):
        return {k: as_r_value(v) for k, v in value.items()}
    if isinstance(value, (keras.KerasTensor, keras.Variable)) or not keras.ops.is_tensor(value):
        return value
    if _INSIDE_KERAS[0] or getattr(value, "_keras_mask", None) is not None:
        return value  # an array would lose the mask a masking layer attached (keras3: x$`_keras_mask`)
    try:
        array = keras.ops.convert_to_numpy(value)
    except Exception:  # noqa: BLE001 - a graph tensor (inside a traced loss, metric or layer) has no values
        return value
    return array.item() if array.ndim == 0 else array


def names_before_varargs(target: Any) -> list[str] | None:
    """The parameters before ``*args`` (``einsum``: ``subscripts``), or None when there is no ``*args``."""
    try:
        parameters = list(inspect.signature(target).parameters.values())
    except (TypeError, ValueError):
        return None
    kinds = [p.kind for p in parameters]
    if inspect.Parameter.VAR_POSITIONAL not in kinds:
        return None
    return [p.name for p in parameters[: kinds.index(inspect.Parameter.VAR_POSITIONAL)]]


def keras_op(wrapper: str, args: dict[str, Any] | None = None) -> Any:
    """Run ``op_*()``, ``random_*()`` or ``activation_*()`` ``wrapper`` on ``args`` (keras3's names).
    ``args["..."]``, a list, holds the values of the Keras function's ``*args`` (``einsum``'s operands)."""
    entry = _entry(wrapper, functions=True)
    args = dict(args or {})
    positional = list(args.pop("...", None) or [])
    before = names_before_varargs(entry.target) if positional else []
    if before is None:
        raise ArgumentError(f"{wrapper}(): every argument passed through `...` must be named")
    try:
        args = catalog.r_arguments(wrapper, args | {"...": positional})
        positional = args.pop("...")
        args = catalog.coerce(entry.target, args, one_based_axes=entry.family.startswith("ops"))
        # Python takes the parameters before *args positionally when *args are given.
        positional = [args.pop(name) for name in before if name in args] + positional
        return as_r_value(entry.target(*positional, **args))
    except ArgumentError as err:
        raise ArgumentError(f"{wrapper}(): {err}") from None
    except PybridgeError:
        raise
    except Exception as err:  # noqa: BLE001 - Keras and TensorFlow refuse bad values in many classes
        raise ArgumentError(f"{wrapper}(): {type(err).__name__}: {err}") from None


def _computed(entry: catalog.Entry, made: Any, y_true: Any, y_pred: Any, args: dict[str, Any]) -> Any:
    """keras3's loss_*(y_true, y_pred) and metric_*(y_true, y_pred) on R's arrays: the values, not an object."""
    if isinstance(made, keras.losses.Loss):
        return losses.loss_values(made, y_true, y_pred)
    y_true, y_pred = np.asarray(y_true, "float32"), np.asarray(y_pred, "float32")
    if made is None:  # a metric Keras has as a function only
        return np.asarray(entry.function(y_true, y_pred, **args), dtype="float64")
    made.update_state(y_true, y_pred)
    return np.asarray(made.result(), dtype="float64")


def _computed_on_tensors(entry: catalog.Entry, y_true: Any, y_pred: Any, args: dict[str, Any]) -> Any:
    """loss_*() and metric_*() on tensors (an R loss or metric calling them while Keras traces it):
    Keras's per-sample function on them, a tensor, with no metric object made, as its variables cannot
    be made inside Keras's traced step. A metric with state across batches has no such function."""
    if entry.family == "losses":
        return losses.loss_values(entry.target(**args), y_true, y_pred)
    if entry.function is None:
        raise ArgumentError(
            f"{entry.name}() keeps state across batches, so it has no value per batch of tensors: "
            "give the metric object to compile(metrics = ), or compute it on R arrays"
        )
    accepted = {p.name for p in catalog.parameters(entry.function)}
    # The constructor's own arguments (name, dtype) are not the function's.
    kwargs = {k: v for k, v in args.items() if k in accepted}
    return entry.function(*losses.as_tensors(y_true, y_pred), **kwargs)


def keras_object(wrapper: str, args: dict[str, Any] | None = None) -> Any:
    """Make the Keras object of ``wrapper`` (``initializer_he_normal``, ``metric_true_positives``,
    ...) from ``args``; a loss or metric given ``y_true`` and ``y_pred`` computes them instead."""
    entry = _entry(wrapper, functions=False)
    args = dict(args or {})
    y_true, y_pred = args.pop("y_true", None), args.pop("y_pred", None)
    if (y_true is None) != (y_pred is None):
        raise ArgumentError(f"{wrapper}() needs both `y_true` and `y_pred`, or neither")
    if entry.target is None and y_true is None:
        raise ArgumentError(f"{wrapper}() needs `y_true` and `y_pred`: Keras has it as a function only")
    try:
        target = entry.target or entry.function
        args = catalog.coerce(target, args)
        if y_true is not None and (losses.is_tensor(y_true) or losses.is_tensor(y_pred)):
            return as_r_value(_computed_on_tensors(entry, y_true, y_pred, args))
        made = entry.target(**args) if entry.target is not None else None
        return made if y_true is None else _computed(entry, made, y_true, y_pred, args)
    except PybridgeError:
        raise
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"{wrapper}(): {err}") from None
