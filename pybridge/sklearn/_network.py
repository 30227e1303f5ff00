"""The Keras network behind an estimator: made by a function, from layer specs or as a dense stack.

Only pybridge's public verbs are used, so the network is an ordinary pybridge ``Model`` that
``pybridge.fit()`` trains with its preprocessing stored inside.
"""

from __future__ import annotations

import contextlib
import inspect
import numbers
import random
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import keras
import numpy as np

from .. import api
from ..api import Model
from ..errors import ArgumentError

__all__ = ["LayerSpec", "ModelSpec", "make_network", "seeded"]

#: A hidden layer: a layer kind (``"dense"``, ``"dropout"``, ... as in ``pybridge.layer_<kind>``),
#: alone or with its keyword arguments: ``("dense", {"units": 32, "activation": "relu"})``.
LayerSpec = str | tuple[str, Mapping[str, Any]]
#: ``None`` (a dense stack from ``units``), hidden-layer specs, or a function making the network.
ModelSpec = Sequence[LayerSpec] | Callable[..., Any] | None

# Keyword arguments a model-building function may name, besides the estimator's parameters.
SHAPE_ARGUMENTS = ("n_features_in", "n_outputs")


@contextlib.contextmanager
def seeded(seed: int | None) -> Iterator[None]:
    """Seed Python, NumPy and Keras while the network is made: Keras draws each layer's initializer
    seed from Python's generator when the layer is constructed, before ``fit(seed=)`` seeds training.
    Python's and NumPy's global states are restored afterwards, so the caller's streams are untouched."""
    if seed is None:
        yield
        return
    python_state, numpy_state = random.getstate(), np.random.get_state()
    api.set_random_seed(seed)
    try:
        yield
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)


def make_network(
    model: ModelSpec,
    params: Mapping[str, Any],
    build_args: Mapping[str, Any],
    n_features_in: int,
    n_outputs: int,
    output_activation: str,
    loss: str,
) -> Model:
    """A compiled pybridge ``Model`` with ``n_outputs`` outputs.

    ``params`` are the estimator's parameters (``units``, ``learning_rate``, ...); ``build_args`` the
    extra keyword arguments given to the estimator, which only a model-building function takes. A
    function's network is compiled here unless the function compiled it itself."""
    if callable(model):
        network = _from_function(model, params, build_args, n_features_in, n_outputs)
    else:
        if build_args:
            raise ArgumentError(
                f"build argument(s) {', '.join(sorted(build_args))} need a model-building "
                "function as `model`; the built-in network takes units, activation, dropout"
            )
        hidden = _dense_stack(params) if model is None else [_layer_spec(spec) for spec in model]
        network = api.keras_model_sequential()
        for kind, kwargs in hidden:
            api.layer(kind, network, **kwargs)
        api.layer_dense(network, units=n_outputs, activation=output_activation)
    if network.compile_args is None:
        api.compile(network, optimizer=_optimizer(params["optimizer"], params["learning_rate"]), loss=loss)
    return network


def _dense_stack(params: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    units = params["units"]
    widths = [units] if isinstance(units, numbers.Integral) else list(units or ())
    layers: list[tuple[str, dict[str, Any]]] = []
    for width in widths:
        layers.append(("dense", {"units": width, "activation": params["activation"]}))
        if params["dropout"]:
            layers.append(("dropout", {"rate": params["dropout"]}))
    return layers


def _layer_spec(spec: LayerSpec) -> tuple[str, dict[str, Any]]:
    if isinstance(spec, str):
        return spec, {}
    if isinstance(spec, (tuple, list)) and len(spec) == 2 and isinstance(spec[0], str) and isinstance(spec[1], Mapping):
        return spec[0], dict(spec[1])
    raise ArgumentError(
        f"a layer spec is a layer kind or (kind, {{arguments}}), such as ('dense', {{'units': 32}}); not {spec!r}"
    )


def _optimizer(name: Any, learning_rate: float) -> Any:
    make = getattr(api, f"optimizer_{name}", None) if isinstance(name, str) else None
    if make is None:
        known = sorted(n[len("optimizer_") :] for n in dir(api) if n.startswith("optimizer_"))
        raise ArgumentError(f"`optimizer` must be one of {', '.join(known)}; not {name!r}")
    return make(learning_rate=learning_rate)


def _from_function(
    function: Callable[..., Any],
    params: Mapping[str, Any],
    build_args: Mapping[str, Any],
    n_features_in: int,
    n_outputs: int,
) -> Model:
    """Call ``function`` with the arguments its signature names (all build arguments when it takes
    ``**kwargs``); a build argument it cannot take is an error, so a misspelt one is not ignored."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        signature = None
    if signature is None:
        named, takes_any = set(), True
    else:
        named = {p.name for p in signature.parameters.values() if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
        takes_any = any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values())
    if not takes_any and set(build_args) - named:
        raise ArgumentError(
            f"the model function {getattr(function, '__name__', function)!r} takes no "
            f"argument(s) {', '.join(sorted(set(build_args) - named))}"
        )
    offered = {"n_features_in": n_features_in, "n_outputs": n_outputs, **params}
    kwargs = {name: value for name, value in offered.items() if name in named}
    kwargs.update(build_args if takes_any else {k: v for k, v in build_args.items() if k in named})
    network = function(**kwargs)
    if isinstance(network, keras.Model):
        network = Model(network)
    if not isinstance(network, Model):
        raise ArgumentError(
            "the model function must return a network from pybridge.keras_model_sequential() "
            f"or pybridge.keras_model() (or a keras.Model), not {type(network).__name__}"
        )
    return network
