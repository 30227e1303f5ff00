"""evaluate() and predict() on a path or glob of files: chunks through the preprocessing stored at
fit time, so memory holds a chunk; predictions come back as one frame, or go to a file chunk by
chunk (``output =``) when they would not fit in memory."""

import os

import pandas as pd

from ..encoding.columns import Columns
from ..errors import ArgumentError
from ..training import checks
from ..training.predict import predict_columns as predict_in_memory
from ..validate import as_int
from .batches import EpochBatches, blocks, outcome_names, read_columns, reading, tf_data, tf_dataset
from .sources import CHUNK_ROWS, Source, is_parquet

OUTPUT_SUFFIXES = (".csv", ".csv.gz", ".parquet", ".pq")


def evaluate(
    model,
    source,
    y=None,
    *,
    target=None,
    batch_size=None,
    verbose=0,
    na_action="fail",
    sample_weight=None,
    columns=None,
    chunk_rows=CHUNK_ROWS,
    **kwargs,
):
    """``pybridge.evaluate()`` for files: the same loss and metrics as on the same rows in memory."""
    model.require_fitted("evaluate")
    if y is not None:
        raise ArgumentError("evaluate() on files takes the outcome from the files: give `target`, not `y`")
    if sample_weight is not None and not isinstance(sample_weight, str):
        raise ArgumentError("evaluate() on files takes `sample_weight` as the name of a column of the files")
    names = outcome_names(model.outcome.names if target is None else target, "evaluate")
    tf_data()  # files stream through tf.data: without it, fail before anything is read or learnt
    weights = [sample_weight] if sample_weight else []
    source = Source(source, read_columns(columns, names + weights), chunk_rows)
    batch_size = 32 if batch_size is None else as_int(batch_size, "batch_size", minimum=1)  # Keras's default
    fmt = checks.target_format(model.keras, model.outcome)

    def read_blocks(_seed):
        return blocks(
            source,
            names,
            model.preprocessor,
            lambda y: model.outcome.encode(y, fmt),
            batch_size,
            na_action,
            False,
            None,
            sample_weight,
            "the evaluation data",
        )

    probe = next(read_blocks(None))
    errors = []
    dataset = tf_dataset(EpochBatches(read_blocks, batch_size, False, None), probe, errors=errors)
    with reading(errors):
        result = model.keras.evaluate(dataset, verbose=verbose, return_dict=True, **kwargs)
    return {name: float(value) for name, value in result.items()}


def predict_columns(model, source, *, type=None, batch_size=None, verbose=0, output=None, chunk_rows=CHUNK_ROWS):
    """Predictions for every row of the files, in order: ``Columns`` (as the in-memory predict_columns
    gives), or, with ``output`` (a .csv or .parquet path), written there chunk by chunk; then the
    path is returned."""
    model.require_fitted("predict")
    if output is not None:
        output = os.fspath(os.path.expanduser(output))
        if not output.lower().endswith(OUTPUT_SUFFIXES):
            raise ArgumentError(f"`output` must be a path ending {', '.join(OUTPUT_SUFFIXES)}, not {output!r}")
    source = Source(source, model.preprocessor.names, chunk_rows)
    chunks = (
        predict_in_memory(model, chunk, type=type, batch_size=batch_size, verbose=verbose).to_frame()
        for chunk in source.chunks()
    )
    if output is None:
        frame = pd.concat(list(chunks), ignore_index=True)
        categorical = [n for n in frame if isinstance(frame[n].dtype, pd.CategoricalDtype)]
        return Columns({n: frame[n].array if n in categorical else frame[n].to_numpy() for n in frame})
    return _write(chunks, output)


def _write(frames, output):
    """Frames appended to ``output``, written under a temporary name and renamed when complete, so a
    failure leaves no partial file under the name asked for."""
    partial = f"{output}.partial"
    writer = None
    try:
        for i, frame in enumerate(frames):
            if is_parquet(output):
                import pyarrow as pa
                import pyarrow.parquet as pq

                table = pa.Table.from_pandas(frame, preserve_index=False)
                writer = writer or pq.ParquetWriter(partial, table.schema)
                writer.write_table(table)
            else:
                gzip = "gzip" if output.lower().endswith(".gz") else None
                frame.to_csv(partial, mode="w" if i == 0 else "a", header=i == 0, index=False, compression=gzip)
        if writer is not None:
            writer.close()
            writer = None
        os.replace(partial, output)
    finally:
        if writer is not None:
            writer.close()
        if os.path.exists(partial):
            os.remove(partial)
    return output
