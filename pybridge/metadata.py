"""``pybridge.json``, the preprocessing a model file carries: its schema, checked whole at load time.

A file is checked before anything is built from it, so a damaged or hand-edited file fails at
``load_model()`` with the field at fault named (``outcome.sd``, ``preprocessor.columns[2].levels``),
never later inside ``predict()`` or with wrong predictions. Files of earlier pybridge versions lack
some fields (``scaling``, ``label_type``, ``ordered``, ``tz``); those stay optional.
"""

from __future__ import annotations

import math
from typing import Any

from .encoding.columns import CATEGORICAL, DATETIME, LOGICAL, NUMERIC
from .errors import InputError

FORMAT_VERSION = 1
COLUMN_KINDS = (NUMERIC, CATEGORICAL, LOGICAL, DATETIME)
OUTCOME_KINDS = ("classification", "regression")
LABEL_TYPES = ("factor", "integer", "integer_factor", "logical")
SCALINGS = ("network", "encoder")


def _is_whole_label(value: Any) -> bool:
    return _is_int(value) or (isinstance(value, str) and value.strip().lstrip("-").isdigit())


def _shown(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_label(value: Any) -> bool:
    return isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value))


class _Checker:
    """Raises an InputError naming the file and the field."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, field: str, problem: str, value: Any = ..., note: str = "") -> None:
        got = "" if value is ... else f", got {_shown(value)}"
        raise InputError(f"{self.where}: pybridge.json field `{field}` {problem}{got}{note}")

    def need(self, d: dict, key: str, field: str) -> Any:
        if key not in d:
            self.fail(field, "is missing")
        return d[key]

    def object(self, value: Any, field: str) -> dict:
        if not isinstance(value, dict):
            self.fail(field, "must be an object", value)
        return value

    def flag(self, value: Any, field: str) -> None:
        if not isinstance(value, bool):
            self.fail(field, "must be true or false", value)

    def choice(self, value: Any, field: str, choices: tuple[str, ...]) -> None:
        if value not in choices or not isinstance(value, str):
            self.fail(field, f"must be one of {', '.join(repr(c) for c in choices)}", value)

    def names(self, value: Any, field: str) -> list[str]:
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            self.fail(field, "must be a non-empty list of names (strings)", value)
        if len(set(value)) != len(value):
            self.fail(field, "must not repeat a name", value)
        return value

    def levels(self, value: Any, field: str, minimum: int, note: str = "") -> list:
        if not isinstance(value, list) or not all(_is_label(v) for v in value):
            self.fail(field, "must be a list of labels (strings or numbers)", value, note)
        if len(value) < minimum:
            self.fail(field, f"must hold at least {minimum} level(s)", value, note)
        if len({(type(v) is str, v) for v in value}) != len(value):
            self.fail(field, "must not repeat a level", value, note)
        return value

    def finite(self, value: Any, field: str, positive: bool = False, note: str = "") -> None:
        ok = _is_number(value) and math.isfinite(value) and (value > 0 if positive else True)
        if not ok:
            self.fail(field, "must be finite and positive" if positive else "must be a finite number", value, note)


def check(metadata: Any, where: str) -> dict:
    """``metadata`` (parsed pybridge.json) if it fits the schema; else an InputError naming the field."""
    c = _Checker(where)
    if not isinstance(metadata, dict):
        raise InputError(f"{where}: pybridge.json must be a JSON object, got {_shown(metadata)}")
    if "format" in metadata and metadata["format"] != "pybridge":
        c.fail("format", "must be 'pybridge'", metadata["format"])
    version = metadata.get("version", 0)
    if not _is_int(version) or version < 0:
        c.fail("version", "must be a whole number", version)
    if version > FORMAT_VERSION:
        raise InputError(
            f"{where} was written by a newer pybridge (format {version}; this one reads "
            f"{FORMAT_VERSION}): update pybridge"
        )
    if metadata.get("preprocessor") is not None:
        _preprocessor(c, c.object(metadata["preprocessor"], "preprocessor"))
    if metadata.get("outcome") is not None:
        _outcome(c, c.object(metadata["outcome"], "outcome"))
    histories = metadata.get("histories", [])
    if not isinstance(histories, list):
        c.fail("histories", "must be a list", histories)
    for i, history in enumerate(histories):
        _history(c, c.object(history, f"histories[{i}]"), f"histories[{i}]")
    # Optional: files written before it was stored count the last epoch of their histories.
    epochs = metadata.get("epochs_trained", 0)
    if not _is_int(epochs) or epochs < 0:
        c.fail("epochs_trained", "must be a whole number >= 0", epochs)
    return metadata


def _preprocessor(c: _Checker, p: dict) -> None:
    columns = c.need(p, "columns", "preprocessor.columns")
    shape = c.need(p, "array_shape", "preprocessor.array_shape")
    c.flag(c.need(p, "standardize", "preprocessor.standardize"), "preprocessor.standardize")
    if shape is not None and (not isinstance(shape, list) or not shape or not all(_is_int(d) and d > 0 for d in shape)):
        c.fail("preprocessor.array_shape", "must be null or a list of positive whole numbers", shape)
    if not isinstance(columns, list):
        c.fail("preprocessor.columns", "must be a list", columns)
    if p.get("formula_terms") is not None:
        _formula_terms(c, p["formula_terms"])
    if shape is None and not columns:
        c.fail("preprocessor.columns", "must name at least one column of a data frame", columns)
    seen = set()
    for i, column in enumerate(columns):
        field = f"preprocessor.columns[{i}]"
        column = c.object(column, field)
        name = c.need(column, "name", f"{field}.name")
        if not isinstance(name, str) or not name:
            c.fail(f"{field}.name", "must be a column name (a string)", name)
        if name in seen:
            c.fail(f"{field}.name", "repeats an earlier column", name)
        seen.add(name)
        note = f" (column `{name}`)"
        kind = c.need(column, "kind", f"{field}.kind")
        c.choice(kind, f"{field}.kind", COLUMN_KINDS)
        if kind in (NUMERIC, DATETIME):
            c.finite(c.need(column, "mean", f"{field}.mean"), f"{field}.mean", note=note)
            c.finite(c.need(column, "sd", f"{field}.sd"), f"{field}.sd", positive=True, note=note)
            if "levels" in column:
                c.fail(f"{field}.levels", f"must be absent for a {kind} column", column["levels"], note)
            if column.get("tz") is not None and (kind != DATETIME or not isinstance(column["tz"], str)):
                c.fail(f"{field}.tz", "must be a time zone name, for a datetime column only", column["tz"], note)
        elif kind == LOGICAL:
            if c.need(column, "levels", f"{field}.levels") != [False, True]:
                c.fail(f"{field}.levels", "must be [false, true] for a logical column", column["levels"], note)
        else:
            c.levels(c.need(column, "levels", f"{field}.levels"), f"{field}.levels", 1, note)


def _formula_terms(c: _Checker, terms: Any) -> None:
    """R's formula terms (R/fit-inputs.R): column name -> R expression, which R checks before running."""
    terms = c.object(terms, "preprocessor.formula_terms")
    for part in ("predictors", "outcome"):
        made = terms.get(part)
        if made is None:
            continue
        field = f"preprocessor.formula_terms.{part}"
        made = c.object(made, field)
        for name, expression in made.items():
            if not isinstance(expression, str) or not expression:
                c.fail(f"{field}.{name}", "must be an R expression (a string)", expression)


def _outcome(c: _Checker, o: dict) -> None:
    kind = c.need(o, "kind", "outcome.kind")
    c.choice(kind, "outcome.kind", OUTCOME_KINDS)
    names = c.names(c.need(o, "names", "outcome.names"), "outcome.names")
    if o.get("ordered") is not None:
        c.flag(o["ordered"], "outcome.ordered")
    label_type = o.get("label_type")
    if label_type is not None:
        c.choice(label_type, "outcome.label_type", LABEL_TYPES)
    if kind == "classification":
        if len(names) != 1:
            c.fail("outcome.names", "must name one outcome for classification", names)
        levels = c.levels(c.need(o, "levels", "outcome.levels"), "outcome.levels", 2)
        # A categorical of integers keeps its levels as the labels R shows ("1", "2"): whole numbers too.
        whole = _is_int if label_type == "integer" else _is_whole_label
        if label_type in ("integer", "integer_factor") and not all(whole(v) for v in levels):
            c.fail("outcome.levels", f"must be whole numbers for label_type {label_type!r}", levels)
        for key in ("mean", "sd"):
            if o.get(key) is not None:
                c.fail(f"outcome.{key}", "must be null for a classification outcome", o[key])
        return
    if o.get("levels") is not None:
        c.fail("outcome.levels", "must be null for a regression outcome", o["levels"])
    mean, sd = o.get("mean"), o.get("sd")
    if (mean is None) != (sd is None):
        c.fail("outcome.mean" if mean is None else "outcome.sd", "is missing; mean and sd come together")
    if mean is None:
        return
    if o.get("scaling") is not None:
        c.choice(o["scaling"], "outcome.scaling", SCALINGS)
    for key, values, positive in (("mean", mean, False), ("sd", sd, True)):
        if not isinstance(values, list):
            c.fail(f"outcome.{key}", f"must be a list of {len(names)} number(s), one per outcome", values)
        if len(values) != len(names):
            c.fail(f"outcome.{key}", f"must hold {len(names)} value(s), one per outcome in `outcome.names`", values)
        for value in values:
            c.finite(value, f"outcome.{key}", positive=positive)


def _history(c: _Checker, h: dict, field: str) -> None:
    metrics = c.object(c.need(h, "metrics", f"{field}.metrics"), f"{field}.metrics")
    for name, values in metrics.items():
        # NaN is allowed: a diverged loss is recorded as it was.
        if not isinstance(values, list) or not all(_is_number(v) for v in values):
            c.fail(f"{field}.metrics.{name}", "must be a list of numbers, one per epoch", values)
    c.object(h.get("params", {}), f"{field}.params")
    first = h.get("first_epoch", 1)
    if not _is_int(first) or first < 1:
        c.fail(f"{field}.first_epoch", "must be a whole number from 1", first)


def check_network(
    metadata: dict, where: str, input_shape: tuple | None, output_width: int | None, softmax: bool
) -> None:
    """The metadata fit the network it travels with: as many inputs as the preprocessing encodes, as
    many outputs as the outcome decodes, and no regression outcome on a softmax classifier. A shape
    the network leaves open (None) is not compared."""
    c = _Checker(where)
    p, o = metadata.get("preprocessor"), metadata.get("outcome")
    if p is not None and input_shape is not None:
        if p["array_shape"] is None:
            width = sum(len(col["levels"]) if "levels" in col else 1 for col in p["columns"])
            if len(input_shape) == 1 and input_shape[0] is not None and input_shape[0] != width:
                c.fail(
                    "preprocessor.columns",
                    f"encodes {width} input(s) but the network takes {input_shape[0]}",
                )
        elif len(input_shape) == len(p["array_shape"]) and any(
            d is not None and d != a for d, a in zip(input_shape, p["array_shape"])
        ):
            c.fail(
                "preprocessor.array_shape",
                f"does not match the network's input shape {list(input_shape)}",
                p["array_shape"],
            )
    if o is None or output_width is None:
        return
    if o["kind"] == "regression" and softmax:
        c.fail("outcome.kind", f"is 'regression' but the network ends in a softmax over {output_width} classes")
    if o["kind"] == "classification":
        k = len(o["levels"])
        if output_width != k and not (k == 2 and output_width == 1):
            c.fail("outcome.levels", f"has {k} classes but the network has {output_width} output(s)", o["levels"])
    elif output_width != len(o["names"]):
        c.fail(
            "outcome.names",
            f"names {len(o['names'])} outcome(s) but the network has {output_width} output(s)",
            o["names"],
        )
