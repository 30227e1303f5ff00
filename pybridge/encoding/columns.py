"""One data-frame column at a time: its encoding family, missing values, numbers and level labels;
``Columns``, a frame before pandas; and the thread helper the encoders share. pandas/NumPy only."""

from __future__ import annotations

import concurrent.futures
import numbers
import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError

NUMERIC, CATEGORICAL, LOGICAL, DATETIME = "numeric", "categorical", "logical", "datetime"
# Threads for large data (NumPy releases the GIL in its loops); a few suffice to keep memory busy.
THREADS = min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def each(function: Callable[[Any], object], items: Sequence[Any], parallel: bool) -> None:
    """``function`` on every item, spread over THREADS threads when ``parallel``; errors propagate."""
    if not parallel or THREADS < 2 or len(items) < 2:
        for item in items:
            function(item)
        return
    with concurrent.futures.ThreadPoolExecutor(min(THREADS, len(items))) as pool:
        list(pool.map(function, items))


class Unsupported:
    """Stands for the values of a column whose R type pybridge cannot encode (a list or complex
    column), so that the error names it only if the column is used: extra columns are ignored."""

    def __init__(self, rtype: str, reason: str | None = None) -> None:
        self.rtype = rtype
        self.reason = reason  # what is wrong with it, when its type is fine but its values are not


def column_kind(series: pd.Series, name: Any) -> str:
    """The encoding family of one column, or an InputError for a type pybridge cannot encode."""
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return CATEGORICAL
    if pd.api.types.is_bool_dtype(dtype):
        return LOGICAL
    if pd.api.types.is_numeric_dtype(dtype):
        return NUMERIC
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return DATETIME
    if pd.api.types.is_string_dtype(dtype) or dtype == object:  # noqa: E721 - a NumPy dtype, equal by value
        sample = series.dropna()
        if len(sample) and isinstance(sample.iloc[0], Unsupported):
            if sample.iloc[0].reason:
                raise InputError(f"column `{name}` {sample.iloc[0].reason}")
            raise InputError(
                f"column `{name}` has R type '{sample.iloc[0].rtype}', which pybridge cannot "
                "encode; use numeric, factor, character, logical, Date or POSIXct columns"
            )
        if sample.map(lambda v: isinstance(v, str)).all():
            return CATEGORICAL
        # Numbers or booleans kept as Python objects (a column built from a list with None, an Arrow
        # boolean column with nulls) mean what their values are, not a list column.
        if _all_numbers(sample):
            return NUMERIC
        if sample.map(lambda v: isinstance(v, (bool, np.bool_))).all():
            return LOGICAL
        bad = sample[~sample.map(lambda v: isinstance(v, str))].iloc[0]
        raise InputError(
            f"column `{name}` holds {type(bad).__name__} values (a list column?); "
            "use numeric, factor, character, logical or date columns"
        )
    raise InputError(f"column `{name}` has type {dtype}, which pybridge cannot encode")


def _all_numbers(values: pd.Series) -> bool:
    """Every value a real number (Python's, NumPy's, a Fraction), none of them a boolean."""
    return all(isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)) for v in values)


# Keras computes in float32: a finite double beyond its range (1e39) would become infinite and train
# to NaN, so such values are refused where columns are encoded, naming the column.
FLOAT32_MAX = float(np.finfo(np.float32).max)


def check_float32_range(values: np.ndarray, name: Any, what: str | None = None) -> None:
    """An InputError naming ``name`` when a finite value of ``values`` (float64) is beyond float32's
    range; NaN and infinities are missing values, which the NA policy handles."""
    if values.size == 0 or values.dtype.kind != "f" or values.dtype.itemsize <= 4:
        return
    with np.errstate(invalid="ignore"):
        high, low = values.max(), values.min()
    if np.isfinite(high) and np.isfinite(low):
        if -FLOAT32_MAX <= low and high <= FLOAT32_MAX:
            return
    finite = values[np.isfinite(values)]
    beyond = finite[np.abs(finite) > FLOAT32_MAX]
    if beyond.size:
        raise InputError(
            f"{what or f'column `{name}`'} has values beyond float32's range (such as {beyond[0]:g}; at most "
            f"{FLOAT32_MAX:.4g} in magnitude), which Keras computes in; rescale it (divide by a power "
            "of ten, or take log())"
        )


def missing_mask(series: pd.Series) -> np.ndarray:
    """True where a value is NA, NaN or infinite."""
    numeric = pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype)
    if numeric or (series.dtype == object and _all_numbers(series.dropna())):  # noqa: E721
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        return ~np.isfinite(values)
    return series.isna().to_numpy()


def evenly_spaced(arrays: list[Any]) -> np.ndarray | None:
    """Several float64 columns as one (rows x columns) view of the memory they are in, when each
    starts the same distance after the one before and all have the same length and row step: the
    columns of a pandas block, or of a NumPy array; R's, mostly, as R allocates them one after
    another. None otherwise. The view reaches exactly the columns' own values, nothing between."""
    first = arrays[0] if arrays else None
    if not isinstance(first, np.ndarray) or first.dtype != np.float64 or first.ndim != 1:
        return None
    gap = arrays[1].ctypes.data - first.ctypes.data if len(arrays) > 1 and isinstance(arrays[1], np.ndarray) else 0
    for j, values in enumerate(arrays):
        if (
            not isinstance(values, np.ndarray)
            or values.dtype != np.float64
            or values.shape != first.shape
            or values.strides != first.strides
            or values.ctypes.data != first.ctypes.data + j * gap
        ):
            return None
    return np.lib.stride_tricks.as_strided(
        first, shape=(len(first), len(arrays)), strides=(first.strides[0], gap), writeable=False
    )


def row_major(sources: list[Any]) -> np.ndarray | None:
    """The columns as one C-ordered (rows x columns) float64 view when they are all the columns, in
    order, of one C-ordered array (a DataFrame made from a C-ordered NumPy array holds them so); else
    None."""
    matrix = evenly_spaced(sources)
    if matrix is None or matrix.strides != (8 * len(sources), 8):  # a subset or a row slice: not one array
        return None
    return matrix


def all_finite(frame: pd.DataFrame) -> bool:
    """True when no column of ``frame`` can hold a missing value: plain integer and boolean columns, and
    float64 columns whose sum is finite (any NA, NaN or infinity makes it NaN or infinite), one pass
    each without a mask (one in all for a frame that is one C-ordered array). False means: look
    column by column (another type, a missing value, or a sum beyond float64's range)."""
    floats = []
    for name in frame.columns:
        dtype = frame[name].dtype
        if not isinstance(dtype, np.dtype) or dtype.kind not in "fiub" or (dtype.kind == "f" and dtype != np.float64):
            return False
        if dtype.kind == "f":
            floats.append(frame[name].to_numpy())
    matrix = row_major(floats) if len(floats) == frame.shape[1] else None
    with np.errstate(over="ignore", invalid="ignore"):
        sums = [np.add.reduce(matrix.reshape(-1))] if matrix is not None else map(np.add.reduce, floats)
        return all(np.isfinite(total) for total in sums)


def numeric_values(series: pd.Series, kind: str) -> np.ndarray:
    """A numeric or date column as float64 (dates as days since 1970), missing as NaN."""
    if kind == DATETIME:
        values = series.to_numpy(dtype="datetime64[ns]").astype("int64").astype("float64")
        values[series.isna().to_numpy()] = np.nan
        return values / 86400e9
    return series.to_numpy(dtype="float64", na_value=np.nan)


def as_labels(series: pd.Series) -> pd.Series:
    """A categorical's values as the strings its levels are stored as (R's factor labels), so a
    category of integers, say, matches its stored levels; other series as they are."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        labelled = series.cat.rename_categories([str(c) for c in series.cat.categories])
        return labelled.astype(object)
    return series


def level_labels(series: pd.Series, kind: str) -> list[Any]:
    if kind == LOGICAL:
        return [False, True]
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [str(v) for v in series.cat.categories]
    return sorted(set(series.dropna()))


def check_frame(x: pd.DataFrame) -> None:
    if x.shape[1] == 0:
        raise InputError("the data frame has no predictor columns")
    if len(x) == 0:
        raise InputError("the data frame has no rows")
    check_unique_names(x)


def column_names(columns: pd.Index) -> list[str]:
    """Column labels as the strings pybridge names columns by, the same at fit and predict: ``0`` is
    "0" (``pd.DataFrame(array)``), a MultiIndex's ``("x", "a")`` is "x_a" (empty levels left out, as
    ``("y", "")`` after an aggregation is plainly "y")."""
    if isinstance(columns, pd.MultiIndex):
        return ["_".join(str(level) for level in label if str(level) != "") for label in columns]
    return [str(label) for label in columns]


def with_string_names(x: Any) -> Any:
    """A data frame with its column labels as ``column_names()``; the frame itself when they are
    already strings (no copy on predict()'s path), a shallow copy (data shared) otherwise."""
    if not isinstance(x, pd.DataFrame) or _string_labels(x.columns):
        return x
    named = x.copy(deep=False)
    named.columns = column_names(x.columns)
    return named


def _string_labels(columns: pd.Index) -> bool:
    # inferred_type is cached on the Index, so asking again for the same frame costs nothing.
    return not isinstance(columns, pd.MultiIndex) and columns.inferred_type in ("string", "empty")


def check_unique_names(x: Any) -> None:
    """Duplicate names would make a column ambiguous; say which instead of picking one. Names are
    compared as strings, so ``1`` and ``"1"``, or ``("a", "b")`` and ``"a_b"``, collide."""
    if isinstance(x, pd.DataFrame):
        names = x.columns if _string_labels(x.columns) else pd.Index(column_names(x.columns))
        if names.is_unique:
            return
        duplicated = sorted(set(names[names.duplicated()]))
        raise InputError(f"duplicate column name(s): {', '.join(duplicated)}")


def time_zone(series: pd.Series) -> str | None:
    """The time zone of a date-time column ("UTC", "Europe/Paris"), None when it is naive."""
    tz = getattr(series.dtype, "tz", None)
    return None if tz is None else str(tz)


class Columns(dict):
    """A data frame as named columns (NumPy arrays, Categoricals) in order, before pandas. pandas costs
    more to build a frame of a few rows than a prediction does: R's small frames arrive as Columns,
    predictions leave for R as Columns, and each becomes a DataFrame only where one is needed."""

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(self)
