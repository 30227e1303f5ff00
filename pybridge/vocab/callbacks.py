"""Callback constructors (``callback_*()``) with keras3's argument names, and the progress printer.

Epoch numbers that pybridge hands to user code are 1-based, counted over all of a model's training, as
in its histories. ``fit()`` prints one line per epoch through ``console`` (``print`` by default; R
sets it to its own console when it hosts Python), never carriage-return progress bars.
"""

import os

import keras
import numpy as np

from ..console import write_line
from ..errors import ArgumentError, StateError
from ..validate import as_bool, as_int, as_number, construct
from ._keras_patches import SavingBackup, SavingCheckpoint, SavingCSVLogger


class Progress(keras.callbacks.Callback):
    """One line per epoch: ``Epoch 3/10 - loss: 0.4132 - accuracy: 0.8800 - val_loss: ...``."""

    def on_epoch_end(self, epoch, logs=None):
        total = (self.params or {}).get("epochs")
        parts = [f"Epoch {epoch + 1}/{total}" if total else f"Epoch {epoch + 1}"]
        # loss first, then the other metrics, then their validation twins, as in the history
        names = sorted(logs or {}, key=lambda n: (n.startswith("val_"), n.removeprefix("val_") != "loss"))
        parts += [f"{name}: {float(logs[name]):.4f}" for name in names]
        write_line(" - ".join(parts))


class ModelCheckpoint(SavingCheckpoint):
    """Keras's checkpoint, whose ``.keras`` files also hold the preprocessing, as save_model()'s do:
    ``fit()`` sets ``after_save`` to add it to each file Keras writes."""


def _path(value, name):
    if not isinstance(value, (str, os.PathLike)) or not str(value):
        raise ArgumentError(f"`{name}` must be a file or folder path, not {value!r}")
    return os.path.expanduser(str(value))


def _monitor(value):
    if not isinstance(value, str) or not value:
        raise ArgumentError(f"`monitor` must be a metric name such as 'val_loss', not {value!r}")
    return value


def _frequency(name):
    def check(value):
        return value if value in ("epoch", "batch") else as_int(value, name, minimum=1)

    return check


def _mode(value):
    if value not in ("auto", "min", "max"):
        raise ArgumentError(f"`mode` must be 'auto', 'min' or 'max', not {value!r}")
    return value


CHECKS = {
    "monitor": _monitor,
    "min_delta": lambda v: as_number(v, "min_delta", minimum=0),
    "patience": lambda v: as_int(v, "patience", minimum=0),
    "verbose": lambda v: as_int(v, "verbose", minimum=0),
    "mode": _mode,
    "restore_best_weights": lambda v: as_bool(v, "restore_best_weights"),
    "start_from_epoch": lambda v: as_int(v, "start_from_epoch", minimum=0),
    "filepath": lambda v: _path(v, "filepath"),
    "filename": lambda v: _path(v, "filename"),
    "log_dir": lambda v: _path(v, "log_dir"),
    "backup_dir": lambda v: _path(v, "backup_dir"),
    "save_best_only": lambda v: as_bool(v, "save_best_only"),
    "save_weights_only": lambda v: as_bool(v, "save_weights_only"),
    "factor": lambda v: as_number(v, "factor", minimum=0),
    "cooldown": lambda v: as_int(v, "cooldown", minimum=0),
    "min_lr": lambda v: as_number(v, "min_lr", minimum=0),
    "append": lambda v: as_bool(v, "append"),
    "delete_checkpoint": lambda v: as_bool(v, "delete_checkpoint"),
    "histogram_freq": lambda v: as_int(v, "histogram_freq", minimum=0),
    "write_graph": lambda v: as_bool(v, "write_graph"),
    "write_images": lambda v: as_bool(v, "write_images"),
    "profile_batch": lambda v: as_int(v, "profile_batch", minimum=0),
    "update_freq": _frequency("update_freq"),
    "save_freq": _frequency("save_freq"),
}

CALLBACKS = {
    "early_stopping": keras.callbacks.EarlyStopping,
    "model_checkpoint": ModelCheckpoint,
    "reduce_lr_on_plateau": keras.callbacks.ReduceLROnPlateau,
    "tensorboard": keras.callbacks.TensorBoard,
    # Both write each file whole, so a crash mid-write leaves the previous one intact.
    "csv_logger": SavingCSVLogger,
    "backup_and_restore": SavingBackup,
}


def make_callback(kind, **kwargs):
    """The Keras callback ``kind`` (a key of ``CALLBACKS``) from checked arguments."""
    if kind == "tensorboard":
        _require_tensorboard()
    return construct(f"callback_{kind}", CALLBACKS[kind], kwargs, CHECKS)


def _require_tensorboard():
    # Without it Keras fails only at the first epoch's end, deep inside fit().
    try:
        import tensorboard  # noqa: F401
    except ImportError:
        raise StateError(
            "callback_tensorboard() needs the tensorboard package: pip install tensorboard "
            "(the pybridge-keras[cpu] and [gpu] extras include it)"
        ) from None


# Every hook Keras calls, by what it is given: (logs) or (epoch or batch number, logs).
WHOLE_HOOKS = ("on_train_begin", "on_train_end", "on_test_begin", "on_test_end", "on_predict_begin", "on_predict_end")
NUMBERED_HOOKS = tuple(
    f"on_{part}_{edge}" for part in ("epoch", "train_batch", "test_batch", "predict_batch") for edge in ("begin", "end")
)


class Lambda(keras.callbacks.Callback):
    """Calls user functions (R functions under reticulate run on R's main thread, as Keras runs
    callbacks on the thread that called fit()). Epoch and batch numbers are 1-based; ``logs`` is a
    dict of floats."""

    def __init__(self, hooks):
        super().__init__()
        self.hooks = hooks
        for hook in hooks:
            setattr(self, hook, self._caller(hook))

    def _caller(self, hook):
        function = self.hooks[hook]

        # Keras passes logs by keyword to batch hooks and by position to the others.
        def call(*args, logs=None):
            if args and hook in WHOLE_HOOKS:
                logs = args[0]
            elif len(args) > 1:
                logs = args[1]
            # Scalars only: predict's batch logs also hold the batch's outputs, an array.
            values = {k: float(v) for k, v in (logs or {}).items() if np.ndim(v) == 0}
            if hook in WHOLE_HOOKS:
                function(values)
            else:
                function(int(args[0]) + 1, values)

        return call


def callback_lambda(**hooks):
    """A callback from functions, keyed by Keras's hook names: ``on_epoch_end(epoch, logs)``,
    ``on_train_batch_end(batch, logs)``, ``on_train_begin(logs)``, ..., ``on_test_*`` and
    ``on_predict_*`` too (see ``WHOLE_HOOKS`` and ``NUMBERED_HOOKS``)."""
    unknown = [name for name in hooks if name not in WHOLE_HOOKS + NUMBERED_HOOKS]
    if unknown:
        raise ArgumentError(
            f"callback_lambda() has no hook `{unknown[0]}`; hooks: {', '.join(NUMBERED_HOOKS + WHOLE_HOOKS)}"
        )
    hooks = {name: fn for name, fn in hooks.items() if fn is not None}
    if not hooks:
        raise ArgumentError(
            "callback_lambda() needs at least one function, e.g. on_epoch_end = function(epoch, logs) ..."
        )
    bad = [name for name, fn in hooks.items() if not callable(fn)]
    if bad:
        raise ArgumentError(f"callback_lambda(): `{bad[0]}` must be a function")
    return Lambda(hooks)
