"""compile / fit / evaluate / predict: the training mechanics behind the public verbs."""
import contextlib
import random
import warnings

import numpy as np
import pandas as pd
import keras

from . import checks, distribute, streaming
from .callbacks import fit_callbacks
from .errors import ArgumentError, InputError, StateError
from .frames import (Columns, OutcomeEncoder, Preprocessor, as_float32_array, check_unique_names,
                     missing_mask, raw_columns)
from .history import History
from .layers import as_fraction, as_int
from .rdata import as_data

# Below this many rows predict() runs one compiled predict step: Keras's predict() machinery (a data
# adapter and an epoch loop) costs tens of milliseconds per call, the single step well under one.
DIRECT_PREDICT_ROWS = 256
STEPS_PER_EXECUTION = 32


def compile(model, optimizer="rmsprop", loss=None, metrics=None, **kwargs):
    """Configure the model for training (R: ``compile()``): optimizer, loss and metrics, by name
    (``"adam"``, ``"sparse_categorical_crossentropy"``, ``"accuracy"``) or as objects from
    ``optimizer_*()``, ``loss_*()``, ``metric_*()``. Names are checked here, so a typo fails at once
    with an ``ArgumentError``. Other keyword arguments go to Keras's ``Model.compile()``."""
    if isinstance(metrics, str):
        metrics = [metrics]
    metrics = None if metrics is None else list(metrics)
    checks.check_compile_args(optimizer, loss, metrics)
    # Several training steps per call into the compiled graph: on small networks the per-step
    # dispatch dominates, and grouping steps changes neither the steps, their order nor per-epoch
    # callbacks and histories (bench/: about 2x on the dense workload). Batch-level callback hooks
    # then run once per group; steps_per_execution = 1 restores one call per batch. The default is
    # not recorded in compile_args: a model rebuilt under a distribution strategy runs single steps,
    # as Keras 3.15's multi-step loop fails under MultiWorkerMirroredStrategy.
    grouped = {"steps_per_execution": STEPS_PER_EXECUTION, **kwargs}
    try:
        model.keras.compile(optimizer=optimizer, loss=loss, metrics=metrics, **grouped)
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"compile(): {err}") from None
    # All of them, so fit(strategy = ...) can compile the network again inside the strategy's scope.
    model.compile_args = {"optimizer": optimizer, "loss": loss, "metrics": metrics, **kwargs}
    return model


@contextlib.contextmanager
def seeded(seed):
    """Seed Python, NumPy and the backend for reproducible runs; restore Python's and NumPy's state after."""
    if seed is None:
        yield
        return
    python_state, numpy_state = random.getstate(), np.random.get_state()
    keras.utils.set_random_seed(as_int(seed, "seed", minimum=0))
    try:
        yield
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)


def split_outcome(model, x, y, target, verb):
    """(x, y) from the x/y or data-frame-plus-target forms; a fitted model remembers its outcome names."""
    check_unique_names(x)
    if target is not None:
        names = _named_columns(x, target, "target", "outcome column(s) {}")
        y = x[names[0]] if len(names) == 1 else x[names]
        return x.drop(columns=names), y, names
    if y is None:
        if model.outcome is not None and isinstance(x, pd.DataFrame) and set(model.outcome.names) <= set(x.columns):
            return split_outcome(model, x, None, model.outcome.names, verb)
        raise InputError(f"{verb}() needs an outcome: pass y, or target = the outcome column(s) "
                         "(in R, a formula such as y ~ .)")
    if len(y) != len(x):
        raise InputError(f"x has {len(x)} rows but y has {len(y)}")
    name = y.name if isinstance(y, pd.Series) and y.name is not None else "y"
    names = list(map(str, y.columns)) if isinstance(y, pd.DataFrame) else [str(name)]
    return x, y, names


def select_columns(x, columns):
    """The predictor columns ``columns`` names, checked."""
    return x[_named_columns(x, columns, "columns", "column(s) {} named in `columns`")]


def _named_columns(x, names, argument, absent_message):
    """``names`` (one or several) as a list of columns of the data frame ``x``, or an error naming
    the argument or the absent columns."""
    names = [names] if isinstance(names, str) else [str(n) for n in names]
    if not isinstance(x, pd.DataFrame):
        raise ArgumentError(f"`{argument}` names columns of a data frame, but x is not a data frame")
    absent = [n for n in names if n not in x.columns]
    if absent:
        listed = ", ".join(f"`{n}`" for n in absent)
        raise InputError(absent_message.format(listed) + " not found in the data")
    return names


def _row_missing(obj, label="x"):
    """Per-row missingness and a count per offending column (``label`` names an unnamed vector)."""
    if isinstance(obj, pd.DataFrame):
        masks = {str(c): missing_mask(obj[c]) for c in obj.columns}
        counts = {c: int(m.sum()) for c, m in masks.items() if m.any()}
        rows = np.logical_or.reduce(list(masks.values())) if masks else np.zeros(len(obj), bool)
        return rows, counts
    if isinstance(obj, pd.Series):
        mask = missing_mask(obj)
        name = label if obj.name is None else str(obj.name)
        return mask, ({name: int(mask.sum())} if mask.any() else {})
    try:
        values = np.asarray(obj, dtype="float64")
    except (TypeError, ValueError):
        mask = pd.isna(pd.Series(list(obj))).to_numpy()
        return mask, ({label: int(mask.sum())} if mask.any() else {})
    mask = ~np.isfinite(values.reshape(len(values), -1)).all(axis=1)
    return mask, ({label: int(mask.sum())} if mask.any() else {})


def _take(obj, keep):
    if isinstance(obj, (pd.DataFrame, pd.Series)):
        return obj.iloc[keep]
    if isinstance(obj, (pd.Categorical, pd.api.extensions.ExtensionArray)):
        return obj[keep]
    return np.asarray(obj)[keep]


def drop_missing(parts, na_action, what, labels=("x", "y", "sample_weight")):
    """Apply the NA policy to aligned pieces (x, y, weights): an error naming columns, or drop rows."""
    if na_action not in ("fail", "omit"):
        raise ArgumentError(f"`na_action` must be 'fail' or 'omit', not {na_action!r}")
    bad = np.zeros(len(parts[0]), dtype=bool)
    counts = {}
    for part, label in zip(parts, labels):
        if part is not None:
            if len(part) != len(parts[0]):
                raise InputError(f"x has {len(parts[0])} rows but `{label}` has {len(part)}")
            rows, part_counts = _row_missing(part, label)
            bad |= rows
            counts.update(part_counts)
    if not bad.any():
        return parts, 0
    if na_action == "fail":
        detail = ", ".join(f"`{c}` ({n} row{'s' if n > 1 else ''})" for c, n in counts.items())
        raise InputError(f"missing or non-finite values in {what}: {detail}; remove them or use "
                         "na_action = 'omit' to drop those rows")
    keep = np.nonzero(~bad)[0]
    if len(keep) == 0:
        raise InputError(f"every row of {what} has a missing value; nothing is left to train on")
    return [None if p is None else _take(p, keep) for p in parts], int(bad.sum())


def _build(model, encoded):
    shape = tuple(encoded.shape[1:])
    if not model.keras.built:
        try:
            model.keras.build((None,) + shape)
        except (ValueError, TypeError) as err:
            raise InputError(f"the layers cannot take inputs of shape {shape}: {err}") from None
        return
    expected = tuple(model.keras.inputs[0].shape[1:]) if model.keras.inputs else None
    if expected is not None and any(e is not None and e != s for e, s in zip(expected, shape)) \
            or expected is not None and len(expected) != len(shape):
        raise InputError(f"the model takes inputs of shape {expected} but the data encode to {shape}; "
                         "fix input_shape, or leave it out so the first fit() sets it")


def prepare(model, x, y, na_action="fail", sample_weight=None, learn=False, standardize=True,
            scale_outcome=False, what="the training data"):
    """Encoded (x, y, weights) for Keras, learning the preprocessing first when ``learn``."""
    (x, y, sample_weight), omitted = drop_missing([x, y, sample_weight], na_action, what)
    preprocessor, outcome = model.preprocessor, model.outcome
    if learn and len(x) < 2:
        raise InputError(f"{what} has {len(x)} row(s) after removing missing values; at least 2 are "
                         "needed to learn the preprocessing (a standard deviation needs two values)")
    if learn:
        preprocessor = Preprocessor.fit(x, standardize=standardize)
        classify = checks.loss_name(model.keras.loss) in checks.CLASSIFICATION_LOSSES
        outcome = OutcomeEncoder.fit(y, y_names(y), classify=classify, scale=scale_outcome)
    encoded_x = preprocessor.transform(x)
    _build(model, encoded_x)
    fmt = checks.target_format(model.keras, outcome)
    encoded_y = outcome.encode(y, fmt)
    weights = None if sample_weight is None else np.asarray(sample_weight, dtype="float32")
    return encoded_x, encoded_y, weights, preprocessor, outcome, omitted


def y_names(y):
    if isinstance(y, pd.DataFrame):
        return list(map(str, y.columns))
    return [str(y.name) if isinstance(y, pd.Series) and y.name is not None else "y"]


def fit(model, x, y=None, *, target=None, epochs=10, batch_size=32, validation_split=0.0,
        validation_data=None, verbose="auto", seed=None, standardize=True, scale_outcome=False,
        na_action="fail", sample_weight=None, callbacks=None, shuffle=True, class_weight=None,
        strategy=None, columns=None, **kwargs):
    """Train a model (R: ``fit()``); returns a ``History`` of per-epoch metrics.

    Takes a data frame with ``target`` naming the outcome column(s) (R: a formula such as
    ``Species ~ .``), a data frame or array ``x`` with an outcome ``y``, an rpy2 R data.frame, or a
    path or glob of CSV/Parquet files, which are streamed. At the first fit pybridge learns the
    preprocessing from the training data and stores it in the model: numeric columns are
    standardised (sample sd; a constant column is only centred), factor/category, character and
    logical columns one-hot encoded over the training levels, dates turned into days since
    1970-01-01; a factor outcome becomes classification (labels mapped to 0..k-1 and back), a
    numeric one regression. Later calls continue training with the same encoding, ``epochs`` more.

    Parameters
    ----------
    model : Model, compiled.
    x, y : the data, as above. ``target`` : outcome column name(s) when ``x`` holds them.
    epochs, batch_size : passes over the data and rows per gradient step.
    validation_split : fraction of the rows (the last ones, as in Keras) held out for validation.
    validation_data : held-out data: a data frame with the outcome columns, or ``(x, y)``.
    verbose : 0 is silent; otherwise one line per epoch with the metrics.
    seed : a whole number to make the run reproducible (Python's and NumPy's states are restored).
    standardize : standardise numeric predictors (default True).
    scale_outcome : standardise a numeric outcome for training; predictions come back in its units.
    na_action : "fail" (default: an error naming the columns with missing values) or "omit"
        (drop those rows from x, y, weights and validation data alike).
    sample_weight, class_weight, shuffle, callbacks : as in Keras.
    strategy : "auto", "default", "mirrored", "multi_worker" or a ``distribute_strategy_*()``
        object; the model is moved into the strategy's scope and stays there for later calls.
    columns : for files, the predictor columns to use (default: all but the outcome).

    Raises ``StateError`` before compile(), ``InputError`` for unusable data or an output layer and
    loss that do not fit the outcome (before any training step), ``ArgumentError`` for bad arguments.
    """
    if model.compile_args is None:
        raise StateError("fit() needs a compiled model; call compile() first")
    epochs = as_int(epochs, "epochs", minimum=1)
    batch_size = as_int(batch_size, "batch_size", minimum=1)
    validation_split = as_fraction(validation_split, "validation_split")
    distribute.check(strategy)  # a bad name fails before anything is read or learnt
    # Progress is pybridge's one line per epoch (R's console under R); Keras itself stays quiet.
    callbacks, verbose = fit_callbacks(callbacks, verbose, model), 0
    x, y, validation_data = as_data(x, "x"), as_data(y), as_data(validation_data, "validation_data")
    if streaming.is_source(x):
        return streaming.fit(model, x, target=target, epochs=epochs, batch_size=batch_size, verbose=verbose,
                             seed=seed, standardize=standardize, na_action=na_action, strategy=strategy,
                             callbacks=callbacks, shuffle=shuffle, y=y, validation_split=validation_split,
                             validation_data=validation_data, sample_weight=sample_weight,
                             class_weight=class_weight, scale_outcome=scale_outcome, columns=columns,
                             **kwargs)
    x, y, _ = split_outcome(model, x, y, target, "fit")
    if columns is not None:
        x = select_columns(x, columns)
    learn = not model.is_fitted
    encoded_x, encoded_y, weights, preprocessor, outcome, omitted = prepare(
        model, x, y, na_action, sample_weight, learn, standardize, scale_outcome)
    if omitted:
        warnings.warn(f"na_action = 'omit': dropped {omitted} row(s) with missing values", stacklevel=2)
    if validation_data is not None:
        validation_data = _validation(model, validation_data, preprocessor, outcome, na_action)
    active = distribute.place(model, strategy)
    # Commit the learnt preprocessing only once the data and network are known to fit together.
    model.preprocessor, model.outcome = preprocessor, outcome
    # Each fit() trains `epochs` more epochs; Keras counts `epochs` from the start of all training.
    done = model.epochs_trained
    with seeded(seed), active.scope():
        keras_history = model.keras.fit(
            encoded_x, encoded_y, sample_weight=weights, epochs=done + epochs, batch_size=batch_size,
            validation_split=validation_split, validation_data=validation_data, verbose=verbose,
            callbacks=callbacks, shuffle=shuffle, class_weight=class_weight,
            initial_epoch=done, **kwargs)
    return record_history(model, keras_history, {"batch_size": batch_size, "samples": int(len(encoded_x)),
                                                 "rows_omitted": omitted})


def record_history(model, keras_history, params):
    """The History of one fit() (files or memory), appended to the model's; ``params`` adds to epochs."""
    done = model.epochs_trained
    metrics = {k: v for k, v in keras_history.history.items()}
    params = {"epochs": len(next(iter(metrics.values()), [])), **params}
    history = History(metrics, params, first_epoch=done + 1)
    model.histories.append(history)
    return history


def _validation(model, data, preprocessor, outcome, na_action):
    if isinstance(data, pd.DataFrame):
        vx, vy, _ = split_outcome(model, data, None, outcome.names, "fit")
    else:
        vx, vy = data
    (vx, vy), _ = drop_missing([vx, vy], na_action, "validation_data")
    fmt = checks.target_format(model.keras, outcome)
    return preprocessor.transform(vx), outcome.encode(vy, fmt)


def evaluate(model, x, y=None, *, target=None, batch_size=None, verbose=0, na_action="fail", **kwargs):
    """Loss and metrics on held-out data (R: ``evaluate()``), with the preprocessing stored at fit
    time; a dict of floats. Takes the same forms as ``fit()``; a data frame that holds the outcome
    column(s) the model was fitted with needs nothing else."""
    model.require_fitted("evaluate")
    x, y = as_data(x, "x"), as_data(y)
    x, y, _ = split_outcome(model, x, y, target, "evaluate")
    encoded_x, encoded_y, _, _, _, _ = prepare(model, x, y, na_action, what="the evaluation data")
    result = model.keras.evaluate(encoded_x, encoded_y, batch_size=batch_size, verbose=verbose,
                                  return_dict=True, **kwargs)
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
    x = x if isinstance(x, Columns) else as_data(x, "x")  # the preprocessor takes R's Columns as they are
    is_frame = isinstance(x, (pd.DataFrame, Columns))
    if not model.is_fitted and model.keras.built and not is_frame and type in (None, "raw"):
        outputs = predict_outputs(model, as_float32_array(x), batch_size, verbose)
        return raw_columns(outputs)
    model.require_fitted("predict")
    check_unique_names(x)
    encoded = model.preprocessor.transform(x)
    # Missing and non-finite predictors encode as NaN, so one pass over the encoding finds them.
    complete = np.isfinite(encoded.reshape(len(encoded), -1)).all(axis=1)
    if complete.all():
        outputs = predict_outputs(model, encoded, batch_size, verbose)
    else:
        known = predict_outputs(model, encoded[complete], batch_size, verbose) if complete.any() else None
        outputs = np.full((len(encoded),) + tuple(model.keras.outputs[0].shape[1:]), np.nan)
        if known is not None:
            outputs[complete] = known
    return model.outcome.decode(outputs, type)


def predict_outputs(model, encoded, batch_size=None, verbose=0):
    """Raw network outputs. Small inputs skip predict()'s data pipeline and epoch loop: a one-row
    predict() spends almost all its time there."""
    if len(encoded) <= DIRECT_PREDICT_ROWS:
        if getattr(model.keras, "_distribute_strategy", None) is not None:
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
