"""The public verbs. R's verbs call these same functions, so both languages share names and meaning."""
import keras

from . import callbacks as _callbacks, frames, losses as _losses, optimizers as _optimizers, persist, train
from .callbacks import callback_lambda  # noqa: F401
from .datasets import dataset_digits  # noqa: F401
from .distribute import (distribute_strategy_default, distribute_strategy_mirrored,  # noqa: F401
                         distribute_strategy_multi_worker)
from .distribute import load_saved_model as _load_saved_model  # noqa: F401 - used by R's tests
from .distribute import save_model_on_chief as _save_model_on_chief  # noqa: F401 - chief-only save_model
from .errors import ArgumentError
from .layers import LAYERS, as_int, as_shape, make_layer
from .losses import metric_accuracy  # noqa: F401
from .model import Model, sequential

compile = train.compile
fit = train.fit
evaluate = train.evaluate
predict = train.predict
_predict_columns = train.predict_columns  # R's predict(): the same, without building a pandas frame
describe_frame = frames.describe_frame  # what crossed from R, for tests


def keras_model_sequential(input_shape=None, name=None):
    """An empty Sequential model. ``input_shape`` may be left out: the first ``fit()`` sets it."""
    return sequential(as_shape(input_shape, "input_shape"), name)


def layer(kind, object=None, **kwargs):
    """Make layer ``kind``; add it to ``object`` when that is a model (in place, returning the model),
    apply it when ``object`` is a tensor (functional API), or return the bare layer."""
    new_layer = make_layer(kind, **kwargs)
    if object is None:
        return new_layer
    if isinstance(object, Model):
        _add(object, new_layer, kind)
        return object
    if isinstance(object, keras.KerasTensor):
        try:
            return new_layer(object)
        except (ValueError, TypeError) as err:
            raise ArgumentError(f"layer_{kind}() cannot take an input of shape {object.shape}: {err}") from None
    raise ArgumentError(f"layer_{kind}(): `object` must be a model or a tensor, not {type(object).__name__}")


def _add(model, new_layer, kind):
    before = list(model.keras.layers)
    try:
        model.keras.add(new_layer)
    except (ValueError, TypeError) as err:
        # Keras appends before it rebuilds; take the layer back out so the model stays usable.
        while len(model.keras.layers) > len(before):
            model.keras.pop(rebuild=True)
        raise ArgumentError(f"layer_{kind}() does not fit after the model's last layer: {err}") from None
    # predict_on_batch() keeps a compiled step traced through the old stack of layers.
    model.keras.predict_function = None


def _layer_verb(kind):
    def verb(object=None, **kwargs):
        return layer(kind, object, **kwargs)
    verb.__name__ = f"layer_{kind}"
    verb.__doc__ = f"Add a Keras {LAYERS[kind][0].__name__} layer (see ``layer()``)."
    return verb


globals().update({f"layer_{kind}": _layer_verb(kind) for kind in LAYERS})


def keras_input(shape=None, batch_size=None, dtype=None, name=None, **kwargs):
    """A symbolic input for the functional API: ``keras_model(inputs, outputs)``."""
    if shape is None:
        raise ArgumentError("keras_input() needs `shape`, the shape of one sample (e.g. c(8, 8, 1))")
    if batch_size is not None:
        batch_size = as_int(batch_size, "batch_size", minimum=1)
    try:
        return keras.Input(shape=as_shape(shape, "shape"), batch_size=batch_size, dtype=dtype, name=name,
                           **kwargs)
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"keras_input(): {err}") from None


def keras_model(inputs, outputs, name=None):
    """A model from the functional API: input tensor(s) and the output tensor made from them."""
    for what, value in (("inputs", inputs), ("outputs", outputs)):
        items = value if isinstance(value, (list, tuple)) else [value]
        if not items or not all(isinstance(v, keras.KerasTensor) for v in items):
            raise ArgumentError(f"keras_model(): `{what}` must be tensors from keras_input() and layer_*()")
    try:
        return Model(keras.Model(inputs=inputs, outputs=outputs, name=name))
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"keras_model(): {err}") from None


def _constructor(prefix, kind, make):
    def verb(**kwargs):
        return make(kind, **kwargs)
    verb.__name__ = f"{prefix}_{kind}"
    verb.__doc__ = f"Make a Keras {prefix} ``{kind}`` from keras3's argument names (see pybridge.{prefix}s)."
    return verb


globals().update({f"optimizer_{k}": _constructor("optimizer", k, _optimizers.make_optimizer)
                  for k in _optimizers.OPTIMIZERS})
globals().update({f"loss_{k}": _constructor("loss", k, _losses.make_loss) for k in _losses.LOSSES})
globals().update({f"metric_{k}": _constructor("metric", k, _losses.make_metric) for k in _losses.METRICS})
globals().update({f"callback_{k}": _constructor("callback", k, _callbacks.make_callback)
                  for k in _callbacks.CALLBACKS})


def get_weights(model, trainable=None):
    """The weights as arrays in Keras's layout (a dense kernel is inputs x units)."""
    return model.get_weights(trainable)


def set_weights(model, weights):
    """Replace the weights (shapes checked, errors name the layer); returns the model."""
    return model.set_weights(weights)


save_model = persist.save_model
load_model = persist.load_model
model_to_bytes = persist.model_to_bytes
model_from_bytes = persist.model_from_bytes


def summary(model):
    """Layers, output shapes, parameter counts and preprocessing, as text."""
    return model.summary()


def history_frame(history):
    """A training history in long format: epoch, value, metric, data (training / validation)."""
    return history.to_frame()


def set_random_seed(seed):
    """Seed Python, NumPy and the backend, as keras.utils.set_random_seed does."""
    keras.utils.set_random_seed(as_int(seed, "seed", minimum=0))


def config():
    """The Python, library versions and devices in use (``pybridge_config()`` in R)."""
    import sys
    import numpy
    import pandas
    import tensorflow as tf
    return {"python": sys.executable, "numpy": numpy.__version__, "pandas": pandas.__version__,
            "keras": keras.__version__, "tensorflow": tf.__version__,
            "devices": [d.name for d in tf.config.list_logical_devices()]}
