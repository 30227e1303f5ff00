"""Model files: one ``.keras`` zip holding the Keras network and, as JSON, pybridge's preprocessing.

The zip is Keras's own format (config.json, metadata.json, model.weights.h5) plus ``pybridge.json``
(input columns, types, levels, scaling, outcome encoding, histories), so Keras alone can still read
the network. Nothing is pickled, and loading runs no code from the file: a Lambda layer (Python code
stored in the file) is refused unless ``safe_mode=False``.

Files are written whole (``atomic``): a crash or a concurrent reader sees the old file or the new one.
Loading trusts nothing: member sizes are read from the zip's directory before anything is
decompressed, every member's checksum is verified, and pybridge.json is checked against its schema
and against the network (``metadata``), so a damaged file fails at load with the member or field named.
"""

import json
import os
import tempfile
import types
import warnings
import zipfile
import zlib

import keras
import numpy as np

from . import atomic
from . import metadata as _schema
from . import model as _model
from .encoding.outcome import OutcomeEncoder
from .encoding.predictors import Preprocessor
from .errors import ArgumentError, InputError, StateError
from .history import History, last_epoch
from .model import Model
from .validate import as_number

ENTRY = "pybridge.json"
FORMAT_VERSION = _schema.FORMAT_VERSION
MIB = 1 << 20
JSON_LIMIT = 64 * MIB  # config.json, metadata.json, pybridge.json: far above any real network's
# Other members (the weights) may be large but not also far smaller packed: Keras stores them
# uncompressed, so a large member that expands over 100-fold is a decompression bomb.
LARGE_MEMBER, MAX_EXPANSION = 256 * MIB, 100
# What a damaged member raises while it is read: a bad header or checksum, a broken deflate stream.
_CORRUPT = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError)


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
        "epochs_trained": model.epochs_trained,  # optional: files without it count their histories
    }


def _write(model, filepath):
    _refuse_code_outside_python(model)
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
    with atomic.replacing(filepath, suffix=".keras") as temporary:
        _write(model, temporary)
    return filepath


def _refuse_code_outside_python(model):
    """A layer_lambda() of an R function (or another callable that is not Python code) cannot be written
    to a file: say so, naming the layer, instead of writing a file no one can load."""
    for layer in _all_layers(model.keras):
        if isinstance(layer, keras.layers.Lambda) and not isinstance(layer.function, types.FunctionType):
            raise StateError(
                f"the model's layer `{layer.name}` applies a function that is not Python code (an R "
                "function given to layer_lambda()), and a model file holds no R code; write the layer "
                "as a Layer() class with register_keras_serializable(), or keep the model in this session"
            )


def _all_layers(network):
    for layer in getattr(network, "layers", []):
        yield layer
        yield from _all_layers(layer)


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
    # Keras opens the file again by its path: should a writer replace it meanwhile, both reads are
    # done again, so the network and pybridge.json always come from one and the same file.
    for _ in range(10):
        version = _identity(filepath)
        network, metadata = _load(filepath, compile, safe_mode)
        if _identity(filepath) == version:
            break
    return _restore(network, metadata)


def _identity(filepath):
    status = os.stat(filepath)
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def _load(filepath, compile, safe_mode):
    where = f"model file {filepath}"
    config, metadata = _read_archive(filepath, where)
    if safe_mode and "Lambda" in _config_classes(config):
        raise InputError(
            f"{filepath} holds a Lambda layer, i.e. Python code that loading would run; "
            "it is refused. Load it with safe_mode = FALSE (False) only if you trust "
            "where the file came from"
        )
    if metadata is not None:
        _schema.check(metadata, where)
    try:
        network = keras.saving.load_model(filepath, compile=compile, safe_mode=safe_mode)
    except (ValueError, TypeError, KeyError, OSError, zipfile.BadZipFile) as err:
        raise InputError(f"{filepath} could not be loaded: {err}") from None
    if metadata is not None:
        _schema.check_network(metadata, where, *_network_ends(network))
    return network, metadata


def _read_archive(filepath, where):
    """config.json and pybridge.json (None when absent) of a sound archive: sizes checked from the
    directory first, then every member's checksum, so Keras reads only verified bytes."""
    try:
        archive = zipfile.ZipFile(filepath)
    except zipfile.BadZipFile:
        raise InputError(f"{filepath} is not a .keras model file (not a zip archive)") from None
    except _CORRUPT as err:
        raise InputError(f"{where} is damaged: its zip directory cannot be read ({err})") from None
    with archive:
        for info in archive.infolist():
            _check_size(info, where)
        names = archive.namelist()
        if "config.json" not in names:
            raise InputError(f"{filepath} is not a .keras model file (no config.json)")
        try:
            damaged = archive.testzip()
        except _CORRUPT as err:
            raise InputError(f"{where} is damaged: {err}") from None
        if damaged is not None:
            raise InputError(f"{where} is damaged: member `{damaged}` fails its checksum")
        config = _read_json(archive, "config.json", where)
        metadata = _read_json(archive, ENTRY, where) if ENTRY in names else None
    return config, metadata


def _check_size(info, where):
    """Refuse a member by the size the zip directory declares, before decompressing any of it."""
    if info.filename.endswith(".json") and info.file_size > JSON_LIMIT:
        raise InputError(
            f"{where}: member `{info.filename}` would expand to {info.file_size / MIB:.1f} MiB, over the "
            f"{JSON_LIMIT // MIB} MiB a model file's JSON may take; refused"
        )
    if info.file_size > LARGE_MEMBER and info.file_size > MAX_EXPANSION * max(info.compress_size, 1):
        raise InputError(
            f"{where}: member `{info.filename}` would expand {info.file_size / max(info.compress_size, 1):.0f}-fold "
            f"to {info.file_size / MIB:.0f} MiB (a decompression bomb); refused"
        )


def _read_json(archive, name, where):
    try:
        with archive.open(name) as handle:
            data = handle.read(JSON_LIMIT + 1)  # never more than the directory declared (checked)
    except _CORRUPT as err:
        raise InputError(f"{where} is damaged: member `{name}` cannot be read ({err})") from None
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(f"{where}: `{name}` is not valid JSON ({err})") from None


def _network_ends(network):
    """The per-sample input shape, the output width and whether the output is a softmax, as far as
    a single-input, single-output built network tells (None where it does not)."""
    try:
        inputs, outputs = network.inputs, network.outputs
    except (AttributeError, ValueError):
        return None, None, False
    if not inputs or not outputs or len(inputs) != 1 or len(outputs) != 1:
        return None, None, False
    input_shape = tuple(inputs[0].shape[1:])
    width = outputs[0].shape[-1] if len(outputs[0].shape) > 1 else None
    last = network.layers[-1] if network.layers else None
    activation = getattr(getattr(last, "activation", None), "__name__", "")
    softmax = activation == "softmax" or isinstance(last, keras.layers.Softmax)
    return input_shape, width, softmax


def _restore(network, metadata):
    model = Model(network)
    model.weights_given = network.built  # fit(seed =) keeps a file's weights
    if getattr(network, "compiled", False) and getattr(network, "optimizer", None) is not None:
        model.compile_args = {"optimizer": network.optimizer, "loss": network.loss, "metrics": None}
    if metadata:
        if metadata.get("preprocessor"):
            model.preprocessor = Preprocessor.from_dict(metadata["preprocessor"])
        if metadata.get("outcome"):
            model.outcome = OutcomeEncoder.from_dict(metadata["outcome"])
        model.histories = [
            History(h["metrics"], h.get("params", {}), h.get("first_epoch", 1)) for h in metadata.get("histories", [])
        ]
        model.epochs_trained = int(metadata.get("epochs_trained", last_epoch(model.histories)))
    return model


def _target(filepath, suffix, overwrite, argument="filepath"):
    filepath = os.path.expanduser(str(filepath))
    if not filepath.endswith(suffix):
        raise ArgumentError(f"`{argument}` must end in {suffix}, not {filepath!r}")
    # Keras would ask on the console whether to overwrite, which waits forever under R.
    if os.path.exists(filepath) and not overwrite:
        raise ArgumentError(f"{filepath} exists; pass overwrite = TRUE (True) to replace it")
    return filepath


def save_model_weights(model, filepath, overwrite=False, max_shard_size=None):
    """Write only the network's weights to a ``.weights.h5`` file (no architecture, no preprocessing).
    With ``max_shard_size`` (in GB) Keras shards them: ``filepath`` ends in ``.weights.json`` (the
    map of shards) and the shards ``<name>_xxxxxx.weights.h5`` are written beside it."""
    model.require_built("save_model_weights")
    if max_shard_size is not None:
        max_shard_size = as_number(max_shard_size, "max_shard_size", minimum=0)
        if max_shard_size == 0:
            raise ArgumentError("`max_shard_size` must be a positive size in GB, not 0")
    filepath = _target(filepath, ".weights.h5" if max_shard_size is None else ".weights.json", overwrite)
    try:
        model.keras.save_weights(filepath, overwrite=True, max_shard_size=max_shard_size)
    except ValueError as err:  # a variable larger than max_shard_size: Keras never splits one
        raise ArgumentError(f"save_model_weights(): {err}") from None
    return filepath


def load_model_weights(model, filepath, skip_mismatch=False):
    """Read weights that ``save_model_weights()`` wrote into a network of the same layers: a
    ``.weights.h5`` file, or the ``.weights.json`` map of sharded ones."""
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
