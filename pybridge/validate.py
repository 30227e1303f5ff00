"""Argument coercion shared by every layer: R sends whole numbers as doubles, vectors as arrays and
NA as sentinels; these turn them into what Keras wants or raise an ``ArgumentError`` naming the
argument. No Keras here: values Keras itself validates are left to Keras (see ``construct``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from numbers import Number
from typing import Any

import numpy as np
import pandas as pd

from .errors import ArgumentError

R_INT_NA = -2147483648  # R's NA_integer_ as it reaches Python: INT_MIN

Check = Callable[[Any], Any]


def _is_number(value: Any) -> bool:
    return not isinstance(value, (bool, np.bool_)) and isinstance(value, (Number, np.number))


def as_int(value: Any, name: str, minimum: int | None = None) -> int:
    """An integer-valued number (R sends doubles such as ``16``) as ``int``, else an ArgumentError."""
    if not _is_number(value) or not math.isfinite(value) or value != int(value):
        raise ArgumentError(f"`{name}` must be a whole number, not {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ArgumentError(f"`{name}` must be at least {minimum}, not {value}")
    return value


def as_fraction(value: Any, name: str) -> float:
    """A number in [0, 1) as ``float``."""
    if not _is_number(value) or not 0 <= value < 1:
        raise ArgumentError(f"`{name}` must be a number in [0, 1), not {value!r}")
    return float(value)


def as_number(value: Any, name: str, minimum: float | None = None) -> float:
    """A finite real number as ``float``; ``minimum`` is inclusive."""
    if not _is_number(value) or not math.isfinite(value) or (minimum is not None and value < minimum):
        bound = f" at least {minimum}" if minimum is not None else ""
        raise ArgumentError(f"`{name}` must be a finite number{bound}, not {value!r}")
    return float(value)


def as_shape(value: Any, name: str) -> tuple[int | None, ...] | None:
    """A shape as a tuple: ``4`` -> ``(4,)``; NaN / None / R's NA integer -> ``None`` (unknown)."""
    if value is None:
        return None
    items = np.ravel(np.asarray(value, dtype=object)) if not np.isscalar(value) else [value]
    shape: list[int | None] = []
    for item in items:
        if item is None or pd.isna(item) or item == R_INT_NA:
            shape.append(None)
        else:
            shape.append(as_int(item, name, minimum=1))
    return tuple(shape)


def as_int_tuple(value: Any, name: str, size: int) -> tuple[int, ...]:
    """``3`` -> ``(3, 3)`` for a 2-d kernel; a length-``size`` vector -> a tuple of ints."""
    items = [value] * size if np.isscalar(value) else list(np.ravel(value))
    if len(items) != size:
        raise ArgumentError(f"`{name}` must have 1 or {size} values, not {len(items)}")
    return tuple(as_int(v, name, minimum=1) for v in items)


def as_choice(value: Any, name: str, choices: tuple[Any, ...]) -> Any:
    if value not in choices:
        raise ArgumentError(f"`{name}` must be one of {', '.join(map(repr, choices))}, not {value!r}")
    return value


def as_bool(value: Any, name: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise ArgumentError(f"`{name}` must be TRUE/FALSE (True/False), not {value!r}")
    return bool(value)


def construct(label: str, cls: Callable[..., Any], kwargs: Mapping[str, Any], checks: Mapping[str, Check]) -> Any:
    """``cls(**kwargs)`` with every argument ``checks`` knows checked and normalised first; the
    constructor's own refusal becomes an ArgumentError naming the verb ``label`` (``layer_dense``)."""
    args = {
        name: (checks[name](value) if name in checks and value is not None else value) for name, value in kwargs.items()
    }
    try:
        return cls(**args)
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"{label}(): {err}") from None
