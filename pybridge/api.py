"""The public verbs. R's verbs call these same functions (through ``pybridge.r.dispatch`` and the
``VERBS`` table below), so both languages share names and meaning. R data frames (rpy2) and file
paths are routed here to the layer that takes them; the work is done below."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import keras
import numpy as np
import pandas as pd

from . import backend as _backend
from . import distribute, persist, streaming
from . import model as _model
from .distribute import distribute_strategy_default, distribute_strategy_mirrored, distribute_strategy_multi_worker
from .encoding.columns import Columns
from .errors import ArgumentError
from .history import History
from .interop.tables import as_data
from .model import Model, sequential
from .training import fit as _fit
from .training import predict as _predict
from .validate import as_int, as_shape
from .vocab import callbacks as _callbacks
from .vocab import catalog
from .vocab import classes as _classes
from .vocab import data_helpers as _data_helpers
from .vocab import datasets as _datasets
from .vocab import losses as _losses
from .vocab import objects as _objects
from .vocab import optimizers as _optimizers
from .vocab._keras_patches import forget_compiled_predict
from .vocab.callbacks import callback_lambda
from .vocab.datasets import dataset_digits
from .vocab.generic import as_r_value, keras_object, keras_op
from .vocab.layers import is_merge_layer, make_layer
from .vocab.losses import metric_accuracy

compile = _fit.compile


def fit(model: Model, x: Any, y: Any = None, **kwargs: Any) -> History:
    """Train a model (R: ``fit()``); returns a ``History`` of per-epoch metrics.

    Takes a data frame with ``target`` naming the outcome column(s) (R: a formula such as
    ``Species ~ .``), a data frame or array ``x`` with an outcome ``y``, an rpy2 R data.frame, or a
    path or glob of CSV/Parquet files, which are streamed. At the first fit pybridge learns the
    preprocessing from the training data and stores it in the model: numeric columns are
    standardised (sample sd; a constant column is only centred), factor/category, character and
    logical columns one-hot encoded over the training levels, dates turned into days since
    1970-01-01; a factor outcome becomes classification (labels mapped to 0..k-1 and back), a
    numeric one regression. Later calls continue training with the same encoding, ``epochs`` more.

    Keyword arguments (all optional)
    --------------------------------
    target : outcome column name(s) when ``x`` holds them: labels, never positions (``target=3`` is
        the column labelled 3 of ``pd.DataFrame(array)``, whose labels become "0", "1", ...).
    epochs, batch_size : passes over the data and rows per gradient step (10 and 32). Each fit()
        trains ``epochs`` more, numbered after the model's last epoch (``model.epochs_trained``);
        with ``initial_epoch=n``, as in Keras, ``epochs`` is the number of the last epoch instead.
    validation_split : fraction of the rows held out for validation: for a data frame, rows drawn at
        random (from ``seed``), the same fraction of each class for a class outcome; for arrays, the
        last rows, as in Keras.
    validation_data : held-out data: a data frame with the outcome columns, or ``(x, y)``; with
        files, a path or glob of files.
    verbose : 0 is silent; otherwise one line per epoch with the metrics.
    seed : a whole number to make the run reproducible: a model not trained yet draws its initial
        weights from it too (weights set by hand or loaded are kept); Python's and NumPy's random
        states are restored afterwards.
    standardize : standardise numeric predictors (default True).
    scale_outcome : standardise a numeric outcome for training (default: yes for a data frame, no
        for arrays). The mapping back is the network's last layer, so losses, metrics, evaluate()
        and predictions are all in the outcome's own units. ``False`` opts out.
    na_action : "fail" (default: an error naming the columns with missing values) or "omit"
        (drop those rows from x, y, weights and validation data alike).
    sample_weight, class_weight, shuffle, callbacks : as in Keras.
    strategy : "auto", "default", "mirrored", "multi_worker" or a ``distribute_strategy_*()``
        object; the model is moved into the strategy's scope and stays there for later calls.
    columns : the predictor columns to use (default: all but the outcome).
    Files only: ``sample_weight`` names a column of weights; ``cache`` (True) keeps the encoded rows
    in a temporary folder under ``cache_dir`` after the first epoch, so later epochs read them
    shuffled across all files instead of parsing again (``cache=False`` parses every epoch);
    ``chunk_rows`` rows are read at a time.
    Other keyword arguments go to Keras's ``Model.fit()``.

    Each epoch joins ``model.histories`` as it ends: a fit() ended by KeyboardInterrupt or an error
    (raised to the caller as it is) keeps the epochs it completed; ``training_history(model)`` joins them.

    Raises ``StateError`` before compile(), ``InputError`` for unusable data or an output layer and
    loss that do not fit the outcome (before any training step), ``ArgumentError`` for bad arguments.
    """
    x, y = as_data(x, "x"), as_data(y)
    if "validation_data" in kwargs:
        kwargs["validation_data"] = as_data(kwargs["validation_data"], "validation_data")
    train = streaming.fit if streaming.is_source(x) else _fit.fit
    return train(model, x, y, **kwargs)


def evaluate(model: Model, x: Any, y: Any = None, **kwargs: Any) -> dict[str, float]:
    """Loss and metrics on held-out data (R: ``evaluate()``), with the preprocessing stored at fit
    time; a dict of floats. Takes the same forms as ``fit()``; a data frame that holds the outcome
    column(s) the model was fitted with needs nothing else; so do files (a path or glob, read in
    chunks). Keyword arguments: ``target``, ``batch_size``, ``verbose``, ``na_action``, and others of
    Keras's ``Model.evaluate()``."""
    x = as_data(x, "x")
    if streaming.is_source(x):
        return streaming.evaluate(model, x, as_data(y), **kwargs)
    return _predict.evaluate(model, x, as_data(y), **kwargs)


def predict(model: Model, x: Any, **kwargs: Any) -> Any:
    """Predictions (R: ``predict()``), one row per input row: of Keras's kind for a NumPy array (the
    network's outputs as an array, as Keras's ``predict()`` gives them), a tidy DataFrame otherwise.

    Classification: ``.pred_class`` (a categorical with the training levels) and ``.pred_<level>``
    probabilities; regression: ``.pred`` (or ``.pred_<name>`` for several outcomes) in the outcome's
    own units. ``type`` picks a part: "class", "prob", "numeric" or "raw" (the network's outputs,
    ``.pred_1`` ... ``.pred_k``). Extra columns are ignored; rows with missing predictors get missing
    predictions. A model never fitted (weights set by hand, or a file without preprocessing) has no
    encoding: it takes numeric arrays as they are and gives the raw outputs. Keyword arguments:
    ``type``, ``batch_size``, ``verbose``. A data frame's index is kept, so the predictions join
    or concatenate with the rows they were made for. ``x`` may be a path or glob of CSV/Parquet
    files, read in chunks; ``output`` (a .csv or .parquet path) then takes the predictions, written
    chunk by chunk, and its path is returned."""
    if streaming.is_source(x):
        columns = predict_columns(model, x, **kwargs)
        return columns if isinstance(columns, str) else columns.to_frame()  # a str: the `output` path
    x = as_data(x, "x")
    if isinstance(x, np.ndarray) and kwargs.get("type") is None:
        return _predict.predict_array(model, x, **kwargs)
    frame = predict_columns(model, x, **kwargs).to_frame()
    if isinstance(x, (pd.DataFrame, pd.Series)):
        frame.index = x.index
    return frame


def predict_columns(model: Model, x: Any, **kwargs: Any) -> Columns:
    """predict()'s columns before they become a DataFrame; R's predict() takes these straight."""
    x = x if isinstance(x, Columns) else as_data(x, "x")  # the preprocessor takes R's Columns as they are
    if streaming.is_source(x):
        return streaming.predict_columns(model, x, **kwargs)
    return _predict.predict_columns(model, x, **kwargs)


def formula_terms(model: Model) -> dict[str, Any] | None:
    """The R formula terms that made columns at the first fit (``log(y)``, ``poly(z, 2)``), for R's
    predict() to make them again from new data; None when there are none."""
    return model.preprocessor.formula_terms if model.preprocessor is not None else None


def keras_model_sequential(
    input_shape: Any = None, name: str | None = None, layers: Any = None, input_name: str | None = None
) -> Model:
    """A Sequential model, empty or of ``layers``. ``input_shape`` may be left out: the first
    ``fit()`` sets it; ``input_name`` names the input it makes."""
    return sequential(as_shape(input_shape, "input_shape"), name, layers, input_name)


def layer(kind: str, object: Any = None, *, more_inputs: Any = None, **kwargs: Any) -> Any:
    """Make layer ``kind``; add it to ``object`` when that is a model (in place, returning the model),
    apply it when ``object`` is a tensor (functional API) or an array (eagerly: the output as an
    array), or return the bare layer. ``more_inputs``: tensors after ``object`` (keras3's unnamed
    arguments, ``layer_add(x1, x2)``), for merge layers only."""
    if more_inputs:
        object = _merge_inputs(kind, object, more_inputs)
    return compose_layer(make_layer(kind, **kwargs), object, f"layer_{kind}()")


def compose_layer(new_layer: Any, object: Any = None, caller: str | None = None) -> Any:
    """keras3's composition of a layer with ``object``: added to a model (in place, returning the
    model), applied to a tensor (functional API) or an array (eagerly: the output as an array), or
    returned when ``object`` is None. Layers of classes written in R (``Layer()``) compose so too."""
    caller = caller or f"the {type(new_layer).__name__} layer"
    if object is None:
        return new_layer
    if isinstance(object, Model):
        _add(object, new_layer, caller)
        return object
    symbolic = _are(object, keras.KerasTensor)
    eager = _are(object, np.ndarray) or (not symbolic and keras.ops.is_tensor(object))
    if symbolic or eager:
        try:
            # On arrays the layer runs at once (keras3: a layer called on an R array gives an array).
            return new_layer(object) if symbolic else as_r_value(new_layer(object))
        except (ValueError, TypeError) as err:
            shape = tuple(object.shape) if not isinstance(object, (list, tuple)) else [tuple(t.shape) for t in object]
            raise ArgumentError(f"{caller} cannot take an input of shape {shape}: {err}") from None
    raise ArgumentError(f"{caller}: `object` must be a model or a tensor, not {type(object).__name__}")


def _merge_inputs(kind: str, object: Any, more_inputs: Any) -> list[Any]:
    if not is_merge_layer(kind):
        raise ArgumentError(
            f"layer_{kind}() takes one input in `object`: unnamed arguments after it are more inputs for "
            "merge layers only (layer_add(), layer_concatenate(), ...); name the others"
        )
    first = list(object) if isinstance(object, (list, tuple)) else [] if object is None else [object]
    return first + list(more_inputs)


def _are(object: Any, kind: type) -> bool:
    """``object`` is a ``kind``, or a non-empty list of them (a merge layer's inputs)."""
    if isinstance(object, (list, tuple)):
        return bool(object) and all(isinstance(t, kind) for t in object)
    return isinstance(object, kind)


def _add(model: Model, new_layer: keras.layers.Layer, caller: str) -> None:
    before = list(model.keras.layers)
    try:
        model.keras.add(new_layer)
    except (ValueError, TypeError) as err:
        # Keras appends before it rebuilds; take the layer back out so the model stays usable.
        while len(model.keras.layers) > len(before):
            model.keras.pop(rebuild=True)
        raise ArgumentError(f"{caller} does not fit after the model's last layer: {err}") from None
    forget_compiled_predict(model.keras)


def _layer_verb(kind: str) -> Callable[..., Any]:
    def verb(object: Any = None, **kwargs: Any) -> Any:
        return layer(kind, object, **kwargs)

    verb.__name__ = f"layer_{kind}"
    verb.__doc__ = f"Add a Keras {catalog.table()[f'layer_{kind}'].path} layer (see ``layer()``)."
    return verb


_LAYER_KINDS = [name.removeprefix("layer_") for name, e in catalog.table().items() if e.family == "layers"]
globals().update({f"layer_{kind}": _layer_verb(kind) for kind in _LAYER_KINDS})


def keras_input(
    shape: Any = None, batch_size: Any = None, dtype: str | None = None, name: str | None = None, **kwargs: Any
) -> keras.KerasTensor:
    """A symbolic input for the functional API: ``keras_model(inputs, outputs)``."""
    if shape is None:
        raise ArgumentError("keras_input() needs `shape`, the shape of one sample (e.g. c(8, 8, 1))")
    if batch_size is not None:
        batch_size = as_int(batch_size, "batch_size", minimum=1)
    try:
        return keras.Input(shape=as_shape(shape, "shape"), batch_size=batch_size, dtype=dtype, name=name, **kwargs)
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"keras_input(): {err}") from None


def keras_model(inputs: Any, outputs: Any, name: str | None = None) -> Model:
    """A model from the functional API: input tensor(s) and the output tensor made from them."""
    for what, value in (("inputs", inputs), ("outputs", outputs)):
        # A dict names the outputs (or inputs) by key, as keras3's named lists do.
        items = list(value.values()) if isinstance(value, dict) else value
        items = items if isinstance(items, (list, tuple)) else [items]
        if not items or not all(isinstance(v, keras.KerasTensor) for v in items):
            raise ArgumentError(f"keras_model(): `{what}` must be tensors from keras_input() and layer_*()")
    try:
        return Model(keras.Model(inputs=inputs, outputs=outputs, name=name))
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"keras_model(): {err}") from None


def _constructor(prefix: str, kind: str, make: Callable[..., Any]) -> Callable[..., Any]:
    def verb(**kwargs: Any) -> Any:
        return as_r_value(make(kind, **kwargs))  # loss_*(y_true, y_pred) on eager tensors: values

    verb.__name__ = f"{prefix}_{kind}"
    verb.__doc__ = f"Make a Keras {prefix} ``{kind}`` from keras3's argument names (see pybridge.{prefix}s)."
    return verb


globals().update(
    {f"optimizer_{k}": _constructor("optimizer", k, _optimizers.make_optimizer) for k in _optimizers.OPTIMIZERS}
)
globals().update({f"loss_{k}": _constructor("loss", k, _losses.make_loss) for k in _losses.LOSSES})
globals().update({f"metric_{k}": _constructor("metric", k, _losses.make_metric) for k in _losses.METRICS})
globals().update({f"callback_{k}": _constructor("callback", k, _callbacks.make_callback) for k in _callbacks.CALLBACKS})


def get_weights(model: Any, trainable: bool | None = None) -> list[Any]:
    """The weights of a model or a Keras layer as arrays in Keras's layout (a dense kernel is inputs x units)."""
    if isinstance(model, Model):
        return model.get_weights(trainable)
    return _objects.weight_values(_keras_layer(model, "get_weights"), trainable)


def set_weights(model: Any, weights: Any) -> Any:
    """Replace the weights of a model or a Keras layer (shapes checked, errors name the layer); returns it."""
    if isinstance(model, Model):
        return model.set_weights(weights)
    _objects.assign_weights(_keras_layer(model, "set_weights"), weights)
    return model


def _keras_layer(obj: Any, verb: str) -> Any:
    if not isinstance(obj, keras.layers.Layer):
        raise ArgumentError(f"{verb}() takes a model or a layer, not {type(obj).__name__}")
    return obj


save_model = persist.save_model
load_model = persist.load_model
model_to_bytes = persist.model_to_bytes
model_from_bytes = persist.model_from_bytes


def save_model_on_chief(model: Model, path: Any) -> str | None:
    """save_model() in a multi-worker run: only the chief writes the file; the others return None."""
    model.require_fitted("save_model")
    if not distribute.is_chief():
        return None
    return persist.save_model(model, path, overwrite=True)


def summary(model: Model) -> str:
    """Layers, output shapes, parameter counts and preprocessing, as text."""
    return model.summary()


def history_frame(history: History) -> Any:
    """A training history in long format: epoch, value, metric, data (training / validation)."""
    return history.to_frame()


def training_history(model: Model) -> History:
    """All the epochs a model has trained, over every fit() (also one stopped by an error or an
    interrupt, and those recorded in the file it was loaded from), as one History."""
    if not isinstance(model, Model):
        raise ArgumentError(f"training_history() needs a pybridge model, not {type(model).__name__}")
    return History.joined(model.histories)


def set_random_seed(seed: Any) -> None:
    """Seed Python, NumPy and the backend, as keras.utils.set_random_seed does."""
    keras.utils.set_random_seed(as_int(seed, "seed", minimum=0))


def config() -> dict[str, Any]:
    """The Python, library versions, Keras's backend and the devices in use (``pybridge_config()`` in R)."""
    import numpy
    import pandas

    name = keras.backend.backend()
    return {
        "python": sys.executable,
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "keras": keras.__version__,
        "backend": name,
        name: _backend.library_version(name),
        "devices": _backend.devices(name),
    }


def use_backend(backend: str) -> str:
    """Run Keras on ``backend``: "tensorflow" (the default), "jax" or "torch" (R: ``use_backend()``).
    Keras takes its backend once, when it is imported: before that this sets ``KERAS_BACKEND``; after,
    naming the backend Keras runs on does nothing and naming another is a StateError. Returns the
    backend. A process chooses before importing pybridge by setting ``KERAS_BACKEND``."""
    return _backend.use_backend(backend)


# -- keras3's helpers, model internals, model files and data sets ----------------------------------
# (grouped here; R: R/model-surgery.R, R/model-files.R, R/helpers.R, R/datasets.R)


def model_attribute(model: Model, name: str) -> Any:
    """What keras3 reads as ``model$<name>``: layers, inputs, input, outputs, output, name, dtype, trainable."""
    return model.attribute(name)


def get_layer(model: Model, name: str | None = None, index: Any = None) -> Any:
    """A layer of the model by name or 0-based position (negative: from the end)."""
    return model.get_layer(name, index)


def pop_layer(model: Model, rebuild: bool = True) -> Any:
    """Remove the last layer of a sequential model; returns the removed layer."""
    return model.pop_layer(rebuild)


def freeze_weights(model: Model, from_: Any = None, to: Any = None) -> Model:
    """Make the layers from ``from_`` to ``to`` (names or 0-based positions, inclusive; default all)
    untrainable and the others trainable, as keras3's ``freeze_weights()``; returns the model. A
    compiled model is compiled again with its settings (the optimizer's state starts afresh), which
    keras3 leaves to its user: Keras's optimizer refuses variables it was not built with."""
    return _recompiled(model.set_trainable(False, from_, to))


def unfreeze_weights(model: Model, from_: Any = None, to: Any = None) -> Model:
    """The reverse of ``freeze_weights()``: the range trainable, the others frozen; returns the model."""
    return _recompiled(model.set_trainable(True, from_, to))


def _recompiled(model: Model) -> Model:
    if model.compile_args is not None:
        compile(model, **distribute.fresh_compile_args(model.compile_args))
    return model


clone_model = _model.clone_model
get_config = _model.get_config
get_state_tree = _model.get_state_tree
serialize_keras_object = _model.serialize_keras_object
deserialize_keras_object = _model.deserialize_keras_object
from_config = _model.from_config
save_model_config = persist.save_model_config
load_model_config = persist.load_model_config
save_model_weights = persist.save_model_weights
load_model_weights = persist.load_model_weights
to_categorical = _data_helpers.to_categorical
pad_sequences = _data_helpers.pad_sequences
normalize = _data_helpers.normalize


def clear_session(free_memory: bool = True) -> None:
    """Reset Keras's global state (keras3's ``clear_session()``): the automatic layer names count
    from the start again and, with ``free_memory``, memory held by models no longer referenced is
    released. Models already made keep working."""
    keras.utils.clear_session(free_memory=bool(free_memory))


def shape(x: Any) -> list[int | None]:
    """The shape of a tensor or array, ``None`` for a size not known yet (keras3's ``shape(x)``)."""
    if getattr(x, "shape", None) is None:
        raise ArgumentError(f"shape() needs a tensor or an array, not {type(x).__name__}")
    return [None if d is None else int(d) for d in keras.ops.shape(x)]


# -- Python objects R holds by handle (R/objects.R): called, read, set, indexed ---------------------
# A pybridge Model stands for its Keras network here, so `model(x)` and `model$optimizer` read Keras.


def _network(obj: Any) -> Any:
    if isinstance(obj, Model):
        return obj.keras
    if isinstance(obj, list):
        return [_network(item) for item in obj]
    if isinstance(obj, dict):
        return {key: _network(item) for key, item in obj.items()}
    return obj


def object_call(object: Any, args: Any = None, kwargs: Any = None) -> Any:  # noqa: A002 - R's name
    """``object(...)``: a layer or model applied, a method run, a class instantiated."""
    return _objects.call(_network(object), _network(list(args or [])), _network(dict(kwargs or {})))


def object_get(object: Any, name: str, missing_ok: bool = False) -> Any:  # noqa: A002
    """``object$name``: a model's ``layers``, ``input``, ... as ``model_attribute()``, else Keras's
    attribute; ``missing_ok``: None for one the object lacks (R's `$`)."""
    if isinstance(object, Model) and name in Model.ATTRIBUTES:
        return object.attribute(name)
    return _objects.get(_network(object), name, bool(missing_ok))


def object_set(object: Any, name: str, value: Any) -> None:  # noqa: A002
    """``object$name <- value``."""
    _objects.set(_network(object), name, _network(value))


def object_names(object: Any) -> list[str]:  # noqa: A002
    return _objects.names(_network(object))


def object_describe(object: Any) -> str:  # noqa: A002
    return _objects.describe(_network(object))


def object_as_array(object: Any) -> Any:  # noqa: A002
    return _objects.as_array(object)


def object_getitem(object: Any, index: list[Any]) -> Any:  # noqa: A002
    return _objects.getitem(object, list(index))


def adapt(object: Any, data: Any, batch_size: Any = None, steps: Any = None) -> Any:  # noqa: A002
    """keras3's ``adapt()``: a preprocessing layer (normalization, text vectorization, ...) learns its
    state from ``data``; returns the layer."""
    if not hasattr(object, "adapt"):
        raise ArgumentError(f"adapt() needs a preprocessing layer, not {type(object).__name__}")
    # Only what was given: not every layer's adapt() takes both.
    given = {"batch_size": batch_size, "steps": steps}
    object.adapt(data, **{name: as_int(value, name, minimum=1) for name, value in given.items() if value is not None})
    return object


def layer_lambda(
    object: Any = None,  # noqa: A002
    f: Any = None,
    output_shape: Any = None,
    mask: Any = None,
    arguments: Any = None,
    **kwargs: Any,
) -> Any:
    """keras3's ``layer_lambda()``: a layer that applies the function ``f`` (R: an R function of
    ``op_*()`` calls, run as Keras traces the model). Such a model runs and trains in the session, but
    a model file does not hold code: ``save_model()`` refuses it."""
    if not callable(f):
        raise ArgumentError("layer_lambda() needs a function `f`")
    shape = None if output_shape is None or callable(output_shape) else as_shape(output_shape, "output_shape")
    layer_ = keras.layers.Lambda(f, output_shape=shape or output_shape, mask=mask, arguments=arguments, **kwargs)
    return compose_layer(layer_, object, "layer_lambda()")


def register_keras_serializable(object: Any, package: str = "Custom", name: str | None = None) -> Any:  # noqa: A002
    """keras3's ``register_keras_serializable()``: Keras finds the class (a ``Layer()`` written in R,
    say) by ``package>name`` when it loads a model file that uses it in this session."""
    if not isinstance(object, type):
        raise ArgumentError(f"register_keras_serializable() needs a class, not {type(object).__name__}")
    return keras.saving.register_keras_serializable(package=str(package), name=name)(object)


def set_custom_objects(objects: dict[str, Any] | None = None, clear: bool = False) -> dict[str, Any]:
    """keras3's ``set_custom_objects()``: classes and functions Keras finds by name when it loads a
    model file; ``clear`` empties the table first. Returns the table as it was."""
    table = keras.saving.get_custom_objects()
    before = dict(table)
    if clear:
        table.clear()
    table.update(objects or {})
    return before


def new_class(base: Any, classname: str, members: dict[str, Any] | None = None) -> type:
    """keras3's ``Layer()``, ``Callback()``, ``Loss()``, ...: a Keras class with the given methods."""
    return _classes.new_class(base, classname, members)


def _dataset_verb(name: str) -> Callable[..., Any]:
    def verb(**kwargs: Any) -> Any:
        return _datasets.load_dataset(name, **kwargs)

    verb.__name__ = f"dataset_{name}"
    verb.__doc__ = (
        f"Keras's {name} data set as keras3 returns it: ``{{'train': {{'x', 'y'}}, 'test': {{'x', 'y'}}}}``; "
        f"downloaded on first use (a DownloadError when that fails). Keyword arguments: those of "
        f"``keras.datasets.{name}.load_data()``."
    )
    return verb


globals().update({f"dataset_{name}": _dataset_verb(name) for name in _datasets.KERAS_DATASETS})

_KERAS3_HELPERS = [
    "clear_session",
    "adapt",
    "clone_model",
    "compose_layer",
    "layer_lambda",
    "register_keras_serializable",
    "set_custom_objects",
    "deserialize_keras_object",
    "freeze_weights",
    "from_config",
    "get_config",
    "get_layer",
    "get_state_tree",
    "load_model_config",
    "load_model_weights",
    "model_attribute",
    "new_class",
    "normalize",
    "object_as_array",
    "object_call",
    "object_describe",
    "object_get",
    "object_getitem",
    "object_names",
    "object_set",
    "pad_sequences",
    "pop_layer",
    "save_model_config",
    "save_model_weights",
    "serialize_keras_object",
    "shape",
    "to_categorical",
    "unfreeze_weights",
    *(f"dataset_{name}" for name in _datasets.KERAS_DATASETS),
]

_model.provide(compile=compile, fit=fit, evaluate=evaluate, predict=predict)

_GENERATED = sorted(
    name for name in globals() if name.startswith(("layer_", "optimizer_", "loss_", "metric_", "callback_"))
)
__all__ = [
    "callback_lambda",
    "compile",
    "config",
    "dataset_digits",
    "distribute_strategy_default",
    "distribute_strategy_mirrored",
    "distribute_strategy_multi_worker",
    "evaluate",
    "fit",
    "get_weights",
    "history_frame",
    "keras_input",
    "keras_model",
    "keras_object",
    "keras_op",
    "keras_model_sequential",
    "layer",
    "load_model",
    "metric_accuracy",
    "model_from_bytes",
    "model_to_bytes",
    "predict",
    "save_model",
    "set_random_seed",
    "set_weights",
    "summary",
    "training_history",
    "use_backend",
    *_GENERATED,
    *_KERAS3_HELPERS,
]

# The verbs R may call (R/*.R names them in .pb_call()): the public ones, R's column-wise predict, the
# formula terms R's predict() makes columns from, and the chief-only save of multi-worker runs.
VERBS = {name: globals()[name] for name in __all__} | {
    "formula_terms": formula_terms,
    "predict_columns": predict_columns,
    "save_model_on_chief": save_model_on_chief,
}
