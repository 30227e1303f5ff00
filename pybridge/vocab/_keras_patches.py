"""Every place pybridge touches a private part of Keras or TensorFlow, in one module.

Each touch names the versions it was checked against (``CHECKED``) and has a test in
tests/python/vocab/test_keras_patches.py that fails when it stops applying (the private name is gone)
or, where it can be shown in a test, when it stops being needed. A Keras or TensorFlow outside the
checked range fails that test too, so an upgrade is a prompt to check each touch again.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import weakref
from collections.abc import Callable, Iterator
from typing import Any

import keras

from .. import atomic

CHECKED = {"keras": ("3.12", "3.15"), "tensorflow": ("2.16", "2.21")}  # oldest and newest minor checked


def default_strategy() -> Any:
    """TensorFlow's default (no-op) strategy from anywhere, also inside another strategy's scope,
    where the public ``tf.distribute.get_strategy()`` returns that scope's strategy instead."""
    from tensorflow.python.distribute import distribute_lib

    return distribute_lib._get_default_strategy()  # noqa: SLF001


def tensorflow_has_started() -> bool:
    """Whether TensorFlow's eager context exists, i.e. some TF operation already ran: after that a
    MultiWorkerMirroredStrategy can no longer be created. TF has no public check."""
    from tensorflow.python.eager import context

    return context.context()._context_handle is not None  # noqa: SLF001


def model_strategy(network: keras.Model) -> Any:
    """The tf.distribute strategy a Keras network was built under (None when it was built outside one)."""
    return getattr(network, "_distribute_strategy", None)


def forget_compiled_predict(network: keras.Model) -> None:
    """Drop the predict step Keras traced and caches: ``predict_on_batch()`` would keep using the old
    stack of layers after a layer is added."""
    network.predict_function = None


def forget_restored_epoch(network: keras.Model) -> None:
    """BackupAndRestore tells fit() where to resume through the private ``_initial_epoch``, which Keras
    never clears: every later fit() of the network would start from that epoch again. Cleared before
    each fit(); the callback sets it again when it restores a backup."""
    network._initial_epoch = None  # noqa: SLF001


def loss_function(loss: keras.losses.Loss) -> tuple[Callable[..., Any], dict[str, Any]]:
    """The per-sample function a ``LossFunctionWrapper`` (every built-in loss class) wraps, with the
    keyword arguments its constructor bound: ``loss_*(y_true =, y_pred =)`` computes values with them."""
    return loss.fn, dict(loss._fn_kwargs)  # noqa: SLF001


class SavingCheckpoint(keras.callbacks.ModelCheckpoint):
    """Keras's ModelCheckpoint writing each file whole (``atomic``: a crash mid-save leaves the previous
    checkpoint intact), with ``after_save(path)`` called on a whole-model file before it takes its
    place. Keras writes in the private ``_save_model()`` to the path its ``_get_file_path()`` gives;
    for that one call the path is the temporary file. Should a future Keras rename either, the test
    says so first."""

    after_save: Callable[[str], None] | None = None

    def _save_model(self, epoch: int, batch: int | None, logs: dict | None) -> None:
        path = self._get_file_path(epoch, batch, logs)
        suffix = ".weights.h5" if path.endswith(".weights.h5") else os.path.splitext(path)[1]
        with atomic.replacing(path, suffix=suffix) as temporary:
            self._get_file_path = lambda *_: temporary
            try:
                super()._save_model(epoch, batch, logs)
            finally:
                del self._get_file_path
            if os.path.isfile(temporary) and self.after_save is not None and not self.save_weights_only:
                self.after_save(temporary)


class SavingBackup(keras.callbacks.BackupAndRestore):
    """Keras's BackupAndRestore writing its weights and its epoch record each whole (``atomic``):
    Keras's private ``_save_model()`` overwrites them in place, so a kill mid-write left a backup that
    the next run could not read. The weights are written before the record, so a kill between the
    two repeats an epoch from newer weights rather than skipping one."""

    def _save_model(self) -> None:
        os.makedirs(self.backup_dir, exist_ok=True)
        if self.double_checkpoint:
            for path in (self._weights_path, self._training_metadata_path):
                if os.path.exists(path):
                    with open(path, "rb") as source, atomic.replacing(f"{path}.bkp") as temporary:
                        with open(temporary, "wb") as copy:
                            copy.write(source.read())
        with atomic.replacing(self._weights_path, suffix=".weights.h5") as temporary:
            self.model.save_weights(filepath=temporary, overwrite=True)
        record = {"epoch": self._current_epoch, "batch": self._last_batch_seen}
        atomic.write_text(self._training_metadata_path, json.dumps(record))


class _WholeFile(io.StringIO):
    """A text file kept in memory and written whole (``atomic``) at every ``flush()``."""

    def __init__(self, path: str, kept: str) -> None:
        super().__init__()
        self.path = path
        self.write(kept)

    def flush(self) -> None:
        if not self.closed:
            atomic.write_text(self.path, self.getvalue())

    def close(self) -> None:
        self.flush()
        super().close()


class SavingCSVLogger(keras.callbacks.CSVLogger):
    """Keras's CSVLogger writing the whole file (``atomic``) after each epoch instead of appending a
    row in place, so a kill mid-write never leaves a torn last row. Keras's logger writes through
    its ``csv_file`` attribute, opened in ``on_train_begin()``; this one opens the in-memory file."""

    def on_train_begin(self, logs: dict | None = None) -> None:
        kept = ""
        if self.append and os.path.isfile(self.filename):
            with open(self.filename, encoding="utf-8", newline="") as handle:
                kept = handle.read()
            self.append_header = not kept
        if self.csv_file is not None and not self.csv_file.closed:
            self.csv_file.close()
        self.csv_file = _WholeFile(self.filename, kept)
        self.csv_file.flush()  # created (or emptied) now, as Keras's own logger does
        self.writer = None
        self.keys = None


def fix_multi_worker_reduce() -> None:
    """Keras's TF trainer averages each step's logs across workers with ``reduce("MEAN", v, axis=0)``,
    which fails on the scalar loss and metrics ("Invalid reduction dimension 0 for input with 0
    dimensions", tensorflow/tensorflow#72388). Scalars are averaged over the workers instead;
    everything else goes to Keras's own function. Installed once a multi-worker strategy exists."""
    from keras.src.backend.tensorflow import trainer

    original = trainer.reduce_per_replica
    if getattr(original, "pybridge_fix", False):
        return

    def reduce_per_replica(values, strategy, reduction):
        multi_worker = trainer._collective_all_reduce_multi_worker(strategy)  # noqa: SLF001
        if reduction not in ("auto", "mean") or not multi_worker:
            return original(values, strategy, reduction)

        def one(value):
            local = strategy.experimental_local_results(value)[0]
            if getattr(getattr(local, "shape", None), "rank", None) == 0:
                return strategy.reduce("MEAN", value, axis=None)
            return original(value, strategy, reduction)

        return keras.tree.map_structure(one, values)

    reduce_per_replica.pybridge_fix = True
    trainer.reduce_per_replica = reduce_per_replica


def build_from_local_batch(network: keras.Model, strategy: Any) -> None:
    """Keras's TF trainer builds a model symbolically in ``_maybe_symbolic_build``, passing the whole
    (x, y) batch to ``strategy.reduce``, which fails when there are several replicas (a PerReplica
    tuple). The symbolic build needs only shapes and dtypes, which this worker's first replica has."""
    import tensorflow as tf

    def local(value):
        if isinstance(value, tf.distribute.DistributedValues):
            return strategy.experimental_local_results(value)[0]
        return value

    def build(iterator=None, data_batch=None):
        if iterator is not None:
            for _, _, batches in iterator:
                data_batch = keras.tree.map_structure(local, next(batches))
                break
        with strategy.scope():
            network._symbolic_build(data_batch=data_batch)  # noqa: SLF001

    network._maybe_symbolic_build = build  # noqa: SLF001


# Gradients that tf.custom_gradient registered while tracing a network since collected, waiting to be
# released by the next owning_traces(); a finalizer only appends here, as gc may run it anywhere.
_DROPPED_GRADIENTS: list[str] = []


@contextlib.contextmanager
def owning_traces(network: Callable[[], keras.Model]) -> Iterator[None]:
    """Tie what TensorFlow keeps globally for the functions Keras traces inside this block to the
    network ``network()`` answers at its end, and release what networks already collected left.

    Each trace of a training step registers a gradient (``CustomGradient-<n>``, from the default
    strategy's ``all_reduce``) in TensorFlow's global gradient registry, which is never emptied: its
    closure holds the step's FuncGraph, its functions stay in the eager context, and their kernels in
    its cache, ~4 MB per model (issue 17). A registered gradient is only read while a graph that uses
    it is traced, so once its network is gone nothing can need it."""
    if keras.backend.backend() != "tensorflow":
        yield
        return
    from tensorflow.python.framework import ops

    release_dropped_traces()
    registry = ops._gradient_registry._registry  # noqa: SLF001
    before = len(registry)
    try:
        yield
    finally:
        grown = len(registry) - before
        if grown > 0:
            # The registry is a dict (insertion order): the new names are its last ones.
            names = [name for _, name in zip(range(grown), reversed(registry)) if name.startswith("CustomGradient-")]
            if names:
                weakref.finalize(network(), _DROPPED_GRADIENTS.extend, names).atexit = False


def custom_gradients() -> set[str]:
    """The names of the gradients tf.custom_gradient has registered and TensorFlow still keeps."""
    from tensorflow.python.framework import ops

    return {name for name in ops._gradient_registry._registry if name.startswith("CustomGradient-")}  # noqa: SLF001


def release_dropped_traces() -> int:
    """Drop the gradients of collected networks from TensorFlow's registry (their FuncGraphs and
    functions go with them) and empty the eager kernel cache, whose kernels for those functions are
    otherwise kept (kernels of live models are made again at their next call). How many went."""
    if not _DROPPED_GRADIENTS:
        return 0
    from tensorflow.python.eager import context
    from tensorflow.python.framework import ops

    registry = ops._gradient_registry._registry  # noqa: SLF001
    released = 0
    while _DROPPED_GRADIENTS:
        released += registry.pop(_DROPPED_GRADIENTS.pop(), None) is not None
    context.context().clear_kernel_cache()
    return released
