"""R's wire form, shared by both transports (reticulate and rpy2), to pandas/NumPy and back.

R sends a verb's named arguments in the wire form that R/bridge-wire.R makes: vectors and data
frame columns as ``{"__vector__": type, "values", "na", "levels"}`` with an explicit NA mask, since
reticulate's own conversion turns logical NA into True, integer NA into -2147483648 and character NA
into "NA". Results go back with frames and factors spelt out the same way.

This module knows data, not verbs: objects R holds by reference (models, layers) are resolved and
wrapped by the caller (``pybridge.r.dispatch``) through the functions it passes in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ..encoding.columns import Columns, Unsupported
from ..errors import InputError
from ..history import History
from ..validate import R_INT_NA

Spec = dict[str, Any]  # one R value in the wire form R/bridge-wire.R makes


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or np.isscalar(value):
        return [value]
    return list(value)


def decode_vector(spec: Spec) -> Any:
    """One R vector (or data frame column) as the natural pandas/NumPy object, NA made missing."""
    rtype, values = spec["__vector__"], spec.get("values")
    na = spec.get("na")
    mask = None if na is None else np.asarray(na, dtype=bool).reshape(-1)
    if rtype == "character":
        out = np.array(_as_list(values), dtype=object)
        if mask is not None:
            out[mask] = None
        return out
    values = np.asarray(values).reshape(-1)
    if rtype == "factor":
        codes = values.astype(np.int64) - 1
        if mask is not None:
            codes[mask] = -1
        levels = [str(v) for v in _as_list(spec.get("levels"))]
        return pd.Categorical.from_codes(codes, categories=levels, ordered=bool(spec.get("ordered")))
    if rtype == "double":
        values = values.astype(np.float64, copy=False)
        if mask is not None:
            values = values.copy()
            values[mask] = np.nan
        return values
    if rtype == "integer":
        values = values.astype(np.int32, copy=False)
        return values if mask is None else pd.arrays.IntegerArray(values, mask.copy())
    if rtype == "logical":
        values = values.astype(bool)
        return values if mask is None else pd.arrays.BooleanArray(values, mask.copy())
    if rtype == "integer64":
        return _integer64(values, mask)
    if rtype in ("Date", "POSIXct"):
        # Days or seconds since 1970 (UTC). A double-stored column comes without a mask: NaN is its NA,
        # and an infinite date has no datetime64 form either, so it is missing too (not garbage).
        numbers = np.asarray(values, dtype=np.float64)
        missing = ~np.isfinite(numbers) if mask is None else mask | ~np.isfinite(numbers)
        scale = 86400e9 if rtype == "Date" else 1e9
        out = (np.where(missing, 0, numbers) * scale).astype("int64").astype("datetime64[ns]")
        out[missing] = np.datetime64("NaT")
        return out
    raise InputError(f"R type {rtype!r} cannot be encoded; use numeric, factor, character, logical, Date or POSIXct")


# bit64's integer64: a double vector whose 8 bytes are an int64, with INT64_MIN as NA. float64 holds
# every integer up to 2^53 exactly; beyond that a value would be rounded, so it is refused instead.
INTEGER64_NA = np.iinfo(np.int64).min
EXACT_INTEGER = 2**53


class OutOfRange(InputError):
    """An integer64 vector with values float64 cannot hold exactly: the caller names the column."""


def _integer64(values: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    # The bits as R holds them: a float64 array (reticulate, rpy2) or int64 already.
    integers = values.view(np.int64) if values.dtype == np.float64 else values.astype(np.int64, copy=False)
    missing = integers == INTEGER64_NA
    if mask is not None:
        missing |= mask
    beyond = np.abs(np.where(missing, 0, integers)) > EXACT_INTEGER
    if beyond.any():
        example = int(integers[beyond][0])
        raise OutOfRange(
            f"is integer64 with values beyond 2^53 (such as {example}), which a double cannot hold "
            "exactly; convert it (as.double() if rounding is acceptable, or as.character() for an identifier)"
        )
    out = integers.astype(np.float64)
    out[missing] = np.nan
    return out


def _refuse_duplicate_names(names: list[str]) -> None:
    if len(set(names)) != len(names):
        # pandas would keep both; say which instead of training on an ambiguous frame.
        dup = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"duplicate column name(s): {', '.join(dup)}")


def _decode_column(column: Spec, frame_spec: Spec) -> Any:
    try:
        return decode_vector(column)
    except InputError as err:
        # Decoded lazily: the error comes only if the column is used, with its name.
        reason = str(err) if isinstance(err, OutOfRange) else None
        return np.full(int(frame_spec.get("nrow", 0)), Unsupported(column["__vector__"], reason), dtype=object)


def decode_frame(spec: Spec, columns: bool = False) -> pd.DataFrame | Columns:
    """An R data frame as a DataFrame; with ``columns``, a small one as ``Columns`` (see below)."""
    names = [str(n) for n in _as_list(spec["names"])]
    if "matrix" in spec:
        # A small frame whose plain double columns R sent as one matrix (NA is NaN there, as in a
        # double column's own encoding); ``columns`` holds the others, None where the matrix has it.
        _refuse_duplicate_names(names)
        others = _as_list(spec.get("columns")) or [None] * len(names)
        width = sum(column is None for column in others)
        matrix = np.asarray(spec["matrix"], dtype=np.float64).reshape(int(spec["nrow"]), width)
        in_matrix = iter(matrix.T)
        small = Columns(
            (name, next(in_matrix) if column is None else _decode_column(column, spec))
            for name, column in zip(names, others)
        )
        # A verb's argument stays Columns: a predict() of numeric predictors never needs pandas.
        return small if columns else small.to_frame()
    columns = [_decode_column(column, spec) for column in _as_list(spec["columns"])]
    _refuse_duplicate_names(names)
    frame = pd.DataFrame(dict(zip(names, columns)), copy=False)
    if not columns:
        frame = pd.DataFrame(index=range(int(spec.get("nrow", 0))))
    return frame


def decode(
    value: Any,
    columns: bool = False,
    referenced: Callable[[Any], Any] | None = None,
    r_function: Callable[[Spec], Any] | None = None,
) -> Any:
    """R's wire form as Python values; ``columns``: small data frames as ``Columns`` (verb arguments,
    which the verbs turn into DataFrames where they need one), else as DataFrames. ``referenced``
    turns the number in ``{"__reference__": n}`` into the object R holds by reference, and
    ``r_function`` an R function's spec (``{"__r_function__": entry, "formals": ...}``) into a Python
    callable."""
    if isinstance(value, dict):
        if "__frame__" in value:
            return decode_frame(value, columns)
        if "__vector__" in value:
            return decode_vector(value)
        if "__reference__" in value:
            if referenced is None:
                raise InputError("an object held by reference reached a decoder that cannot resolve it")
            return referenced(value["__reference__"])
        if "__r_function__" in value:
            if r_function is None:
                raise InputError("an R function reached a decoder that cannot call R")
            return r_function(value)
        return {k: decode_named(k, v, columns, referenced, r_function) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v, columns, referenced, r_function) for v in value]
    return value


def decode_named(
    name: str,
    value: Any,
    columns: bool = False,
    referenced: Callable[[Any], Any] | None = None,
    r_function: Callable[[Spec], Any] | None = None,
) -> Any:
    """``decode()`` of the argument (or list item) ``name``, which its errors name."""
    try:
        return decode(value, columns, referenced, r_function)
    except OutOfRange as err:  # a vector argument (R's y): the error names it
        raise InputError(f"`{name}` {err}") from None


def _factor(categorical: pd.Categorical) -> Spec:
    codes = categorical.codes.astype(np.int32) + 1
    codes[codes == 0] = R_INT_NA
    return {
        "__factor__": True,
        "codes": codes,
        "levels": [str(c) for c in categorical.categories],
        "ordered": bool(categorical.ordered),
    }


def encode_column(column: Any) -> Any:
    """A Series, or a column of ``Columns``, in the form R reads."""
    if isinstance(column, pd.Categorical):
        return _factor(column)
    if isinstance(column, np.ndarray) and column.dtype == np.float64:
        return column  # NaN is NA in R too
    series = column if isinstance(column, pd.Series) else pd.Series(column)
    if isinstance(series.dtype, pd.CategoricalDtype):
        return _factor(series.array)
    has_na = bool(series.isna().any())
    if pd.api.types.is_bool_dtype(series.dtype):
        if not has_na:
            return series.to_numpy(dtype=bool)
        # A NumPy bool has no NA: integer codes, which R reads with NA_integer_, then as.logical().
        codes = series.to_numpy(dtype=np.int32, na_value=R_INT_NA)
        return {"__logical__": True, "values": codes}
    if pd.api.types.is_integer_dtype(series.dtype):
        # R reads -2147483648 in an integer vector as NA_integer_.
        return series.to_numpy(dtype=np.int32, na_value=R_INT_NA)
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    return [None if pd.isna(v) else str(v) for v in series]


def encode(value: Any, other: Callable[[Any], Any]) -> Any:
    """Python results in the form R/bridge-wire.R decodes. Data (frames, vectors, histories, lists,
    scalars) are spelt out here; ``other`` encodes anything else (models, layers: objects R holds)."""
    if isinstance(value, pd.DataFrame):
        return {
            "__frame__": True,
            "names": [str(c) for c in value.columns],
            "columns": [encode_column(value[c]) for c in value.columns],
        }
    if isinstance(value, Columns):
        return {"__frame__": True, "names": list(value), "columns": [encode_column(v) for v in value.values()]}
    if isinstance(value, History):
        return {
            "__history__": True,
            "metrics": {k: np.asarray(v) for k, v in value.metrics.items()},
            "params": encode(value.params, other),
            "frame": encode(value.to_frame(), other),
        }
    if isinstance(value, dict):
        return {str(k): encode(v, other) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v, other) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (bool, int, float, str, np.ndarray)):
        return value
    return other(value)
