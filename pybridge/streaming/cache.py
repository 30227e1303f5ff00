"""The encoded rows of a fit on files, written once by the first epoch into a temporary folder and
read back by every later epoch inside TensorFlow's input pipeline: binary rows read by TensorFlow's
C++ file readers instead of CSV parsed again, and no Python per batch (``dataset()``).

The rows are dealt into buckets of about ``BUCKET_BYTES`` each. Every part of a row (x, the encoded
y, and the weight when given) has its own raw file per bucket (``b000012.p0``, ``.p1``, ...), so a
bucket's part is read whole with ``tf.io.read_file`` and ``tf.io.decode_raw``.

The shuffle. While the first epoch passes, each row goes to a bucket drawn uniformly at random
(from the seed), so every bucket is a random sample of the whole file set. Each later epoch, from
(seed, epoch): the buckets in a new random order, taken ``GROUP_BUCKETS`` at a time, and the rows of
each group in a new random order, cut into batches (the rows left at a group's end open the next
group's first batch). So every batch is a uniform random sample of its group's rows, which come
from anywhere in the file set, and each epoch orders every row anew. It is not a full permutation
of all rows: two rows of one bucket are in the same group every epoch (the groups change), unless
all rows fit in one group, where it is one (a full permutation of data larger than memory would
rewrite the whole cache every epoch, on the cores that train). Without shuffling the buckets hold
the rows in the files' order and are read in order.

Memory holds a group or two in flight, whatever the size of the cache; the disk holds the rows once.
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
# Groups of 4 MiB rather than 16: as fast, and glibc's thread arenas keep less of them resident
# (bench/streaming.py at 5e6 rows: peak 895 MiB against 930-1,017).
BUCKET_BYTES = 1 * 2**20
GROUP_BUCKETS = 4
# One group is read and permuted ahead, while Keras trains on the rows before it; two at once compete
# with the training step for the cores (measured on two cores: 0.79 -> 0.97 of in-memory speed).
GROUPS_AHEAD = 1
FLUSH_BYTES = 8 * 2**20  # rows held while the first epoch deals them, so each bucket is appended in runs


def check_space(folder, needed):
    """An InputError, before anything is written, when ``folder``'s disk has less than ``needed`` bytes free."""
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise InputError(
            f"the cache of the encoded training rows needs {needed / 2**20:,.1f} MiB but {folder!r} has "
            f"{free / 2**20:,.1f} MiB free; give `cache_dir` a folder on a disk with more space, or "
            "cache = FALSE (Python: False) to read the files again every epoch"
        )


class Cache:
    """Space for ``rows`` rows of ``parts``, (shape of one row, dtype) pairs; ``shuffle`` deals the
    rows into random buckets and reads them in a random order (see the module)."""

    def __init__(self, rows, parts, shuffle=True, folder=None, bucket_rows=None):
        self.rows = int(rows)
        self.parts = [(tuple(int(d) for d in shape), np.dtype(dtype)) for shape, dtype in parts]
        self.row_bytes = sum(dtype.itemsize * math.prod(shape) for shape, dtype in self.parts)
        self.shuffle = bool(shuffle)
        self.bucket_rows = int(bucket_rows or max(1, BUCKET_BYTES // self.row_bytes))
        self.buckets = max(1, math.ceil(self.rows / self.bucket_rows))
        parent = tempfile.gettempdir() if folder is None else os.fspath(folder)
        if not os.path.isdir(parent):
            raise InputError(f"`cache_dir` {parent!r} is not a folder")
        check_space(parent, self.nbytes)
        self.folder = tempfile.mkdtemp(prefix=PREFIX, dir=parent)
        self._remove = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)
        self.ready = False
        self._written = 0
        self._held = []  # blocks dealt but not yet appended to their buckets

    @property
    def nbytes(self):
        """Disk space needed: the rows once."""
        return self.rows * self.row_bytes

    def _stem(self, bucket):
        return os.path.join(self.folder, f"b{bucket:06d}" if isinstance(bucket, int) else bucket)

    def fill(self, blocks, rng):
        """Write ``blocks`` (tuples of parts) on their way through: the first pass over the files.
        The cache is ready before the last block is handed on, so the next epoch finds it whole."""
        self.ready = False
        self._written = 0
        for bucket in [*range(self.buckets), "empty"]:
            for part in range(len(self.parts)):
                open(f"{self._stem(bucket)}.p{part}", "wb").close()
        previous = None
        for block in blocks:
            self._deal(block, rng)
            if previous is not None:
                yield previous
            previous = block
        self._flush()
        if self._written != self.rows:
            raise InputError(f"the files changed while being read: {self._written} rows now, {self.rows} before")
        self.ready = True
        if previous is not None:
            yield previous

    def _deal(self, block, rng):
        """Give each row of ``block`` its bucket: a random one, or the next in order without shuffling."""
        rows = len(block[0])
        if self.shuffle:
            target = rng.integers(self.buckets, size=rows)
        else:
            target = (self._written + np.arange(rows)) // self.bucket_rows
        if self._written + rows > self.rows:
            raise InputError(f"the files changed while being read: more than the {self.rows} rows counted before")
        self._held.append((target, [np.ascontiguousarray(b) for b in block]))
        self._written += rows
        if sum(len(t) for t, _ in self._held) * self.row_bytes >= FLUSH_BYTES:
            self._flush()

    def _flush(self):
        """Append the held rows to their buckets, one write per bucket and part."""
        if not self._held:
            return
        target = np.concatenate([t for t, _ in self._held])
        order = np.argsort(target, kind="stable")
        ends = np.cumsum(np.bincount(target, minlength=self.buckets))
        for part in range(len(self.parts)):
            grouped = np.concatenate([b[part] for _, b in self._held])[order]
            start = 0
            for bucket, end in enumerate(ends):
                if end > start:
                    with open(f"{self._stem(bucket)}.p{part}", "ab") as handle:
                        handle.write(memoryview(np.ascontiguousarray(grouped[start:end])).cast("B"))
                start = end
        self._held = []

    def dataset(self, seed, batch_size):
        """A tf.data Dataset of one epoch's batches read from the cache, in TensorFlow's graph:
        ``seed`` (an int64 tensor of two) draws the order (see the module) when shuffling."""
        import tensorflow as tf

        stems = tf.constant([self._stem(b) for b in range(self.buckets)])
        if self.shuffle:
            stems = tf.gather(stems, tf.random.experimental.stateless_shuffle(tf.range(self.buckets), seed=seed))
        # The last group is made whole with empty files, so every group is GROUP_BUCKETS reads.
        padding = -self.buckets % GROUP_BUCKETS
        stems = tf.concat([stems, tf.constant([self._stem("empty")] * padding, tf.string)], axis=0)
        parts = self.parts
        shuffle = self.shuffle

        def load(index, group):
            loaded = []
            for part, (shape, dtype) in enumerate(parts):
                # Unrolled: tf.map_fn and reduce_join would copy each file twice more.
                names = [group[i] + f".p{part}" for i in range(GROUP_BUCKETS)]
                files = [tf.io.decode_raw(tf.io.read_file(name), tf.as_dtype(dtype)) for name in names]
                loaded.append(tf.reshape(tf.concat(files, axis=0), (-1,) + shape))
            if shuffle:
                rows = tf.shape(loaded[0], out_type=tf.int64)[0]
                group_seed = tf.random.experimental.stateless_fold_in(seed, index)
                order = tf.random.experimental.stateless_shuffle(tf.range(rows), seed=group_seed)
                loaded = [tf.gather(values, order) for values in loaded]
            return tuple(loaded)

        groups = tf.data.Dataset.from_tensor_slices(stems).batch(GROUP_BUCKETS).enumerate()
        return groups.map(load, num_parallel_calls=GROUPS_AHEAD).rebatch(batch_size)

    def close(self):
        """Remove the folder and its files."""
        self.ready = False
        self._remove()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
