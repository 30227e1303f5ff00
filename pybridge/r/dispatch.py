"""The Python end of R's ``.pb_call()``, shared by both transports (reticulate and rpy2): the table of
verbs R may call, the registry of models R holds by number, and errors returned as data (class and
message) so R raises them as R conditions without a Python traceback.
"""

from __future__ import annotations

import inspect
import itertools
import warnings
import weakref
from collections.abc import Callable
from typing import Any

import keras

from .. import api
from ..console import set_console  # noqa: F401 - R routes fit()'s progress lines to its console
from ..encoding.describe import describe_frame
from ..errors import PybridgeError, PybridgeWarning, StateError
from ..interop import wire
from ..model import Model
from ..vocab import objects
from ..vocab.generic import inside_keras

# What R may call: the public verbs, and describe_frame(), which R's tests use to see what crossed.
VERBS: dict[str, Callable[..., Any]] = {**api.VERBS, "describe_frame": describe_frame}

# Models R holds, by number: R sends {"__reference__": n} for a model of this session, as a plain
# integer crosses reticulate several times faster than a Python object (whose conversion goes through
# R's S3 dispatch). R's handle keeps the model alive, so its number stays valid while R can send it.
_REFERENCES: weakref.WeakValueDictionary[int, Model] = weakref.WeakValueDictionary()
_NUMBERS = itertools.count(1)


def reference(model: Model) -> int:
    number = getattr(model, "r_reference", None)
    if number is None:
        number = model.r_reference = next(_NUMBERS)
        _REFERENCES[number] = model
    return number


def _referenced(number: Any) -> Model:
    try:
        return _REFERENCES[int(number)]
    except KeyError:
        raise StateError(
            "this model no longer exists in Python (a copy read back with readRDS() after "
            "the original was removed?); load it again with load_model()"
        ) from None


def decode_argument(value: Any, columns: bool = False, name: str = "x") -> Any:
    """An argument in R's wire form as the Python value a verb takes (models by reference resolved,
    R functions as ``RFunction``)."""
    return wire.decode_named(name, value, columns, _referenced, RFunction)


# How this process's transport hands R an object it holds: reticulate takes the Python object itself;
# rpy2 (r/host.py, which sets this at start()) an R handle. One transport per process.
_WRAP: list[Callable[[Any], Any]] = [lambda obj: obj]


def use_wrap(wrap: Callable[[Any], Any]) -> None:
    _WRAP[0] = wrap


def encode_result(value: Any, wrap: Callable[[Any], Any] | None = None) -> Any:
    """A verb's result in R's wire form; ``wrap`` turns an object R holds into the transport's handle
    (identity under reticulate)."""
    wrap = wrap or _WRAP[0]

    def other(obj: Any) -> Any:
        if isinstance(obj, keras.Model):
            obj = Model.of(obj)  # R uses a Keras network as a model: compile(), fit(), predict()
        if isinstance(obj, Model):
            return {"__model__": wrap(obj), "reference": reference(obj)}
        return {"__object__": wrap(obj), "class": type(obj).__name__, "kind": objects.kind(obj)}

    return wire.encode(value, other)


def _signature(spec: dict[str, Any]) -> inspect.Signature | None:
    """An R function's formals as a Python signature (Keras reads ``call()``'s to decide whether to pass
    ``mask`` and ``training``). R's ``...`` takes positions and names; formals after it only names.
    R's defaults are R expressions, which R applies itself: Python sees ``None``."""
    formals = spec.get("formals")
    if formals is None:
        return None
    names = [formals] if isinstance(formals, str) else list(formals)
    if not all(name == "..." or name.isidentifier() for name in names):
        return None  # a name Python cannot take as a parameter (R's `.list`): Keras sees *args, **kwargs
    has_default = spec.get("defaults")
    has_default = [has_default] if isinstance(has_default, bool) else list(has_default or [False] * len(names))
    parameters, kind = [], inspect.Parameter.POSITIONAL_OR_KEYWORD
    for name, default in zip(names, has_default):
        if name == "...":
            parameters.append(inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL))
            kind = inspect.Parameter.KEYWORD_ONLY
            continue
        default = None if default or parameters and parameters[-1].default is None else inspect.Parameter.empty
        parameters.append(inspect.Parameter(name, kind, default=default))
    if "..." in names:
        parameters.append(inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD))
    return inspect.Signature(parameters)


_PRIVATE_KEYS = itertools.count(1)


def _private_key(instance: Any) -> int:
    """The number under which R keeps the instance's `private` environment (keras3's R-side state)."""
    key = instance.__dict__.get("_pybridge_private")
    if key is None:
        key = next(_PRIVATE_KEYS)
        object.__setattr__(instance, "_pybridge_private", key)  # past Keras's attribute tracking
    return key


class RFunction:
    """An R function that Python (Keras) calls: the arguments cross to R in the wire form, as verb
    results do (tensors and layers as handles, arrays as arrays), and its value comes back decoded as
    a verb's argument. As a method of a class made by ``vocab.classes.new_class``, R binds the
    instance as ``self`` and its ``super()`` as ``super``. R runs it on the calling thread, which is
    R's main thread: Keras runs callbacks, and traces losses and layers, where fit() was called."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.entry = spec["__r_function__"]
        self.signature = self.__signature__ = _signature(spec)
        # Keras names a loss or metric (and its history column) by the function's name.
        self.__name__ = str(spec.get("name") or "r_function")

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._run({"args": list(args), "kwargs": kwargs})

    def call_method(self, instance: Any, parent: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        call = {"args": list(args), "kwargs": kwargs, "self": instance, "super": parent}
        return self._run(call | {"private": _private_key(instance)})

    def _run(self, call: dict[str, Any]) -> Any:
        with inside_keras():
            return decode_argument(self.entry(encode_result(call)), name="the R function's value")


def error_data(err: BaseException) -> dict[str, str]:
    """An exception as R's .pb_signal() takes it: pybridge's own class names, PythonError otherwise."""
    if isinstance(err, PybridgeError):
        return {"class": type(err).__name__, "message": str(err)}
    return {"class": "PythonError", "message": f"{type(err).__name__}: {err}"}


def call(verb: str, kwargs: dict[str, Any] | None, wrap: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """Run ``VERBS[verb](**kwargs)``; the result, or the error as data, in R's wire form."""
    try:
        function = VERBS.get(verb)
        if function is None:
            raise AttributeError(f"pybridge has no verb {verb!r}")
        args = {name: decode_argument(value, columns=True, name=name) for name, value in (kwargs or {}).items()}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PybridgeWarning)  # R's verbs say these in R's words
            value = function(**args)
        # A verb that returns a model it was given (layer_*() on a model, compile()) answers with the
        # argument's name: R hands back its own object, and nothing is wrapped or converted again.
        if isinstance(value, Model):
            given = next((name for name, arg in args.items() if arg is value), None)
            if given is not None:
                return {"value": {"__argument__": given}}
        return {"value": encode_result(value, wrap)}
    except Exception as err:  # noqa: BLE001 - every error reaches R as a condition
        return {"error": error_data(err)}
