"""The Python end of the R crossing, shared by both transports (reticulate and rpy2).

R sends a verb name and named arguments in the wire form that R/bridge.R makes: vectors and data
frame columns as ``{"__vector__": type, "values", "na", "levels"}`` with an explicit NA mask, since
reticulate's own conversion turns logical NA into True, integer NA into -2147483648 and character NA
into "NA". Results go back with frames and factors spelt out the same way, and every error comes back
as data (class and message) so R can raise it as an R condition without a Python traceback.
"""
import numpy as np
import pandas as pd

from . import api
from .callbacks import set_console  # noqa: F401 - R routes fit()'s progress lines to its console
from .errors import InputError, PybridgeError
from .frames import Unsupported
from .history import History
from .model import Model

R_INT_NA = -2147483648


def _as_list(value):
    if value is None:
        return []
    if isinstance(value, (str, bytes)) or np.isscalar(value):
        return [value]
    return list(value)


def decode_vector(spec):
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
        return pd.Categorical.from_codes(codes, categories=[str(v) for v in _as_list(spec.get("levels"))])
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
    if rtype == "Date":
        days = np.asarray(values, dtype=np.float64)
        out = (days * 86400e9).astype("int64").astype("datetime64[ns]") if mask is None else None
        if mask is not None:
            days = np.where(mask, 0, days)
            out = (days * 86400e9).astype("int64").astype("datetime64[ns]")
            out[mask] = np.datetime64("NaT")
        return out
    if rtype == "POSIXct":
        seconds = np.where(mask, 0, values) if mask is not None else values
        out = (np.asarray(seconds, dtype=np.float64) * 1e9).astype("int64").astype("datetime64[ns]")
        if mask is not None:
            out[mask] = np.datetime64("NaT")
        return out
    raise InputError(f"R type {rtype!r} cannot be encoded; use numeric, factor, character, logical, "
                     "Date or POSIXct")


def _refuse_duplicate_names(names):
    if len(set(names)) != len(names):
        # pandas would keep both; say which instead of training on an ambiguous frame.
        dup = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"duplicate column name(s): {', '.join(dup)}")


def decode_frame(spec):
    names = [str(n) for n in _as_list(spec["names"])]
    if "matrix" in spec:
        # A small frame of plain double columns, sent by R as one matrix (NA is NaN there, as in a
        # double column's own encoding).
        _refuse_duplicate_names(names)
        values = np.asarray(spec["matrix"], dtype=np.float64).reshape(int(spec["nrow"]), len(names))
        return pd.DataFrame(values, columns=names)
    columns = []
    for column in _as_list(spec["columns"]):
        try:
            columns.append(decode_vector(column))
        except InputError:
            # Decoded lazily: the error comes only if the column is used, with its name.
            columns.append(np.full(int(spec.get("nrow", 0)), Unsupported(column["__vector__"]), dtype=object))
    _refuse_duplicate_names(names)
    frame = pd.DataFrame(dict(zip(names, columns)), copy=False)
    if not columns:
        frame = pd.DataFrame(index=range(int(spec.get("nrow", 0))))
    return frame


def decode(value):
    if isinstance(value, dict):
        if "__frame__" in value:
            return decode_frame(value)
        if "__vector__" in value:
            return decode_vector(value)
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def encode_column(series):
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy().astype(np.int32) + 1
        codes[codes == 0] = R_INT_NA
        return {"__factor__": True, "codes": codes, "levels": [str(c) for c in series.cat.categories]}
    has_na = bool(series.isna().any())
    if pd.api.types.is_bool_dtype(series.dtype) and not has_na:
        return series.to_numpy(dtype=bool)
    if pd.api.types.is_integer_dtype(series.dtype):
        # R reads -2147483648 in an integer vector as NA_integer_; a logical NA has no NumPy bool form,
        # so a nullable boolean column with NA goes as double (NaN is NA in R).
        return series.to_numpy(dtype=np.int32, na_value=R_INT_NA)
    if pd.api.types.is_numeric_dtype(series.dtype):
        return series.to_numpy(dtype=np.float64, na_value=np.nan)
    return [None if pd.isna(v) else str(v) for v in series]


def encode(value, wrap):
    """Python results in the form R/bridge.R decodes; ``wrap`` turns an object R holds by reference
    into the transport's handle (identity under reticulate)."""
    if isinstance(value, pd.DataFrame):
        return {"__frame__": True, "names": [str(c) for c in value.columns],
                "columns": [encode_column(value[c]) for c in value.columns]}
    if isinstance(value, Model):
        return {"__model__": wrap(value)}
    if isinstance(value, History):
        return {"__history__": True, "metrics": {k: np.asarray(v) for k, v in value.metrics.items()},
                "params": encode(value.params, wrap), "frame": encode(value.to_frame(), wrap)}
    if isinstance(value, dict):
        return {str(k): encode(v, wrap) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [encode(v, wrap) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if value is None or isinstance(value, (bool, int, float, str, np.ndarray)):
        return value
    return {"__object__": wrap(value), "class": type(value).__name__}


def call(verb, kwargs, wrap=lambda obj: obj):
    """Run ``api.<verb>(**kwargs)``; the result, or the error as data, in R's wire form."""
    try:
        function = getattr(api, verb)
        args = {name: decode(value) for name, value in (kwargs or {}).items()}
        value = function(**args)
        # A verb that returns a model it was given (layer_*() on a model, compile()) answers with the
        # argument's name: R hands back its own object, and nothing is wrapped or converted again.
        if isinstance(value, Model):
            given = next((name for name, arg in args.items() if arg is value), None)
            if given is not None:
                return {"value": {"__argument__": given}}
        return {"value": encode(value, wrap)}
    except PybridgeError as err:
        return {"error": {"class": type(err).__name__, "message": str(err)}}
    except Exception as err:  # noqa: BLE001 - everything else still reaches R as a condition
        return {"error": {"class": "PythonError", "message": f"{type(err).__name__}: {err}"}}
