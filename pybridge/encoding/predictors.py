"""Predictors: data frames and arrays to the float32 arrays Keras trains on, learnt once and stored.

The preprocessing learnt at the first ``fit()`` (column kinds, means and sds, levels, outcome encoding)
is stored in the model, so ``predict()`` and a saved file apply exactly the same transformation:

* numeric columns (double, integer) are standardised with the training mean and the sample sd (R's
  ``sd()``, ``ddof=1``); a constant column has sd 0 and is only centred (divided by 1), so it never
  becomes NaN. ``standardize=False`` passes numbers through as they are;
* factor, character and logical columns are one-hot encoded over the training levels (a factor's own
  levels, in order; the sorted distinct strings of a character column; FALSE, TRUE), one output column
  per level; a level not seen in training is an error at predict time;
* Date and POSIXct columns become days since 1970-01-01 (a date-time keeps its fraction of a day,
  in UTC) and are then standardised like any number; a date-time column's time zone is stored
  (``"tz"``, absent when naive), and new data that have one when training had none, or the reverse,
  are refused: read in the other convention, every time would shift by the zone's offset;
* column labels are strings: ``pd.DataFrame(array)``'s ``0, 1, 2`` are ``"0", "1", "2"`` and a
  MultiIndex's levels are joined with ``_``, at fit and at predict alike;
* the encoded columns follow the frame's column order, so 64 pixel columns of an 8x8 image, given
  in row-major order (the first 8 columns are the first image row), become the image again under
  ``layer_reshape(target_shape = c(8, 8, 1))``: column ``k`` (0-based) is pixel
  ``(k // 8, k % 8)``;
* arrays (R matrices and arrays, NumPy arrays) pass through as float32 with their indexing kept
  (R's ``x[i, j, k, l]`` is NumPy's ``a[i-1, j-1, k-1, l-1]``), converted to C order once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..errors import InputError, backticked
from .arrays import as_float32_array
from .columns import (
    DATETIME,
    FLOAT32_MAX,
    LOGICAL,
    NUMERIC,
    THREADS,
    Columns,
    as_labels,
    check_float32_range,
    check_frame,
    column_kind,
    each,
    evenly_spaced,
    level_labels,
    numeric_values,
    row_major,
    time_zone,
    with_string_names,
)

SMALL_ROWS = 256  # at most this many rows: the vectorised all-numeric path of transform()
BLOCK_ROWS = 16384  # rows encoded per block: the block (features x rows, float32) stays in cache
# A block's rows are this many floats longer than BLOCK_ROWS: rows 64 KiB apart map to the same
# cache sets, and the transposing copy out of the block then runs 3x slower.
BLOCK_PAD = 16
ROW_MAJOR_VALUES = 1 << 16  # values per block when the columns are one C-ordered array
LEARN_GROUP_BYTES = 64 << 20  # fit() on such columns: at most this much of them copied contiguous at once


class _ColumnStats:
    """What ``Preprocessor`` learns about one column, accumulated chunk by chunk."""

    def __init__(self, series: pd.Series, name: Any) -> None:
        self.name, self.kind = str(name), column_kind(series, name)
        self.n, self.mean, self.m2 = 0, 0.0, 0.0  # count, mean, sum of squared deviations
        self.levels, self.categories = set(), {}  # seen values; a factor's levels, in order
        self.tz = time_zone(series) if self.kind == DATETIME else None

    def update(self, series: pd.Series) -> None:
        kind = column_kind(series, self.name)
        if kind != self.kind:
            raise InputError(f"column `{self.name}` is {self.kind} in the first rows but {kind} ({series.dtype}) later")
        if kind == DATETIME:
            check_time_zone(series, self.name, self.tz, "in the first rows", "later")
        if kind in (NUMERIC, DATETIME):
            values = numeric_values(series, kind)
            check_float32_range(values, self.name)
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
            self.categories.update(dict.fromkeys(level_labels(series, kind)))
        elif kind != LOGICAL:
            self.levels.update(series.dropna())

    def _merge(self, n: int, mean: float, m2: float) -> None:
        # Chan et al.'s pairwise update: exact for the first chunk, stable for many.
        if self.n == 0:
            self.n, self.mean, self.m2 = n, float(mean), float(m2)
            return
        total = self.n + n
        delta = mean - self.mean
        self.mean += delta * n / total
        self.m2 += m2 + delta**2 * self.n * n / total
        self.n = total

    def spec(self, standardize: bool) -> dict[str, Any]:
        spec = {"name": self.name, "kind": self.kind}
        if self.kind in (NUMERIC, DATETIME):
            mean = self.mean if self.n else 0.0
            sd = float(np.sqrt(self.m2 / (self.n - 1))) if self.n > 1 else 0.0
            # A constant column carries no information; scaling it by 1 keeps it finite. So is one whose
            # sd is below float32's range (values 1e-123 apart): the encoding divides in float32.
            usable = standardize and np.isfinite(sd) and sd >= np.finfo(np.float32).tiny
            spec.update(mean=mean if standardize else 0.0, sd=sd if usable else 1.0)
            if self.tz is not None:  # absent means naive, as in files saved before zones were stored
                spec["tz"] = self.tz
        elif self.kind == LOGICAL:
            spec["levels"] = [False, True]
        elif self.categories and not self.levels - set(self.categories):
            spec["levels"] = list(self.categories)
        else:
            spec["levels"] = sorted(self.levels | set(self.categories))
        return spec


def check_time_zone(series: pd.Series, name: str, tz: str | None, then: str, now: str) -> None:
    """A date-time column must be time-zone aware now if it was ``then`` (``tz``), and naive if it was
    naive: an aware time is read as its UTC instant and a naive one as UTC wall-clock time, so a
    mismatch would shift every value by the zone's offset. Two zones are the same instants: accepted."""
    zone = time_zone(series)
    if (zone is None) == (tz is None):
        return
    if tz is not None:
        raise InputError(
            f"column `{name}` had time zone {tz} {then} but is time-zone naive {now}; give it its zone: "
            f'.dt.tz_localize("{tz}") if its times are {tz} wall-clock times (or the zone they were recorded in)'
        )
    raise InputError(
        f"column `{name}` was time-zone naive {then} but has time zone {zone} {now}; make it naive as it "
        "was: .dt.tz_localize(None) keeps the local wall-clock times, .dt.tz_convert(None) gives them in UTC"
    )


def _numbers(series: pd.Series, kind: str) -> np.ndarray:
    """A numeric or date column as the array its encoding reads: plain float64 and integer columns as
    they are (a view, no copy: the encoding subtracts the mean in float64 either way), others as
    ``numeric_values()`` makes them."""
    if kind == NUMERIC and isinstance(series.dtype, np.dtype) and series.dtype in (np.float64, np.int32, np.int64):
        return series.to_numpy()
    return numeric_values(series, kind)


def _column_groups(chunk: pd.DataFrame) -> Iterable[list[Any]]:
    """The chunk's columns, a group at a time. Each column is read whole (its mean and sd come out the
    same whatever the frame's layout), so the columns of a frame that is one C-ordered array are first
    copied out contiguous, a group of them per pass over the rows by blocks in cache: read one by one,
    each would go through every row of the whole array."""
    columns = [chunk[name] for name in chunk.columns]
    plain = len(chunk) >= BLOCK_ROWS and all(column.dtype == np.float64 for column in columns)
    matrix = row_major([column.to_numpy() for column in columns]) if plain else None
    if matrix is None:
        yield columns
        return
    width = max(1, min(len(columns), LEARN_GROUP_BYTES // (8 * len(chunk))))
    rows = max(1, ROW_MAJOR_VALUES // width)
    for first in range(0, len(columns), width):
        group = np.empty((min(width, len(columns) - first), len(chunk)))
        for start in range(0, len(chunk), rows):
            group[:, start : start + rows] = matrix[start : start + rows, first : first + len(group)].T
        yield [pd.Series(values, name=column.name, copy=False) for values, column in zip(group, columns[first:])]


class Preprocessor:
    """Encodes predictors: a data frame's columns, or an array passed through as float32."""

    def __init__(
        self,
        columns: list[dict[str, Any]] | None = None,
        array_shape: list[int] | None = None,
        standardize: bool = True,
    ) -> None:
        self.columns = columns or []  # one dict per used column: name, kind, mean, sd, levels
        self.array_shape = array_shape  # per-sample shape when the input is an array
        self.standardize = standardize
        # R formula terms that made columns ("log(y)", "poly(z, 2)"): {"predictors": {name: R
        # expression}, "outcome": {...}}. Stored for R (R/fit-inputs.R), which makes the same columns
        # from new data at predict time; Python never evaluates them.
        self.formula_terms = None

    # -- learning ---------------------------------------------------------------------------------
    @classmethod
    def fit(cls, x: Any, standardize: bool = True) -> Preprocessor:
        if not isinstance(x, pd.DataFrame):
            # A vector is one feature per row: as_float32_array() reads it as a one-column matrix.
            return cls(array_shape=list(np.shape(x)[1:]) or [1], standardize=False)
        return cls.fit_streaming([x], standardize)

    @classmethod
    def fit_streaming(cls, chunks: Iterable[pd.DataFrame], standardize: bool = True) -> Preprocessor:
        """Learn from data frames seen one at a time (a file larger than memory, read in chunks) in one
        pass: running moments for numeric columns, level sets for the others. One chunk gives exactly
        what ``fit()`` gives; several give the same levels and the same means and sds up to rounding."""
        stats = None
        for chunk in chunks:
            chunk = with_string_names(chunk)
            if stats is None:
                check_frame(chunk)
                stats = [_ColumnStats(chunk[name], name) for name in chunk.columns]
            elif [s.name for s in stats] != list(map(str, chunk.columns)):
                raise InputError(
                    f"the columns change between chunks: {', '.join(s.name for s in stats)} "
                    f"then {', '.join(map(str, chunk.columns))}"
                )
            done = 0
            for group in _column_groups(chunk):
                pairs = list(zip(stats[done:], group))
                each(lambda pair: pair[0].update(pair[1]), pairs, parallel=len(chunk) >= BLOCK_ROWS)
                done += len(group)
        if stats is None:
            raise InputError("the data have no rows")
        return cls([column.spec(standardize) for column in stats], standardize=standardize)

    @property
    def is_frame(self) -> bool:
        return self.array_shape is None

    @property
    def input_shape(self) -> tuple[int, ...]:
        if not self.is_frame:
            return tuple(self.array_shape)
        return (sum(len(c["levels"]) if "levels" in c else 1 for c in self.columns),)

    @property
    def names(self) -> list[str]:
        return [c["name"] for c in self.columns]

    # -- applying ---------------------------------------------------------------------------------
    def transform(self, x: Any) -> np.ndarray:
        """Encoded float32, C-ordered, ready for Keras; errors name the column or shape at fault."""
        if isinstance(x, Columns):
            fast = self._transform_small_numeric(x) if self.is_frame and self._all_numeric else None
            if fast is not None:
                return fast
            x = x.to_frame()
        if not self.is_frame:
            return as_float32_array(x, self.array_shape)
        if not isinstance(x, pd.DataFrame):
            raise InputError(
                f"the model was trained on a data frame with columns {', '.join(self.names)}; got {type(x).__name__}"
            )
        x = with_string_names(x)
        missing = [n for n in self.names if n not in x.columns]
        if missing:
            terms = (self.formula_terms or {}).get("predictors") or {}
            made = [n for n in missing if any(n.startswith(term) for term in terms)]  # poly(x, 2)1 too
            hint = f"; {backticked(made)} came from R formula terms: make them as R did" if made else ""
            raise InputError(f"column(s) {backticked(missing)} used in training are missing from the new data{hint}")
        if len(x) <= SMALL_ROWS and self._all_numeric:
            fast = self._transform_small_numeric(x)
            if fast is not None:
                return fast
        sources, error = [], None
        try:
            for spec in self.columns:
                series = x[spec["name"]]
                kind = column_kind(series, spec["name"])
                if kind != spec["kind"]:
                    raise InputError(
                        f"column `{spec['name']}` was {spec['kind']} in training but is {kind} ({series.dtype}) now"
                    )
                if kind == DATETIME:
                    check_time_zone(series, spec["name"], spec.get("tz"), "in training", "now")
                sources.append(self._codes(series, spec) if "levels" in spec else _numbers(series, kind))
        except InputError as err:
            error = err
        if error is not None:
            self._check_ranges(sources)  # the columns before the one at fault come first, as always
            raise error
        return self._fill(len(x), sources)

    @property
    def _all_numeric(self) -> bool:
        return all(spec["kind"] == NUMERIC for spec in self.columns)

    def _transform_small_numeric(self, x: Any) -> np.ndarray | None:
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
        if values.dtype.kind == "f" and values.size and not (np.abs(values) <= FLOAT32_MAX).all():
            for name, column in zip(names, values.T):  # NaN fails the test too: look, column by column
                check_float32_range(np.ascontiguousarray(column), name)
        means = np.array([spec["mean"] for spec in self.columns])
        sds = np.array([spec["sd"] for spec in self.columns])
        # The same two roundings as _fill(): the difference in float64 stored as float32, then the
        # division in float32, so both paths give identical encodings.
        with np.errstate(invalid="ignore"):  # a non-finite value encodes as non-finite: a missing row
            out = np.ascontiguousarray(values - means, dtype=np.float32)
        out /= sds.astype(np.float32)
        return out

    def _fill(self, n: int, sources: list[np.ndarray]) -> np.ndarray:
        """Encode into one preallocated C-ordered float32 array, block by block of rows while each block
        is in cache, so each value is read from memory once and written once; large data share the
        blocks among threads (NumPy releases the GIL in its loops). Per block: the differences from
        the means (float64, stored as float32), the range check on them, then one division by the
        sds for the whole block."""
        width = self.input_shape[0]
        out = np.empty((n, width), dtype=np.float32)
        divisors = np.ones(width, dtype=np.float32)  # one-hot columns divide by 1: unchanged, exactly
        j = 0
        for spec in self.columns:
            if "levels" in spec:
                j += len(spec["levels"])
            else:
                divisors[j] = spec["sd"]  # float32, as the division is done in float32
                j += 1
        divide = bool((divisors != 1).any())
        bound = self._range_bound()
        if bound is None:  # means near float32's limit: no bound on the differences, check the values
            self._check_ranges(sources)
        matrix = row_major(sources) if self._all_numeric else None
        suspect = []  # blocks whose differences reach the bound (or are infinite): check the values

        def screen(encoded):
            # fmax/fmin pass over NaN (a missing value, not out of range); both read the block in cache.
            # A value beyond float32's range made an infinite difference (its overflow warning is
            # silenced: the range check names the column instead) or one beyond the bound.
            if bound is not None and not (
                -bound < np.fmin.reduce(encoded, axis=None) <= np.fmax.reduce(encoded, axis=None) < bound
            ):
                suspect.append(True)

        if matrix is not None:
            # Numeric columns of one C-ordered array (a frame made from a NumPy array holds them so):
            # whole rows at once, straight into the output, no transposition; the means and sds
            # repeated along a block of rows, so each operation is one long loop, not one per row.
            rows = max(1, ROW_MAJOR_VALUES // width)
            means = np.tile(np.array([spec["mean"] for spec in self.columns], dtype=np.float64), rows)
            repeated = np.tile(divisors, rows)
            values, flat = matrix.reshape(-1), out.reshape(-1)

            def fill(block_starts):
                for start in block_starts:
                    first, last = start * width, min(n, start + rows) * width
                    encoded = flat[first:last]
                    with np.errstate(over="ignore"):  # a difference beyond float32: see screen()
                        np.subtract(values[first:last], means[: last - first], out=encoded, casting="same_kind")
                    screen(encoded)
                    if divide:
                        np.divide(encoded, repeated[: last - first], out=encoded)

        else:
            rows, segments = BLOCK_ROWS, self._segments(sources)

            def fill(block_starts):
                buffer = np.empty((width, min(n, rows) + BLOCK_PAD), dtype=np.float32)
                for start in block_starts:
                    stop = min(n, start + rows)
                    block = buffer[:, : stop - start]
                    with np.errstate(over="ignore"):  # a difference beyond float32: see screen()
                        self._fill_block(block, segments, start, stop)
                    screen(block)
                    if divide:
                        np.divide(block, divisors[:, None], out=block)
                    out[start:stop] = block.T

        # One queue of blocks the threads take from as each is free (CPython hands out a shared
        # iterator's items one at a time): on a busy machine a thread that waits for a core does fewer.
        starts = range(0, n, rows)
        queue = iter(starts)
        each(fill, [queue] * max(1, min(len(starts), THREADS)), parallel=True)
        if suspect:
            self._check_ranges(sources)  # the error names the first column at fault, as it always did
        return out

    def _segments(self, sources: list[np.ndarray]) -> list[tuple[int, Any, Any]]:
        """The encoding's pieces: (first output column, codes, levels) for a one-hot column, and
        (first output column, values, means) for numbers, where consecutive float64 columns evenly
        spaced in memory (a pandas block; R's columns, mostly) share one (rows x columns) view, so a
        block of rows takes one subtraction for all of them rather than one per column."""
        segments, j = [], 0
        run, means = [], []  # the float64 columns of the current view, and their means

        def close():
            if run:
                view = evenly_spaced(run) if len(run) > 1 else run[0][:, None]
                segments.append((j - len(run), view, np.array(means)[:, None]))
                run.clear()
                means.clear()

        for spec, values in zip(self.columns, sources):
            if "levels" in spec:
                close()
                segments.append((j, values, spec["levels"]))
                j += len(spec["levels"])
                continue
            if run and evenly_spaced(run + [values]) is None:
                close()
            run.append(values)
            means.append(spec["mean"])
            j += 1
        close()
        return segments

    @staticmethod
    def _fill_block(block: np.ndarray, segments: list[tuple[int, Any, Any]], start: int, stop: int) -> None:
        """The block (features x rows) before the division: one-hot levels, numbers less their means."""
        for j, values, other in segments:
            if isinstance(other, list):  # levels
                rows = block[j : j + len(other)]
                rows[:] = 0
                codes = values[start:stop]
                hit = np.nonzero(codes >= 0)[0]
                rows[codes[hit], hit] = 1
                # A missing level encodes as NaN, as a missing number does, so a row with any
                # missing predictor shows in the encoding itself (predict() relies on it).
                rows[:, codes < 0] = np.nan
            else:
                # In float64 whatever the column's type (an integer column is read as it is, not copied).
                out = block[j : j + len(other)]
                np.subtract(values[start:stop].T, other, out=out, dtype=np.float64, casting="same_kind")

    def _range_bound(self) -> float | None:
        """A bound on the encoded differences (value - mean, before the division) below which no value
        can be beyond float32's range: with every |mean| <= max/4, a value beyond max is more than
        3/4 max from its mean. None when a mean is larger (every value is then checked)."""
        means = [abs(spec["mean"]) for spec in self.columns if "levels" not in spec]
        if means and max(means) > FLOAT32_MAX / 4:
            return None
        return FLOAT32_MAX / 2

    def _check_ranges(self, sources: list[np.ndarray]) -> None:
        for spec, values in zip(self.columns, sources):
            if "levels" not in spec:
                check_float32_range(values, spec["name"])

    @staticmethod
    def _codes(series: pd.Series, spec: dict[str, Any]) -> np.ndarray:
        """Positions in the training levels (-1 for NA); an error for a level not seen in training."""
        levels = spec["levels"]
        if spec["kind"] == LOGICAL:
            codes = series.to_numpy(dtype="float64", na_value=np.nan)
            return np.where(np.isnan(codes), -1, codes).astype(np.int64)
        values = as_labels(series)
        codes = pd.Index(levels).get_indexer(values.to_numpy(dtype=object))
        unseen = sorted(set(values[(codes < 0) & values.notna().to_numpy()].astype(str)))
        if unseen:
            raise InputError(
                f"column `{spec['name']}` has level(s) not seen in training: "
                f"{', '.join(unseen[:5])}; training levels: {', '.join(map(str, levels))}"
            )
        return codes

    def to_dict(self) -> dict[str, Any]:
        d = {"columns": self.columns, "array_shape": self.array_shape, "standardize": self.standardize}
        if self.formula_terms:
            d["formula_terms"] = self.formula_terms
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Preprocessor:
        preprocessor = cls(d["columns"], d["array_shape"], d["standardize"])
        preprocessor.formula_terms = d.get("formula_terms")
        return preprocessor

    def describe(self) -> list[str]:
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
