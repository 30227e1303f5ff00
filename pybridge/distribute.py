"""tf.distribute strategies for ``fit(strategy = ...)``: TensorFlow distributes, pybridge only places
the model.

Keras captures the strategy in force when a model is constructed, and pybridge builds models eagerly
(``keras_model_sequential()`` and the layer verbs), before ``fit()`` knows the strategy. So ``fit()``
rebuilds the network inside the strategy's scope from its config, weights and compile arguments the
first time it meets a new strategy (``place()``); the user's code changes by the one argument.

MultiWorkerMirroredStrategy must exist before TensorFlow runs any operation in the process (it
configures the collective ops at start-up), and ``compile()`` already runs some. So it is created when
pybridge is imported if ``TF_CONFIG`` describes a chief/worker cluster (``startup()``), or by
``distribute_strategy_multi_worker()`` called at the top of the script, before any model is built.
"""

import contextlib
import json
import os

import keras

from .errors import ArgumentError, StateError
from .validate import as_int
from .vocab import _keras_patches

_multi_worker = None  # the process's one MultiWorkerMirroredStrategy, once created

STRATEGY_NAMES = ("auto", "default", "mirrored", "multi_worker")


def _tf():
    import tensorflow as tf

    return tf


def _require_tensorflow(what):
    """tf.distribute places models only under Keras's TensorFlow backend (TensorFlow may not even be
    installed under the others); say so rather than fail inside TensorFlow."""
    if keras.backend.backend() != "tensorflow":
        raise StateError(
            f"{what} needs Keras's TensorFlow backend; this session runs {keras.backend.backend()} "
            '(use_backend("tensorflow") before the first pybridge verb of a new session)'
        )


def distribute_strategy_default():
    """TensorFlow's default strategy: one device, no distribution."""
    _require_tensorflow("distribute_strategy_default()")
    return _keras_patches.default_strategy()


def distribute_strategy_mirrored(devices=None):
    """Synchronous data parallelism over the GPUs of this machine (or the given ``devices``)."""
    _require_tensorflow("distribute_strategy_mirrored()")
    if devices is not None:
        devices = [devices] if isinstance(devices, str) else [str(d) for d in devices]
    try:
        return _tf().distribute.MirroredStrategy(devices=devices)
    except (ValueError, RuntimeError) as err:
        raise ArgumentError(f"distribute_strategy_mirrored(): {err}") from None


def tf_config(workers, worker_index):
    """The TF_CONFIG text for ``workers`` ("host:port" each) with this process as ``worker_index``."""
    if isinstance(workers, str):
        workers = [workers]
    workers = [str(w) for w in (workers or [])]
    if not workers or any(":" not in w for w in workers):
        raise ArgumentError(f'`workers` must be addresses "host:port", one per worker; got {workers!r}')
    index = as_int(worker_index, "worker_index", minimum=0)
    if index >= len(workers):
        raise ArgumentError(
            f"`worker_index` is {index} but there are {len(workers)} workers (indices 0 to {len(workers) - 1})"
        )
    return json.dumps({"cluster": {"worker": workers}, "task": {"type": "worker", "index": index}})


def distribute_strategy_multi_worker(workers=None, worker_index=None):
    """Synchronous data parallelism over several machines (MultiWorkerMirroredStrategy).

    The cluster comes from ``TF_CONFIG`` or from ``workers`` plus ``worker_index``, which are written to
    ``TF_CONFIG``. Call it at the top of the script, before building a model: TensorFlow requires it.
    Every worker blocks here until all of them have started.
    """
    global _multi_worker
    _require_tensorflow("distribute_strategy_multi_worker()")
    config = os.environ.get("TF_CONFIG")
    if workers is not None or worker_index is not None:
        if workers is None or worker_index is None:
            raise ArgumentError("give both `workers` and `worker_index`, or neither (TF_CONFIG is then read)")
        config = tf_config(workers, worker_index)
    if _multi_worker is not None:
        if config != os.environ.get("TF_CONFIG"):
            raise StateError(
                "a multi-worker strategy already exists in this process with another cluster; "
                "start a new process for another cluster"
            )
        return _multi_worker
    if not config:
        raise ArgumentError(
            "the multi-worker strategy needs the cluster: set the TF_CONFIG environment "
            'variable, or pass `workers` ("host:port" each) and `worker_index`'
        )
    if _keras_patches.tensorflow_has_started():
        raise StateError(
            "the multi-worker strategy must be created before TensorFlow runs anything in this "
            "process: call distribute_strategy_multi_worker() at the top of the script, before "
            "keras_model_sequential() and compile(), or set TF_CONFIG before starting it"
        )
    os.environ["TF_CONFIG"] = config  # where TensorFlow's cluster resolver reads it
    try:
        _multi_worker = _tf().distribute.MultiWorkerMirroredStrategy()
    except (ValueError, RuntimeError) as err:
        raise ArgumentError(f"distribute_strategy_multi_worker(): {err}") from None
    _keras_patches.fix_multi_worker_reduce()
    return _multi_worker


def startup():
    """At import: create the multi-worker strategy when TF_CONFIG names a chief/worker cluster, since
    later (after compile()) TensorFlow no longer allows it. Other TF_CONFIG uses are left alone."""
    text = os.environ.get("TF_CONFIG")
    if not text or _multi_worker is not None or keras.backend.backend() != "tensorflow":
        return
    try:
        config = json.loads(text)
        jobs = set(config.get("cluster", {}))
        task = config.get("task", {}).get("type")
    except (ValueError, AttributeError):
        return  # a malformed TF_CONFIG is reported by TensorFlow when the strategy is asked for
    if jobs and jobs <= {"chief", "worker"} and task in ("chief", "worker"):
        distribute_strategy_multi_worker()


def check(strategy):
    """An ArgumentError for anything but None, a strategy name or a strategy object; creates nothing.
    Under Keras's other backends only None, "auto" and "default" (one device, as without a strategy)."""
    if strategy is None:
        return strategy
    if keras.backend.backend() != "tensorflow":
        if isinstance(strategy, str) and strategy in ("auto", "default"):
            return strategy
        raise ArgumentError(f"`strategy` needs Keras's TensorFlow backend; this session runs {keras.backend.backend()}")
    if isinstance(strategy, _tf().distribute.Strategy):
        return strategy
    if not isinstance(strategy, str) or strategy not in STRATEGY_NAMES:
        raise ArgumentError(
            f"`strategy` must be one of {', '.join(repr(s) for s in STRATEGY_NAMES)} or a "
            f"strategy object from distribute_strategy_*(), not {strategy!r}"
        )
    return strategy


def resolve(strategy, current=None):
    """A strategy object from a name or an object; None when the model's ``current`` one is kept. A name
    that ``current`` already answers to gives ``current``, so naming it again does not rebuild."""
    tf = _tf()
    strategy = check(strategy)
    if strategy is None or isinstance(strategy, tf.distribute.Strategy):
        return strategy
    if strategy == "auto":
        strategy = "mirrored" if len(tf.config.list_logical_devices("GPU")) > 1 else "default"
    if strategy == "default":
        return _keras_patches.default_strategy()
    if strategy == "mirrored":
        if isinstance(current, tf.distribute.MirroredStrategy):
            return current
        return distribute_strategy_mirrored()
    return distribute_strategy_multi_worker()


class _NoStrategy:
    """Stands in for a strategy under Keras's other backends (JAX on the GPU benchmark machine), where
    tf.distribute does not apply and TensorFlow may not even be installed."""

    @staticmethod
    def scope():
        return contextlib.nullcontext()


def place(model, strategy):
    """Make ``model.keras`` live in ``strategy``'s scope, rebuilding it there from config, weights and
    compile arguments when it was made under another strategy. Returns the strategy in force."""
    if keras.backend.backend() != "tensorflow":
        if strategy in (None, "auto", "default"):
            return _NoStrategy()
        raise ArgumentError(f"`strategy` needs Keras's TensorFlow backend; this session runs {keras.backend.backend()}")
    current = _keras_patches.model_strategy(model.keras) or _keras_patches.default_strategy()
    strategy = resolve(strategy, current)
    if strategy is None or strategy is current:
        return current
    old = model.keras
    with strategy.scope():
        try:
            new = keras.models.clone_model(old)
        except (ValueError, TypeError) as err:
            raise StateError(f"fit(strategy = ...) could not rebuild the model under the strategy: {err}") from None
        if old.built and not new.built and old.inputs:
            new.build(old.inputs[0].shape)
        new.set_weights(old.get_weights())
        new.compile(**fresh_compile_args(model.compile_args))
    if strategy is not _keras_patches.default_strategy():
        _keras_patches.build_from_local_batch(new, strategy)
    model.keras = new
    return strategy


def fresh_compile_args(args):
    """Compile arguments with stateful objects (optimizer, metric objects) re-made from their config,
    so their variables are created in the new scope. An optimizer's running state starts afresh."""
    args = dict(args)
    optimizer = args.get("optimizer")
    if isinstance(optimizer, keras.optimizers.Optimizer):
        args["optimizer"] = optimizer.__class__.from_config(optimizer.get_config())
    if args.get("metrics"):
        args["metrics"] = _fresh_metrics(args["metrics"])
    return args


def _fresh_metrics(metrics):
    """Metric objects re-made, in a list, a dict per output, or a list per output."""
    if isinstance(metrics, dict):
        return {name: _fresh_metrics(m) for name, m in metrics.items()}
    if isinstance(metrics, (list, tuple)):
        return [_fresh_metrics(m) for m in metrics]
    return metrics.__class__.from_config(metrics.get_config()) if isinstance(metrics, keras.metrics.Metric) else metrics


def is_chief():
    """True except on the non-chief workers of a multi-worker run: only the chief writes files."""
    if _multi_worker is None:
        return True
    resolver = _multi_worker.cluster_resolver
    task_type, task_id = resolver.task_type, resolver.task_id
    if task_type == "chief":
        return True
    has_chief = "chief" in resolver.cluster_spec().as_dict()
    return task_type == "worker" and task_id == 0 and not has_chief
