"""pybridge: Keras on data frames, one implementation for Python and R.

    import pybridge as pb
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=16, activation="relu")
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    history = pb.fit(model, df, target="species", epochs=30)
    pb.predict(model, df)   # .pred_class and .pred_<level> columns

The package is layered, each layer importing only from those below it (docs/architecture.md):
r (transports) > api > interop > streaming > training > persist, distribute > model > vocab >
encoding, history > validate, console > errors.
"""

import os

from . import backend as _backend

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ["KERAS_BACKEND"] = _backend.requested()  # TensorFlow unless chosen (use_backend(), KERAS_BACKEND)
# Without it Keras fails with a bare "No module named 'tensorflow'"; say what to install.
_backend.require_installed(os.environ["KERAS_BACKEND"])

from . import distribute as _distribute  # noqa: E402
from .api import *  # noqa: E402,F403
from .api import __all__ as _api_names  # noqa: E402
from .errors import ArgumentError, DownloadError, InputError, PybridgeError, PybridgeWarning, StateError  # noqa: E402
from .history import History  # noqa: E402
from .model import Model  # noqa: E402
from .r import host as rhost  # noqa: E402
from .r.host import read_rds  # noqa: E402

__all__ = [
    *_api_names,
    "ArgumentError",
    "DownloadError",
    "History",
    "InputError",
    "Model",
    "PybridgeError",
    "PybridgeWarning",
    "StateError",
    "read_rds",
    "rhost",
]

# Before anything else runs TensorFlow operations: see distribute.startup().
_distribute.startup()
