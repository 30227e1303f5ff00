"""Data as the verbs take them: R's values (``sexp``), and the tables of other Python libraries as
pandas, so that they are data frames, read by column name and encoded like any other, rather than
bare arrays (no standardisation, and a reordering of their columns would silently change the
predictions). polars and pyarrow are never required: their objects are asked to convert themselves.
"""

from __future__ import annotations

import importlib
from typing import Any

import numpy as np
import pandas as pd

from ..encoding.columns import Columns
from ..errors import InputError
from . import sexp

# What a failed conversion raises: pyarrow's errors derive from these, polars without pyarrow raises
# ImportError, and pandas' interchange reader ValueError, RuntimeError or NotImplementedError.
_CONVERSION_ERRORS = (ImportError, TypeError, ValueError, RuntimeError, NotImplementedError)


def as_data(x: Any, name: str = "y") -> Any:
    """Any data a verb takes, in pandas/NumPy form: R data (``sexp.as_data``), a table of another
    library (see ``as_table``); ``name`` says which argument it is, and predictors (``x``, and the
    first item of a ``validation_data`` pair) take a named Series as a one-column frame."""
    x = sexp.as_data(x, name)
    if name == "validation_data" and isinstance(x, (list, tuple)):
        items = [as_table(item, f"{name}[{i}]", predictors=i == 0) for i, item in enumerate(x)]
        return tuple(items) if isinstance(x, tuple) else items
    return as_table(x, name, predictors=name == "x")


def as_table(x: Any, name: str = "x", predictors: bool = False) -> Any:
    """``x`` as a pandas DataFrame when it is a data frame of another kind; anything else unchanged.

    * a polars DataFrame or Series, a pyarrow Table, RecordBatch or (Chunked)Array, or any object
      with the dataframe interchange protocol (``__dataframe__``) or Arrow's PyCapsule stream
      (``__arrow_c_stream__``): converted with their own ``to_pandas()`` or pandas' interchange reader;
    * a NumPy structured (record) array: one column per field;
    * a named Series, when ``predictors``: a frame of that one column (an unnamed one stays a vector).
    """
    if x is None or isinstance(x, (pd.DataFrame, Columns, str)):
        return x
    if isinstance(x, pd.Series):
        return x.to_frame() if predictors and x.name is not None else x
    if isinstance(x, np.ndarray):
        return _records(x, name) if x.dtype.names is not None else x
    if _is_table(x):
        return as_table(_to_pandas(x, name), name, predictors)
    return x


def _is_table(x: Any) -> bool:
    kind = type(x)
    library = kind.__module__.partition(".")[0]
    return (
        hasattr(kind, "__dataframe__")
        or hasattr(kind, "__arrow_c_stream__")
        or (library in ("polars", "pyarrow") and hasattr(x, "to_pandas"))
    )


def _to_pandas(x: Any, name: str) -> Any:
    library = type(x).__module__.partition(".")[0]
    try:
        if library == "polars" and hasattr(x, "to_pandas"):
            # polars' own converter: its categoricals (unsigned dictionary indices, which pyarrow's
            # pandas conversion refuses) and dates come out as pandas categories and datetime64.
            return x.to_pandas()
        arrow = _pyarrow()
        if arrow is not None and (library == "pyarrow" or hasattr(type(x), "__arrow_c_stream__")):
            table = x if library == "pyarrow" else arrow.table(x)
            # Dates as datetime64 (days since 1970 for the encoder), not as datetime.date objects.
            return table.to_pandas(date_as_object=False)
        return pd.api.interchange.from_dataframe(x)
    except _CONVERSION_ERRORS as err:
        kind = f"{type(x).__module__}.{type(x).__name__}"
        raise InputError(
            f"`{name}` is a {kind}, which pybridge reads as a data frame through pyarrow or the "
            f"dataframe interchange protocol, and that failed ({type(err).__name__}: {err}); install "
            f"pyarrow, or convert `{name}` to a pandas DataFrame first"
        ) from None


def _pyarrow() -> Any:
    try:
        return importlib.import_module("pyarrow")
    except ImportError:
        return None


def _records(x: np.ndarray, name: str) -> pd.DataFrame:
    """A structured array's fields as columns: it is a table of named, typed columns, not numbers."""
    if x.ndim != 1:
        raise InputError(
            f"`{name}` is a structured array of shape {x.shape}; pass one record per row (a 1-d "
            "structured array) or a data frame"
        )
    try:
        return pd.DataFrame(x)
    except _CONVERSION_ERRORS as err:
        raise InputError(f"`{name}`: the structured array's fields cannot be read as columns: {err}") from None
