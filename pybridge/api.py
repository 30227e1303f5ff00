"""The public verbs. R's verbs call these same functions, so both languages share names and meaning."""
import keras

from . import frames, train
from .distribute import (distribute_strategy_default, distribute_strategy_mirrored,  # noqa: F401
                         distribute_strategy_multi_worker)
from .distribute import load_saved_model as _load_saved_model  # noqa: F401 - until issue 4's load_model
from .distribute import save_model_on_chief as _save_model_on_chief  # noqa: F401 - until save_model
from .errors import ArgumentError
from .layers import LAYERS, as_shape, make_layer
from .model import Model, sequential

compile = train.compile
fit = train.fit
evaluate = train.evaluate
predict = train.predict
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


def _layer_verb(kind):
    def verb(object=None, **kwargs):
        return layer(kind, object, **kwargs)
    verb.__name__ = f"layer_{kind}"
    verb.__doc__ = f"Add a Keras {LAYERS[kind][0].__name__} layer (see ``layer()``)."
    return verb


globals().update({f"layer_{kind}": _layer_verb(kind) for kind in LAYERS})


def summary(model):
    """Layers, output shapes, parameter counts and preprocessing, as text."""
    return model.summary()


def history_frame(history):
    """A training history in long format: epoch, value, metric, data (training / validation)."""
    return history.to_frame()


def set_random_seed(seed):
    """Seed Python, NumPy and the backend, as keras.utils.set_random_seed does."""
    from .layers import as_int
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
