"""The pybridge ``Model``: a Keras model plus the preprocessing learnt from the training data."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import keras
import numpy as np

from .errors import ArgumentError, StateError

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


class Model:
    """A Keras model together with its predictor ``preprocessor``, ``outcome`` encoder and histories.

    ``keras`` is the underlying ``keras.Model``; power users may reach it directly. The preprocessing
    is empty until the first ``fit()`` learns it from the training data.
    """

    def __init__(self, keras_model: keras.Model) -> None:
        self.keras = keras_model
        self.preprocessor = None
        self.outcome = None
        self.histories = []
        # The number of the last epoch trained, over all fit() calls (kept by training.epochs, also
        # when a fit() ends by an error or an interrupt, and restored from files and backups).
        self.epochs_trained = 0
        self.compile_args = None
        self.forward = None  # (what it was traced for, function): see training.predict.forward_function
        self.weights_given = False  # set by hand or loaded: fit(seed =) keeps them

    @property
    def is_fitted(self):
        return self.preprocessor is not None

    def require_fitted(self, verb):
        if not self.is_fitted:
            raise StateError(f"{verb}() needs a fitted model; call fit() first")

    def get_weights(self, trainable=None):
        """The weights as NumPy arrays in Keras's layout (a dense kernel is inputs x units);
        ``trainable`` True/False keeps only the trainable / non-trainable ones."""
        self._require_built("get_weights")
        variables = {
            None: self.keras.weights,
            True: self.keras.trainable_weights,
            False: self.keras.non_trainable_weights,
        }[None if trainable is None else bool(trainable)]
        return [np.asarray(v) for v in variables]

    def set_weights(self, weights):
        """Replace every weight; shapes are checked first, so a mistake changes nothing."""
        self._require_built("set_weights")
        variables = self.keras.weights
        weights = list(weights) if isinstance(weights, (list, tuple)) else [weights]
        if len(weights) != len(variables):
            raise ArgumentError(
                f"the model has {len(variables)} weight arrays "
                f"({', '.join(v.path for v in variables)}); got {len(weights)}"
            )
        values = []
        for i, (variable, value) in enumerate(zip(variables, weights)):
            value = np.asarray(value, dtype=variable.dtype)
            shape = tuple(variable.shape)
            # A length-1 bias comes from R as a scalar; a vector as 1-d: both fill a 1-d weight.
            if value.shape != shape and value.ndim <= 1 and len(shape) == 1 and value.size == shape[0]:
                value = value.reshape(shape)
            if value.shape != shape:
                layer = variable.path.rsplit("/", 2)[-2] if "/" in variable.path else variable.path
                raise ArgumentError(
                    f"weight {i + 1} (`{variable.path}`, layer {layer}) must have shape {shape}, not {value.shape}"
                )
            values.append(value)
        for variable, value in zip(variables, values):
            variable.assign(value)
        self.weights_given = True
        return self

    def _require_built(self, verb):
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


def sequential(input_shape: tuple[int | None, ...] | None = None, name: str | None = None) -> Model:
    """An empty Sequential model; with ``input_shape`` its layers are built as they are added."""
    model = keras.Sequential(name=name)
    if input_shape is not None:
        model.add(keras.Input(shape=input_shape))
    return Model(model)
