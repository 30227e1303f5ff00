"""What pybridge received and how it encodes it, for checking the crossing from R (R's tests call
it through the bridge)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError
from .arrays import as_float32_array
from .columns import DATETIME, LOGICAL, NUMERIC, Columns, check_frame, column_kind, missing_mask, numeric_values
from .predictors import Preprocessor


def describe_frame(x: Any, model: Any = None, standardize: bool | None = None) -> dict[str, Any]:
    """What pybridge received, for checking the crossing from R: per column the pandas dtype, the
    encoding kind, the 0-based positions of missing values and the values as pybridge reads them
    (numbers; dates as days since 1970; strings for levels). For an array: its shape and the 0-based
    positions of its non-zero entries after the float32 conversion that training uses.
    With a fitted ``model`` (or ``standardize`` given, to learn the preprocessing from ``x`` itself),
    also ``encoded``: the float32 matrix Keras would get, and the ``preprocessing`` applied."""
    if isinstance(x, Columns):
        x = x.to_frame()
    if model is not None or standardize is not None:
        pre = model.preprocessor if model is not None else Preprocessor.fit(x, standardize=standardize)
        if pre is None:
            raise InputError("describe_frame(): the model is not fitted yet")
        return {**describe_frame(x), "encoded": pre.transform(x), "preprocessing": pre.to_dict()}
    if not isinstance(x, pd.DataFrame):
        arr = as_float32_array(x)
        return {
            "shape": list(arr.shape),
            "c_contiguous": bool(arr.flags.c_contiguous),
            "nonzero": np.argwhere(arr != 0).astype(np.int32),
            "values": arr.ravel(),
        }
    check_frame(x)
    columns = {}
    for name in x.columns:
        series = x[name]
        kind = column_kind(series, name)
        if kind in (NUMERIC, DATETIME):
            values = numeric_values(series, kind)
        elif kind == LOGICAL:
            values = series.to_numpy(dtype="float64", na_value=np.nan)
        else:
            values = [None if pd.isna(v) else str(v) for v in series]
        columns[str(name)] = {
            "dtype": str(series.dtype),
            "kind": kind,
            "values": values,
            "na": np.nonzero(missing_mask(series))[0].astype(np.int32),
        }
    return {"nrow": len(x), "columns": columns}
