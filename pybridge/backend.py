"""Keras's backend for this process. Keras reads ``KERAS_BACKEND`` once, when it is imported, so the
backend is chosen before that (``use_backend()``, or the variable set before starting) and fixed after.
This module imports no Keras: it runs before Keras is imported."""

from __future__ import annotations

import importlib.util
import os
import sys

from .errors import ArgumentError, StateError

DEFAULT = "tensorflow"

# The backends pybridge runs on, and what installs each. R's use_backend() names the same ones.
INSTALL = {
    "tensorflow": 'pip install "pybridge-keras[cpu]" (or "pybridge-keras[gpu]" for the CUDA build)',
    "jax": "pip install jax",
    "torch": "pip install torch",
}
BACKENDS = tuple(INSTALL)


def requested() -> str:
    """The backend Keras takes when it is imported: ``KERAS_BACKEND``, else TensorFlow."""
    return os.environ.get("KERAS_BACKEND") or DEFAULT


def running() -> str | None:
    """The backend of the Keras this process imported, None before Keras is imported."""
    keras = sys.modules.get("keras")
    backend = getattr(keras, "backend", None)
    return backend.backend() if backend is not None else None


def is_installed(backend: str) -> bool:
    try:
        return importlib.util.find_spec(backend) is not None
    except (ImportError, ValueError):  # a module set to None in sys.modules counts as missing
        return False


def require_installed(backend: str) -> None:
    """An ImportError saying what to pip install when the backend's library is missing (Keras would
    only say "No module named ..."). Backends pybridge does not know are left to Keras."""
    if backend in INSTALL and not is_installed(backend):
        raise ImportError(f"pybridge needs the {backend} library for Keras's {backend} backend: {INSTALL[backend]}")


def use_backend(backend: str) -> str:
    """Run Keras on ``backend`` ("tensorflow", "jax" or "torch") in this process: before Keras is
    imported, sets ``KERAS_BACKEND``; once it runs, naming its backend again does nothing and naming
    another is a StateError. Returns the backend."""
    if not isinstance(backend, str) or backend not in BACKENDS:
        choices = ", ".join(f'"{b}"' for b in BACKENDS)
        raise ArgumentError(f"`backend` must be one of {choices}, not {backend!r}")
    now = running()
    if now == backend:
        return backend
    if now is not None:
        raise StateError(
            f"Keras already runs on {now} in this session; call use_backend() before the first pybridge "
            f"verb, or restart R (in Python: set KERAS_BACKEND={backend} before importing pybridge or keras)"
        )
    try:
        require_installed(backend)
    except ImportError as err:
        raise StateError(str(err)) from None
    os.environ["KERAS_BACKEND"] = backend
    return backend


def library_version(backend: str) -> str:
    """The version of the library under Keras's ``backend``, which Keras has imported by then."""
    return getattr(importlib.import_module(backend), "__version__", "unknown")


def devices(backend: str) -> list[str]:
    """The devices ``backend`` computes on, named as TensorFlow names them ("/device:CPU:0")."""
    if backend == "tensorflow":
        import tensorflow as tf

        return [d.name for d in tf.config.list_logical_devices()]
    if backend == "jax":
        import jax

        return [f"/device:{d.platform.upper()}:{d.id}" for d in jax.devices()]
    if backend == "torch":
        import torch

        gpus = torch.cuda.device_count() if torch.cuda.is_available() else 0
        return ["/device:CPU:0"] + [f"/device:GPU:{i}" for i in range(gpus)]
    return []
