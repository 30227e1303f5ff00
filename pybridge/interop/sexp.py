"""R data in Python: rpy2 data frames and vectors as pandas, with R's meaning kept.

Each column goes through NumPy (a view of R's memory, then one copy) into the same wire spec that
R/bridge-wire.R sends, and ``wire.decode_vector`` makes the pandas column, so R data reach the Python
API with one decoding whichever way they come. rpy2's pandas2ri is not used: it turns logical and
character NA into sentinel objects and dates into float days. Nothing here starts R: these functions
take R objects that already exist in this process.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import pandas as pd

from ..encoding.columns import Columns
from ..errors import InputError
from ..validate import R_INT_NA
from . import wire


def raw_view(sexp: Any) -> np.ndarray:
    """An atomic R vector's memory as a 1-d NumPy array, no copy: float64, or int32 for integer,
    factor and logical vectors (R's NA is NaN or -2147483648). Only valid while R keeps the vector."""
    import rpy2.rinterface as ri

    if not isinstance(sexp, (ri.FloatSexpVector, ri.IntSexpVector, ri.BoolSexpVector)):
        raise TypeError(f"an R {r_typeof(sexp)} vector has no NumPy view")
    if len(sexp) == 0:  # rpy2 cannot make a memoryview of an empty vector
        return np.empty(0, np.float64 if isinstance(sexp, ri.FloatSexpVector) else np.int32)
    values = np.asarray(sexp.memoryview()).reshape(-1, order="F")
    return values if values.dtype == np.float64 else values.view(np.int32)


def r_array(sexp: Any, copy: bool = False) -> np.ndarray:
    """An atomic R vector as a 1-d NumPy array: a view of R's memory unless ``copy``; logical vectors
    become bool (NA as True, as reticulate) and character vectors object arrays (NA as None)."""
    import rpy2.rinterface as ri

    if isinstance(sexp, ri.StrSexpVector):
        return np.array([None if v is ri.NA_Character else v for v in sexp], dtype=object)
    values = raw_view(sexp)
    if isinstance(sexp, ri.BoolSexpVector):
        return values != 0
    return values.copy() if copy else values


def r_typeof(sexp: Any) -> str:
    """R's own name for the type of an R value (``typeof()``)."""
    import rpy2.rinterface as ri

    return str(ri.baseenv["typeof"](sexp)[0])


def _rinterface():
    """rpy2.rinterface when this process has loaded it; never imported here, so pandas users never
    start R."""
    return sys.modules.get("rpy2.rinterface")


def is_r(obj: Any) -> bool:
    ri = _rinterface()
    return ri is not None and isinstance(obj, ri.Sexp)


def _classes(sexp):
    return list(sexp.do_slot("class")) if "class" in sexp.list_attrs() else []


def vector_spec(sexp: Any, name: str = "x") -> dict[str, Any]:
    """One R vector (or data frame column) in R/bridge-wire.R's wire form: type, values, NA mask, levels."""
    ri = _rinterface()
    classes = _classes(sexp)
    if "factor" in classes:
        rtype = "factor"
    elif "Date" in classes:
        rtype = "Date"
    elif "POSIXct" in classes:
        rtype = "POSIXct"
    elif "integer64" in classes and isinstance(sexp, ri.FloatSexpVector):
        rtype = "integer64"  # bit64: int64 bits in a double vector; wire.decode_vector reads them
    elif isinstance(sexp, ri.FloatSexpVector):
        rtype = "double"
    elif isinstance(sexp, ri.IntSexpVector):
        rtype = "integer"
    elif isinstance(sexp, ri.BoolSexpVector):
        rtype = "logical"
    elif isinstance(sexp, ri.StrSexpVector):
        return _character_spec(sexp)
    else:
        raise InputError(
            f"column `{name}` is an R {r_typeof(sexp)}"
            f"{' (' + ', '.join(classes) + ')' if classes else ''}; use numeric, factor, "
            "character, logical or date columns"
        )
    values = raw_view(sexp).copy()  # a copy: R may later change its vector in place
    if rtype == "integer64":  # its NA is INT64_MIN among the bits, which the decoder finds
        return {"__vector__": rtype, "values": values, "na": None, "levels": None}
    # A double's NA is already NaN, which is what the decoder makes of it (as R/bridge-wire.R sends it):
    # a mask would cost a pass over the values, and the decoder another copy to apply it.
    na = None if values.dtype.kind == "f" else values == R_INT_NA
    if rtype == "logical":
        values = values == 1
    levels = [str(v) for v in sexp.do_slot("levels")] if rtype == "factor" else None
    ordered = rtype == "factor" and "ordered" in classes
    na = na if na is not None and na.any() else None
    return {"__vector__": rtype, "values": values, "na": na, "levels": levels, "ordered": ordered}


def _character_spec(sexp):
    # R's match() finds each value's place among the distinct values in C; only those cross one by one.
    ri = _rinterface()
    distinct = ri.baseenv["unique"](sexp)
    codes = r_array(ri.baseenv["match"](sexp, distinct)) - 1
    values = r_array(distinct)[codes]
    na = np.equal(values, None)
    return {"__vector__": "character", "values": values, "na": na if na.any() else None, "levels": None}


def as_vector(sexp: Any, name: str = "x") -> Any:
    """An R vector as the NumPy/pandas object the Python API takes (factor -> Categorical, NA missing)."""
    try:
        return wire.decode_vector(vector_spec(sexp, name))
    except wire.OutOfRange as err:
        raise InputError(f"`{name}` {err}") from None


def as_frame(x: Any) -> Any:
    """An R data.frame (rpy2) as a pandas DataFrame; any other object is returned unchanged."""
    if not is_r(x) or "data.frame" not in _classes(x):
        return x
    ri = _rinterface()
    names = [str(n) for n in x.names] if x.names is not ri.NULL else []
    columns = [vector_spec(column, name) for name, column in zip(names, x)]
    nrow = ri.baseenv["nrow"](x)[0]
    return wire.decode_frame({"__frame__": True, "names": names, "nrow": nrow, "columns": columns})


def as_data(x: Any, name: str = "y") -> Any:
    """R data (a data.frame or a vector) in pandas/NumPy form; Python objects are returned unchanged."""
    if isinstance(x, Columns):  # a small frame as R's bridge sends it
        return x.to_frame()
    if isinstance(x, (list, tuple)) and any(isinstance(item, Columns) for item in x):
        return [as_data(item, name) for item in x]  # list(x, y), as validation_data
    if not is_r(x):
        return x
    if "data.frame" in _classes(x):
        return as_frame(x)
    if isinstance(x, _rinterface().ListSexpVector):  # list(x, y), as validation_data
        return [as_data(item, f"{name}[[{i + 1}]]") for i, item in enumerate(x)]
    if "dim" in x.list_attrs() and "factor" not in _classes(x):  # a matrix or array: NumPy, R's indexing
        values = r_array(x, copy=True)
        if values.dtype == np.int32 and (values == R_INT_NA).any():
            values = np.where(values == R_INT_NA, np.nan, values)  # NA as NaN: missing
        return values.reshape(tuple(x.do_slot("dim")), order="F")
    return pd.Series(as_vector(x, name))
