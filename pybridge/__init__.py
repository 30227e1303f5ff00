"""pybridge: Keras on data frames, one implementation for Python and R.

    import pybridge as pb
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=16, activation="relu")
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    history = pb.fit(model, df, target="species", epochs=30)
    pb.predict(model, df)   # .pred_class and .pred_<level> columns
"""
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

from .api import *  # noqa: E402,F401,F403
from .api import compile, evaluate, fit, predict, summary  # noqa: E402,F401
from .errors import ArgumentError, InputError, PybridgeError, StateError  # noqa: E402,F401
from .history import History  # noqa: E402,F401
from .model import Model  # noqa: E402,F401
from .rdata import read_rds  # noqa: E402,F401
from . import distribute as _distribute  # noqa: E402

# Before anything else runs TensorFlow operations: see distribute.startup().
_distribute.startup()
