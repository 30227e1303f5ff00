"""Write the R wrappers of Keras's public vocabulary from the installed Keras (`make vocabulary`).

Reads pybridge.vocab.catalog (which names, under keras3's spelling, and which are left out and why)
and each name's signature and docstring, and writes R/generated-<family>.R (roxygen docs and one
example each) and the manifest tools/vocabulary/keras-api.json, which the drift test compares with
the installed Keras. Run with the project's Python: `.venv/bin/python tools/make-vocabulary.py`.
"""

from __future__ import annotations

import inspect
import json
import math
import re
import sys
import textwrap
import unicodedata
from pathlib import Path

import keras
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pybridge.vocab import catalog, generic  # noqa: E402
from pybridge.vocab.layers import is_merge_layer, make_layer  # noqa: E402

MANIFEST = ROOT / "tools" / "vocabulary" / "keras-api.json"

# One R file per family.
FILES = {
    "layers": "layers",
    "ops": "ops",
    "ops.image": "ops",
    "random": "random",
    "activations": "activations",
    "initializers": "initializers",
    "regularizers": "regularizers",
    "constraints": "constraints",
    "losses": "losses",
    "metrics": "metrics",
    "optimizers": "optimizers",
    "schedules": "schedules",
    "callbacks": "callbacks",
}

RETURNS = {
    "layers": "The model (when `object` is a model; modified in place), the output tensor (when `object` "
    "is a tensor or a list of tensors), or the layer (when `object` is missing).",
    "ops": "An R array (or number) for R arrays; a tensor for tensors from keras_input().",
    "random": "An R array of random values.",
    "activations": "An R array for R arrays; a tensor for tensors from keras_input(). Passed unevaluated "
    "(activation = activation_relu), the activation by its Keras name.",
    "initializers": "An initializer object (class pybridge_object), for a layer's *_initializer argument.",
    "regularizers": "A regularizer object (class pybridge_object), for a layer's *_regularizer argument.",
    "constraints": "A constraint object (class pybridge_object), for a layer's *_constraint argument.",
    "losses": "A loss object (class pybridge_object) for compile(), or the loss values when y_true and y_pred "
    "are given.",
    "metrics": "A metric object (class pybridge_object) for compile(metrics = ), or the metric's value when "
    "y_true and y_pred are given.",
    "optimizers": "An optimizer object (class pybridge_object) for compile().",
    "schedules": "A learning-rate schedule (class pybridge_object), for an optimizer's learning_rate.",
    "callbacks": "A callback object (class pybridge_object) for fit(callbacks = ).",
}

R_RESERVED = {"if", "else", "repeat", "while", "function", "for", "next", "break", "in", "TRUE", "FALSE", "NULL"}

# Example values for required arguments, by name: (R code, Python value as R's wire delivers it).
MATRIX_R = "matrix(c(0.1, 0.5, 0.9, 0.2, 0.6, 1), nrow = 2)"
MATRIX_PY = np.array([0.1, 0.5, 0.9, 0.2, 0.6, 1]).reshape((2, 3), order="F")
EXAMPLE_VALUES = {
    "x": (MATRIX_R, MATRIX_PY),
    "x1": (MATRIX_R, MATRIX_PY),
    "x2": (MATRIX_R, MATRIX_PY),
    "y": (MATRIX_R, MATRIX_PY),
    "a": (MATRIX_R, MATRIX_PY),
    "b": (MATRIX_R, MATRIX_PY),
    "inputs": (MATRIX_R, MATRIX_PY),
    "logits": (MATRIX_R, MATRIX_PY),
    "target": (MATRIX_R, MATRIX_PY),
    "output": (MATRIX_R, MATRIX_PY),
    "y_true": ("c(0, 1, 1)", np.array([0.0, 1.0, 1.0])),
    "y_pred": ("c(0.2, 0.7, 0.9)", np.array([0.2, 0.7, 0.9])),
    "shape": ("c(2, 3)", np.array([2.0, 3.0])),
    "new_shape": ("c(3, 2)", np.array([3.0, 2.0])),
    "axis": ("1", 1.0),
    "units": ("4", 4.0),
    "filters": ("2", 2.0),
    "kernel_size": ("3", 3.0),
    "rate": ("0.5", 0.5),
    "stddev": ("0.1", 0.1),
    "target_shape": ("c(3, 2)", np.array([3.0, 2.0])),
    "dims": ("c(2, 1)", np.array([2.0, 1.0])),
    "n": ("2", 2.0),
    "k": ("1", 1.0),
    "height": ("4", 4.0),
    "width": ("4", 4.0),
    "num_heads": ("2", 2.0),
    "key_dim": ("2", 2.0),
    "num_query_heads": ("2", 2.0),
    "num_key_value_heads": ("1", 1.0),
    "head_dim": ("2", 2.0),
    "input_dim": ("10", 10.0),
    "output_dim": ("2", 2.0),
    "factor": ("0.2", 0.2),
    "scale": ("1 / 255", 1 / 255),
    "value_range": ("c(0, 1)", np.array([0.0, 1.0])),
    "num_bins": ("4", 4.0),
    "equation": ('"ab,bc->ac"', "ab,bc->ac"),
    "output_shape": ("4", 4.0),
    "initial_learning_rate": ("0.1", 0.1),
    "decay_steps": ("100", 100.0),
    "first_decay_steps": ("100", 100.0),
    "decay_rate": ("0.9", 0.9),
    "boundaries": ("c(100, 200)", np.array([100.0, 200.0])),
    "values": ("c(0.1, 0.01, 0.001)", np.array([0.1, 0.01, 0.001])),
    "num_classes": ("3", 3.0),
    "dtype": ('"float32"', "float32"),
    "indices": ("c(0L, 1L)", np.array([0, 1], dtype=np.int32)),
    "repeats": ("2", 2.0),
    "reps": ("c(1, 2)", np.array([1.0, 2.0])),
    "start": ("0", 0.0),
    "fill_value": ("1", 1.0),
    "condition": (
        "matrix(c(TRUE, FALSE, TRUE, TRUE, FALSE, FALSE), nrow = 2)",
        np.array([True, False, True, True, False, False]).reshape((2, 3), order="F"),
    ),
    "num_tokens": ("4", 4.0),
    "max_tokens": ("10", 10.0),
    "mode": ('"horizontal"', "horizontal"),
    "sequence_length": ("4", 4.0),
    "hidden_dim": ("2", 2.0),
    "cropping": ("1", 1.0),
    "size": ("2", 2.0),
    "l1": ("0.01", 0.01),
    "l2": ("0.01", 0.01),
    "monitor": ('"loss"', "loss"),
    "inner_optimizer": ("optimizer_adam_w()", None),
    "schedule": ("function(epoch, lr) lr", None),
    "layer": ("layer_dense(units = 2)", None),
    "cell": ("layer_simple_rnn_cell(units = 2)", None),
    "seed": ("1", 1.0),
    "activation": ('"relu"', "relu"),
    "pool_size": ("2", 2.0),
    "output_size": ("2", 2.0),
    "axes": ("1", 1.0),
    "height_factor": ("0.2", 0.2),
    "width_factor": ("0.2", 0.2),
    "threshold": ("0.5", 0.5),
    "default_value": ("0", 0.0),
    "alpha": ("1", 1.0),
    "beta": ("1", 1.0),
    "counts": ("5", 5.0),
    "probabilities": ("0.5", 0.5),
    "num_samples": ("2", 2.0),
    "minval": ("0", 0.0),
    "maxval": ("3", 3.0),
    "recall": ("0.5", 0.5),
    "precision": ("0.5", 0.5),
    "specificity": ("0.5", 0.5),
    "sensitivity": ("0.5", 0.5),
    "target_class_ids": ("c(0, 1)", np.array([0.0, 1.0])),
    "bit_depth": ("4", 4.0),
    "max_number": ("2", 2.0),
    "cells": ("list(layer_simple_rnn_cell(units = 2))", None),
    "images": (
        "array(seq(0, 1, length.out = 48), c(1, 4, 4, 3))",
        np.linspace(0, 1, 48).reshape((1, 4, 4, 3), order="F"),
    ),
    "image1": (
        "array(seq(0, 1, length.out = 48), c(1, 4, 4, 3))",
        np.linspace(0, 1, 48).reshape((1, 4, 4, 3), order="F"),
    ),
    "image2": (
        "array(seq(1, 0, length.out = 48), c(1, 4, 4, 3))",
        np.linspace(1, 0, 48).reshape((1, 4, 4, 3), order="F"),
    ),
    "q": ("0.5", 0.5),
    "indices_or_sections": ("2", 2.0),
    "stop": ("1", 1.0),
    "data": ("c(1, 2, 3, 4)", np.array([1.0, 2.0, 3.0, 4.0])),
    "sequence_stride": ("1", 1.0),
    "fft_length": ("4", 4.0),
    "block_size": ("2", 2.0),
    "N": ("3", 3.0),
    "source": ("1", 1.0),
    "destination": ("2", 2.0),
    "pad_width": ("1", 1.0),
    "max_val": ("1", 1.0),
    "bins": ("c(0, 0.5, 1)", np.array([0.0, 0.5, 1.0])),
    "x_min": ("0", 0.0),
    "x_max": ("0.5", 0.5),
    "mean": ("0", 0.0),
    "variance": ("1", 1.0),
    "angle": ("c(0, 1.5)", np.array([0.0, 1.5])),
    "abs_": ("c(1, 2)", np.array([1.0, 2.0])),
    "layers": ("list(layer_dense(units = 2), layer_dense(units = 1))", None),
}

# Values that fit one family of wrappers better than the general ones above (a square matrix for
# linear algebra, integers for bitwise ops, a batch of sequences or images for pooling).
SQUARE = ("matrix(c(2, 1, 1, 3), nrow = 2)", np.array([[2.0, 1.0], [1.0, 3.0]]))
VECTOR = ("c(0.1, 0.5, 0.9, 0.2)", np.array([0.1, 0.5, 0.9, 0.2]))
SEQUENCES = ("array(seq(0.1, 2.4, by = 0.1), c(1, 8, 3))", np.arange(1, 25).reshape((1, 8, 3), order="F") / 10)
INTEGERS = ("c(12L, 10L, 6L)", np.array([12, 10, 6], dtype=np.int32))
SHIFTS = ("c(1L, 2L, 1L)", np.array([1, 2, 1], dtype=np.int32))
EXAMPLE_TEMPLATES = [
    (
        (
            "op_det",
            "op_inv",
            "op_cholesky",
            "op_cholesky_inverse",
            "op_eig",
            "op_eigh",
            "op_logdet",
            "op_lu_factor",
            "op_slogdet",
            "op_solve",
            "op_solve_triangular",
            "op_matmul",
            "op_dot",
        ),
        {"x": SQUARE, "a": SQUARE, "x1": SQUARE, "x2": SQUARE, "b": ("c(1, 2)", np.array([1.0, 2.0]))},
    ),
    (
        (
            "op_bitwise_and",
            "op_bitwise_invert",
            "op_bitwise_left_shift",
            "op_bitwise_not",
            "op_bitwise_or",
            "op_bitwise_right_shift",
            "op_bitwise_xor",
            "op_left_shift",
            "op_right_shift",
            "op_gcd",
            "op_lcm",
            "op_ldexp",
        ),
        {"x": INTEGERS, "x1": INTEGERS, "y": SHIFTS, "x2": SHIFTS},
    ),
    (
        ("op_bartlett", "op_blackman", "op_hamming", "op_hanning", "op_kaiser"),
        {"x": ("5L", 5)},
    ),
    (
        ("op_histogram", "op_vander", "op_correlate", "op_fft", "op_irfft"),
        {
            "x": VECTOR,
            "x1": VECTOR,
            "x2": ("c(1, 0.5)", np.array([1.0, 0.5])),
        },
    ),
    (
        (
            "op_max_pool",
            "op_average_pool",
            "op_adaptive_max_pool",
            "op_adaptive_average_pool",
            "op_glu",
            "activation_glu",
            "op_view_as_complex",
        ),
        {"inputs": SEQUENCES, "x": ("matrix(c(0.1, 0.5, 0.9, 0.2), nrow = 1)", np.array([[0.1, 0.5, 0.9, 0.2]]))},
    ),
    (
        ("op_fold", "op_unfold"),
        {
            "x": (
                "array(seq(0.1, 1.6, by = 0.1), c(1, 1, 4, 4))",
                np.arange(1, 17).reshape((1, 1, 4, 4), order="F") / 10,
            ),
            "output_size": ("4", 4.0),
            "kernel_size": ("2", 2.0),
        },
    ),
    (("layer_random_posterization",), {"factor": ("4", 4.0)}),
]


def example_values(entry) -> dict:
    """EXAMPLE_VALUES with the values of the wrapper's family template, if it has one."""
    values = dict(EXAMPLE_VALUES)
    for wrappers, template in EXAMPLE_TEMPLATES:
        if entry.name in wrappers:
            values.update(template)
    return values


# Whole examples where the values by name do not fit.
EXAMPLE_CALLS = {
    "layer_bidirectional": "layer_bidirectional(layer = layer_lstm(units = 2))",  # a recurrent layer
    "layer_category_encoding": 'layer_category_encoding(num_tokens = 4, output_mode = "multi_hot")',
    "layer_discretization": "layer_discretization(num_bins = 3)",
    "layer_pipeline": "layer_pipeline(layers = list(layer_rescaling(scale = 1 / 255), layer_flatten()))",
    "op_cond": "op_cond(TRUE, function() 1, function() 2)",
    "op_map": "op_map(c(1, 2, 3), function(x) x^2)",
    "op_vectorized_map": "op_vectorized_map(matrix(1:6, nrow = 2), function(row) row * 10)",
    "op_scan": "op_scan(function(carry, x) list(carry + x, carry + x), init = 0, xs = c(1, 2, 3, 4))",
    "op_associative_scan": "op_associative_scan(function(a, b) a + b, c(1, 2, 3, 4))",
    "op_switch": "op_switch(2, list(function(x, y) x + y, function(x, y) x - y), 2, 0.5)",
    "op_while_loop": "op_while_loop(function(i) i < 10, function(i) i + 1, 0)",
    "op_fori_loop": "op_fori_loop(0, 10, function(i, total) total + i, 0)",
    "op_custom_gradient": "log1pexp <- op_custom_gradient(function(x) {\n"
    "  e <- op_exp(x)\n"
    "  list(op_log(1 + e), function(upstream) upstream * (1 - 1 / (1 + e)))\n"
    "})\n"
    "log1pexp(c(0, 1))",
    "op_stop_gradient": "op_stop_gradient(c(1, 2))",
    "op_linspace": "op_linspace(0, 1, num = 5)",
    "op_logspace": "op_logspace(0, 2, num = 3)",
    "op_geomspace": "op_geomspace(1, 100, num = 3)",
    "op_eye": "op_eye(3)",
    "op_tri": "op_tri(3)",
    "op_clip": "op_clip(c(-1, 0.5, 2), 0, 1)",
    "op_concatenate": "op_concatenate(list(c(1, 2), c(3, 4)))",
    "op_hstack": "op_hstack(list(c(1, 2), c(3, 4)))",
    "op_vstack": "op_vstack(list(c(1, 2), c(3, 4)))",
    "op_dstack": "op_dstack(list(c(1, 2), c(3, 4)))",
    "op_reshape": "op_reshape(1:6, c(2, 3))",
    "op_roll": "op_roll(c(1, 2, 3, 4), shift = 1)",
    "op_rot90": "op_rot90(matrix(1:4, nrow = 2))",
    "op_swapaxes": "op_swapaxes(matrix(1:6, nrow = 2), 1, 2)",
    "op_moveaxis": "op_moveaxis(array(1:24, c(2, 3, 4)), 1, 3)",
    "op_pad": "op_pad(c(1, 2, 3), pad_width = 1)",
    "op_select": "op_select(list(c(TRUE, FALSE), c(FALSE, TRUE)), list(c(1, 2), c(3, 4)))",
    "op_percentile": "op_percentile(c(1, 2, 3, 4), q = 50)",
    "op_quantile": "op_quantile(c(1, 2, 3, 4), q = 0.5)",
    "op_psnr": "op_psnr(c(0.1, 0.5, 0.9), c(0.1, 0.4, 0.9), max_val = 1)",
    "op_split": "op_split(c(1, 2, 3, 4), 2)",
    "op_array_split": "op_array_split(c(1, 2, 3, 4, 5), 2)",
    "op_vsplit": "op_vsplit(matrix(1:8, nrow = 4), 2)",
    "op_hsplit": "op_hsplit(matrix(1:8, nrow = 2), 2)",
    "op_image_resize": "op_image_resize(array(seq(0, 1, length.out = 48), c(1, 4, 4, 3)), size = c(2, 2))",
    "metric_mean_wrapper": "mae <- metric_mean_wrapper(fn = function(y_true, y_pred) op_abs(y_true - y_pred))\n"
    "mae$update_state(c(0, 1), c(0.5, 0.5))\nmae$result()",
}


def ascii_text(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def rd_text(text: str) -> str:
    """Docstring text in roxygen (markdown off): Rd's specials escaped, roxygen's @ doubled."""
    text = ascii_text(text).replace("\\", "\\\\").replace("%", "\\%").replace("{", "\\{").replace("}", "\\}")
    return text.replace("@", "@@").strip()


def parse_docstring(target) -> tuple[str, str, dict[str, str]]:
    """(title, description, {argument: text}) from a Keras docstring's first paragraph and Args."""
    doc = inspect.getdoc(target) or ""
    lines = doc.splitlines()
    paragraph = []
    for line in lines:
        if not line.strip():
            if paragraph:
                break
            continue
        if re.match(r"^(Args|Arguments|Example|Examples|Returns|Input shape|Output shape|Call arguments):", line):
            break
        paragraph.append(line.strip())
    description = " ".join(paragraph) or f"Keras's {getattr(target, '__name__', 'object')}."
    title = re.split(r"(?<=\.)\s", description)[0].rstrip(".")
    if len(title) > 120:
        title = title[:117].rsplit(" ", 1)[0] + " ..."
    args: dict[str, str] = {}
    in_args, current = False, None
    for line in lines:
        if re.match(r"^(Args|Arguments):\s*$", line):
            in_args = True
            continue
        if in_args:
            if line and not line.startswith(" "):
                in_args = False
                continue
            entry = re.match(r"^ {2,4}(\*{0,2}\w+):\s*(.*)$", line)
            if entry:
                current = entry.group(1).lstrip("*")
                args[current] = entry.group(2)
            elif current and line.strip():
                args[current] += " " + line.strip()
    return title, description, args


def r_value(value) -> str | None:
    """A Python default as R code, or None when R has no literal for it."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return f"{value}L"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Inf" if value > 0 else "-Inf"
        return repr(value)
    if isinstance(value, str):
        return json.dumps(ascii_text(value))
    if isinstance(value, (tuple, list)):
        items = [r_value(v) for v in value]
        if not items:
            return "list()"
        if any(i is None for i in items) or any(isinstance(v, (tuple, list, type(None))) for v in value):
            return None
        return f"c({', '.join(items)})"
    return None


def r_name(name: str) -> str:
    return f"`{name}`" if name in R_RESERVED else name


def _formals(entry) -> list[tuple[str, str | None]]:
    """(name, R default or None when required) in Keras's order, R's own additions included."""
    target = entry.target or entry.function
    out: list[tuple[str, str | None]] = []
    params = catalog.parameters(target)
    merge = _is_merge(entry)
    if entry.family == "layers":
        out.append(("object", None))
    if merge:  # keras3's layer_concatenate(a, b, axis = 2): more inputs come before the named arguments
        out.append(("...", None))
    if entry.family in ("losses", "metrics") and entry.function is not None:
        out += [("y_true", None), ("y_pred", None)]
    for p in params:
        if p.name in ("y_true", "y_pred") and entry.family in ("losses", "metrics"):
            continue
        default = None if p.default is inspect.Parameter.empty else (r_value(p.default) or "NULL")
        out.append((p.name, default))
    out += [(name, r_default) for name, (r_default, _doc) in catalog.R_ARGUMENTS.get(entry.name, {}).items()]
    first = catalog.R_ORDER.get(entry.name, ())
    out.sort(key=lambda formal: first.index(formal[0]) if formal[0] in first else len(first))
    if merge:
        return out
    before = generic.names_before_varargs(target)
    if before is not None:  # Python's *args (op_meshgrid's arrays, op_switch's operands) where they stand
        out.insert(len(before), ("...", None))
        return out
    if entry.family in ("layers", "losses", "metrics", "optimizers", "initializers", "callbacks") or any(
        p.kind == p.VAR_KEYWORD for p in inspect.signature(target).parameters.values()
    ):
        out.append(("...", None))
    return out


def _is_merge(entry) -> bool:
    return entry.family == "layers" and is_merge_layer(entry.name.removeprefix("layer_"))


def _required(entry) -> list[str]:
    target = entry.target or entry.function
    params = catalog.parameters(target)
    names = [p.name for p in params if p.default is inspect.Parameter.empty]
    if entry.target is None:  # a metric function: computed on y_true, y_pred
        names = ["y_true", "y_pred"] + [n for n in names if n not in ("y_true", "y_pred")]
    return [n for n in names if n != "self"]


def _try_example(entry, required: list[str], known: dict) -> str | None:
    """The example's call if it runs in Python with the values R would send, else None."""
    values = {}
    for name in required:
        if name not in known:
            return None
        r_code, py_value = known[name]
        if py_value is None:
            return None  # built from other wrappers: trusted to R CMD check's run
        values[name] = py_value
    try:
        if entry.family == "layers":
            make_layer(entry.name.removeprefix("layer_"), **values)
        elif entry.family in generic.FUNCTION_FAMILIES:
            generic.keras_op(entry.name, values)
        else:
            generic.keras_object(entry.name, values)
    except Exception:  # noqa: BLE001 - any failure: this example is not used
        return None
    return ", ".join(f"{r_name(n)} = {known[n][0]}" for n in required)


def example(entry) -> tuple[str, bool]:
    """A runnable example for the help page, and whether it calls the wrapper."""
    if entry.name in EXAMPLE_CALLS:
        return EXAMPLE_CALLS[entry.name], True
    required = _required(entry)
    known = example_values(entry)
    call_args = None
    if all(n in known for n in required):
        if any(known[n][1] is None for n in required):
            call_args = ", ".join(f"{r_name(n)} = {known[n][0]}" for n in required)
        else:
            call_args = _try_example(entry, required, known)
    if call_args is None:
        return f"print(args({entry.name}))", False
    if entry.family == "callbacks" and entry.name == "callback_remote_monitor":
        return f"print(args({entry.name}))", False
    if MATRIX_R in call_args:  # the sample matrix once, by name
        return f"m <- {MATRIX_R}\n{entry.name}({call_args.replace(MATRIX_R, 'm')})", True
    return f"{entry.name}({call_args})", True


def roxygen(tag: str, text: str) -> list[str]:
    """A roxygen field wrapped at 100 characters, continuation lines indented."""
    lines = textwrap.wrap(f"{tag}{text}".strip(), 100, subsequent_indent="  " if tag else "")
    return [f"#' {line}" for line in lines] or ["#'"]


def signature_lines(name: str, formals: list[str]) -> str:
    """`name <- function(a, b = 1, ...)` broken at 110 characters, continuation lines aligned."""
    lead = f"{name} <- function("
    lines, line = [], lead
    for i, formal in enumerate(formals):
        piece = formal + (", " if i < len(formals) - 1 else ")")
        if len(line) + len(piece.rstrip()) > 110 and line.strip() != lead.strip():
            lines.append(line.rstrip())
            line = " " * 4
        line += piece
    lines.append(line if formals else lead + ")")
    return "\n".join(lines)


def wrapper_source(entry) -> tuple[str, dict]:
    target = entry.target or entry.function
    title, description, arg_docs = parse_docstring(entry.target or entry.function)
    formals = _formals(entry)
    lines = [f"#' {rd_text(title) or entry.name}", "#'", *roxygen("", rd_text(description)), "#'"]
    lines.append(f"#' Wraps `{entry.path}` (Keras's documentation has the details).")
    lines.append("#'")
    for name, _ in formals:
        if name == "object" and _is_merge(entry):
            text = "A tensor or list of tensors (the layer is applied to them, with those in `...`), or missing."
        elif name == "..." and _is_merge(entry):
            text = "More input tensors, unnamed; named, other arguments of the Keras class."
        elif name == "object":
            text = "A model (the layer is added to it), a tensor or list of tensors (the layer is applied), or missing."
        elif name == "..." and generic.names_before_varargs(target) is not None:
            varargs = next(p.name for p in inspect.signature(target).parameters.values() if p.kind == p.VAR_POSITIONAL)
            text = f"The values of Keras's `*{varargs}`, unnamed: {rd_text(arg_docs.get(varargs, '')) or 'see Keras.'}"
        elif name == "...":
            text = "Other arguments of the Keras class or function, named."
        elif name in catalog.R_ARGUMENTS.get(entry.name, {}):
            text = catalog.R_ARGUMENTS[entry.name][name][1]
        elif name in ("y_true", "y_pred") and name not in arg_docs:
            text = "True values and predictions: given both, the values are computed instead of an object made."
        else:
            text = rd_text(arg_docs.get(name, "")) or "See Keras's documentation."
        lines += roxygen("@param ", f"{r_name(name)} {text}")
    lines += roxygen("@return ", rd_text(RETURNS[entry.family.split(".")[0]]))
    lines += ["#' @noMd", "#' @export"]
    code, calls = example(entry)
    lines += ["#' @examples", "#' if (pybridge_available()) {", *(f"#'   {c}" for c in code.splitlines()), "#' }"]
    signature = [r_name(n) if d is None else f"{r_name(n)} = {d}" for n, d in formals]
    if entry.family == "layers":
        body = f'.pb_layer("{entry.name.removeprefix("layer_")}")'
    elif entry.family in generic.FUNCTION_FAMILIES:
        body = f'.pb_op("{entry.name}")'
    else:
        body = f'.pb_object("{entry.name}")'
    lines.append(f"{signature_lines(entry.name, signature)}\n  {body}")
    if entry.family == "activations":
        lines.append(f'attr({entry.name}, "pybridge_keras") <- "{entry.path.rsplit(".", 1)[1]}"')
    if entry.family == "metrics" and entry.function is not None:
        # Given uncalled (metrics = list(metric_binary_accuracy)), Keras names its column so, as in keras3.
        lines.append(f'attr({entry.name}, "py_function_name") <- "{entry.function.__name__}"')
    manifest = {
        "keras": entry.path,
        "arguments": [p.name for p in catalog.parameters(target)],
        "example_calls_wrapper": calls,
    }
    return "\n".join(lines) + "\n", manifest


def main() -> None:
    files: dict[str, list[str]] = {}
    manifest: dict = {"keras_version": keras.__version__, "wrappers": {}, "not_wrapped": catalog.not_wrapped()}
    for name, entry in catalog.table().items():
        source, info = wrapper_source(entry)
        files.setdefault(FILES[entry.family], []).append(source)
        manifest["wrappers"][name] = info
    header = (
        f"# Generated by tools/make-vocabulary.py from Keras {keras.__version__}: do not edit by hand.\n"
        "# Rerun `make vocabulary` after a Keras upgrade.\n\n"
    )
    for stem in sorted(set(FILES.values())):
        (ROOT / "R" / f"generated-{stem}.R").write_text(header + "\n".join(files.get(stem, [])))
    MANIFEST.parent.mkdir(parents=True, exist_ok=True)
    MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    examples = [w for w in manifest["wrappers"].values() if w["example_calls_wrapper"]]
    print(f"{len(manifest['wrappers'])} wrappers from Keras {keras.__version__}; {len(examples)} examples call theirs")


if __name__ == "__main__":
    main()
