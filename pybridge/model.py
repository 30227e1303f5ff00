"""The pybridge ``Model``: a Keras model plus the preprocessing learnt from the training data."""

from __future__ import annotations

import io
import weakref
from collections.abc import Callable
from typing import Any

import keras
import numpy as np

from .errors import ArgumentError, StateError
from .vocab.objects import assign_weights, weight_values

# What Model's convenience methods and pickling call lives in higher layers (the public verbs, the
# model file); they register it here when imported, so this module never imports upward.
_PROVIDED: dict[str, Callable[..., Any]] = {}


def provide(**functions: Callable[..., Any]) -> None:
    """Register the verbs ``Model``'s methods call: compile, fit, evaluate, predict, to_bytes, from_bytes."""
    _PROVIDED.update(functions)


def _provided(name: str) -> Callable[..., Any]:
    try:
        return _PROVIDED[name]
    except KeyError:
        raise StateError(f"Model.{name} needs the pybridge package imported: import pybridge") from None


# Each network's pybridge model, while that model lives (see Model.of); checked against the network,
# as an id may be reused once its network is gone.
_OWNERS: weakref.WeakValueDictionary[int, Model] = weakref.WeakValueDictionary()


class Model:
    """A Keras model together with its predictor ``preprocessor``, ``outcome`` encoder and histories.

    ``keras`` is the underlying ``keras.Model``; power users may reach it directly. The preprocessing
    is empty until the first ``fit()`` learns it from the training data.
    """

    def __init__(self, keras_model: keras.Model) -> None:
        self.keras = keras_model
        _OWNERS[id(keras_model)] = self
        self.preprocessor = None
        self.outcome = None
        self.histories = []
        # The number of the last epoch trained, over all fit() calls (kept by training.epochs, also
        # when a fit() ends by an error or an interrupt, and restored from files and backups).
        self.epochs_trained = 0
        self.compile_args = None
        self.forward = None  # (what it was traced for, function): see training.predict.forward_function
        self.weights_given = False  # set by hand or loaded: fit(seed =) keeps them

    @classmethod
    def of(cls, network: keras.Model) -> Model:
        """The pybridge model around ``network``: the one made before, with its preprocessing and
        histories, while it lives; else a new one. Keras hands out bare networks (a callback's
        ``self.model``, an instance of a ``Model()`` class written in R), which R then uses as models."""
        model = _OWNERS.get(id(network))
        if model is None or model.keras is not network:
            model = cls(network)
        return model

    @property
    def is_fitted(self):
        return self.preprocessor is not None

    def require_fitted(self, verb):
        if not self.is_fitted:
            raise StateError(f"{verb}() needs a fitted model; call fit() first")

    def get_weights(self, trainable=None):
        """The weights as NumPy arrays in Keras's layout (a dense kernel is inputs x units);
        ``trainable`` True/False keeps only the trainable / non-trainable ones."""
        self.require_built("get_weights")
        return weight_values(self.keras, trainable)

    def set_weights(self, weights):
        """Replace every weight; shapes are checked first, so a mistake changes nothing."""
        self.require_built("set_weights")
        assign_weights(self.keras, weights)
        self.weights_given = True
        return self

    # -- keras3's model internals (R: model$layers, get_layer(), pop_layer(), freeze_weights()) --------

    ATTRIBUTES = ("layers", "inputs", "input", "outputs", "output", "name", "dtype", "trainable")

    def attribute(self, name: str) -> Any:
        """One of ``ATTRIBUTES`` of the Keras network; layers and tensors as Keras objects."""
        if name not in self.ATTRIBUTES:
            raise ArgumentError(f"a model has no attribute {name!r}; it has {', '.join(self.ATTRIBUTES)}")
        # Keras's Sequential answers `input` and `output` only once called: they come from the lists.
        plural = {"input": "inputs", "output": "outputs"}.get(name, name)
        try:
            value = getattr(self.keras, plural)
            if plural != name:
                value = value[0] if len(value) == 1 else list(value)
        except (AttributeError, ValueError) as err:
            # A Sequential model without input_shape has no input tensors until it is built.
            raise StateError(
                f"the model has no `{name}` yet ({err}); give input_shape to keras_model_sequential(), or fit() first"
            ) from None
        return list(value) if name in ("layers", "inputs", "outputs") else value

    def set_trainable(self, trainable: bool, from_: Any = None, to: Any = None) -> Model:
        """Freeze (``trainable`` False) or unfreeze layers ``from_`` .. ``to`` (names or 0-based
        positions, both inclusive); the layers outside the range get the opposite, as in keras3.
        Without a range the whole model is (un)frozen. Training picks the change up at the next fit()."""
        layers = self.keras.layers
        if from_ is None and to is None:
            self.keras.trainable = bool(trainable)
            for layer in layers:
                layer.trainable = bool(trainable)
        else:
            first = 0 if from_ is None else self._layer_position(from_, "from")
            last = len(layers) - 1 if to is None else self._layer_position(to, "to")
            if first > last:
                raise ArgumentError(f"`from` ({layers[first].name}) comes after `to` ({layers[last].name})")
            self.keras.trainable = True
            for position, layer in enumerate(layers):
                layer.trainable = bool(trainable) == (first <= position <= last)
        self._forget_compiled()
        return self

    def get_layer(self, name: str | None = None, index: Any = None) -> Any:
        """A layer by ``name`` or by 0-based ``index`` (negative counts from the end); ``index`` wins."""
        if index is None and name is None:
            raise ArgumentError("get_layer() needs `name` or `index`")
        which, argument = (name, "name") if index is None else (index, "index")
        return self.keras.layers[self._layer_position(which, argument)]

    def pop_layer(self, rebuild: bool = True) -> Any:
        """Remove the last layer of a Sequential model and return it. The network's outputs no longer
        are the outcome's, so a fitted model forgets its preprocessing (the next fit() learns it
        again) and keeps its weights."""
        if not isinstance(self.keras, keras.Sequential):
            raise ArgumentError(f"pop_layer() needs a sequential model; this one is {type(self.keras).__name__}")
        if not self.keras.layers:
            raise ArgumentError("pop_layer(): the model has no layers")
        layer = self.keras.layers[-1]
        self.keras.pop(rebuild=bool(rebuild))
        if self.is_fitted:
            self.preprocessor, self.outcome = None, None
            self.weights_given = True
        self._forget_compiled()
        return layer

    def _layer_position(self, which: Any, argument: str) -> int:
        layers = self.keras.layers
        names = [layer.name for layer in layers]
        if isinstance(which, keras.layers.Layer):
            which = which.name
        if isinstance(which, str):
            if which not in names:
                raise ArgumentError(
                    f"`{argument}`: the model has no layer {which!r}; its layers are {', '.join(names)}"
                )
            return names.index(which)
        if isinstance(which, (bool, np.bool_)) or not isinstance(which, (int, float, np.number)) or which != int(which):
            raise ArgumentError(f"`{argument}` must be a layer name or a whole-number position, not {which!r}")
        position = int(which)
        if not -len(layers) <= position < len(layers):
            raise ArgumentError(f"`{argument}` {position} is out of range: the model has {len(layers)} layers")
        return position % len(layers)

    def _forget_compiled(self) -> None:
        # Keras traces its train, test and predict steps once; layers or trainability changed since
        # are picked up only by a new trace.
        for attribute in ("train_function", "test_function", "predict_function"):
            if hasattr(self.keras, attribute):
                setattr(self.keras, attribute, None)
        self.forward = None

    def require_built(self, verb):
        if not self.keras.built:
            raise StateError(
                f"{verb}() needs a built model: give input_shape to keras_model_sequential(), or fit() first"
            )

    def __reduce__(self):
        # pickle / copy go through the .keras bytes, never pickling Keras objects.
        return _provided("from_bytes"), (bytes(_provided("to_bytes")(self)),)

    def summary(self):
        """Layers with output shapes and parameter counts, then the preprocessing, as one string."""
        lines = []
        if self.keras.built:
            buffer = io.StringIO()
            self.keras.summary(print_fn=lambda line, **_: buffer.write(line + "\n"), line_length=80)
            lines.append(buffer.getvalue().rstrip())
        else:
            names = ", ".join(layer.__class__.__name__ for layer in self.keras.layers) or "no layers"
            lines.append(
                f"Model: {self.keras.name!r} (not built yet: the input width is set at the "
                f"first fit()); layers: {names}"
            )
        if self.is_fitted:
            lines.append("Inputs:")
            lines.extend("  " + line for line in self.preprocessor.describe())
            lines.append("Outcome:")
            lines.append("  " + self.outcome.describe())
        else:
            lines.append("Preprocessing: learnt at the first fit()")
        return "\n".join(lines)

    def __repr__(self):
        return self.summary()

    # The verbs as methods, for Python users who prefer model.fit(...) to pybridge.fit(model, ...).
    def compile(self, **kwargs: Any) -> Model:
        return _provided("compile")(self, **kwargs)

    def fit(self, x: Any, y: Any = None, **kwargs: Any) -> Any:
        return _provided("fit")(self, x, y, **kwargs)

    def evaluate(self, x: Any, y: Any = None, **kwargs: Any) -> dict[str, float]:
        return _provided("evaluate")(self, x, y, **kwargs)

    def predict(self, x: Any, **kwargs: Any) -> Any:
        return _provided("predict")(self, x, **kwargs)


def sequential(
    input_shape: tuple[int | None, ...] | None = None,
    name: str | None = None,
    layers: list[Any] | None = None,
    input_name: str | None = None,
) -> Model:
    """A Sequential model of ``layers`` (none: an empty stack); with ``input_shape`` its layers are
    built as they are added, and ``input_name`` names its input."""
    if input_name is not None and input_shape is None:
        raise ArgumentError("`input_name` names the input that `input_shape` makes; give `input_shape` too")
    items = [] if layers is None else list(layers) if isinstance(layers, (list, tuple)) else [layers]
    for position, layer in enumerate(items):
        if not isinstance(layer, keras.layers.Layer):
            raise ArgumentError(f"`layers` item {position + 1} is not a layer: {type(layer).__name__}")
    model = keras.Sequential(name=name)
    if input_shape is not None:
        model.add(keras.Input(shape=input_shape, name=input_name))
    for position, layer in enumerate(items):
        try:
            model.add(layer)
        except (ValueError, TypeError) as err:
            raise ArgumentError(f"`layers` item {position + 1} does not fit after the ones before it: {err}") from None
    return Model(model)


def clone_model(model: Model, clone_function: Any = None, **kwargs: Any) -> Model:
    """A new model with the same architecture and fresh weights (Keras's ``clone_model``): neither
    the weights, the compile settings nor the preprocessing learnt at fit are copied.
    ``clone_function`` (a layer in, its copy out) and Keras's other arguments as in Keras."""
    try:
        return Model(keras.models.clone_model(model.keras, clone_function=clone_function, **kwargs))
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"clone_model(): {err}") from None


def get_config(object: Any) -> dict[str, Any]:
    """The configuration of a model or layer as Keras serialises it: ``module``, ``class_name`` and
    ``config`` (plain data, so it survives JSON and R's lists); ``from_config()`` takes it back."""
    target = object.keras if isinstance(object, Model) else object
    if not hasattr(target, "get_config"):
        raise ArgumentError(f"get_config() needs a model or a layer, not {type(object).__name__}")
    return keras.saving.serialize_keras_object(target)


def from_config(config: dict[str, Any]) -> Any:
    """A new model or layer (fresh weights) from ``get_config()``'s answer."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise ArgumentError("from_config() needs what get_config() returns (a config with its `class_name`)")
    try:
        made = keras.saving.deserialize_keras_object(plain_config(config))
    except (TypeError, ValueError, KeyError) as err:
        raise ArgumentError(f"from_config(): {err}") from None
    return Model(made) if isinstance(made, keras.Model) else made


def serialize_keras_object(object: Any) -> dict[str, Any]:
    """Any Keras object (a regularizer, initializer, layer, loss, model...) as Keras serialises it:
    plain data (``module``, ``class_name``, ``config``) that ``deserialize_keras_object()`` takes back."""
    target = object.keras if isinstance(object, Model) else object
    try:
        config = keras.saving.serialize_keras_object(target)
    except (TypeError, ValueError, NotImplementedError) as err:
        raise ArgumentError(f"serialize_keras_object(): {err}") from None
    if not isinstance(config, dict):
        raise ArgumentError(f"serialize_keras_object() needs a Keras object, not {type(object).__name__}")
    return config


def deserialize_keras_object(config: Any, custom_objects: Any = None, safe_mode: bool = True) -> Any:
    """A new Keras object (a model comes back as a ``Model``) from ``serialize_keras_object()``'s answer."""
    if not isinstance(config, dict) or "class_name" not in config:
        raise ArgumentError(
            "deserialize_keras_object() needs what serialize_keras_object() returns (a config with its `class_name`)"
        )
    try:
        made = keras.saving.deserialize_keras_object(
            plain_config(config), custom_objects=custom_objects, safe_mode=bool(safe_mode)
        )
    except (TypeError, ValueError, KeyError) as err:
        raise ArgumentError(f"deserialize_keras_object(): {err}") from None
    return Model(made) if isinstance(made, keras.Model) else made


def get_state_tree(model: Model, value_format: str = "numpy_array") -> dict[str, Any]:
    """Every variable of the model (trainable, non-trainable, optimizer, metrics) as Keras's nested
    dict keyed by their paths, its leaves arrays (``"numpy_array"``) or tensors (``"backend_tensor"``)."""
    if value_format not in ("numpy_array", "backend_tensor"):
        raise ArgumentError(f"`value_format` must be 'numpy_array' or 'backend_tensor', not {value_format!r}")
    model.require_built("get_state_tree")
    if not hasattr(model.keras, "optimizer"):
        # Keras's get_state_tree() reads the optimizer, which only compile() sets.
        raise StateError("get_state_tree() needs a compiled model; call compile() first")
    return model.keras.get_state_tree(value_format=value_format)


def plain_config(value: Any) -> Any:
    """A config back from R as Keras wrote it: R vectors arrive as NumPy arrays, Keras wants lists."""
    if isinstance(value, dict):
        return {key: plain_config(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_config(item) for item in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value
