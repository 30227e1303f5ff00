"""keras.utils's data helpers with keras3's names: class labels to one-hot rows, integer sequences
padded to one length, rows scaled to unit norm. Arguments come as R sends them (whole doubles,
one-element sequences as scalars) and are checked here; the work is Keras's."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from ..errors import ArgumentError
from ..validate import as_choice, as_int


def to_categorical(x: Any, num_classes: Any = None) -> np.ndarray:
    """Integer class labels 0..k-1 as one-hot rows (float32): ``(n,)`` -> ``(n, k)``; ``k`` is
    ``num_classes`` or the largest label + 1."""
    labels = np.asarray(x, dtype="float64")
    if labels.size and (not np.isfinite(labels).all() or (labels != np.round(labels)).any() or labels.min() < 0):
        raise ArgumentError("to_categorical(): `x` must hold class labels 0, 1, 2, ... (whole numbers from 0)")
    if num_classes is not None:
        num_classes = as_int(num_classes, "num_classes", minimum=1)
        if labels.size and labels.max() >= num_classes:
            top = int(labels.max())
            raise ArgumentError(f"to_categorical(): label {top} needs num_classes > {top}, not {num_classes}")
    return keras.utils.to_categorical(labels.astype("int64"), num_classes).astype("float32")


def pad_sequences(
    sequences: Any,
    maxlen: Any = None,
    dtype: str = "int32",
    padding: str = "pre",
    truncating: str = "pre",
    value: Any = 0.0,
) -> np.ndarray:
    """Sequences of different lengths as one ``(n, maxlen)`` array, padded with ``value`` and cut to
    ``maxlen`` at the start ("pre") or the end ("post") of each sequence."""
    if isinstance(sequences, np.ndarray) and sequences.ndim == 2:
        sequences = list(sequences)
    if not isinstance(sequences, (list, tuple)):
        raise ArgumentError("pad_sequences(): `sequences` must be a list of sequences (vectors of integers)")
    # A one-element R vector crosses as a scalar; each sequence is a 1-d array here.
    items = [np.atleast_1d(np.asarray(item)) if item is not None else np.zeros(0) for item in sequences]
    if any(item.ndim != 1 for item in items):
        raise ArgumentError("pad_sequences(): each sequence must be a vector")
    if maxlen is not None:
        maxlen = as_int(maxlen, "maxlen", minimum=0)
    as_choice(padding, "padding", ("pre", "post"))
    as_choice(truncating, "truncating", ("pre", "post"))
    try:
        return keras.utils.pad_sequences(
            items, maxlen=maxlen, dtype=dtype, padding=padding, truncating=truncating, value=value
        )
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"pad_sequences(): {err}") from None


def normalize(x: Any, axis: Any = -1, order: Any = 2) -> np.ndarray:
    """``x`` scaled to unit ``order``-norm along ``axis`` (0-based; -1 is the last); zero rows stay zero."""
    values = np.asarray(x, dtype="float64")
    axis = as_int(axis, "axis")
    if not -values.ndim <= axis < max(values.ndim, 1):
        raise ArgumentError(f"normalize(): `axis` is out of range for an array of {values.ndim} dimension(s)")
    # keras.utils.normalize (3.x) expands the norm back on axis -1 whatever `axis` is ("axis or -1"),
    # so axis 0 of a matrix divides by the wrong norms; keeping the reduced axis avoids that.
    norm = np.linalg.norm(values, ord=as_int(order, "order", minimum=1), axis=axis, keepdims=True)
    norm[norm == 0] = 1
    return values / norm
