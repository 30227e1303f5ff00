"""Exceptions pybridge raises for bad input or misuse.

Each carries a message that names the argument, column or shape at fault. The R bridge maps the class
name to an R condition class (``InputError`` -> ``pybridge_input_error``), so R users can catch them too.
"""


class PybridgeError(Exception):
    """Base class for every error pybridge raises on purpose."""


class ArgumentError(PybridgeError, ValueError):
    """An argument has a wrong type or value (``units = -1``, an unknown activation name)."""


class InputError(PybridgeError, ValueError):
    """The data are unusable: a missing column, NA values, a shape that does not fit the model."""


class StateError(PybridgeError, RuntimeError):
    """The model is not ready for the verb (``fit()`` before ``compile()``, ``predict()`` before ``fit()``)."""


class DownloadError(PybridgeError, OSError):
    """A file pybridge or Keras downloads on first use (a ``dataset_*()``) could not be fetched."""


class PybridgeWarning(UserWarning):
    """Something the caller should know, such as rows dropped by ``na_action = "omit"``. R's verbs
    report these in R's own words, so the R transport does not repeat them."""


def backticked(names) -> str:
    """Names as messages quote them, R-style: ``a``, ``b`` -> "`a`, `b`"."""
    return ", ".join(f"`{name}`" for name in names)
