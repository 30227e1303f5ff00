"""The pybridge ``Model``: a Keras model plus the preprocessing learnt from the training data."""
import io

import keras

from .errors import StateError


class Model:
    """A Keras model together with its predictor ``preprocessor``, ``outcome`` encoder and histories.

    ``keras`` is the underlying ``keras.Model``; power users may reach it directly. The preprocessing
    is empty until the first ``fit()`` learns it from the training data.
    """

    def __init__(self, keras_model):
        self.keras = keras_model
        self.preprocessor = None
        self.outcome = None
        self.histories = []
        self.compile_args = None

    @property
    def is_fitted(self):
        return self.preprocessor is not None

    def require_fitted(self, verb):
        if not self.is_fitted:
            raise StateError(f"{verb}() needs a fitted model; call fit() first")

    @property
    def epochs_trained(self):
        return sum(h.epochs for h in self.histories)

    def summary(self):
        """Layers with output shapes and parameter counts, then the preprocessing, as one string."""
        lines = []
        if self.keras.built:
            buffer = io.StringIO()
            self.keras.summary(print_fn=lambda line, **_: buffer.write(line + "\n"), line_length=80)
            lines.append(buffer.getvalue().rstrip())
        else:
            names = ", ".join(layer.__class__.__name__ for layer in self.keras.layers) or "no layers"
            lines.append(f"Model: {self.keras.name!r} (not built yet: the input width is set at the "
                         f"first fit()); layers: {names}")
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
    def compile(self, **kwargs):
        from . import train
        return train.compile(self, **kwargs)

    def fit(self, x, y=None, **kwargs):
        from . import train
        return train.fit(self, x, y, **kwargs)

    def evaluate(self, x, y=None, **kwargs):
        from . import train
        return train.evaluate(self, x, y, **kwargs)

    def predict(self, x, **kwargs):
        from . import train
        return train.predict(self, x, **kwargs)


def sequential(input_shape=None, name=None):
    """An empty Sequential model; with ``input_shape`` its layers are built as they are added."""
    model = keras.Sequential(name=name)
    if input_shape is not None:
        model.add(keras.Input(shape=input_shape))
    return Model(model)
