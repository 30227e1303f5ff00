"""Arrays (R matrices and arrays, NumPy arrays) as the C-ordered float32 Keras takes, R's indexing
kept: R's ``x[i, j, k, l]`` is NumPy's ``a[i-1, j-1, k-1, l-1]``."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import InputError
from .columns import THREADS, check_float32_range, each


def as_float32_array(x: Any, sample_shape: list[int] | tuple[int, ...] | None = None) -> np.ndarray:
    """An array-like as C-ordered float32 (one conversion), checked against the per-sample shape."""
    try:
        arr = _threaded_c_order(x)
        if arr is None:
            arr = np.ascontiguousarray(x, dtype=np.float32)
    except (TypeError, ValueError) as err:
        raise InputError(f"x could not be read as numbers: {err}") from None
    if isinstance(x, np.ndarray) and x.dtype == np.float64:
        check_float32_range(x.ravel(order="K"), "x", what="`x`")  # 1e39 would become inf in float32
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if sample_shape is not None and list(arr.shape[1:]) != list(sample_shape):
        raise InputError(
            f"x has per-sample shape {tuple(arr.shape[1:])}; the model was trained on {tuple(sample_shape)}"
        )
    return arr


# Below this many values a strided copy is over before threads would start.
THREADED_COPY_VALUES = 1 << 20


def _threaded_c_order(x: Any) -> np.ndarray | None:
    """A large numeric array in another layout (an R array arrives column-major) as C-ordered
    float32, copied by row blocks over THREADS threads: the copy is a strided transpose, and NumPy
    releases the GIL inside it (CNN images from R: 19 ms on one thread, 12 on two). None where the
    plain conversion is as fast or the array is not numeric."""
    if (
        not isinstance(x, np.ndarray)
        or x.ndim < 2
        or x.flags.c_contiguous
        or x.size < THREADED_COPY_VALUES
        or x.dtype.kind not in "fiub"
        or THREADS < 2
    ):
        return None
    out = np.empty(x.shape, dtype=np.float32)
    step = -(-len(x) // THREADS)
    each(
        lambda start: np.copyto(out[start : start + step], x[start : start + step], casting="unsafe"),
        list(range(0, len(x), step)),
        parallel=True,
    )
    return out
