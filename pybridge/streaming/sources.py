"""Which files a path or glob names, and their rows read in chunks with column types fixed from the
first chunk, so every chunk (and every worker) reads each column the same way."""

import copy
import glob
import os

import pandas as pd

from ..encoding.columns import CATEGORICAL, LOGICAL, NUMERIC, column_kind
from ..errors import InputError, backticked
from ..validate import as_int
from .memory import release_free_memory

CHUNK_ROWS = 65536
SUFFIXES = (".csv", ".csv.gz", ".parquet", ".pq")


def is_source(x):
    """A path or glob of data files (rather than data in memory)."""
    return isinstance(x, (str, os.PathLike))


def files(source):
    """The files a path or glob names, sorted; an InputError when there are none or of a wrong kind."""
    pattern = os.fspath(source)
    found = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
    found = [f for f in found if os.path.isfile(f)]
    if not found:
        raise InputError(f"no data file matches {pattern!r}")
    bad = [f for f in found if not f.lower().endswith(SUFFIXES)]
    if bad:
        raise InputError(f"{bad[0]!r} is not a CSV or Parquet file (names ending {', '.join(SUFFIXES)})")
    if len({is_parquet(f) for f in found}) > 1:
        raise InputError(f"{pattern!r} mixes CSV and Parquet files; use one kind")
    return found


def is_parquet(path):
    return path.lower().endswith((".parquet", ".pq"))


class Source:
    """The chunks of a set of files (``paths``: all of them, or one worker's share)."""

    def __init__(self, source, columns=None, chunk_rows=CHUNK_ROWS, paths=None):
        self.files = files(source) if paths is None else list(paths)
        self.chunk_rows = as_int(chunk_rows, "chunk_rows", minimum=1)
        self.columns = None if columns is None else [str(c) for c in columns]
        self.dtypes = None
        first = next(self._read(self.files[0], self.chunk_rows, None), None)
        if first is None or len(first) == 0:
            raise InputError(f"{self.files[0]!r} has no rows")
        missing = [c for c in self.columns or [] if c not in first.columns]
        if missing:
            raise InputError(f"column(s) {backticked(missing)} not found in {self.files[0]!r}")
        self.dtypes = {name: _read_dtype(first[name], name) for name in first.columns}

    def chunks(self, paths=None):
        """The chunks of every file (or of ``paths``, some of them), in order."""
        for path in self.files if paths is None else paths:
            for chunk in self._read(path, self.chunk_rows, self.dtypes):
                yield chunk
                release_free_memory()  # what the chunk's reading and encoding freed

    def shard(self, workers, index):
        """This worker's files, every ``workers``-th from ``index``, read with the same column types."""
        part = copy.copy(self)
        part.files = self.files[index::workers]
        return part

    def _read(self, path, rows, dtypes):
        if is_parquet(path):
            yield from _parquet_chunks(path, rows, self.columns, dtypes)
            return
        try:
            yield from pd.read_csv(path, chunksize=rows, usecols=self.columns, dtype=dtypes)
        except ValueError as err:
            raise InputError(
                f"{path!r} could not be read with the column types of its first rows "
                f"({err}); make the column types consistent"
            ) from None


def _read_dtype(series, name):
    """How to read a column in every chunk: numbers as float64 (an NA-free integer chunk and a chunk
    with NA then agree), text as str, logical as pandas's nullable boolean."""
    kind = column_kind(series, name)
    if kind == NUMERIC:
        return "float64"
    if kind == LOGICAL:
        return "boolean"
    if kind == CATEGORICAL:
        return str
    return None


def _parquet_chunks(path, rows, columns, dtypes):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputError(f'reading {path!r} needs pyarrow: pip install "pybridge-keras[parquet]"') from None
    for batch in pq.ParquetFile(path).iter_batches(batch_size=rows, columns=columns):
        chunk = batch.to_pandas()
        if dtypes:
            chunk = chunk.astype({n: t for n, t in dtypes.items() if t is not None and t is not str})
        yield chunk


def split(chunk, names, weight=None):
    """(predictors, outcome, weights or None) of a chunk; the weight column is no predictor."""
    absent = [n for n in names if n not in chunk.columns]
    if absent:
        raise InputError(f"outcome column(s) {backticked(absent)} not found in the data")
    if weight and weight not in chunk.columns:
        raise InputError(f"`sample_weight` column `{weight}` not found in the data")
    y = chunk[names[0]] if len(names) == 1 else chunk[names]
    w = chunk[weight] if weight else None
    return chunk.drop(columns=names + ([weight] if weight else [])), y, w
