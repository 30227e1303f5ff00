"""evaluate() and predict(): held-out data through the stored preprocessing, the network's outputs
decoded into tidy columns."""

from __future__ import annotations

import keras
import numpy as np
import pandas as pd

from ..encoding.arrays import as_float32_array
from ..encoding.columns import Columns, check_unique_names
from ..encoding.outcome import as_rows, raw_columns
from ..errors import ArgumentError, InputError
from ..validate import as_int
from ..vocab._keras_patches import model_strategy, owning_traces
from .data import prepare, split_outcome

# Below this many rows predict() runs one compiled predict step: Keras's predict() machinery (a data
# adapter and an epoch loop) costs tens of milliseconds per call, the single step well under one.
DIRECT_PREDICT_ROWS = 256


def evaluate(model, x, y=None, *, target=None, batch_size=None, verbose=0, na_action="fail", **kwargs):
    """Loss and metrics on held-out data (R: ``evaluate()``), with the preprocessing stored at fit
    time; a dict of floats. Takes the same forms as ``fit()``; a data frame that holds the outcome
    column(s) the model was fitted with needs nothing else."""
    model.require_fitted("evaluate")
    batch_size = _batch_size(batch_size)
    x, y, _ = split_outcome(model, x, y, target, "evaluate")
    encoded_x, encoded_y, _, _, _, _ = prepare(model, x, y, na_action, what="the evaluation data")
    with owning_traces(lambda: model.keras):
        result = model.keras.evaluate(
            encoded_x, encoded_y, batch_size=batch_size, verbose=verbose, return_dict=True, **kwargs
        )
    return {name: float(value) for name, value in result.items()}


def predict(model, x, *, type=None, batch_size=None, verbose=0):
    """Predictions as a tidy DataFrame (R: ``predict()``), one row per input row.

    Classification: ``.pred_class`` (a categorical with the training levels) and ``.pred_<level>``
    probabilities; regression: ``.pred`` (or ``.pred_<name>`` for several outcomes) in the outcome's
    own units. ``type`` picks a part: "class", "prob", "numeric" or "raw" (the network's outputs,
    ``.pred_1`` ... ``.pred_k``). Extra columns are ignored; rows with missing predictors get missing
    predictions. A model never fitted (weights set by hand, or a file without preprocessing) has no encoding: it
    takes numeric arrays as they are and gives the raw outputs, ``.pred_1`` ... ``.pred_k``."""
    return predict_columns(model, x, type=type, batch_size=batch_size, verbose=verbose).to_frame()


def predict_columns(model, x, *, type=None, batch_size=None, verbose=0):
    """predict()'s columns before they become a DataFrame; R's predict() takes these straight."""
    if type not in (None, "class", "prob", "numeric", "raw"):
        raise ArgumentError(f"`type` must be one of 'class', 'prob', 'numeric', 'raw', not {type!r}")
    batch_size = _batch_size(batch_size)
    is_frame = isinstance(x, (pd.DataFrame, Columns))
    if not model.is_fitted and model.keras.built and not is_frame and type in (None, "raw"):
        outputs = predict_outputs(model, as_float32_array(x), batch_size, verbose)
        return raw_columns(outputs)
    model.require_fitted("predict")
    check_unique_names(x)
    return model.outcome.decode(_encoded_outputs(model, x, batch_size, verbose), type)


def predict_array(model, x, *, batch_size=None, verbose=0):
    """Keras's kind of prediction, for array input: the network's outputs as one array with a row
    per input row (a classifier's probabilities, a regression's values in the outcome's units), after
    the preprocessing stored at fit time. Rows with missing predictors get NaN rows."""
    batch_size = _batch_size(batch_size)
    if not model.is_fitted:
        # No preprocessing stored: the network runs on the array as it is, as Keras's predict() does,
        # building a model that was never built (its weights are then the initial random ones).
        if not model.keras.layers:
            model.require_fitted("predict")
        arr = as_float32_array(x)
        try:
            return predict_outputs(model, arr, batch_size, verbose)
        except ValueError as err:  # Keras's words for an input the network cannot take
            raise InputError(f"predict(): `x` of shape {arr.shape} does not fit the network: {err}") from None
    return model.outcome.unscale(_encoded_outputs(model, x, batch_size, verbose))


def _encoded_outputs(model, x, batch_size, verbose):
    encoded = model.preprocessor.transform(x)
    # Missing and non-finite predictors encode as NaN, so one pass over the encoding finds them.
    complete = np.isfinite(as_rows(encoded)).all(axis=1)
    if complete.all():
        return predict_outputs(model, encoded, batch_size, verbose)
    known = predict_outputs(model, encoded[complete], batch_size, verbose) if complete.any() else None
    outputs = np.full((len(encoded),) + tuple(model.keras.outputs[0].shape[1:]), np.nan)
    if known is not None:
        outputs[complete] = known
    return outputs


def _batch_size(batch_size):
    # R sends whole numbers as doubles (64 is 64.0), which Keras's data pipeline refuses; fit() coerces too.
    return None if batch_size is None else as_int(batch_size, "batch_size", minimum=1)


def predict_outputs(model, encoded, batch_size=None, verbose=0):
    """Raw network outputs. Small inputs skip predict()'s data pipeline and epoch loop: a one-row
    predict() spends almost all its time there."""
    with owning_traces(lambda: model.keras):
        return _outputs(model, encoded, batch_size, verbose)


def _outputs(model, encoded, batch_size, verbose):
    if len(encoded) <= DIRECT_PREDICT_ROWS:
        if model_strategy(model.keras) is not None:
            # Under tf.distribute a compiled step splits the batch across replicas and workers and
            # gathers every worker's share; a direct call predicts the rows given, once.
            return np.asarray(model.keras(encoded, training=False))
        forward = forward_function(model, encoded)
        if forward is not None:
            return forward(encoded).numpy()
        return np.asarray(model.keras.predict_on_batch(encoded))
    return model.keras.predict(encoded, batch_size=batch_size, verbose=verbose)


def forward_function(model, encoded):
    """The network's inference pass (``training=False``, as in predict()) traced once into a graph for
    any number of rows shaped like ``encoded``. A call costs about half of predict_on_batch(), whose
    step also carries Keras's distribution and output plumbing. None where it does not apply: another
    backend, or a network of several inputs or outputs. Traced again when layers are added."""
    network = model.keras
    key = (network, len(network.layers), encoded.shape[1:], encoded.dtype)
    if model.forward is not None and model.forward[0] == key:
        return model.forward[1]
    function = None
    try:
        single = len(network.inputs) == 1 and len(network.outputs) == 1
    except (AttributeError, ValueError):  # a subclassed or unbuilt network has no graph to look at
        single = False
    if single and keras.backend.backend() == "tensorflow" and isinstance(encoded, np.ndarray):
        import tensorflow as tf

        spec = tf.TensorSpec((None,) + encoded.shape[1:], encoded.dtype)
        function = tf.function(lambda batch: network(batch, training=False)).get_concrete_function(spec)
    model.forward = (key, function)
    return function
