"""Data frames and arrays to the float32 arrays Keras trains on, and back to tidy prediction frames.

The preprocessing learnt at the first ``fit()`` (column kinds, means and sds, levels, outcome encoding)
is stored in the model, so ``predict()`` and a saved file apply exactly the same transformation:

* numeric columns (double, integer) are standardised with the training mean and the sample sd (R's
  ``sd()``, ``ddof=1``); a constant column has sd 0 and is only centred (divided by 1), so it never
  becomes NaN. ``standardize=False`` passes numbers through as they are;
* factor, character and logical columns are one-hot encoded over the training levels (a factor's own
  levels, in order; the sorted distinct strings of a character column; FALSE, TRUE), one output column
  per level; a level not seen in training is an error at predict time;
* Date and POSIXct columns become days since 1970-01-01 (a date-time keeps its fraction of a day,
  in UTC) and are then standardised like any number;
* the encoded columns follow the frame's column order, so 64 pixel columns of an 8x8 image, given
  in row-major order (the first 8 columns are the first image row), become the image again under
  ``layer_reshape(target_shape = c(8, 8, 1))``: column ``k`` (0-based) is pixel
  ``(k // 8, k % 8)``;
* arrays (R matrices and arrays, NumPy arrays) pass through as float32 with their indexing kept
  (R's ``x[i, j, k, l]`` is NumPy's ``a[i-1, j-1, k-1, l-1]``), converted to C order once.
"""
import concurrent.futures
import os

import numpy as np
import pandas as pd

from .errors import InputError

NUMERIC, CATEGORICAL, LOGICAL, DATETIME = "numeric", "categorical", "logical", "datetime"
SMALL_ROWS = 256  # at most this many rows: the vectorised all-numeric path of transform()
BLOCK_ROWS = 16384  # rows encoded per block: the block (features x rows, float32) stays in cache
# Threads for large data (NumPy releases the GIL in its loops); a few suffice to keep memory busy.
THREADS = min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _each(function, items, parallel):
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

    def __init__(self, rtype):
        self.rtype = rtype


def column_kind(series, name):
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
    if pd.api.types.is_string_dtype(dtype) or dtype == object:
        sample = series.dropna()
        if len(sample) and isinstance(sample.iloc[0], Unsupported):
            raise InputError(f"column `{name}` has R type '{sample.iloc[0].rtype}', which pybridge cannot "
                             "encode; use numeric, factor, character, logical, Date or POSIXct columns")
        if sample.map(lambda v: isinstance(v, str)).all():
            return CATEGORICAL
        bad = sample[~sample.map(lambda v: isinstance(v, str))].iloc[0]
        raise InputError(f"column `{name}` holds {type(bad).__name__} values (a list column?); "
                         "use numeric, factor, character, logical or date columns")
    raise InputError(f"column `{name}` has type {dtype}, which pybridge cannot encode")


def missing_mask(series):
    """True where a value is NA, NaN or infinite."""
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        values = series.to_numpy(dtype="float64", na_value=np.nan)
        return ~np.isfinite(values)
    return series.isna().to_numpy()


def _numeric_values(series, kind):
    if kind == DATETIME:
        values = series.to_numpy(dtype="datetime64[ns]").astype("int64").astype("float64")
        values[series.isna().to_numpy()] = np.nan
        return values / 86400e9
    return series.to_numpy(dtype="float64", na_value=np.nan)


def _as_labels(series):
    """A categorical's values as the strings its levels are stored as (R's factor labels), so a
    category of integers, say, matches its stored levels; other series as they are."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        labelled = series.cat.rename_categories([str(c) for c in series.cat.categories])
        return labelled.astype(object)
    return series


def _level_labels(series, kind):
    if kind == LOGICAL:
        return [False, True]
    if isinstance(series.dtype, pd.CategoricalDtype):
        return [str(v) for v in series.cat.categories]
    return sorted(set(series.dropna()))


class _ColumnStats:
    """What ``Preprocessor`` learns about one column, accumulated chunk by chunk."""

    def __init__(self, series, name):
        self.name, self.kind = str(name), column_kind(series, name)
        self.n, self.mean, self.m2 = 0, 0.0, 0.0  # count, mean, sum of squared deviations
        self.levels, self.categories = set(), {}  # seen values; a factor's levels, in order

    def update(self, series):
        kind = column_kind(series, self.name)
        if kind != self.kind:
            raise InputError(f"column `{self.name}` is {self.kind} in the first rows but {kind} "
                             f"({series.dtype}) later")
        if kind in (NUMERIC, DATETIME):
            values = _numeric_values(series, kind)
            with np.errstate(invalid="ignore", over="ignore"):
                mean = values.mean() if values.size else 0.0
            # A finite mean means every value is finite; otherwise leave out NA, NaN and infinities
            # (the copy only then).
            if not np.isfinite(mean):
                values = values[np.isfinite(values)]
                mean = values.mean() if values.size else 0.0
            if values.size:
                deviations = values - mean
                self._merge(values.size, mean, float(np.dot(deviations, deviations)))
        elif isinstance(series.dtype, pd.CategoricalDtype):
            self.categories.update(dict.fromkeys(_level_labels(series, kind)))
        elif kind != LOGICAL:
            self.levels.update(series.dropna())

    def _merge(self, n, mean, m2):
        # Chan et al.'s pairwise update: exact for the first chunk, stable for many.
        if self.n == 0:
            self.n, self.mean, self.m2 = n, float(mean), float(m2)
            return
        total = self.n + n
        delta = mean - self.mean
        self.mean += delta * n / total
        self.m2 += m2 + delta ** 2 * self.n * n / total
        self.n = total

    def spec(self, standardize):
        spec = {"name": self.name, "kind": self.kind}
        if self.kind in (NUMERIC, DATETIME):
            mean = self.mean if self.n else 0.0
            sd = float(np.sqrt(self.m2 / (self.n - 1))) if self.n > 1 else 0.0
            # A constant column carries no information; scaling it by 1 keeps it finite.
            spec.update(mean=mean if standardize else 0.0,
                        sd=sd if standardize and sd > 0 and np.isfinite(sd) else 1.0)
        elif self.kind == LOGICAL:
            spec["levels"] = [False, True]
        elif self.categories and not self.levels - set(self.categories):
            spec["levels"] = list(self.categories)
        else:
            spec["levels"] = sorted(self.levels | set(self.categories))
        return spec


class Preprocessor:
    """Encodes predictors: a data frame's columns, or an array passed through as float32."""

    def __init__(self, columns=None, array_shape=None, standardize=True):
        self.columns = columns or []  # one dict per used column: name, kind, mean, sd, levels
        self.array_shape = array_shape  # per-sample shape when the input is an array
        self.standardize = standardize

    # -- learning ---------------------------------------------------------------------------------
    @classmethod
    def fit(cls, x, standardize=True):
        if not isinstance(x, pd.DataFrame):
            return cls(array_shape=list(np.shape(x)[1:]), standardize=False)
        return cls.fit_streaming([x], standardize)

    @classmethod
    def fit_streaming(cls, chunks, standardize=True):
        """Learn from data frames seen one at a time (a file larger than memory, read in chunks) in one
        pass: running moments for numeric columns, level sets for the others. One chunk gives exactly
        what ``fit()`` gives; several give the same levels and the same means and sds up to rounding."""
        stats = None
        for chunk in chunks:
            if stats is None:
                check_frame(chunk)
                stats = [_ColumnStats(chunk[name], name) for name in chunk.columns]
            elif [s.name for s in stats] != list(map(str, chunk.columns)):
                raise InputError(f"the columns change between chunks: {', '.join(s.name for s in stats)} "
                                 f"then {', '.join(map(str, chunk.columns))}")
            _each(lambda pair: pair[0].update(pair[1]), list(zip(stats, (chunk[name] for name in chunk.columns))),
                  parallel=len(chunk) >= BLOCK_ROWS)
        if stats is None:
            raise InputError("the data have no rows")
        return cls([column.spec(standardize) for column in stats], standardize=standardize)

    @property
    def is_frame(self):
        return self.array_shape is None

    @property
    def input_shape(self):
        if not self.is_frame:
            return tuple(self.array_shape)
        return (sum(len(c["levels"]) if "levels" in c else 1 for c in self.columns),)

    @property
    def names(self):
        return [c["name"] for c in self.columns]

    # -- applying ---------------------------------------------------------------------------------
    def transform(self, x):
        """Encoded float32, C-ordered, ready for Keras; errors name the column or shape at fault."""
        if isinstance(x, Columns):
            fast = self._transform_small_numeric(x) if self.is_frame and self._all_numeric else None
            if fast is not None:
                return fast
            x = x.to_frame()
        if not self.is_frame:
            return as_float32_array(x, self.array_shape)
        if not isinstance(x, pd.DataFrame):
            raise InputError(f"the model was trained on a data frame with columns "
                             f"{', '.join(self.names)}; got {type(x).__name__}")
        missing = [n for n in self.names if n not in x.columns]
        if missing:
            raise InputError(f"column(s) {', '.join('`%s`' % n for n in missing)} used in training "
                             "are missing from the new data")
        if len(x) <= SMALL_ROWS and self._all_numeric:
            fast = self._transform_small_numeric(x)
            if fast is not None:
                return fast
        sources = []
        for spec in self.columns:
            series = x[spec["name"]]
            kind = column_kind(series, spec["name"])
            if kind != spec["kind"]:
                raise InputError(f"column `{spec['name']}` was {spec['kind']} in training but is "
                                 f"{kind} ({series.dtype}) now")
            sources.append(self._codes(series, spec) if "levels" in spec else _numeric_values(series, kind))
        return self._fill(len(x), sources)

    @property
    def _all_numeric(self):
        return all(spec["kind"] == NUMERIC for spec in self.columns)

    def _transform_small_numeric(self, x):
        """All-numeric predictors of a few rows (a one-row predict, say) in one vectorised step: the
        per-column work of the general path costs more than the arithmetic. None when a column is
        missing or its type changed, so the general path can name it."""
        names = self.names
        if isinstance(x, Columns):
            columns = [x.get(name) for name in names]
            if not all(isinstance(c, np.ndarray) and c.dtype.kind in "fiu" for c in columns):
                return None
            values = np.column_stack(columns)
        else:
            selected = x if list(x.columns) == names else x[names]
            # One array for all columns: a numeric dtype only when every column is plain numeric (a
            # bool, text or nullable column makes it bool or object), which is what this path may take.
            values = selected.to_numpy()
            if values.dtype.kind not in "fiu":
                return None
        means = np.array([spec["mean"] for spec in self.columns])
        sds = np.array([spec["sd"] for spec in self.columns])
        # The same two roundings as _fill(): the difference in float64 stored as float32, then the
        # division in float32, so both paths give identical encodings.
        with np.errstate(invalid="ignore"):  # a non-finite value encodes as non-finite: a missing row
            out = np.ascontiguousarray(values - means, dtype=np.float32)
        out /= sds.astype(np.float32)
        return out

    def _fill(self, n, sources):
        """Write the encoded columns block by block: each block is built feature-major (contiguous
        writes) and transposed into the C-ordered output while it is in cache, which is several
        times faster than writing strided columns straight into a large C-ordered array. Large data
        share the blocks among threads, one buffer each: NumPy releases the GIL in its loops."""
        width = self.input_shape[0]
        out = np.empty((n, width), dtype=np.float32)
        starts = range(0, n, BLOCK_ROWS)
        threads = max(1, min(len(starts), THREADS))

        def fill(block_starts):
            block = np.empty((width, min(n, BLOCK_ROWS)), dtype=np.float32)
            for start in block_starts:
                self._fill_block(out, block, sources, start, min(n, start + BLOCK_ROWS))

        _each(fill, [starts[i::threads] for i in range(threads)], parallel=True)
        return out

    def _fill_block(self, out, block, sources, start, stop):
        m, j = stop - start, 0
        for spec, values in zip(self.columns, sources):
            if "levels" in spec:
                rows = block[j:j + len(spec["levels"]), :m]
                rows[:] = 0
                codes = values[start:stop]
                hit = np.nonzero(codes >= 0)[0]
                rows[codes[hit], hit] = 1
                # A missing level encodes as NaN, as a missing number does, so a row with any
                # missing predictor shows in the encoding itself (predict() relies on it).
                rows[:, codes < 0] = np.nan
                j += len(spec["levels"])
            else:
                row = block[j, :m]
                np.subtract(values[start:stop], spec["mean"], out=row, casting="same_kind")
                row /= spec["sd"]
                j += 1
        out[start:stop] = block[:, :m].T

    @staticmethod
    def _codes(series, spec):
        """Positions in the training levels (-1 for NA); an error for a level not seen in training."""
        levels = spec["levels"]
        if spec["kind"] == LOGICAL:
            codes = series.to_numpy(dtype="float64", na_value=np.nan)
            return np.where(np.isnan(codes), -1, codes).astype(np.int64)
        values = _as_labels(series)
        codes = pd.Index(levels).get_indexer(values.to_numpy(dtype=object))
        unseen = sorted(set(values[(codes < 0) & values.notna().to_numpy()].astype(str)))
        if unseen:
            raise InputError(f"column `{spec['name']}` has level(s) not seen in training: "
                             f"{', '.join(unseen[:5])}; training levels: {', '.join(map(str, levels))}")
        return codes

    def to_dict(self):
        return {"columns": self.columns, "array_shape": self.array_shape, "standardize": self.standardize}

    @classmethod
    def from_dict(cls, d):
        return cls(d["columns"], d["array_shape"], d["standardize"])

    def describe(self):
        """Lines for summary(): one per input column and its encoding."""
        if not self.is_frame:
            return [f"array input, per-sample shape {tuple(self.array_shape)}"]
        lines = []
        for c in self.columns:
            if "levels" in c:
                lines.append(f"{c['name']}: {c['kind']}, one-hot over {len(c['levels'])} levels")
            elif self.standardize:
                lines.append(f"{c['name']}: {c['kind']}, standardised (mean {c['mean']:.4g}, sd {c['sd']:.4g})")
            else:
                lines.append(f"{c['name']}: {c['kind']}, as is")
        return lines


def check_frame(x):
    if x.shape[1] == 0:
        raise InputError("the data frame has no predictor columns")
    if len(x) == 0:
        raise InputError("the data frame has no rows")
    check_unique_names(x)


def check_unique_names(x):
    """Duplicate names would make a column ambiguous; say which instead of picking one."""
    if isinstance(x, pd.DataFrame):
        duplicated = sorted(set(map(str, x.columns[x.columns.duplicated()])))
        if duplicated:
            raise InputError(f"duplicate column name(s): {', '.join(duplicated)}")


def as_float32_array(x, sample_shape=None):
    """An array-like as C-ordered float32 (one conversion), checked against the per-sample shape."""
    try:
        arr = _threaded_c_order(x)
        if arr is None:
            arr = np.ascontiguousarray(x, dtype=np.float32)
    except (TypeError, ValueError) as err:
        raise InputError(f"x could not be read as numbers: {err}") from None
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if sample_shape is not None and list(arr.shape[1:]) != list(sample_shape):
        raise InputError(f"x has per-sample shape {tuple(arr.shape[1:])}; the model was trained on "
                         f"{tuple(sample_shape)}")
    return arr


# Below this many values a strided copy is over before threads would start.
THREADED_COPY_VALUES = 1 << 20


def _threaded_c_order(x):
    """A large numeric array in another layout (an R array arrives column-major) as C-ordered
    float32, copied by row blocks over THREADS threads: the copy is a strided transpose, and NumPy
    releases the GIL inside it (CNN images from R: 19 ms on one thread, 12 on two). None where the
    plain conversion is as fast or the array is not numeric."""
    if (not isinstance(x, np.ndarray) or x.ndim < 2 or x.flags.c_contiguous or x.size < THREADED_COPY_VALUES
            or x.dtype.kind not in "fiub" or THREADS < 2):
        return None
    out = np.empty(x.shape, dtype=np.float32)
    step = -(-len(x) // THREADS)
    _each(lambda start: np.copyto(out[start:start + step], x[start:start + step], casting="unsafe"),
          list(range(0, len(x), step)), parallel=True)
    return out


def as_series(y):
    """One outcome as a Series: a one-column frame, a Series, a Categorical or a vector-like."""
    if isinstance(y, pd.DataFrame):
        return y.iloc[:, 0]
    if isinstance(y, pd.Series):
        return y
    if isinstance(y, (pd.Categorical, pd.api.extensions.ExtensionArray)):
        return pd.Series(y)
    values = np.asarray(y)
    if values.ndim > 1 and values.shape[1] != 1:
        raise InputError(f"y has shape {values.shape}; one outcome column was expected")
    return pd.Series(values.reshape(-1))


class Columns(dict):
    """A data frame as named columns (NumPy arrays, Categoricals) in order, before pandas. pandas costs
    more to build a frame of a few rows than a prediction does: R's small frames arrive as Columns,
    predictions leave for R as Columns, and each becomes a DataFrame only where one is needed."""

    def to_frame(self):
        return pd.DataFrame(self)


def raw_columns(outputs):
    """The network's outputs as they are, one column per unit: .pred_1 ... .pred_k."""
    outputs = np.asarray(outputs, dtype="float64")
    outputs = outputs.reshape(len(outputs), -1)
    return Columns((f".pred_{i + 1}", outputs[:, i]) for i in range(outputs.shape[1]))


class OutcomeEncoder:
    """Outcome(s) to Keras targets and model outputs back to tidy predictions."""

    def __init__(self, kind, names, levels=None, mean=None, sd=None):
        self.kind = kind  # "classification" or "regression"
        self.names = names
        self.levels = levels
        self.mean, self.sd = mean, sd
        # The classes as a pandas dtype, validated once for every predict() rather than per call.
        self.class_dtype = pd.CategoricalDtype([str(lv) for lv in levels]) if levels is not None else None

    @classmethod
    def fit(cls, y, names, classify=False, scale=False):
        """Factor-like y (or integer labels when ``classify``) -> classification; numeric -> regression."""
        if not isinstance(y, (pd.DataFrame, pd.Series)) and np.ndim(y) == 2 and np.shape(y)[1] > 1:
            # A numeric matrix: one regression outcome per column, named y1, y2, ...
            y = pd.DataFrame(np.asarray(y), columns=[f"y{i + 1}" for i in range(np.shape(y)[1])])
        if isinstance(y, pd.DataFrame) and y.shape[1] == 1:
            y = y.iloc[:, 0]
        if isinstance(y, pd.DataFrame):
            bad = [n for n in y.columns if column_kind(y[n], n) != NUMERIC]
            if bad:
                raise InputError(f"several outcomes must all be numeric; not: {', '.join(bad)}")
            return cls._regression(y.to_numpy(dtype="float64", na_value=np.nan), list(map(str, y.columns)), scale)
        series = as_series(y)
        kind = column_kind(series, names[0])
        if kind in (CATEGORICAL, LOGICAL) or (classify and kind == NUMERIC):
            levels = _level_labels(series, kind)
            if kind == NUMERIC:
                levels = sorted(set(series.dropna().tolist()))
                if any(float(v) != int(v) for v in levels):
                    raise InputError(f"outcome `{names[0]}` has non-integer values; a classification "
                                     "loss needs class labels (a factor, or integers)")
                levels = [int(v) for v in levels]
            observed = series.dropna().astype(object).unique()
            if len(levels) < 2 or len(observed) < 2:
                only = observed[0] if len(observed) else "none"
                raise InputError(f"outcome `{names[0]}` is constant: only one class ({only}) occurs; "
                                 "classification needs at least two")
            return cls("classification", names, levels=levels)
        if kind != NUMERIC:
            raise InputError(f"outcome `{names[0]}` must be numeric or a factor, not {series.dtype}")
        values = series.to_numpy(dtype="float64", na_value=np.nan).reshape(-1, 1)
        return cls._regression(values, names, scale)

    @classmethod
    def _regression(cls, values, names, scale):
        finite = values[np.isfinite(values).all(axis=1)]
        constant = [n for i, n in enumerate(names) if len(finite) and np.all(finite[:, i] == finite[0, i])]
        if constant:
            raise InputError(f"outcome {', '.join('`%s`' % n for n in constant)} is constant (every value "
                             f"is {finite[0, names.index(constant[0])]:g}); there is nothing to learn")
        if scale and len(finite) > 1:
            sd = finite.std(axis=0, ddof=1)
            return cls("regression", names, mean=finite.mean(axis=0).tolist(),
                       sd=np.where(sd > 0, sd, 1.0).tolist())
        return cls("regression", names)

    @property
    def n_outputs(self):
        return len(self.levels) if self.kind == "classification" else len(self.names)

    def label_codes(self, y):
        """Class labels as 0..k-1 (-1 for NA); an InputError for a label not seen in training."""
        series = as_series(y)
        if pd.api.types.is_bool_dtype(series.dtype):
            codes = series.to_numpy(dtype="float64", na_value=np.nan)
            return np.where(np.isnan(codes), -1, codes).astype(np.int32)
        values = _as_labels(series)
        if pd.api.types.is_numeric_dtype(values.dtype):
            values = values.astype(object).map(lambda v: v if pd.isna(v) else int(v))
        codes = pd.Index(self.levels).get_indexer(values.to_numpy(dtype=object))
        unseen = sorted(set(values[(codes < 0) & values.notna().to_numpy()].astype(str)))
        if unseen:
            raise InputError(f"outcome `{self.names[0]}` has level(s) not seen in training: {', '.join(unseen[:5])}")
        return codes.astype(np.int32)

    def encode(self, y, target_format):
        """Keras targets: ``sparse`` codes, ``one_hot`` rows, ``binary`` 0/1, or ``values`` for regression."""
        if self.kind == "regression":
            values = (y.to_numpy(dtype="float64", na_value=np.nan) if isinstance(y, (pd.Series, pd.DataFrame))
                      else np.asarray(y, dtype="float64"))
            values = values.reshape(len(values), -1)
            if self.mean is not None:
                values = (values - np.asarray(self.mean)) / np.asarray(self.sd)
            return values.astype(np.float32)
        codes = self.label_codes(y)
        if target_format == "one_hot":
            return np.eye(len(self.levels), dtype=np.float32)[codes]
        if target_format == "binary":
            return codes.astype(np.float32).reshape(-1, 1)
        return codes

    def decode(self, outputs, type=None):
        """Model outputs -> tidy Columns: .pred_class and .pred_<level>, or .pred / .pred_<name>."""
        if type == "raw":
            return raw_columns(outputs)
        outputs = np.asarray(outputs, dtype="float64")
        outputs = outputs.reshape(len(outputs), -1)
        if self.kind == "regression":
            if type in ("class", "prob"):
                raise InputError(f"type = {type!r} needs a classification model; this one is regression")
            if self.mean is not None:
                outputs = outputs * np.asarray(self.sd) + np.asarray(self.mean)
            if outputs.shape[1] == 1:
                return Columns({".pred": outputs[:, 0]})
            return Columns((f".pred_{n}", outputs[:, i]) for i, n in enumerate(self.names))
        if type == "numeric":
            raise InputError("type = 'numeric' needs a regression model; this one is classification")
        probs = outputs if outputs.shape[1] > 1 else np.hstack([1 - outputs, outputs])
        labels = [str(lv) for lv in self.levels]
        columns = Columns()
        if type != "prob":
            # A row whose outputs are missing (missing predictors) gets a missing class (code -1).
            codes = np.where(np.isnan(probs).any(axis=1), -1, probs.argmax(axis=1))
            columns[".pred_class"] = pd.Categorical.from_codes(codes, dtype=self.class_dtype)
        if type != "class":
            columns.update((f".pred_{label}", probs[:, i]) for i, label in enumerate(labels))
        return columns

    def to_dict(self):
        return {"kind": self.kind, "names": self.names, "levels": self.levels, "mean": self.mean, "sd": self.sd}

    @classmethod
    def from_dict(cls, d):
        return cls(d["kind"], d["names"], d.get("levels"), d.get("mean"), d.get("sd"))

    def describe(self):
        if self.kind == "classification":
            return f"{', '.join(self.names)}: classification over {len(self.levels)} classes ({', '.join(map(str, self.levels))})"
        scaled = ", standardised for training" if self.mean is not None else ""
        return f"{', '.join(self.names)}: regression{scaled}"


def describe_frame(x, model=None, standardize=None):
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
        return {"shape": list(arr.shape), "c_contiguous": bool(arr.flags.c_contiguous),
                "nonzero": np.argwhere(arr != 0).astype(np.int32), "values": arr.ravel()}
    check_frame(x)
    columns = {}
    for name in x.columns:
        series = x[name]
        kind = column_kind(series, name)
        if kind in (NUMERIC, DATETIME):
            values = _numeric_values(series, kind)
        elif kind == LOGICAL:
            values = series.to_numpy(dtype="float64", na_value=np.nan)
        else:
            values = [None if pd.isna(v) else str(v) for v in series]
        columns[str(name)] = {"dtype": str(series.dtype), "kind": kind, "values": values,
                              "na": np.nonzero(missing_mask(series))[0].astype(np.int32)}
    return {"nrow": len(x), "columns": columns}
