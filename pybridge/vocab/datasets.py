"""Data sets for examples and tests: scikit-learn's digits, which ship with the Python environment,
and Keras's own (MNIST, CIFAR, IMDB, ...), which Keras downloads on first use and caches in
``~/.keras/datasets``."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np

from ..errors import ArgumentError, DownloadError, StateError


def dataset_digits():
    """scikit-learn's handwritten digits: ``x`` (1797, 8, 8) pixel intensities 0-16, ``y`` labels 0-9."""
    try:
        from sklearn.datasets import load_digits
    except ImportError:
        raise StateError(
            'dataset_digits() needs scikit-learn: pip install scikit-learn (or pip install "pybridge-keras[demo]")'
        ) from None
    digits = load_digits()
    return {"x": digits.images.astype(np.float64), "y": digits.target.astype(np.int32)}


# keras3's dataset_<name>() and the keras.datasets module it loads.
KERAS_DATASETS = ("mnist", "fashion_mnist", "cifar10", "cifar100", "imdb", "reuters", "boston_housing")

# Arguments R sends as doubles that Keras needs as integers.
_WHOLE_NUMBERS = ("num_words", "skip_top", "maxlen", "seed", "start_char", "oov_char", "index_from")


def load_dataset(name: str, **kwargs: Any) -> dict[str, dict[str, Any]]:
    """Keras's data set ``name`` as keras3 returns it: ``{"train": {"x", "y"}, "test": {"x", "y"}}``.
    Keras downloads it on first use; a failed download is a ``DownloadError`` saying where from and
    where to put the file by hand."""
    if name not in KERAS_DATASETS:
        raise ArgumentError(f"no Keras data set {name!r}; there are {', '.join(KERAS_DATASETS)}")
    for argument in _WHOLE_NUMBERS:
        if kwargs.get(argument) is not None:
            kwargs[argument] = int(kwargs[argument])
    loader = getattr(keras.datasets, name).load_data
    try:
        (x_train, y_train), (x_test, y_test) = loader(**kwargs)
    except TypeError as err:
        raise ArgumentError(f"dataset_{name}(): {err}") from None
    except Exception as err:  # noqa: BLE001 - Keras raises a bare Exception for a failed download
        if "URL fetch failure" not in str(err) and not isinstance(err, OSError):
            raise
        raise DownloadError(
            f"dataset_{name}() downloads the data set on first use, and the download failed: {err}. "
            f"Connect to the internet and call it again, or copy the file Keras downloads into "
            "~/.keras/datasets/ (or $KERAS_HOME/datasets/)"
        ) from None
    return {"train": {"x": _sequences(x_train), "y": y_train}, "test": {"x": _sequences(x_test), "y": y_test}}


def _sequences(x: np.ndarray) -> Any:
    # IMDB and Reuters reviews are word-index lists of different lengths: an object array, which
    # crosses to R as a list of integer vectors.
    if x.dtype == object:
        return [np.asarray(item, dtype=np.int32) for item in x]
    return x
