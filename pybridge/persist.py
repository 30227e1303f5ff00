"""Model files: one ``.keras`` zip holding the Keras network and, as JSON, pybridge's preprocessing.

The zip is Keras's own format (config.json, metadata.json, model.weights.h5) plus ``pybridge.json``
(input columns, types, levels, scaling, outcome encoding, histories), so Keras alone can still read
the network. Nothing is pickled, and loading runs no code from the file: a Lambda layer (Python code
stored in the file) is refused unless ``safe_mode=False``.
"""

import json
import os
import tempfile
import warnings
import zipfile

import keras
import numpy as np

from . import model as _model
from .encoding.outcome import OutcomeEncoder
from .encoding.predictors import Preprocessor
from .errors import ArgumentError, InputError, StateError
from .history import History
from .model import Model

ENTRY = "pybridge.json"
FORMAT_VERSION = 1


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")


def _metadata(model):
    return {
        "format": "pybridge",
        "version": FORMAT_VERSION,
        "preprocessor": model.preprocessor.to_dict() if model.preprocessor else None,
        "outcome": model.outcome.to_dict() if model.outcome else None,
        "histories": [
            {"metrics": h.metrics, "params": h.params, "first_epoch": h.first_epoch} for h in model.histories
        ],
    }


def _write(model, filepath):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "model not built yet": an empty stack is still worth keeping
        model.keras.save(filepath, overwrite=True)
    add_metadata(model, filepath)


def add_metadata(model, filepath):
    """Add pybridge.json to a .keras file Keras has just written (save_model(), checkpoints)."""
    with zipfile.ZipFile(filepath, "a") as archive:
        archive.writestr(ENTRY, json.dumps(_metadata(model), default=_json_default))


def save_model(model, filepath, overwrite=False):
    """Write ``model`` (network, weights, optimizer state, preprocessing) to one ``.keras`` file."""
    if not isinstance(model, Model):
        raise ArgumentError(f"save_model() needs a pybridge model, not {type(model).__name__}")
    filepath = os.path.expanduser(str(filepath))
    if not filepath.endswith(".keras"):
        raise ArgumentError(f"`filepath` must end in .keras, not {filepath!r}")
    if os.path.exists(filepath) and not overwrite:
        raise ArgumentError(f"{filepath} exists; pass overwrite = TRUE (True) to replace it")
    if not model.keras.layers:
        raise StateError("save_model(): the model has no layers")
    _write(model, filepath)
    return filepath


def _config_classes(config):
    """Every ``class_name`` in a Keras config, nested layers included."""
    if isinstance(config, dict):
        found = [config["class_name"]] if isinstance(config.get("class_name"), str) else []
        return found + [c for v in config.values() for c in _config_classes(v)]
    if isinstance(config, list):
        return [c for v in config for c in _config_classes(v)]
    return []


def load_model(model, compile=True, safe_mode=True):
    """A pybridge model from a ``.keras`` file (``model`` is its path, as in keras3's load_model()).

    A file written by Keras alone loads too: without preprocessing, predict() on arrays gives the
    network's raw outputs until a fit() learns the encoding."""
    filepath = os.path.expanduser(str(model))
    if not os.path.isfile(filepath):
        raise InputError(f"no model file at {filepath}")
    try:
        archive = zipfile.ZipFile(filepath)
    except zipfile.BadZipFile:
        raise InputError(f"{filepath} is not a .keras model file (not a zip archive)") from None
    with archive:
        names = archive.namelist()
        if "config.json" not in names:
            raise InputError(f"{filepath} is not a .keras model file (no config.json)")
        config = json.loads(archive.read("config.json"))
        metadata = json.loads(archive.read(ENTRY)) if ENTRY in names else None
    if safe_mode and "Lambda" in _config_classes(config):
        raise InputError(
            f"{filepath} holds a Lambda layer, i.e. Python code that loading would run; "
            "it is refused. Load it with safe_mode = FALSE (False) only if you trust "
            "where the file came from"
        )
    try:
        network = keras.saving.load_model(filepath, compile=compile, safe_mode=safe_mode)
    except (ValueError, TypeError) as err:
        raise InputError(f"{filepath} could not be loaded: {err}") from None
    return _restore(network, metadata)


def _restore(network, metadata):
    model = Model(network)
    model.weights_given = network.built  # fit(seed =) keeps a file's weights
    if getattr(network, "compiled", False) and getattr(network, "optimizer", None) is not None:
        model.compile_args = {"optimizer": network.optimizer, "loss": network.loss, "metrics": None}
    if metadata:
        if metadata.get("version", 0) > FORMAT_VERSION:
            raise InputError(f"the file was written by a newer pybridge (format {metadata['version']})")
        if metadata.get("preprocessor"):
            model.preprocessor = Preprocessor.from_dict(metadata["preprocessor"])
        if metadata.get("outcome"):
            model.outcome = OutcomeEncoder.from_dict(metadata["outcome"])
        model.histories = [History(h["metrics"], h["params"], h["first_epoch"]) for h in metadata.get("histories", [])]
    return model


def _target(filepath, suffix, overwrite, argument="filepath"):
    filepath = os.path.expanduser(str(filepath))
    if not filepath.endswith(suffix):
        raise ArgumentError(f"`{argument}` must end in {suffix}, not {filepath!r}")
    # Keras would ask on the console whether to overwrite, which waits forever under R.
    if os.path.exists(filepath) and not overwrite:
        raise ArgumentError(f"{filepath} exists; pass overwrite = TRUE (True) to replace it")
    return filepath


def save_model_weights(model, filepath, overwrite=False):
    """Write only the network's weights to a ``.weights.h5`` file (no architecture, no preprocessing)."""
    model.require_built("save_model_weights")
    filepath = _target(filepath, ".weights.h5", overwrite)
    model.keras.save_weights(filepath, overwrite=True)
    return filepath


def load_model_weights(model, filepath, skip_mismatch=False):
    """Read weights that ``save_model_weights()`` wrote into a network of the same layers."""
    model.require_built("load_model_weights")
    filepath = os.path.expanduser(str(filepath))
    if not os.path.isfile(filepath):
        raise InputError(f"no weights file at {filepath}")
    try:
        model.keras.load_weights(filepath, skip_mismatch=bool(skip_mismatch))
    except (ValueError, TypeError, KeyError) as err:
        raise InputError(f"{filepath} does not fit this model's layers: {err}") from None
    model.weights_given = True  # fit(seed =) keeps them
    model.forward = None
    return model


def save_model_config(model, filepath, overwrite=False):
    """Write the network's architecture (Keras's JSON, no weights, no preprocessing) to a ``.json`` file."""
    filepath = _target(filepath, ".json", overwrite)
    with open(filepath, "w", encoding="utf-8") as handle:
        handle.write(model.keras.to_json())
    return filepath


def load_model_config(filepath):
    """A new model (fresh weights, not compiled) from ``save_model_config()``'s file."""
    filepath = os.path.expanduser(str(filepath))
    if not os.path.isfile(filepath):
        raise InputError(f"no model configuration file at {filepath}")
    with open(filepath, encoding="utf-8") as handle:
        text = handle.read()
    try:
        config = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{filepath} is not JSON: {err}") from None
    if "Lambda" in _config_classes(config):
        raise InputError(f"{filepath} holds a Lambda layer, i.e. Python code that loading would run; it is refused")
    try:
        return Model(keras.models.model_from_json(text))
    except (ValueError, TypeError, KeyError) as err:
        raise InputError(f"{filepath} is not a Keras model configuration: {err}") from None


def model_to_bytes(model):
    """The model's ``.keras`` file as bytes (a NumPy uint8 array, which both R transports convert)."""
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        _write(model, path)
        with open(path, "rb") as handle:
            return np.frombuffer(handle.read(), dtype=np.uint8)


def model_from_bytes(data, safe_mode=True):
    """The model that ``model_to_bytes()`` wrote (R's readRDS() restores a model this way)."""
    data = bytes(np.asarray(data, dtype=np.uint8)) if not isinstance(data, (bytes, bytearray)) else bytes(data)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "model.keras")
        with open(path, "wb") as handle:
            handle.write(data)
        return load_model(path, safe_mode=safe_mode)


_model.provide(to_bytes=model_to_bytes, from_bytes=model_from_bytes)
