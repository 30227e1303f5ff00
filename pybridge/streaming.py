"""``fit()`` on CSV or Parquet files larger than memory: one streaming pass learns the preprocessing
(``Preprocessor.fit_streaming``), then each epoch streams encoded batches through tf.data.

Memory is bounded by a chunk of ``chunk_rows`` rows (read, encoded, cut into batches) plus the few
batches tf.data prefetches, whatever the size of the files. Files are read in sorted name order, so
every worker of a multi-worker run sees the same rows and learns the same statistics. Shuffling is
within each chunk (rows are never all in memory at once).
"""

import glob
import math
import os

import numpy as np
import pandas as pd

from . import distribute
from .encoding.columns import CATEGORICAL, LOGICAL, NUMERIC, column_kind
from .encoding.outcome import OutcomeEncoder
from .encoding.predictors import Preprocessor
from .errors import ArgumentError, InputError, backticked
from .training import checks
from .training.data import build_network, drop_missing
from .training.fit import fit_settings, recompile, record_history, redraw_initial_weights, seeded
from .training.scaling import attach_outcome_scale
from .validate import as_int
from .vocab._keras_patches import owning_traces

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
    if len({_is_parquet(f) for f in found}) > 1:
        raise InputError(f"{pattern!r} mixes CSV and Parquet files; use one kind")
    return found


def _is_parquet(path):
    return path.lower().endswith((".parquet", ".pq"))


class Source:
    """The chunks of a set of files, with column types fixed from the first chunk so that every chunk
    (and every worker) reads each column the same way."""

    def __init__(self, source, columns=None, chunk_rows=CHUNK_ROWS):
        self.files = files(source)
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

    def chunks(self):
        for path in self.files:
            yield from self._read(path, self.chunk_rows, self.dtypes)

    def _read(self, path, rows, dtypes):
        if _is_parquet(path):
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


def _split(chunk, names):
    absent = [n for n in names if n not in chunk.columns]
    if absent:
        raise InputError(f"outcome column(s) {backticked(absent)} not found in the data")
    y = chunk[names[0]] if len(names) == 1 else chunk[names]
    return chunk.drop(columns=names), y


def _learn(model, source, names, standardize, na_action, scale_outcome):
    """One pass: row count, the NA policy, and (at the first fit) the predictor and outcome encoding."""
    counts = {"rows": 0, "omitted": 0}
    outcome_values = []
    moments = []  # per chunk: rows, mean and sum of squared deviations of a numeric outcome

    def predictors():
        for chunk in source.chunks():
            x, y = _split(chunk, names)
            (x, y), omitted = drop_missing([x, y], na_action, "the training data")
            counts["rows"] += len(x)
            counts["omitted"] += omitted
            # The outcome's distinct values are all OutcomeEncoder.fit needs for its levels.
            outcome_values.append(y.drop_duplicates())
            if scale_outcome and len(y) and all(column_kind(y[n] if y.ndim == 2 else y, n) == NUMERIC for n in names):
                values = y.to_numpy(dtype="float64", na_value=np.nan).reshape(len(y), -1)
                centred = values - values.mean(axis=0)
                moments.append((len(values), values.mean(axis=0), (centred**2).sum(axis=0)))
            yield x

    if model.is_fitted:
        for _ in predictors():
            pass
        return model.preprocessor, model.outcome, counts
    preprocessor = Preprocessor.fit_streaming(predictors(), standardize=standardize)
    distinct = pd.concat(outcome_values, ignore_index=True).drop_duplicates()
    classify = checks.loss_name(model.keras.loss) in checks.CLASSIFICATION_LOSSES
    outcome = OutcomeEncoder.fit(distinct, names, classify=classify, scale=False)
    if outcome.kind == "regression" and moments:
        n, mean, m2 = _merged_moments(moments)
        sd = np.sqrt(m2 / max(n - 1, 1))
        outcome = OutcomeEncoder(
            "regression", names, mean=mean.tolist(), sd=np.where(sd > 0, sd, 1.0).tolist(), scaling="network"
        )
    return preprocessor, outcome, counts


def _merged_moments(moments):
    """Chan et al.'s pairwise merge of per-chunk (rows, mean, squared deviations)."""
    n, mean, m2 = moments[0]
    for count, chunk_mean, chunk_m2 in moments[1:]:
        total = n + count
        delta = chunk_mean - mean
        mean = mean + delta * count / total
        m2 = m2 + chunk_m2 + delta**2 * n * count / total
        n = total
    return n, mean, m2


def blocks(source, names, preprocessor, encode_y, batch_size, na_action, shuffle, seed):
    """Encoded (x, y) blocks of whole batches, one per chunk: rows left over at the end of a chunk are
    carried into the next, so batches are the same for any chunk size (only the last may be short)."""
    rng = np.random.default_rng(seed)
    carry_x = carry_y = None
    for chunk in source.chunks():
        x, y = _split(chunk, names)
        (x, y), _ = drop_missing([x, y], na_action, "the training data")
        if len(x) == 0:
            continue
        ex, ey = preprocessor.transform(x), encode_y(y)
        if shuffle:
            order = rng.permutation(len(ex))
            ex, ey = ex[order], ey[order]
        if carry_x is not None and len(carry_x):
            ex, ey = np.concatenate([carry_x, ex]), np.concatenate([carry_y, ey])
        whole = len(ex) - len(ex) % batch_size
        if whole:
            yield ex[:whole], ey[:whole]
        carry_x, carry_y = ex[whole:], ey[whole:]
    if carry_x is not None and len(carry_x):
        yield carry_x, carry_y


def batches(*args, batch_size, **kwargs):
    """The batches ``blocks()`` holds, one by one: what ``fit`` streams."""
    for bx, by in blocks(*args, batch_size=batch_size, **kwargs):
        for start in range(0, len(bx), batch_size):
            yield bx[start : start + batch_size], by[start : start + batch_size]


def fit(
    model,
    source,
    y=None,
    *,
    target=None,
    epochs=10,
    batch_size=32,
    validation_split=0.0,
    verbose="auto",
    seed=None,
    standardize=True,
    scale_outcome=None,
    na_action="fail",
    strategy=None,
    callbacks=None,
    shuffle=True,
    columns=None,
    chunk_rows=CHUNK_ROWS,
    **unsupported,
):
    """``pybridge.fit()`` for a path or glob of files; the arguments mean the same."""
    import tensorflow as tf

    epochs, batch_size, validation_split, callbacks = fit_settings(
        model, epochs, batch_size, validation_split, strategy, callbacks, verbose
    )
    unsupported.update(y=y, validation_split=validation_split)
    given = [
        k
        for k, v in unsupported.items()
        if v is not None and v is not False and not (isinstance(v, (int, float)) and v == 0)
    ]
    if given:
        raise ArgumentError(
            f"fit() on files does not take {backticked(given)}; read the files into a data frame for those"
        )
    if target is None and model.outcome is not None:
        target = model.outcome.names  # a fitted model remembers its outcome
    names = [target] if isinstance(target, str) else [str(t) for t in target or []]
    if not names:
        raise InputError("fit() on files needs `target`, the outcome column(s) (in R, a formula such as y ~ .)")
    if columns is not None:
        columns = [columns] if isinstance(columns, str) else [str(c) for c in columns]
        columns = list(dict.fromkeys(columns + names))  # the outcome is read too
    source = Source(source, columns, chunk_rows)
    scale_outcome = True if scale_outcome is None else scale_outcome  # files are data frames
    preprocessor, outcome, counts = _learn(model, source, names, standardize, na_action, scale_outcome)
    if counts["rows"] == 0:
        raise InputError("every row of the training data has a missing value; nothing is left to train on")
    with seeded(seed):
        if seed is not None:
            redraw_initial_weights(model)
        build_network(model, np.zeros((1,) + preprocessor.input_shape, dtype=np.float32))
    fmt = checks.target_format(model.keras, outcome)
    attach_outcome_scale(model, outcome, recompile)
    active = distribute.place(model, strategy)
    model.preprocessor, model.outcome = preprocessor, outcome

    y_probe = outcome.encode(_split(next(source.chunks()).head(1), names)[1], fmt)
    signature = (
        tf.TensorSpec((None,) + preprocessor.input_shape, tf.float32),
        tf.TensorSpec((None,) + y_probe.shape[1:], tf.as_dtype(y_probe.dtype)),
    )
    steps = math.ceil(counts["rows"] / batch_size)
    epoch = [0]

    def generate():
        epoch[0] += 1  # a new shuffle order each epoch, reproducible from the seed
        shuffle_seed = None if seed is None else (int(seed), epoch[0])
        yield from batches(
            source,
            names,
            preprocessor,
            lambda y: outcome.encode(y, fmt),
            batch_size=batch_size,
            na_action=na_action,
            shuffle=shuffle,
            seed=shuffle_seed,
        )

    # Batches cut in Python: measured faster than handing tf.data whole chunks to cut (flat_map).
    dataset = tf.data.Dataset.from_generator(generate, output_signature=signature)
    dataset = dataset.apply(tf.data.experimental.assert_cardinality(steps)).prefetch(2)
    options = tf.data.Options()
    # Every worker reads all files; each takes its share of every global batch.
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    dataset = dataset.with_options(options)
    with seeded(seed), active.scope(), owning_traces(lambda: model.keras):
        keras_history = model.keras.fit(
            dataset,
            epochs=model.epochs_trained + epochs,
            verbose=0,
            shuffle=False,
            callbacks=callbacks,
            initial_epoch=model.epochs_trained,
        )
    return record_history(
        model,
        keras_history,
        {
            "batch_size": batch_size,
            "samples": counts["rows"],
            "rows_omitted": counts["omitted"],
            "files": len(source.files),
        },
    )
