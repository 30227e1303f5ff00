"""R data in Python: rpy2 data frames and vectors as pandas, with R's meaning kept.

Each column goes through NumPy (a view of R's memory, then one copy) into the same wire spec that
R/bridge.R sends, and rbridge.decode_vector makes the pandas column, so R data reach the Python API
with one decoding whichever way they come. rpy2's pandas2ri is not used: it turns logical and character
NA into sentinel objects and dates into float days.
"""
import sys

import numpy as np

from . import rbridge
from .errors import InputError
from .frames import Columns


def _rinterface():
    """rpy2.rinterface when this process has loaded it; never imported here, so pandas users never
    start R."""
    return sys.modules.get("rpy2.rinterface")


def is_r(obj):
    ri = _rinterface()
    return ri is not None and isinstance(obj, ri.Sexp)


def _classes(sexp):
    return list(sexp.do_slot("class")) if "class" in sexp.list_attrs() else []


def vector_spec(sexp, name="x"):
    """One R vector (or data frame column) in R/bridge.R's wire form: type, values, NA mask, levels."""
    from . import rhost
    ri = _rinterface()
    classes = _classes(sexp)
    if "factor" in classes:
        rtype = "factor"
    elif "Date" in classes:
        rtype = "Date"
    elif "POSIXct" in classes:
        rtype = "POSIXct"
    elif isinstance(sexp, ri.FloatSexpVector):
        rtype = "double"
    elif isinstance(sexp, ri.IntSexpVector):
        rtype = "integer"
    elif isinstance(sexp, ri.BoolSexpVector):
        rtype = "logical"
    elif isinstance(sexp, ri.StrSexpVector):
        return _character_spec(sexp)
    else:
        raise InputError(f"column `{name}` is an R {rhost.r_typeof(sexp)}"
                         f"{' (' + ', '.join(classes) + ')' if classes else ''}; use numeric, factor, "
                         "character, logical or date columns")
    values = rhost.raw_view(sexp).copy()  # a copy: R may later change its vector in place
    na = np.isnan(values) if values.dtype.kind == "f" else values == rbridge.R_INT_NA
    if rtype == "logical":
        values = values == 1
    levels = [str(v) for v in sexp.do_slot("levels")] if rtype == "factor" else None
    return {"__vector__": rtype, "values": values, "na": na if na.any() else None, "levels": levels}


def _character_spec(sexp):
    # R's match() finds each value's place among the distinct values in C; only those cross one by one.
    from . import rhost
    ri = _rinterface()
    distinct = ri.baseenv["unique"](sexp)
    codes = rhost.r_array(ri.baseenv["match"](sexp, distinct)) - 1
    values = rhost.r_array(distinct)[codes]
    na = np.equal(values, None)
    return {"__vector__": "character", "values": values, "na": na if na.any() else None, "levels": None}


def as_vector(sexp, name="x"):
    """An R vector as the NumPy/pandas object the Python API takes (factor -> Categorical, NA missing)."""
    return rbridge.decode_vector(vector_spec(sexp, name))


def as_frame(x):
    """An R data.frame (rpy2) as a pandas DataFrame; any other object is returned unchanged."""
    if not is_r(x) or "data.frame" not in _classes(x):
        return x
    ri = _rinterface()
    names = [str(n) for n in x.names] if x.names is not ri.NULL else []
    columns = [vector_spec(column, name) for name, column in zip(names, x)]
    nrow = ri.baseenv["nrow"](x)[0]
    return rbridge.decode_frame({"__frame__": True, "names": names, "nrow": nrow, "columns": columns})


def as_data(x, name="y"):
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
        from . import rhost
        values = rhost.r_array(x, copy=True)
        if values.dtype == np.int32 and (values == rbridge.R_INT_NA).any():
            values = np.where(values == rbridge.R_INT_NA, np.nan, values)  # NA as NaN: missing
        return values.reshape(tuple(x.do_slot("dim")), order="F")
    import pandas as pd
    return pd.Series(as_vector(x, name))


def read_rds(path):
    """A data frame saved by R's ``saveRDS()`` as a pandas DataFrame (R is embedded through rpy2)."""
    from . import rhost
    rhost.start()
    ri = _rinterface()
    obj = ri.baseenv["readRDS"](str(path))
    if "data.frame" not in _classes(obj):
        raise InputError(f"{path} holds an R {', '.join(_classes(obj)) or rhost.r_typeof(obj)} "
                         "object, not a data frame")
    return as_frame(obj)
