"""Data in CSV or Parquet files, larger than memory: ``fit()`` (``fit.py``), ``evaluate()`` and
``predict()`` (``predict.py``) on a path or glob, read in chunks (``sources.py``), encoded into
batches (``batches.py``) and, for the epochs after the first, cached on local disk (``cache.py``)."""

from .batches import batches, blocks
from .fit import fit
from .predict import evaluate, predict_columns
from .sources import CHUNK_ROWS, Source, files, is_source

__all__ = ["CHUNK_ROWS", "Source", "batches", "blocks", "evaluate", "files", "fit", "is_source", "predict_columns"]
