"""Small data sets that ship with the Python environment, for examples and tests."""

import numpy as np

from ..errors import StateError


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
