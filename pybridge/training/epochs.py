"""Epoch numbering over all of a model's training, and histories that survive a stopped fit().

Each epoch joins the model's history as soon as it ends, so a fit() ended by an interrupt (Ctrl-C,
SIGINT) or an error (a callback's) keeps the epochs it completed, and the next fit() continues
their numbering. The numbers are Keras's own, so a run that ``callback_backup_and_restore()``
resumes at epoch 31 records epochs 31, 32, ...; checkpoints written during an epoch see it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import keras

from ..errors import ArgumentError
from ..history import History
from ..model import Model
from ..validate import as_int
from ..vocab._keras_patches import forget_restored_epoch


def epoch_range(model: Model, epochs: int, initial_epoch: Any = None) -> tuple[int, int]:
    """Keras's (initial_epoch, epochs) for one fit(): ``epochs`` more after the model's last epoch;
    with ``initial_epoch``, as in Keras, ``epochs`` is the number of the last epoch to train."""
    if initial_epoch is None:
        return model.epochs_trained, model.epochs_trained + epochs
    initial = as_int(initial_epoch, "initial_epoch", minimum=0)
    if epochs <= initial:
        raise ArgumentError(
            f"with initial_epoch = {initial}, `epochs` is the number of the last epoch (as in Keras); "
            f"epochs = {epochs} leaves none to train"
        )
    return initial, epochs


class EpochRecorder(keras.callbacks.Callback):
    """Appends each epoch to ``history`` (already in the model's histories) as it ends and sets the
    model's epoch count. Runs first among the callbacks, so a checkpoint written at an epoch's end
    holds that epoch; metrics later callbacks add to the same logs (the learning rate) are taken
    when the next epoch begins or training ends."""

    def __init__(self, owner: Model, history: History) -> None:
        super().__init__()
        self.owner, self.history = owner, history
        self._logs: dict[str, Any] | None = None

    def on_epoch_begin(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.amend()

    def on_epoch_end(self, epoch: int, logs: dict[str, Any] | None = None) -> None:
        self.amend()
        if not self.history.epochs:
            self.history.first_epoch = epoch + 1
        self.history.add_epoch(logs)
        self._logs = logs
        self.owner.epochs_trained = epoch + 1

    def on_train_end(self, logs: dict[str, Any] | None = None) -> None:
        self.amend()

    def amend(self) -> None:
        if self._logs is not None:
            self.history.amend_last_epoch(self._logs)
            self._logs = None


@contextlib.contextmanager
def recording(
    model: Model, callbacks: list[keras.callbacks.Callback], params: dict[str, Any]
) -> Iterator[tuple[list[keras.callbacks.Callback], History]]:
    """The callbacks to give Keras's fit() (the recorder first) and the History of this fit(), which
    holds every completed epoch however the fit() ends; an exception still propagates."""
    history = History({}, params, first_epoch=model.epochs_trained + 1)
    recorder = EpochRecorder(model, history)
    model.histories.append(history)
    forget_restored_epoch(model.keras)
    try:
        yield [recorder, *callbacks], history
    finally:
        recorder.amend()
        history.params = {"epochs": history.epochs, **params}
        if not history.epochs:
            model.histories.remove(history)
