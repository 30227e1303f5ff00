"""Optimizer constructors (``optimizer_sgd()`` ...) with keras3's argument names, checked once for R and Python.

Each returns a Keras optimizer for ``compile(optimizer = ...)``; a name such as ``"adam"`` works there
too. A Keras optimizer keeps per-model state, so give each model its own.
"""

import keras

from ..errors import ArgumentError
from ..validate import as_bool, as_number, construct

OPTIMIZERS = {
    "sgd": keras.optimizers.SGD,
    "adam": keras.optimizers.Adam,
    "rmsprop": keras.optimizers.RMSprop,
    "adagrad": keras.optimizers.Adagrad,
    "adadelta": keras.optimizers.Adadelta,
    "nadam": keras.optimizers.Nadam,
}


def _positive(name):
    def check(value):
        value = as_number(value, name, minimum=0)
        if value == 0:
            raise ArgumentError(f"`{name}` must be greater than 0, not {value!r}")
        return value

    return check


def _below_one(name):
    def check(value):
        value = as_number(value, name, minimum=0)
        if value >= 1:
            raise ArgumentError(f"`{name}` must be in [0, 1), not {value!r}")
        return value

    return check


def _learning_rate(value):
    # A learning_rate_schedule_*() object is Keras's to check.
    if isinstance(value, keras.optimizers.schedules.LearningRateSchedule):
        return value
    return _positive("learning_rate")(value)


CHECKS = {
    "learning_rate": _learning_rate,
    "momentum": _below_one("momentum"),
    "nesterov": lambda v: as_bool(v, "nesterov"),
    "amsgrad": lambda v: as_bool(v, "amsgrad"),
    "centered": lambda v: as_bool(v, "centered"),
    "beta_1": _below_one("beta_1"),
    "beta_2": _below_one("beta_2"),
    "rho": _below_one("rho"),
    "epsilon": lambda v: as_number(v, "epsilon", minimum=0),
    "initial_accumulator_value": lambda v: as_number(v, "initial_accumulator_value", minimum=0),
    "weight_decay": lambda v: as_number(v, "weight_decay", minimum=0),
    "clipnorm": _positive("clipnorm"),
    "clipvalue": _positive("clipvalue"),
    "global_clipnorm": _positive("global_clipnorm"),
}


def make_optimizer(kind, **kwargs):
    """The Keras optimizer ``kind`` (a key of ``OPTIMIZERS``) from checked arguments."""
    return construct(f"optimizer_{kind}", OPTIMIZERS[kind], kwargs, CHECKS)
