"""Python hosts R: the rpy2 transport behind R's ``.pb_call()``, and R values to and from Python.

``start()`` embeds R (rpy2), sets ``options(pybridge.rpy2_call =)`` to a Python function and loads the
R package, so every R verb in this process crosses to ``dispatch.call()`` through rpy2 and reticulate
is never started (two Python bridges in one process abort or hang). The wire form is the one
reticulate carries (see interop/wire.py): R lists arrive as dicts and lists, R arrays as NumPy arrays with
R's indexing (column-major views of R's memory, no copy), length-1 vectors as scalars. Python objects R
must hold by reference (models, layers, tensors) go to R as handles: an R environment carrying an id
into ``_HANDLES``; R's garbage collector releases the entry through a finalizer.
"""

import atexit
import gc
import itertools
import os
import sys

import numpy as np

from ..errors import ArgumentError, InputError, PybridgeError, StateError
from ..interop.sexp import as_frame, r_array, r_typeof, raw_view
from ..validate import R_INT_NA
from . import dispatch

_HANDLES = {}  # id -> the Python object an R handle stands for
_IDS = itertools.count(1)
_R = {}  # the embedded R's helper closures, once start() has run

# The few R helpers the transport needs, kept out of the global environment.
_HELPERS = r"""
local({
  new_handle <- function(id, release) {
    handle <- new.env(parent = emptyenv())
    handle$id <- id
    class(handle) <- "pybridge_handle"
    reg.finalizer(handle, function(h) release(h$id))
    handle
  }
  # An R error as data, so Python can raise it with R's message and pybridge's class.
  # An R function Keras calls (R's .pb_r_entry()): its wire-form value, or its error as data.
  call_entry <- function(entry, wire) {
    tryCatch(list(value = entry(wire)),
             error = function(e) list(error = list(class = class(e), message = conditionMessage(e))))
  }
  run <- function(fun, args) {
    tryCatch(list(value = pybridge:::.pb_encode(do.call(fun, args))),
             error = function(e) list(error = list(class = class(e), message = conditionMessage(e))))
  }
  environment()
})
"""


class RError(PybridgeError):
    """An R error raised in the embedded R; the message is R's."""


def _checkout_rlib():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    path = os.path.join(root, ".Rlib")
    return path if os.path.isdir(path) else None


def start():
    """Embed R in this process, route the R package's calls through rpy2 and load the package (from
    R_LIBS, else this checkout's .Rlib). Idempotent."""
    if _R:
        return
    if "rpycall" in sys.modules:  # reticulate's module: this Python already runs inside R
        raise StateError(
            "this Python runs inside R (reticulate); use pybridge from that R session "
            "instead of embedding a second R with rpy2"
        )
    try:
        import rpy2.rinterface as ri
        import rpy2.robjects  # noqa: F401 - initialises the embedded R (console output goes to Python)
    except ModuleNotFoundError as err:
        if not (err.name or "").startswith("rpy2"):
            raise
        raise ImportError('pybridge.rhost needs rpy2: pip install "pybridge-keras[r]"') from None

    helpers = ri.evalr(_HELPERS)
    closures = {
        "ri": ri,
        "new_handle": helpers.find("new_handle"),
        "run": helpers.find("run"),
        "call_entry": helpers.find("call_entry"),
        "release": ri.rternalize(_release),
        "transport": ri.rternalize(_transport),
    }
    # Set before the package loads, so no code path of it can reach reticulate.
    ri.baseenv["options"](**{"pybridge.rpy2_call": closures["transport"]})
    rlib = _checkout_rlib()
    if rlib is not None:
        ri.evalr(f'if (!requireNamespace("pybridge", quietly = TRUE)) .libPaths(c("{rlib}", .libPaths()))')
    ri.evalr("suppressPackageStartupMessages(library(pybridge))")
    for name in ("pb_encode", "pb_decode"):
        closures[name] = ri.evalr(f"pybridge:::.{name}")
    dispatch.use_wrap(wrap)
    _R.update(closures)  # only now: a failed start() can be retried
    atexit.register(_end)  # runs before rpy2's own exit hook: atexit is last in, first out


def _end():
    """End the embedded R while Python is whole. R runs its last finalizers (handle releases) while the
    Python functions they call are alive; the R objects Python holds are then let go while rpy2 can
    still release them, not in interpreter teardown (where rpy2 prints ignored TypeErrors)."""
    from rpy2.rinterface_lib import embedded

    _HANDLES.clear()
    embedded.endr(0)
    _R.clear()
    gc.collect()


def _ri():
    start()
    return _R["ri"]


# -- the transport ------------------------------------------------------------------------------------


def _transport(verb, args):
    """What R's ``.pb_call()`` calls: R's encoded arguments in, ``list(value =)`` or ``list(error =)`` out."""
    try:
        result = dispatch.call(to_python(verb), to_python(args), wrap=wrap)
    except BaseException as err:  # noqa: BLE001 - an argument Python cannot take (or Ctrl-C) is still
        result = _error_result(err)  # an R condition: rpy2 would log it and hand R a silent NULL
    try:
        return to_r(result)
    except Exception as err:  # noqa: BLE001 - so is a result R cannot hold
        return to_r(_error_result(err))


def _error_result(err):
    return {"error": dispatch.error_data(err)}


def wrap(obj):
    """An R handle for a Python object R holds by reference; R's garbage collector releases it."""
    ri = _ri()
    handle_id = next(_IDS)
    _HANDLES[handle_id] = obj
    return _R["new_handle"](ri.IntSexpVector([handle_id]), _R["release"])


def _release(handle_id):
    _HANDLES.pop(int(handle_id[0]), None)
    return _R["ri"].BoolSexpVector([True])  # rpy2 cannot hand R's NULL back from a Python function


def live_handles():
    """How many Python objects R currently holds handles to (for tests and leak checks)."""
    return len(_HANDLES)


# -- R to Python ----------------------------------------------------------------------------------------


def _rclass(sexp):
    cls = sexp.do_slot("class") if "class" in sexp.list_attrs() else None
    return [] if cls is None else list(cls)


def _dim(sexp):
    return tuple(sexp.do_slot("dim")) if "dim" in sexp.list_attrs() else None


# Arrays up to this size are copied even as a verb's arguments: Python may keep them (an attribute set
# from R, a class member). Larger ones (training data) are views for the verb's duration, as copying
# them costs as much as the conversion.
VIEW_MIN_BYTES = 1 << 20


def _atomic(sexp, copy=False):
    dim = _dim(sexp)
    values = r_array(sexp)
    if copy or values.nbytes < VIEW_MIN_BYTES:
        values = values.copy()
    if dim is not None:  # R's indexing kept: x[i, j] in R is a[i - 1, j - 1]
        return values.reshape(dim, order="F")
    ri = _R["ri"]
    if isinstance(sexp, ri.BoolSexpVector):
        values = [None if v == R_INT_NA else bool(v) for v in raw_view(sexp)]
    else:
        values = values.tolist()
    # As reticulate: a length-1 vector is a scalar, a longer one a list.
    return values[0] if len(values) == 1 else values


def to_python(sexp, copy=False):
    """R's wire form as the Python structures dispatch.decode_argument takes. Arrays are views of R's
    memory, valid while R keeps the value (a verb's arguments, during the verb); ``copy`` for values
    that outlive it (what R code returns to Python)."""
    ri = _ri()
    if sexp is ri.NULL or sexp is None:
        return None
    if isinstance(sexp, ri.SexpEnvironment) and "pybridge_handle" in _rclass(sexp):
        handle_id = int(sexp.find("id")[0])
        if handle_id not in _HANDLES:
            raise StateError("this pybridge object belongs to a Python session that has released it")
        return _HANDLES[handle_id]
    if isinstance(sexp, ri.ListSexpVector):
        if "data.frame" in _rclass(sexp):
            return as_frame(sexp)
        items = [to_python(v, copy) for v in sexp]
        names = sexp.names
        if names is ri.NULL:
            return items
        return {str(k): v for k, v in zip(names, items)}
    if isinstance(sexp, (ri.FloatSexpVector, ri.IntSexpVector, ri.BoolSexpVector, ri.StrSexpVector)):
        return _atomic(sexp, copy)
    if isinstance(sexp, ri.SexpClosure):
        return _python_callable(sexp)
    classes = _rclass(sexp)
    described = f" ({', '.join(classes)})" if classes else ""
    raise ArgumentError(f"pybridge cannot pass an R {r_typeof(sexp)}{described} to Python")


def _python_callable(closure):
    """An R function in R's wire form (R's ``.pb_r_entry()``, which ``dispatch.RFunction`` calls): the
    wire form goes to R and back as it is; R's error is raised with R's message."""

    def call_r(wire):
        result = to_python(_R["call_entry"](closure, to_r(wire)), copy=True)
        if "error" in result:
            _raise(result["error"])
        return result["value"]

    call_r.r_function = closure
    return call_r


# -- Python to R ----------------------------------------------------------------------------------------


def _r_vector(array):
    """A 1-d NumPy array as a new R vector: one copy, into memory R allocates."""
    ri = _R["ri"]
    if array.dtype == object or array.dtype.kind in "US":
        return ri.StrSexpVector([ri.NA_Character if v is None or v != v else str(v) for v in array])
    if array.dtype == bool:
        return _filled(ri.baseenv["logical"](len(array)), array)
    if array.dtype.kind in "iu" and (array.size == 0 or np.abs(array).max() < 2**31):
        return _filled(ri.baseenv["integer"](len(array)), array)
    if array.dtype.kind in "iuf":
        return _filled(ri.baseenv["double"](len(array)), array)
    raise TypeError(f"a NumPy array of {array.dtype} has no R form")


def _filled(r_vector, array):
    if len(array):
        raw_view(r_vector)[:] = array
    return r_vector


def to_r(value):
    """dispatch's encoded result as the R value reticulate would have made of it."""
    ri = _ri()
    if isinstance(value, ri.Sexp):  # a handle made by wrap()
        return value
    if value is None:
        return ri.NULL
    if isinstance(value, (bool, np.bool_)):
        return ri.BoolSexpVector([bool(value)])
    if isinstance(value, (int, np.integer)):
        return ri.IntSexpVector([int(value)]) if abs(value) < 2**31 else ri.FloatSexpVector([float(value)])
    if isinstance(value, (float, np.floating)):
        return ri.FloatSexpVector([float(value)])
    if isinstance(value, str):
        return ri.StrSexpVector([value])
    if isinstance(value, dict):
        return _named_list(value)
    if isinstance(value, (list, tuple)):
        return ri.ListSexpVector([to_r(v) for v in value])
    if isinstance(value, np.ndarray):
        out = _r_vector(value.reshape(-1, order="F"))
        if value.ndim > 1:
            out.do_slot_assign("dim", ri.IntSexpVector(value.shape))
        return out
    raise TypeError(f"pybridge cannot give R a {type(value).__name__}")


def _named_list(mapping):
    ri = _R["ri"]
    out = ri.ListSexpVector([to_r(v) for v in mapping.values()])
    out.do_slot_assign("names", ri.StrSexpVector([str(k) for k in mapping]))
    return out


# -- for Python users: R values in, R code run ----------------------------------------------------------


def to_r_value(obj):
    """A Python object as the R value the R package would return: a model, a data frame (tibble), ..."""
    ri = _ri()
    if isinstance(obj, ri.Sexp):  # already an R value (an rpy2 object)
        return obj
    return _R["pb_decode"](to_r(dispatch.encode_result(obj, wrap)))


def from_r(sexp):
    """An R value as pybridge's Python form: data frames as pandas, models as ``Model``, ..."""
    start()
    return dispatch.decode_argument(to_python(_R["pb_encode"](sexp), copy=True))


_PYTHON_ERRORS = {
    "pybridge_argument_error": ArgumentError,
    "pybridge_input_error": InputError,
    "pybridge_state_error": StateError,
}


def _run(fun, args=(), kwargs=None):
    """Call an R function on Python values; R's result in pybridge's Python form, R's error raised."""
    ri = _ri()
    kwargs = kwargs or {}
    r_args = ri.ListSexpVector([to_r_value(v) for v in list(args) + list(kwargs.values())])
    if len(r_args):
        r_args.do_slot_assign("names", ri.StrSexpVector([""] * len(args) + list(kwargs)))
    result = to_python(_R["run"](fun, r_args), copy=True)
    if "error" in result:
        _raise(result["error"])
    return dispatch.decode_argument(result["value"])


def _raise(error):
    """R's error (class and message, as data) raised in Python: pybridge's own classes as themselves."""
    classes, message = _as_list(error["class"]), error["message"]
    raise next((_PYTHON_ERRORS[c] for c in classes if c in _PYTHON_ERRORS), RError)(message)


def _as_list(value):
    return value if isinstance(value, list) else [value]


def r(code, **values):
    """Run R code with ``values`` (Python objects, as R sees them) bound by name; the result in pybridge's
    Python form. An R error is raised as RError, a pybridge error as its Python class, with R's message."""
    ri = _ri()
    from rpy2.rinterface_lib._rinterface_capi import RParsingError

    try:
        fun = ri.evalr(f"function({', '.join(values)}) {{\n{code}\n}}")
    except RParsingError:
        raise RError(f"R cannot parse this code:\n{code}") from None
    return _run(fun, (), values)


def read_rds(path):
    """A data frame saved by R's ``saveRDS()`` as a pandas DataFrame (R is embedded through rpy2)."""
    ri = _ri()
    obj = ri.baseenv["readRDS"](str(path))
    if "data.frame" not in _rclass(obj):
        raise InputError(f"{path} holds an R {', '.join(_rclass(obj)) or r_typeof(obj)} object, not a data frame")
    return as_frame(obj)
