"""The encoded rows of a fit on files, written once by the first epoch into a temporary folder and
read back by every later epoch: binary float32 instead of CSV parsed again.

The rows are kept in buckets of about ``BUCKET_ROWS`` rows, one raw file each, every row a record of
its parts (x, the encoded y, and the weight when given). The global shuffle: a pass writes each row
into a bucket drawn at random (uniformly, from the epoch's seed); the next pass reads the buckets one
by one, permutes each in memory and yields its rows, while writing them into new random buckets for
the pass after. Random bucket plus random order within the bucket is a uniform random order of all
rows, so every epoch's batches mix rows from anywhere in the file set, and memory holds one bucket.
Each pass reads one set of files and writes the next, so the cache takes twice the encoded size on
disk while training (once without shuffling). Files are read with plain reads, not memory maps, so
resident memory does not grow with the cache (measured: random gathers from a map fault every page
in and cost 2.7 us a row).

The folder is removed by ``close()`` (fit() calls it in a ``finally``), and otherwise when the cache
is garbage-collected or the interpreter exits (``weakref.finalize``)."""

import math
import os
import shutil
import tempfile
import weakref

import numpy as np

from ..errors import InputError

PREFIX = "pybridge-cache-"
BUCKET_ROWS = 65536


def check_space(folder, needed):
    """An InputError, before anything is written, when ``folder``'s disk has less than ``needed`` bytes free."""
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise InputError(
            f"the cache of the encoded training rows needs {needed / 2**20:,.1f} MiB but {folder!r} has "
            f"{free / 2**20:,.1f} MiB free; give `cache_dir` a folder on a disk with more space, or "
            "cache = FALSE (Python: False) to read the files again every epoch"
        )


def record_dtype(parts):
    """One row's record: ``parts`` are (shape of one row, dtype) pairs, named p0, p1, ..."""
    fields = [(f"p{i}", np.dtype(dtype), tuple(int(d) for d in shape)) for i, (shape, dtype) in enumerate(parts)]
    return np.dtype(fields)


class Cache:
    """Space for ``rows`` rows of ``parts``; ``shuffle`` keeps two sets of buckets (see the module)."""

    def __init__(self, rows, parts, shuffle=True, folder=None, bucket_rows=BUCKET_ROWS):
        self.rows = int(rows)
        self.dtype = record_dtype(parts)
        self.shuffle = bool(shuffle)
        self.bucket_rows = int(bucket_rows)
        self.buckets = max(1, math.ceil(self.rows / self.bucket_rows))
        parent = tempfile.gettempdir() if folder is None else os.fspath(folder)
        if not os.path.isdir(parent):
            raise InputError(f"`cache_dir` {parent!r} is not a folder")
        check_space(parent, self.nbytes)
        self.folder = tempfile.mkdtemp(prefix=PREFIX, dir=parent)
        self._remove = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
        self.ready = False
        self._current = 0  # the set of bucket files holding the rows once ready
        self._written = 0

    @property
    def nbytes(self):
        """Disk space needed: the rows once, twice when a shuffled pass writes while it reads."""
        return self.rows * self.dtype.itemsize * (2 if self.shuffle else 1)

    def _path(self, which, bucket):
        return os.path.join(self.folder, f"set{which}-{bucket:06d}.bin")

    def _start(self, which):
        for bucket in range(self.buckets):
            open(self._path(which, bucket), "wb").close()
        self._written = 0

    def _write(self, which, record, rng):
        """Append ``record`` rows to buckets of set ``which``: random ones, or in order without shuffling."""
        if self.shuffle:
            # Small integers sort by radix, in linear time.
            target = rng.integers(self.buckets, size=len(record), dtype=np.uint16 if self.buckets < 2**16 else np.int64)
        else:
            target = (self._written + np.arange(len(record))) // self.bucket_rows
        grouped = self._take(record, np.argsort(target, kind="stable"))
        ends = np.cumsum(np.bincount(target, minlength=self.buckets))
        start = 0
        for bucket, end in enumerate(ends):
            if end > start:
                with open(self._path(which, bucket), "ab") as handle:
                    handle.write(memoryview(grouped[start:end]).cast("B"))
            start = end
        self._written += len(record)

    def _take(self, record, rows):
        """``record[rows]`` row by row as bytes: NumPy gathers a structured dtype element by element,
        several times slower."""
        raw = record.view(np.uint8).reshape(len(record), self.dtype.itemsize)
        return np.take(raw, rows, axis=0).view(self.dtype).reshape(-1)

    def _commit(self, which):
        if self._written != self.rows:
            raise InputError(f"the files changed while being read: {self._written} rows now, {self.rows} before")
        self._current, self.ready = which, True

    def record(self, *blocks):
        """The blocks of parts (x, y, w) as one record array."""
        record = np.empty(len(blocks[0]), dtype=self.dtype)
        for i, block in enumerate(blocks):
            record[f"p{i}"] = block
        return record

    def fill(self, blocks, rng):
        """Write ``blocks`` (tuples of parts) on their way through: the first pass over the files.
        The cache is ready before the last block is handed on, so the next epoch finds it whole."""
        self.ready = False
        target = 1 - self._current
        self._start(target)
        previous = None
        for block in blocks:
            self._write(target, self.record(*block), rng)
            if previous is not None:
                yield previous
            previous = block
        self._commit(target)
        if previous is not None:
            yield previous

    def epoch(self, rng, last=False):
        """Every row once, as blocks of parts: in a new uniform random order when shuffling (writing
        the buckets of the next pass unless ``last``), else in the files' order."""
        source, target = self._current, 1 - self._current
        moving = self.shuffle and not last
        if moving:
            self._start(target)
        pending = None
        for bucket in range(self.buckets):
            record = np.fromfile(self._path(source, bucket), dtype=self.dtype)
            if self.shuffle:
                record = self._take(record, rng.permutation(len(record)))
            if moving:
                self._write(target, record, rng)
            if bucket == self.buckets - 1 and moving:
                self._commit(target)
            block = tuple(np.ascontiguousarray(record[name]) for name in self.dtype.names)
            if pending is not None:
                yield pending
            pending = block
        if pending is not None:
            yield pending

    def close(self):
        """Remove the folder and its files."""
        self.ready = False
        self._remove()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
