"""The data side of training: the outcome split from the predictors, the NA policy, and the encoded
arrays (learning the preprocessing at the first fit)."""

from __future__ import annotations

from numbers import Integral
from typing import Any

import keras
import numpy as np
import pandas as pd

from ..encoding.columns import all_finite, check_unique_names, missing_mask, with_string_names
from ..encoding.outcome import OutcomeEncoder
from ..encoding.predictors import Preprocessor
from ..errors import ArgumentError, InputError, backticked
from ..model import Model
from . import checks


def split_outcome(model, x, y, target, verb):
    """(x, y) from the x/y or data-frame-plus-target forms; a fitted model remembers its outcome names.
    Column labels become strings here (``0`` is "0"), so ``target`` and the stored names match them."""
    x, y = with_string_names(x), with_string_names(y)
    check_unique_names(x)
    if target is not None:
        names = _named_columns(x, target, "target", "outcome column(s) {}")
        y = x[names[0]] if len(names) == 1 else x[names]
        return x.drop(columns=names), y, names
    if y is None:
        if model.outcome is not None and isinstance(x, pd.DataFrame) and set(model.outcome.names) <= set(x.columns):
            return split_outcome(model, x, None, model.outcome.names, verb)
        raise InputError(
            f"{verb}() needs an outcome: pass y, or target = the outcome column(s) (in R, a formula such as y ~ .)"
        )
    if len(y) != len(x):
        raise InputError(f"x has {len(x)} rows but y has {len(y)}")
    name = y.name if isinstance(y, pd.Series) and y.name is not None else "y"
    names = list(map(str, y.columns)) if isinstance(y, pd.DataFrame) else [str(name)]
    return x, y, names


def select_columns(x, columns):
    """The predictor columns ``columns`` names, checked."""
    return x[_named_columns(x, columns, "columns", "column(s) {} named in `columns`")]


def _named_columns(x: Any, names: Any, argument: str, absent_message: str) -> list[str]:
    """``names`` (one or several) as a list of columns of the data frame ``x``, or an error naming
    the argument or the absent columns. Columns are named, never numbered: a whole number is the
    label of a frame built with integer labels (``pd.DataFrame(array)``, whose ``3`` is "3"), not a
    position, which would pick another column silently after a reordering."""
    given = [names] if isinstance(names, (str, Integral)) else names
    if (
        not isinstance(given, (list, tuple, pd.Index, np.ndarray))
        or len(given) == 0
        or not all(isinstance(n, (str, Integral)) and not isinstance(n, (bool, np.bool_)) for n in given)
    ):
        raise ArgumentError(f"`{argument}` must name columns: a string or a list of strings, not {names!r}")
    if not isinstance(x, pd.DataFrame):
        raise ArgumentError(f"`{argument}` names columns of a data frame, but x is not a data frame")
    labels = [str(n) for n in given]
    absent = [label for label in labels if label not in x.columns]
    if any(label in absent and not isinstance(n, str) for label, n in zip(labels, given)):
        raise ArgumentError(
            f"`{argument}` names columns by their labels, not their positions; x has no column "
            f"{backticked(absent)}; for the column at position i, use x.columns[i]"
        )
    if absent:
        raise InputError(absent_message.format(backticked(absent)) + " not found in the data")
    return labels


def _row_missing(obj, label="x"):
    """Per-row missingness and a count per offending column (``label`` names an unnamed vector)."""
    if isinstance(obj, pd.DataFrame):
        if all_finite(obj):  # the common case, found without a mask per column
            return np.zeros(len(obj), dtype=bool), {}
        masks = {str(c): missing_mask(obj[c]) for c in obj.columns}
        counts = {c: int(m.sum()) for c, m in masks.items() if m.any()}
        rows = np.logical_or.reduce(list(masks.values())) if masks else np.zeros(len(obj), bool)
        return rows, counts
    if isinstance(obj, pd.Series):
        mask = missing_mask(obj)
        name = label if obj.name is None else str(obj.name)
        return mask, ({name: int(mask.sum())} if mask.any() else {})
    try:
        values = np.asarray(obj, dtype="float64")
    except (TypeError, ValueError):
        mask = pd.isna(pd.Series(list(obj))).to_numpy()
        return mask, ({label: int(mask.sum())} if mask.any() else {})
    mask = ~np.isfinite(values.reshape(len(values), -1)).all(axis=1)
    return mask, ({label: int(mask.sum())} if mask.any() else {})


def _take(obj, keep):
    if isinstance(obj, (pd.DataFrame, pd.Series)):
        return obj.iloc[keep]
    if isinstance(obj, (pd.Categorical, pd.api.extensions.ExtensionArray)):
        return obj[keep]
    return np.asarray(obj)[keep]


def drop_missing(parts, na_action, what, labels=("x", "y", "sample_weight")):
    """Apply the NA policy to aligned pieces (x, y, weights): an error naming columns, or drop rows."""
    if na_action not in ("fail", "omit"):
        raise ArgumentError(f"`na_action` must be 'fail' or 'omit', not {na_action!r}")
    bad = np.zeros(len(parts[0]), dtype=bool)
    counts = {}
    for part, label in zip(parts, labels):
        if part is not None:
            if len(part) != len(parts[0]):
                raise InputError(f"x has {len(parts[0])} rows but `{label}` has {len(part)}")
            rows, part_counts = _row_missing(part, label)
            bad |= rows
            counts.update(part_counts)
    if not bad.any():
        return parts, 0
    if na_action == "fail":
        detail = ", ".join(f"`{c}` ({n} row{'s' if n > 1 else ''})" for c, n in counts.items())
        raise InputError(
            f"missing or non-finite values in {what}: {detail}; remove them or use "
            "na_action = 'omit' to drop those rows"
        )
    keep = np.nonzero(~bad)[0]
    if len(keep) == 0:
        raise InputError(f"every row of {what} has a missing value; nothing is left to train on")
    return [None if p is None else _take(p, keep) for p in parts], int(bad.sum())


def build_network(model: Model, encoded: np.ndarray) -> None:
    """Build an unbuilt network for inputs shaped like ``encoded``, or check a built one takes them."""
    shape = tuple(encoded.shape[1:])
    if not model.keras.built:
        try:
            model.keras.build((None,) + shape)
        except (ValueError, TypeError) as err:
            raise InputError(f"the layers cannot take inputs of shape {shape}: {err}") from None
        return
    # A subclassed network (a Model() class written in R) has no input tensors: Keras checks its calls.
    inputs = getattr(model.keras, "inputs", None)
    expected = tuple(inputs[0].shape[1:]) if inputs else None
    if (
        expected is not None
        and any(e is not None and e != s for e, s in zip(expected, shape))
        or expected is not None
        and len(expected) != len(shape)
    ):
        raise InputError(
            f"the model takes inputs of shape {expected} but the data encode to {shape}; "
            "fix input_shape, or leave it out so the first fit() sets it"
        )


def prepare(
    model,
    x,
    y,
    na_action="fail",
    sample_weight=None,
    learn=False,
    standardize=True,
    scale_outcome=False,
    what="the training data",
):
    """Encoded (x, y, weights) for Keras, learning the preprocessing first when ``learn``."""
    (x, y, sample_weight), omitted = drop_missing([x, y, sample_weight], na_action, what)
    preprocessor, outcome = model.preprocessor, model.outcome
    is_frame = isinstance(x, pd.DataFrame)
    # An array is passed through as it is (keras3 trains on one row); a frame's sds need two.
    if learn and is_frame and len(x) < 2:
        raise InputError(
            f"{what} has {len(x)} row(s) after removing missing values; at least 2 are "
            "needed to learn the preprocessing (a standard deviation needs two values)"
        )
    if learn:
        preprocessor = Preprocessor.fit(x, standardize=standardize)
        if is_frame:  # the outcome's errors name its column before any about the network
            outcome = learn_outcome(model, y, scale_outcome, array=False)
    encoded_x = preprocessor.transform(x)
    build_network(model, encoded_x)
    if learn and not is_frame:  # Keras's class indices need the built network's output units
        outcome = learn_outcome(model, y, scale_outcome, array=True)
    if learn and outcome.scaling == "network" and not _has_graph(model.keras):
        # A subclassed network (a Model() class written in R) takes no rescaling layer after its
        # output: the targets are standardised here and predictions mapped back, as files of 0.1.
        outcome.scaling = "encoder"
    fmt = checks.target_format(model.keras, outcome, broadcast=not preprocessor.is_frame)
    encoded_y = outcome.encode(y, fmt)
    weights = None if sample_weight is None else np.asarray(sample_weight, dtype="float32")
    return encoded_x, encoded_y, weights, preprocessor, outcome, omitted


def _has_graph(network: Any) -> bool:
    """Sequential or functional (layers R can append to), not subclassed."""
    if isinstance(network, keras.Sequential):
        return True
    try:
        return bool(network.outputs)
    except (AttributeError, ValueError):
        return False


def learn_outcome(model: Model, y: Any, scale: bool, array: bool) -> OutcomeEncoder:
    """The outcome's encoding for this network's loss (for arrays also its output units)."""
    target_kind = checks.CLASSIFICATION_LOSSES.get(checks.loss_name(model.keras.loss))
    units = checks.output_units(model.keras) if array else None
    return OutcomeEncoder.fit(
        y,
        y_names(y),
        classify=target_kind is not None,
        scale=scale,
        one_hot=target_kind == "one_hot",
        array=array,
        keras_classes=None if units is None else (2 if target_kind == "binary" and units == 1 else units),
    )


def y_names(y):
    if isinstance(y, pd.DataFrame):
        return list(map(str, y.columns))
    return [str(y.name) if isinstance(y, pd.Series) and y.name is not None else "y"]
