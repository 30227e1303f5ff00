"""compile() and fit(): the training mechanics behind the public verbs, for data in memory (the
streaming layer reuses the pieces for files)."""

from __future__ import annotations

import contextlib
import difflib
import inspect
import random
import warnings
from collections.abc import Iterator
from typing import Any

import keras
import numpy as np
import pandas as pd

from .. import distribute, persist
from ..errors import ArgumentError, PybridgeWarning, StateError
from ..history import History
from ..model import Model
from ..validate import as_fraction, as_int
from ..vocab._keras_patches import owning_traces
from ..vocab.callbacks import ModelCheckpoint, Progress
from . import checks
from .data import drop_missing, prepare, select_columns, split_outcome
from .epochs import epoch_range, recording
from .scaling import attach_outcome_scale

STEPS_PER_EXECUTION = 32
# Keras arguments that must be Python ints, which R sends as doubles (1 is 1.0): made ints here.
INTEGER_COMPILE_ARGS = ("steps_per_execution",)
INTEGER_FIT_ARGS = ("steps_per_epoch", "validation_steps", "validation_batch_size", "validation_freq")


def whole_numbers(kwargs: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """``kwargs`` with those of ``names`` given as whole numbers made ints (None left as it is)."""
    return {k: as_int(v, k, minimum=1) if k in names and v is not None else v for k, v in kwargs.items()}


def compile(model: Model, optimizer: Any = "rmsprop", loss: Any = None, metrics: Any = None, **kwargs: Any) -> Model:
    """Configure the model for training (R: ``compile()``): optimizer, loss and metrics, by name
    (``"adam"``, ``"sparse_categorical_crossentropy"``, ``"accuracy"``) or as objects from
    ``optimizer_*()``, ``loss_*()``, ``metric_*()``. Names are checked here, so a typo fails at once
    with an ``ArgumentError``. Other keyword arguments go to Keras's ``Model.compile()``."""
    # One metric, a list, or (a model of several outputs) a dict of them per output name.
    if metrics is not None and not isinstance(metrics, (list, tuple, dict)):
        metrics = [metrics]
    metrics = metrics if metrics is None or isinstance(metrics, dict) else list(metrics)
    checks.check_compile_args(optimizer, loss, metrics)
    # Several training steps per call into the compiled graph: on small networks the per-step
    # dispatch dominates, and grouping steps changes neither the steps, their order nor per-epoch
    # callbacks and histories (bench/: about 2x on the dense workload). Batch-level callback hooks
    # then run once per group; steps_per_execution = 1 restores one call per batch. The default is
    # not recorded in compile_args: a model rebuilt under a distribution strategy runs single steps,
    # as Keras 3.15's multi-step loop fails under MultiWorkerMirroredStrategy.
    kwargs = whole_numbers(kwargs, INTEGER_COMPILE_ARGS)
    grouped = {"steps_per_execution": STEPS_PER_EXECUTION, **kwargs}
    try:
        model.keras.compile(optimizer=optimizer, loss=loss, metrics=metrics, **grouped)
    except (TypeError, ValueError) as err:
        raise ArgumentError(f"compile(): {err}") from None
    # All of them, so fit(strategy = ...) can compile the network again inside the strategy's scope.
    model.compile_args = {"optimizer": optimizer, "loss": loss, "metrics": metrics, **kwargs}
    return model


@contextlib.contextmanager
def seeded(seed: Any) -> Iterator[None]:
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


def fit_callbacks(callbacks: Any, verbose: Any, model: Model | None = None) -> list[keras.callbacks.Callback]:
    """The user's callbacks, checked, plus the progress printer unless ``verbose`` is 0/False;
    checkpoints add the model's preprocessing to each file they write."""
    if callbacks is None:
        callbacks = []
    elif isinstance(callbacks, keras.callbacks.Callback):
        callbacks = [callbacks]
    callbacks = list(callbacks)
    for i, callback in enumerate(callbacks):
        if not isinstance(callback, keras.callbacks.Callback):
            raise ArgumentError(
                f"`callbacks` item {i + 1} is a {type(callback).__name__}, not a callback; "
                "make callbacks with callback_*()"
            )
        if isinstance(callback, ModelCheckpoint) and model is not None:
            callback.after_save = lambda path, model=model: persist.add_metadata(model, path)
    if verbose not in (0, False):
        callbacks.append(Progress())
    return callbacks


def fit_settings(
    model: Model, epochs: Any, batch_size: Any, validation_split: Any, strategy: Any, callbacks: Any, verbose: Any
) -> tuple[int, int, float, list[keras.callbacks.Callback]]:
    """fit()'s arguments checked before any data is read, the same for memory and files: epochs,
    batch_size and validation_split as numbers, the strategy's name, and the callbacks (progress is
    pybridge's one line per epoch, so Keras itself runs with verbose = 0)."""
    if model.compile_args is None:
        raise StateError("fit() needs a compiled model; call compile() first")
    epochs = as_int(epochs, "epochs", minimum=1)
    batch_size = as_int(batch_size, "batch_size", minimum=1)
    validation_split = as_fraction(validation_split, "validation_split")
    distribute.check(strategy)  # a bad name fails before anything is read or learnt
    return epochs, batch_size, validation_split, fit_callbacks(callbacks, verbose, model)


def fit(
    model: Model,
    x: Any,
    y: Any = None,
    *,
    target: Any = None,
    epochs: Any = 10,
    batch_size: Any = 32,
    validation_split: Any = 0.0,
    validation_data: Any = None,
    verbose: Any = "auto",
    seed: Any = None,
    standardize: bool = True,
    scale_outcome: bool | None = None,
    na_action: str = "fail",
    sample_weight: Any = None,
    callbacks: Any = None,
    shuffle: bool = True,
    class_weight: Any = None,
    strategy: Any = None,
    columns: Any = None,
    formula_terms: Any = None,
    **kwargs: Any,
) -> History:
    """Train on data in memory (see ``pybridge.fit`` for the arguments); returns the History."""
    check_keras_arguments("fit", kwargs, keras.Model.fit)
    kwargs = whole_numbers(kwargs, INTEGER_FIT_ARGS)
    epochs, batch_size, validation_split, callbacks = fit_settings(
        model, epochs, batch_size, validation_split, strategy, callbacks, verbose
    )
    if several_arrays(x):
        return _fit_several(
            model,
            x,
            y,
            epochs,
            batch_size,
            validation_split,
            validation_data,
            seed,
            sample_weight,
            callbacks,
            shuffle,
            class_weight,
            strategy,
            kwargs,
        )
    is_frame = isinstance(x, pd.DataFrame)
    x, y, _ = split_outcome(model, x, y, target, "fit")
    if columns is not None:
        x = select_columns(x, columns)
    if scale_outcome is None:
        scale_outcome = is_frame  # the data-frame path standardises a numeric outcome; arrays as Keras
    learn = not model.is_fitted
    with seeded(seed):
        if seed is not None:
            redraw_initial_weights(model)
        encoded_x, encoded_y, weights, preprocessor, outcome, omitted = prepare(
            model, x, y, na_action, sample_weight, learn, standardize, scale_outcome
        )
        keras_class_weight = outcome.class_weights(class_weight)
        if omitted:
            warnings.warn(
                f"na_action = 'omit': dropped {omitted} row(s) with missing values", PybridgeWarning, stacklevel=2
            )
        if validation_data is not None:
            validation_data = _validation(model, validation_data, preprocessor, outcome, na_action)
        elif validation_split and is_frame:
            # Keras validates on the last rows, which in a sorted frame (iris) is one class: draw them.
            train, held_out = validation_rows(outcome, encoded_y, validation_split, seed)
            validation_data = (encoded_x[held_out], encoded_y[held_out])
            encoded_x, encoded_y = encoded_x[train], encoded_y[train]
            weights = None if weights is None else weights[train]
            validation_split = 0.0
        attach_outcome_scale(model, outcome, recompile)
        active = distribute.place(model, strategy)
        if learn and formula_terms:
            preprocessor.formula_terms = dict(formula_terms)  # R's, for predict(): see Preprocessor
        # Commit the learnt preprocessing only once the data and network are known to fit together.
        model.preprocessor, model.outcome = preprocessor, outcome
        params = {"batch_size": batch_size, "samples": int(len(encoded_x)), "rows_omitted": omitted}
        return keras_fit(
            model,
            active,
            epochs,
            params,
            callbacks,
            x=encoded_x,
            y=encoded_y,
            sample_weight=weights,
            batch_size=batch_size,
            validation_split=validation_split,
            validation_data=validation_data,
            shuffle=shuffle,
            class_weight=keras_class_weight,
            **kwargs,
        )


def keras_fit(model, active, epochs, params, callbacks, **fit_args):
    """Keras's fit() for ``epochs`` more (or up to ``epochs`` from ``initial_epoch``, as in Keras),
    under the model's strategy, each epoch recorded as it ends; returns this fit()'s History."""
    # Keras counts `epochs` from the start of all training: `epochs` more than the model has had.
    initial_epoch, final_epoch = epoch_range(model, epochs, fit_args.pop("initial_epoch", None))
    with (
        recording(model, callbacks, params) as (callbacks, history),
        active.scope(),
        owning_traces(lambda: model.keras),
    ):
        model.keras.fit(epochs=final_epoch, initial_epoch=initial_epoch, verbose=0, callbacks=callbacks, **fit_args)
    return history


def check_keras_arguments(verb: str, kwargs: dict[str, Any], keras_method: Any) -> None:
    """Extra keyword arguments must be ones Keras's ``keras_method`` takes: a typo (``epoch = 3``)
    is an ArgumentError naming it and the closest argument, not Keras's raw TypeError."""
    known = set(inspect.signature(keras_method).parameters) - {"self", "kwargs"}
    for name in kwargs:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known | {"target", "seed", "standardize", "na_action"}), 1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise ArgumentError(f"{verb}() has no argument `{name}`{hint}")


def recompile(model: Model) -> None:
    """Compile a rebuilt network as the model was compiled, with fresh optimizer and metric objects."""
    compile(model, **distribute.fresh_compile_args(model.compile_args))


def redraw_initial_weights(model: Model) -> None:
    """Under ``fit(seed =)``, a model not trained yet draws its initial weights (and dropout seeds)
    again from the seed, so the run does not depend on the random state when it was built. Weights
    set by hand or loaded from a file are kept; so is a network Keras cannot clone (subclassed)."""
    if model.epochs_trained or model.weights_given:
        return
    network = model.keras
    try:
        fresh = keras.models.clone_model(network)
    except (TypeError, ValueError, NotImplementedError):
        return
    if network.built and not fresh.built and network.inputs:
        fresh.build(network.inputs[0].shape)
    model.keras = fresh
    recompile(model)


def validation_rows(outcome: Any, encoded_y: np.ndarray, fraction: float, seed: Any) -> tuple[np.ndarray, np.ndarray]:
    """(training rows, validation rows): a random ``fraction`` of the rows, drawn from the seed, and
    for a class outcome the same fraction of each class (stratified). Both sorted, so the training
    rows keep their order for ``shuffle = FALSE``."""
    rng = np.random.default_rng(None if seed is None else as_int(seed, "seed", minimum=0))
    n = len(encoded_y)
    if outcome.kind == "classification":
        codes = encoded_y.argmax(axis=1) if encoded_y.ndim == 2 and encoded_y.shape[1] > 1 else encoded_y.reshape(-1)
        groups = [np.flatnonzero(codes == code) for code in np.unique(codes)]
    else:
        groups = [np.arange(n)]
    held_out = np.concatenate([rng.permutation(g)[: int(round(len(g) * fraction))] for g in groups])
    if len(held_out) == 0 or len(held_out) == n:
        raise ArgumentError(
            f"validation_split = {fraction} leaves no rows for {'training' if len(held_out) else 'validation'}"
        )
    held_out.sort()
    return np.setdiff1d(np.arange(n), held_out, assume_unique=True), held_out


def _validation(model, data, preprocessor, outcome, na_action):
    if isinstance(data, pd.DataFrame):
        vx, vy, _ = split_outcome(model, data, None, outcome.names, "fit")
    else:
        vx, vy = data
    (vx, vy), _ = drop_missing([vx, vy], na_action, "validation_data")
    fmt = checks.target_format(model.keras, outcome, broadcast=not preprocessor.is_frame)
    return preprocessor.transform(vx), outcome.encode(vy, fmt)


def several_arrays(value: Any) -> bool:
    """Arrays for a model of several inputs or outputs: a list of them, or a dict by name."""
    items = list(value.values()) if isinstance(value, dict) else value
    return isinstance(items, (list, tuple)) and bool(items) and all(isinstance(v, np.ndarray) for v in items)


def _fit_several(
    model,
    x,
    y,
    epochs,
    batch_size,
    validation_split,
    validation_data,
    seed,
    sample_weight,
    callbacks,
    shuffle,
    class_weight,
    strategy,
    kwargs,
):
    """Several inputs or outputs (a list or dict of arrays each): Keras's own kind, given to Keras as
    it is (pybridge's preprocessing and outcome encoding are for one table of predictors and one
    outcome), as keras3 does; the history is pybridge's all the same."""
    if y is not None and not several_arrays(y) and not isinstance(y, np.ndarray):
        raise ArgumentError("with several input arrays, `y` must be an array, or a list or dict of arrays")
    with seeded(seed):
        if seed is not None:
            redraw_initial_weights(model)
        active = distribute.place(model, strategy)
        rows = len(next(iter(x.values())) if isinstance(x, dict) else x[0])
        params = {"batch_size": batch_size, "samples": rows, "rows_omitted": 0}
        return keras_fit(
            model,
            active,
            epochs,
            params,
            callbacks,
            x=x,
            y=y,
            sample_weight=sample_weight,
            batch_size=batch_size,
            validation_split=validation_split,
            validation_data=validation_data,
            shuffle=shuffle,
            class_weight=class_weight,
            **kwargs,
        )
