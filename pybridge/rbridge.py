"""The Python end of the R crossing, shared by both transports (reticulate and rpy2).

R sends a verb name and named arguments in the wire form that R/bridge.R makes: vectors and data
frame columns as ``{"__vector__": type, "values", "na", "levels"}`` with an explicit NA mask, since
reticulate's own conversion turns logical NA into True, integer NA into -2147483648 and character NA
into "NA". Results go back with frames and factors spelt out the same way, and every error comes back
as data (class and message) so R can raise it as an R condition without a Python traceback.
"""
import itertools
import weakref

import numpy as np
import pandas as pd

from . import api
from .callbacks import set_console  # noqa: F401 - R routes fit()'s progress lines to its console
from .errors import InputError, PybridgeError, StateError
from .frames import Columns, Unsupported
from .history import History
from .model import Model

R_INT_NA = -2147483648

# Models R holds, by number: R sends {"__reference__": n} for a model of this session, as a plain
# integer crosses reticulate several times faster than a Python object (whose conversion goes through
# R's S3 dispatch). R's handle keeps the model alive, so its number stays valid while R can send it.
_REFERENCES = weakref.WeakValueDictionary()
_NUMBERS = itertools.count(1)


def reference(model):
    number = getattr(model, "r_reference", None)
    if number is None:
        number = model.r_reference = next(_NUMBERS)
        _REFERENCES[number] = model
    return number


def _referenced(number):
    try:
        return _REFERENCES[int(number)]
    except KeyError:
        raise StateError("this model no longer exists in Python (a copy read back with readRDS() after "
                         "the original was removed?); load it again with load_model()") from None


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
    if rtype in ("Date", "POSIXct"):
        # Days or seconds since 1970 (UTC). A double-stored column comes without a mask: NaN is its NA,
        # and an infinite date has no datetime64 form either, so it is missing too (not garbage).
        numbers = np.asarray(values, dtype=np.float64)
        missing = ~np.isfinite(numbers) if mask is None else mask | ~np.isfinite(numbers)
        scale = 86400e9 if rtype == "Date" else 1e9
        out = (np.where(missing, 0, numbers) * scale).astype("int64").astype("datetime64[ns]")
        out[missing] = np.datetime64("NaT")
        return out
    raise InputError(f"R type {rtype!r} cannot be encoded; use numeric, factor, character, logical, "
                     "Date or POSIXct")


def _refuse_duplicate_names(names):
    if len(set(names)) != len(names):
        # pandas would keep both; say which instead of training on an ambiguous frame.
        dup = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"duplicate column name(s): {', '.join(dup)}")


def _decode_column(column, frame_spec):
    try:
        return decode_vector(column)
    except InputError:
        # Decoded lazily: the error comes only if the column is used, with its name.
        return np.full(int(frame_spec.get("nrow", 0)), Unsupported(column["__vector__"]), dtype=object)


def decode_frame(spec, columns=False):
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
        small = Columns((name, next(in_matrix) if column is None else _decode_column(column, spec))
                        for name, column in zip(names, others))
        # A verb's argument stays Columns: a predict() of numeric predictors never needs pandas.
        return small if columns else small.to_frame()
    columns = [_decode_column(column, spec) for column in _as_list(spec["columns"])]
    _refuse_duplicate_names(names)
    frame = pd.DataFrame(dict(zip(names, columns)), copy=False)
    if not columns:
        frame = pd.DataFrame(index=range(int(spec.get("nrow", 0))))
    return frame


def decode(value, columns=False):
    """R's wire form as Python values; ``columns``: small data frames as ``Columns`` (verb arguments,
    which the verbs turn into DataFrames where they need one), else as DataFrames."""
    if isinstance(value, dict):
        if "__frame__" in value:
            return decode_frame(value, columns)
        if "__vector__" in value:
            return decode_vector(value)
        if "__reference__" in value:
            return _referenced(value["__reference__"])
        return {k: decode(v, columns) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v, columns) for v in value]
    return value


def _factor(categorical):
    codes = categorical.codes.astype(np.int32) + 1
    codes[codes == 0] = R_INT_NA
    return {"__factor__": True, "codes": codes, "levels": [str(c) for c in categorical.categories]}


def encode_column(column):
    """A Series, or a column of ``Columns``, in the form R reads."""
    if isinstance(column, pd.Categorical):
        return _factor(column)
    if isinstance(column, np.ndarray) and column.dtype == np.float64:
        return column  # NaN is NA in R too
    series = column if isinstance(column, pd.Series) else pd.Series(column)
    if isinstance(series.dtype, pd.CategoricalDtype):
        return _factor(series.array)
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
    if isinstance(value, Columns):
        return {"__frame__": True, "names": list(value), "columns": [encode_column(v) for v in value.values()]}
    if isinstance(value, Model):
        return {"__model__": wrap(value), "reference": reference(value)}
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
        args = {name: decode(value, columns=True) for name, value in (kwargs or {}).items()}
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
