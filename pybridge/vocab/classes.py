"""Keras classes whose methods are written in another language (keras3's ``Layer()``, ``Callback()``,
``Loss()``, ``Metric()``, ``Model()``, ``new_layer_class()``, ...): a Python subclass of the Keras base
whose methods call the given implementations.

A method implementation is a callable; if it has ``call_method(instance, parent, args, kwargs)`` (R's
functions do, see ``pybridge.r.dispatch.RFunction``) it is given the instance and its ``super()``
proxy, which R binds as ``self`` and ``super``; otherwise it is called as ``fn(instance, *args,
**kwargs)``, as a Python method would be. An implementation's ``signature`` (its parameters after
``self``) becomes the method's, because Keras reads it: ``call()`` receives ``mask`` and ``training``
only when it declares them.
"""

from __future__ import annotations

import inspect
import keyword
from typing import Any

import keras

from ..errors import ArgumentError
from .objects import R_NAMES

BASES: dict[str, Any] = {
    "Layer": keras.layers.Layer,
    "Model": keras.Model,
    "Callback": keras.callbacks.Callback,
    "Loss": keras.losses.Loss,
    "Metric": keras.metrics.Metric,
    "Constraint": keras.constraints.Constraint,
    "Initializer": keras.initializers.Initializer,
    "Regularizer": keras.regularizers.Regularizer,
    "LearningRateSchedule": keras.optimizers.schedules.LearningRateSchedule,
}


def _base(base: Any) -> type:
    if isinstance(base, type):
        return base
    if base not in BASES:
        raise ArgumentError(f"no Keras base class {base!r}; one of {', '.join(BASES)}, or a class")
    return BASES[base]


_VARIADIC = inspect.Signature(
    [
        inspect.Parameter("args", inspect.Parameter.VAR_POSITIONAL),
        inspect.Parameter("kwargs", inspect.Parameter.VAR_KEYWORD),
    ]
)


def _parameter_list(signature: inspect.Signature) -> tuple[str, list[str]] | None:
    """Source text of the parameters after ``self``, and the names that are not variadic; None when a
    name cannot be a Python parameter here."""
    text, names, star = ["self"], [], False
    for p in signature.parameters.values():
        if not p.name.isidentifier() or p.name in ("self", "_run") or keyword.iskeyword(p.name):
            return None
        if p.kind is inspect.Parameter.VAR_POSITIONAL:
            text.append(f"*{p.name}")
            star = True
        elif p.kind is inspect.Parameter.VAR_KEYWORD:
            text.append(f"**{p.name}")
        else:
            if p.kind is inspect.Parameter.KEYWORD_ONLY and not star:
                text.append("*")
                star = True
            # None as Python's default (Keras infers `mask` only when it is None); R's own applies.
            text.append(p.name + ("=None" if p.default is not inspect.Parameter.empty else ""))
            names.append(p.name)
    return ", ".join(text), names


def _method(implementation: Any, owner: list[type], python_name: str) -> Any:
    """A real Python function with the implementation's parameters (Keras reads them, bound or not:
    ``build(self, input_shape)``, ``call(self, inputs, mask=None)``) that hands what it was given on."""

    def run(instance: Any, named: dict[str, Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        # An argument left at None is left out: the implementation's own default applies.
        given = {name: value for name, value in named.items() if value is not None} | kwargs
        parent = super(owner[0], instance)
        if hasattr(implementation, "call_method"):
            value = implementation.call_method(instance, parent, args, given)
        else:
            value = implementation(instance, *args, **given)
        # An R function returns its last value; Python's __init__ must return None.
        return None if python_name == "__init__" else value

    signature = getattr(implementation, "signature", None) or _VARIADIC
    listed = _parameter_list(signature)
    if listed is None:
        signature, listed = _VARIADIC, _parameter_list(_VARIADIC)
    text, names = listed
    variadic = {p.kind: p.name for p in signature.parameters.values() if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
    args = variadic.get(inspect.Parameter.VAR_POSITIONAL, "()")
    kwargs = variadic.get(inspect.Parameter.VAR_KEYWORD, "{}")
    named = "{" + ", ".join(f"{n!r}: {n}" for n in names) + "}"
    source = f"def {python_name}({text}):\n    return _run(self, {named}, {args}, {kwargs})\n"
    scope: dict[str, Any] = {"_run": run}
    exec(source, scope)  # noqa: S102 - the source is built above from checked identifiers only
    return scope[python_name]


def new_class(base: Any, classname: str, members: dict[str, Any] | None = None) -> type:
    """A subclass of ``base`` (a name in ``BASES`` or a class) called ``classname``: callable
    ``members`` become its methods (keras3's ``initialize`` is ``__init__``), other values class
    attributes."""
    if not isinstance(classname, str) or not classname.isidentifier():
        raise ArgumentError(f"`classname` must be a name such as 'MyLayer', not {classname!r}")
    parent = _base(base)
    owner: list[type] = []  # the class, once made: each method's super() needs it
    namespace: dict[str, Any] = {}
    for name, member in (members or {}).items():
        python_name = R_NAMES.get(name, name)
        namespace[python_name] = _method(member, owner, python_name) if callable(member) else member
    cls = type(classname, (parent,), namespace)
    owner.append(cls)
    return cls
