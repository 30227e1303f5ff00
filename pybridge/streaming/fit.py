"""``fit()`` on CSV or Parquet files larger than memory: one streaming pass learns the preprocessing
(``Preprocessor.fit_streaming``), then each epoch streams encoded batches through tf.data.

The first epoch reads the files in chunks (shuffled within each chunk) and writes the encoded rows
to a cache on local disk (``cache.py``); later epochs read that binary cache inside TensorFlow's
input pipeline instead of parsing the files again, each epoch in a new order drawn across all files
(groups of random buckets, each group's rows permuted: cache.py says exactly how). Memory is bounded
by a chunk or a few cache groups plus the few batches tf.data prefetches, whatever the size of the
files. Files are read in sorted name order, so every worker of a multi-worker run learns the same
statistics.
"""

import contextlib
import math

import numpy as np
import pandas as pd

from .. import distribute
from ..encoding.columns import NUMERIC, column_kind
from ..encoding.outcome import OutcomeEncoder
from ..encoding.predictors import Preprocessor
from ..errors import ArgumentError, InputError, backticked
from ..training import checks
from ..training.data import build_network, drop_missing
from ..training.epochs import epoch_range
from ..training.fit import fit_settings, keras_fit, recompile, redraw_initial_weights, seeded
from ..training.scaling import attach_outcome_scale
from .batches import (
    EpochBatches,
    blocks,
    make_cache,
    outcome_names,
    read_columns,
    reading,
    tf_data,
    tf_dataset,
)
from .sources import CHUNK_ROWS, Source, is_source, split


def _learn(model, source, names, weight, standardize, na_action, scale_outcome):
    """One pass: row count, the NA policy, and (at the first fit) the predictor and outcome encoding."""
    counts = {"rows": 0, "omitted": 0, "per_file": {path: 0 for path in source.files}}
    outcome_values = []
    classify = checks.loss_name(model.keras.loss) in checks.CLASSIFICATION_LOSSES
    moments = []  # per chunk: rows, mean and sum of squared deviations of a numeric outcome

    def predictors():
        for path, chunk in ((f, chunk) for f in source.files for chunk in source.chunks([f])):
            x, y, w = split(chunk, names, weight)
            (x, y, *_), omitted = drop_missing([x, y] if w is None else [x, y, w], na_action, "the training data")
            counts["rows"] += len(x)
            counts["per_file"][path] += len(x)
            counts["omitted"] += omitted
            # The outcome's distinct values are all OutcomeEncoder.fit needs for its levels.
            outcome_values.append(y.drop_duplicates())
            numeric = len(y) and all(column_kind(y[n] if y.ndim == 2 else y, n) == NUMERIC for n in names)
            if numeric and not classify:
                # A regression asks only whether a column is constant: a few rows tell, where every
                # distinct value would grow with the files.
                outcome_values[:] = [_telling_rows(pd.concat(outcome_values, ignore_index=True))]
            if scale_outcome and numeric:
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
    outcome = OutcomeEncoder.fit(distinct, names, classify=classify, scale=False)
    if outcome.kind == "regression" and moments:
        n, mean, m2 = _merged_moments(moments)
        sd = np.sqrt(m2 / max(n - 1, 1))
        outcome = OutcomeEncoder(
            "regression", names, mean=mean.tolist(), sd=np.where(sd > 0, sd, 1.0).tolist(), scaling="network"
        )
    return preprocessor, outcome, counts


def _telling_rows(y):
    """The first row of ``y`` and, for each column, the first row whose value differs from it."""
    values = y.to_numpy(dtype="float64", na_value=np.nan).reshape(len(y), -1)
    differs = values != values[:1]
    return y.iloc[sorted({0, *(int(np.argmax(d)) for d in differs.T if d.any())})]


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


def fit(
    model,
    source,
    y=None,
    *,
    target=None,
    epochs=10,
    batch_size=32,
    validation_split=0.0,
    validation_data=None,
    verbose="auto",
    seed=None,
    standardize=True,
    scale_outcome=None,
    na_action="fail",
    sample_weight=None,
    strategy=None,
    callbacks=None,
    shuffle=True,
    columns=None,
    chunk_rows=CHUNK_ROWS,
    cache=True,
    cache_dir=None,
    initial_epoch=None,
    **unsupported,
):
    """``pybridge.fit()`` for a path or glob of files; the arguments mean the same, except that
    ``sample_weight`` names a column of the files and ``validation_data`` is a path or glob of files
    too. ``cache`` (default True) keeps the encoded rows on local disk after the first epoch, in a
    temporary folder under ``cache_dir`` (default: the system's temp folder) removed when fit()
    ends; ``cache=False`` reads the files again every epoch."""
    epochs, batch_size, validation_split, callbacks = fit_settings(
        model, epochs, batch_size, validation_split, strategy, callbacks, verbose
    )
    initial_epoch, final_epoch = epoch_range(model, epochs, initial_epoch)
    epochs = final_epoch - initial_epoch  # the epochs this fit() trains
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
    if validation_data is not None and not is_source(validation_data):
        raise ArgumentError("fit() on files takes `validation_data` as a path or glob of files too")
    if sample_weight is not None and not isinstance(sample_weight, str):
        raise ArgumentError("fit() on files takes `sample_weight` as the name of a column of the files")
    if target is None and model.outcome is not None:
        target = model.outcome.names  # a fitted model remembers its outcome
    names = outcome_names(target, "fit")
    tf_data()  # files stream through tf.data: without it, fail before anything is read or learnt
    columns = read_columns(columns, names + ([sample_weight] if sample_weight else []))
    source = Source(source, columns, chunk_rows)
    if sample_weight is not None and sample_weight not in source.dtypes:
        raise InputError(f"`sample_weight` column `{sample_weight}` not found in {source.files[0]!r}")
    scale_outcome = True if scale_outcome is None else scale_outcome  # files are data frames
    preprocessor, outcome, counts = _learn(model, source, names, sample_weight, standardize, na_action, scale_outcome)
    if counts["rows"] == 0:
        raise InputError("every row of the training data has a missing value; nothing is left to train on")
    validation = None
    if validation_data is not None:
        validation = Source(validation_data, read_columns(columns, names), chunk_rows)
    with seeded(seed):
        if seed is not None:
            redraw_initial_weights(model)
        build_network(model, np.zeros((1,) + preprocessor.input_shape, dtype=np.float32))
    fmt = checks.target_format(model.keras, outcome)
    attach_outcome_scale(model, outcome, recompile)
    active = distribute.place(model, strategy)
    model.preprocessor, model.outcome = preprocessor, outcome

    def encode_y(y):
        return outcome.encode(y, fmt)

    def read_blocks(block_seed, data=source, weight=sample_weight, mix=shuffle, what="the training data", shard=None):
        return blocks(data, names, preprocessor, encode_y, batch_size, na_action, mix, block_seed, weight, what, shard)

    probe = next(read_blocks(None))
    params = {
        "batch_size": batch_size,
        "samples": counts["rows"],
        "rows_omitted": counts["omitted"],
        "files": len(source.files),
    }
    errors = []  # what reading the files inside tf.data raises, raised as itself by reading()
    with contextlib.ExitStack() as cleanup:

        def training_set(workers=1, index=0, worker_batch=batch_size):
            """This worker's batches: its own files when there are enough to go round, else every
            ``workers``-th row; each worker takes the same number of steps (the fewest any shard fills)."""
            if len(source.files) >= workers:
                data, shard = source.shard(workers, index), None
                rows = [sum(counts["per_file"][f] for f in source.files[w::workers]) for w in range(workers)]
            else:
                data, shard = source, (workers, index)
                rows = [len(range(w, counts["rows"], workers)) for w in range(workers)]
            steps = min(math.ceil(r / worker_batch) for r in rows)
            params.update(worker_rows=rows[index], rows_left_out=max(0, rows[index] - steps * worker_batch))
            spill = None
            if cache and epochs > 1 and rows[index]:
                spill = make_cache(rows[index], probe, shuffle, cache_dir)
                cleanup.callback(spill.close)  # on success, error or interrupt alike

            def read(block_seed):
                return read_blocks(block_seed, data, shard=shard)

            train = EpochBatches(read, worker_batch, shuffle, seed, spill, steps)
            return tf_dataset(train, probe, steps, sharded=workers > 1, errors=errors)

        workers = _input_workers(active)
        if workers:
            if batch_size % workers:
                raise ArgumentError(f"`batch_size` ({batch_size}) must divide evenly among the {workers} workers")

            def from_context(context):
                worker_batch = context.get_per_replica_batch_size(batch_size)
                return training_set(context.num_input_pipelines, context.input_pipeline_id, worker_batch)

            dataset = active.distribute_datasets_from_function(from_context)
        else:
            dataset = training_set()
        validation_set = None
        if validation is not None:
            held_out = EpochBatches(
                lambda s: read_blocks(s, validation, None, False, "validation_data"), batch_size, False, None
            )
            validation_set = tf_dataset(held_out, probe[:2], errors=errors)
        # The worker's rows (training_set() adds them to params) are known once Keras asks for them.
        with seeded(seed), reading(errors):
            return keras_fit(
                model,
                active,
                final_epoch,
                params,
                callbacks,
                x=dataset,
                validation_data=validation_set,
                shuffle=False,
                initial_epoch=initial_epoch,
            )


def _input_workers(strategy):
    """The number of workers of a multi-worker strategy (each reads its own shard), else 0."""
    import tensorflow as tf

    if not isinstance(strategy, tf.distribute.MultiWorkerMirroredStrategy):
        return 0
    jobs = strategy.cluster_resolver.cluster_spec().as_dict()
    return sum(len(jobs.get(job, [])) for job in ("chief", "worker"))
