"""Files to encoded batches: chunks read, split into predictors, outcome (and weights), cleared of
missing values by the NA policy, encoded, and cut into batches of the same rows whatever the chunk
size; and each epoch's batches of a fit, from the files or from the cache of the first epoch."""

import contextlib
import warnings

import numpy as np

from .. import backend
from ..errors import InputError, StateError
from ..training.data import drop_missing
from .cache import Cache
from .elements import PythonElements, python_errors
from .sources import split

GROUP_BATCHES = 16


def blocks(
    source,
    names,
    preprocessor,
    encode_y,
    batch_size,
    na_action,
    shuffle,
    seed,
    weight=None,
    what="the training data",
    shard=None,
):
    """Encoded (x, y) or (x, y, w) blocks of whole batches, one per chunk: rows left over at the end of
    a chunk are carried into the next, so batches are the same for any chunk size (only the last may
    be short). ``shuffle`` permutes the rows within each chunk. ``shard`` = (workers, index) keeps
    every ``workers``-th complete row from the ``index``-th."""
    rng = np.random.default_rng(seed)
    carry = [None]
    seen = 0
    for chunk in source.chunks():
        x, y, w = split(chunk, names, weight)
        parts, _ = drop_missing([x, y] if w is None else [x, y, w], na_action, what)
        if shard is not None:
            mine = np.flatnonzero((seen + np.arange(len(parts[0]))) % shard[0] == shard[1])
            seen += len(parts[0])
            parts = [p.iloc[mine] for p in parts]
        if len(parts[0]) == 0:
            continue
        block = [preprocessor.transform(parts[0]), encode_y(parts[1])]
        if w is not None:
            block.append(parts[2].to_numpy(dtype=np.float32))
        if shuffle:
            order = rng.permutation(len(block[0]))
            block = [b[order] for b in block]
        yield from whole_batches(block, carry, batch_size)
    if carry[0] is not None and len(carry[0][0]):
        yield tuple(carry[0])


def whole_batches(block, carry_box, batch_size):
    """``block`` after the rows carried in ``carry_box[0]``, cut to whole batches (the rest carried).
    Only the batch that completes the carry is copied; the others are views of ``block``."""
    carry = carry_box[0]
    if carry is not None and len(carry[0]):
        need = batch_size - len(carry[0])
        if len(block[0]) < need:
            carry_box[0] = [np.concatenate([c, b]) for c, b in zip(carry, block)]
            return
        yield tuple(np.concatenate([c, b[:need]]) for c, b in zip(carry, block))
        block = [b[need:] for b in block]
    whole = len(block[0]) - len(block[0]) % batch_size
    if whole:
        yield tuple(b[:whole] for b in block)
    carry_box[0] = [b[whole:] for b in block]


def groups(blocks_, batch_size, size=GROUP_BATCHES):
    """Blocks of any sizes as groups of up to ``size`` whole batches, shaped (k, batch_size, ...)
    (views where the rows are contiguous); the rows left at the end as a group of one short batch.
    tf.data takes a group at a time and splits it (unbatch(), in C++): a generator element costs
    tens of microseconds of Python, about as much as a small network's training step."""
    box = [None]
    for block in blocks_:
        if not len(block[0]):
            continue
        for whole in whole_batches(list(block), box, batch_size):
            count = len(whole[0]) // batch_size
            for first in range(0, count, size):
                k = min(size, count - first)
                rows = slice(first * batch_size, (first + k) * batch_size)
                yield tuple(b[rows].reshape((k, batch_size) + b.shape[1:]) for b in whole)
    if box[0] is not None and len(box[0][0]):
        yield tuple(b[None] for b in box[0])


def cut(block, batch_size):
    for start in range(0, len(block[0]), batch_size):
        yield tuple(b[start : start + batch_size] for b in block)


def batches(*args, batch_size, **kwargs):
    """The batches ``blocks()`` holds, one by one."""
    for block in blocks(*args, batch_size=batch_size, **kwargs):
        yield from cut(block, batch_size)


class EpochBatches:
    """The batches of each epoch of a fit (or of one evaluate()), for tf.data (see ``tf_dataset()``).
    The first epoch reads the files (shuffled within chunks) and fills ``cache``; later ones read the
    cache inside TensorFlow's graph (``Cache.dataset()``: its shuffle across all files is described
    in cache.py). Without a cache every epoch reads the files. Each epoch's order comes from (seed,
    epoch), or from fresh entropy without a seed."""

    def __init__(self, read_blocks, batch_size, shuffle, seed, cache=None, steps=None):
        self.read_blocks, self.batch_size, self.shuffle, self.seed = read_blocks, batch_size, shuffle, seed
        self.cache, self.steps, self.epoch = cache, steps, 0
        self.from_cache = False

    def plan(self):
        """tf.data calls this generator once at the start of each epoch: one element, [1 when the
        epoch reads the cache (else 0), the two halves of the epoch's seed]."""
        self.epoch += 1
        self.from_cache = self.cache is not None and self.cache.ready
        if self.seed is None:
            seed = np.random.default_rng().integers(2**62, size=2)
        else:
            seed = (int(self.seed), self.epoch)
        yield np.array([int(self.from_cache), *seed], dtype=np.int64)

    def __call__(self):
        """The epoch's batches read from the files, in groups (see ``groups()``), at most ``steps``
        batches (every worker takes as many): rows past them are still read before the last group is
        handed on, so the cache fills all the same. Nothing when the epoch reads the cache."""
        if self.from_cache:
            return
        done = 0
        epoch = iter(self._groups())
        for group in epoch:
            if self.steps is not None and done + len(group[0]) >= self.steps:
                for _ in epoch:
                    pass
                yield tuple(g[: self.steps - done] for g in group)
                return
            done += len(group[0])
            yield group

    def _groups(self):
        seed = None if self.seed is None else (int(self.seed), self.epoch)
        if self.cache is None:
            yield from groups(self.read_blocks(seed), self.batch_size)
        else:
            rng = np.random.default_rng(None if seed is None else seed + (0,))
            yield from groups(self.cache.fill(self.read_blocks(seed), rng), self.batch_size)


def make_cache(rows, probe, shuffle, cache_dir):
    """A Cache for ``rows`` rows shaped like the ``probe`` block (x, y[, w])."""
    return Cache(rows, [(p.shape[1:], p.dtype) for p in probe], shuffle=shuffle, folder=cache_dir)


def outcome_names(target, verb):
    names = [target] if isinstance(target, str) else [str(t) for t in target or []]
    if not names:
        raise InputError(f"{verb}() on files needs `target`, the outcome column(s) (in R, a formula such as y ~ .)")
    return names


def read_columns(columns, needed):
    """The columns to read: those chosen plus the outcome (and weights); None reads all."""
    if columns is None:
        return None
    columns = [columns] if isinstance(columns, str) else [str(c) for c in columns]
    return list(dict.fromkeys(columns + needed))


@contextlib.contextmanager
def reading(errors):
    """Around Keras reading tf_dataset()s: what reading the files raised (``errors``, the list given to
    them) is raised as itself, not as TensorFlow's wrapping of it. And quiet: Keras warns that a
    dataset of unknown length "ran out of data" when it simply ends (validation and evaluation files
    are not counted beforehand), which is expected here, not the user's concern."""
    with warnings.catch_warnings(), python_errors(errors):
        warnings.filterwarnings("ignore", message="Your input ran out of data")
        yield


def tf_data():
    """TensorFlow, through whose tf.data files are streamed. Keras takes tf.data under its other
    backends too, but TensorFlow must then be installed beside them: a StateError says so before
    anything is read or learnt."""
    try:
        import tensorflow as tf
    except ImportError:
        raise StateError(
            f"files are streamed through tf.data, which needs TensorFlow also under Keras's {backend.running()} "
            "backend: pip install tensorflow-cpu, or read the data into a data frame"
        ) from None
    return tf


def tf_dataset(epochs, probe, steps=None, sharded=False, errors=None):
    """A tf.data Dataset of the batches of ``epochs`` (an EpochBatches), typed like the ``probe`` block.
    Each iteration (Keras starts one per epoch) asks ``epochs.plan()`` whether it reads the files,
    through Python, or the cache, in TensorFlow's graph. What reading the files raises is added to
    ``errors`` (a list), for ``reading()``."""
    tf = tf_data()

    signature = tuple(tf.TensorSpec((None, None) + p.shape[1:], tf.as_dtype(p.dtype)) for p in probe)
    # Not from_generator, which slows the cached epochs down for the whole process: see elements.py.
    # The generator yields groups of batches (see groups()), which unbatch() splits into the batches.
    from_files = PythonElements(epochs, signature, errors).dataset.unbatch()
    plans = PythonElements(epochs.plan, tf.TensorSpec((3,), tf.int64), errors).dataset

    def epoch(plan):
        reads_cache = tf.equal(plan[0], 1)
        files = from_files.take(tf.where(reads_cache, np.int64(0), np.int64(-1)))
        if epochs.cache is None:
            return files
        cached = epochs.cache.dataset(plan[1:], epochs.batch_size)
        if steps is not None:
            cached = cached.take(steps)
        return files.concatenate(cached.take(tf.where(reads_cache, np.int64(-1), np.int64(0))))

    dataset = plans.flat_map(epoch)
    if steps is not None:
        dataset = dataset.apply(tf.data.experimental.assert_cardinality(steps))
    options = tf.data.Options()
    # A worker's own shard is used as it is; otherwise each worker takes its share of every global batch.
    policy = tf.data.experimental.AutoShardPolicy
    options.experimental_distribute.auto_shard_policy = policy.OFF if sharded else policy.DATA
    # As Keras does for arrays: tf.data's default rewrites cost a serialization of the graph per epoch.
    options.experimental_optimization.apply_default_optimizations = False
    return dataset.prefetch(2).with_options(options)
