"""The outcome: labels or values to Keras targets at fit time, network outputs back to tidy
prediction columns (``.pred_class`` and ``.pred_<level>``, or ``.pred``) at predict time."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..errors import ArgumentError, InputError, backticked
from .columns import (
    CATEGORICAL,
    LOGICAL,
    NUMERIC,
    Columns,
    as_labels,
    check_float32_range,
    column_kind,
    level_labels,
)


def as_series(y: Any) -> pd.Series:
    """One outcome as a Series: a one-column frame, a Series, a Categorical or a vector-like."""
    if isinstance(y, pd.DataFrame):
        return y.iloc[:, 0]
    if isinstance(y, pd.Series):
        return y
    if isinstance(y, (pd.Categorical, pd.api.extensions.ExtensionArray)):
        return pd.Series(y)
    values = np.asarray(y)
    if values.ndim > 1 and values.shape[1] != 1:
        raise InputError(f"y has shape {values.shape}; one outcome column was expected")
    return pd.Series(values.reshape(-1))


def as_rows(values: np.ndarray) -> np.ndarray:
    """One row per sample, its values flattened: ``reshape(n, -1)``, which NumPy refuses for 0 rows."""
    return values.reshape(len(values), int(np.prod(values.shape[1:], dtype=np.int64)))


def raw_columns(outputs: Any) -> Columns:
    """The network's outputs as they are, one column per unit: .pred_1 ... .pred_k."""
    outputs = as_rows(np.asarray(outputs, dtype="float64"))
    return Columns((f".pred_{i + 1}", outputs[:, i]) for i in range(outputs.shape[1]))


class OutcomeEncoder:
    """Outcome(s) to Keras targets and model outputs back to tidy predictions."""

    def __init__(
        self,
        kind: str,
        names: list[str],
        levels: list[Any] | None = None,
        mean: list[float] | None = None,
        sd: list[float] | None = None,
        scaling: str | None = None,
        label_type: str | None = None,
        ordered: bool = False,
        one_hot: bool = False,
    ) -> None:
        self.kind = kind  # "classification" or "regression"
        self.names = names
        self.levels = levels
        self.mean, self.sd = mean, sd
        # Where a standardised outcome is mapped back: "network" (a last layer of the network, so
        # losses, metrics and the network's outputs are in the outcome's units) or "encoder" (files
        # from pybridge 0.1: targets scaled here, outputs unscaled in decode()).
        self.scaling = scaling if mean is not None else None
        # What .pred_class is made of, so classes come back as the outcome's own type: "factor"
        # (categorical of strings; R: factor), "integer" (scikit-learn's targets, R integers),
        # "integer_factor" (a categorical of integers) or "logical".
        if label_type is None and levels is not None:
            label_type = "integer" if all(_is_int(lv) for lv in levels) else "factor"
        self.label_type, self.ordered = label_type, bool(ordered)
        # The classes come as one-hot rows (one column per class, as Keras's categorical_crossentropy
        # takes them), not as labels; the classes are then 0..k-1.
        self.one_hot = bool(one_hot)
        # The classes as a pandas dtype, validated once for every predict() rather than per call.
        self.class_dtype = None
        if levels is not None:
            categories = [int(lv) for lv in levels] if label_type == "integer_factor" else [str(lv) for lv in levels]
            self.class_dtype = pd.CategoricalDtype(pd.Index(categories), ordered=self.ordered)

    @classmethod
    def fit(
        cls,
        y: Any,
        names: list[str],
        classify: bool = False,
        scale: bool = False,
        one_hot: bool = False,
        array: bool = False,
        keras_classes: int | None = None,
    ) -> OutcomeEncoder:
        """Factor-like y (or integer labels when ``classify``) -> classification; numeric -> regression.
        With ``one_hot`` (the loss is categorical_crossentropy), several columns of one-hot rows are
        classification over their k columns, classes 0..k-1, as Keras reads them.

        ``array`` (keras3's kind of data) takes y as Keras does: a constant numeric outcome trains,
        and integer labels within 0..keras_classes-1 (the classes the network's output reads: 2 for
        one sigmoid unit, else its units) are Keras's own class indices, so data where some class,
        or all but one, is absent still trains. A data frame's outcome is learnt from its values,
        and a constant one is an error: there is nothing for pybridge's encoding to learn."""
        if one_hot and np.ndim(y) == 2 and np.shape(y)[1] > 1:
            k = np.shape(y)[1]
            names = names if len(names) == k else [f"y{i + 1}" for i in range(k)]
            _check_one_hot(_matrix(y), names)
            return cls("classification", names, levels=list(range(k)), label_type="integer", one_hot=True)
        if not isinstance(y, (pd.DataFrame, pd.Series)) and np.ndim(y) == 2 and np.shape(y)[1] > 1:
            # A numeric matrix: one regression outcome per column, named y1, y2, ...
            y = pd.DataFrame(np.asarray(y), columns=[f"y{i + 1}" for i in range(np.shape(y)[1])])
        if isinstance(y, pd.DataFrame) and y.shape[1] == 1:
            y = y.iloc[:, 0]
        if isinstance(y, pd.DataFrame):
            bad = [n for n in y.columns if column_kind(y[n], n) != NUMERIC]
            if bad:
                raise InputError(f"several outcomes must all be numeric; not: {', '.join(bad)}")
            values = y.to_numpy(dtype="float64", na_value=np.nan)
            return cls._regression(values, list(map(str, y.columns)), scale, refuse_constant=not array)
        series = as_series(y)
        kind = column_kind(series, names[0])
        if kind in (CATEGORICAL, LOGICAL) or (classify and kind == NUMERIC):
            levels = level_labels(series, kind)
            if kind == NUMERIC:
                levels = sorted(set(series.dropna().tolist()))
                if any(float(v) != int(v) for v in levels):
                    raise InputError(
                        f"outcome `{names[0]}` has non-integer values; a classification "
                        "loss needs class labels (a factor, or integers)"
                    )
                levels = [int(v) for v in levels]
                if array and keras_classes and levels and 0 <= levels[0] and levels[-1] < keras_classes:
                    return cls("classification", names, levels=list(range(keras_classes)), label_type="integer")
            observed = series.dropna().astype(object).unique()
            if len(levels) < 2 or len(observed) < 2:
                only = observed[0] if len(observed) else "none"
                raise InputError(
                    f"outcome `{names[0]}` is constant: only one class ({only}) occurs; "
                    "classification needs at least two"
                )
            categorical = isinstance(series.dtype, pd.CategoricalDtype)
            if kind == LOGICAL:
                label_type = "logical"
            elif kind == NUMERIC:
                label_type = "integer"
            elif categorical and pd.api.types.is_integer_dtype(series.cat.categories.dtype):
                label_type = "integer_factor"
            else:
                label_type = "factor"
            ordered = categorical and bool(series.cat.ordered)
            return cls("classification", names, levels=levels, label_type=label_type, ordered=ordered)
        if kind != NUMERIC:
            raise InputError(f"outcome `{names[0]}` must be numeric or a factor, not {series.dtype}")
        values = series.to_numpy(dtype="float64", na_value=np.nan).reshape(-1, 1)
        return cls._regression(values, names, scale, refuse_constant=not array)

    @classmethod
    def _regression(
        cls, values: np.ndarray, names: list[str], scale: bool, refuse_constant: bool = True
    ) -> OutcomeEncoder:
        finite = values[np.isfinite(values).all(axis=1)]
        constant = [n for i, n in enumerate(names) if len(finite) and np.all(finite[:, i] == finite[0, i])]
        constant = constant if refuse_constant else []
        if constant:
            raise InputError(
                f"outcome {backticked(constant)} is constant (every value "
                f"is {finite[0, names.index(constant[0])]:g}); there is nothing to learn"
            )
        if scale and len(finite) > 1:
            sd = finite.std(axis=0, ddof=1)
            mean, sd = finite.mean(axis=0).tolist(), np.where(sd > 0, sd, 1.0).tolist()
            return cls("regression", names, mean=mean, sd=sd, scaling="network")
        return cls("regression", names)

    @property
    def n_outputs(self) -> int:
        return len(self.levels) if self.kind == "classification" else len(self.names)

    def label_codes(self, y: Any) -> np.ndarray:
        """Class labels as 0..k-1 (-1 for NA); an InputError for a label not seen in training."""
        if self.one_hot:
            rows = _matrix(y)
            if rows.shape[1] != len(self.levels):
                raise InputError(
                    f"y has {rows.shape[1]} column(s); this model's one-hot outcome has "
                    f"{len(self.levels)} (one per class)"
                )
            missing = ~np.isfinite(rows).all(axis=1)
            _check_one_hot(rows[~missing], self.names)
            return np.where(missing, -1, rows.argmax(axis=1)).astype(np.int32)
        series = as_series(y)
        if pd.api.types.is_bool_dtype(series.dtype):
            codes = series.to_numpy(dtype="float64", na_value=np.nan)
            return np.where(np.isnan(codes), -1, codes).astype(np.int32)
        values = as_labels(series)
        if pd.api.types.is_numeric_dtype(values.dtype):
            values = values.astype(object).map(lambda v: v if pd.isna(v) else int(v))
        codes = pd.Index(self.levels).get_indexer(values.to_numpy(dtype=object))
        unseen = sorted(set(values[(codes < 0) & values.notna().to_numpy()].astype(str)))
        if unseen:
            raise InputError(f"outcome `{self.names[0]}` has level(s) not seen in training: {', '.join(unseen[:5])}")
        return codes.astype(np.int32)

    def encode(self, y: Any, target_format: str) -> np.ndarray:
        """Keras targets: ``sparse`` codes, ``one_hot`` rows, ``binary`` 0/1, or ``values`` for regression."""
        if self.kind == "regression":
            values = (
                y.to_numpy(dtype="float64", na_value=np.nan)
                if isinstance(y, (pd.Series, pd.DataFrame))
                else np.asarray(y, dtype="float64")
            )
            values = values.reshape(len(values), -1)
            for name, column in zip(self.names, values.T):
                check_float32_range(np.ascontiguousarray(column), name)
            if self.scaling == "encoder":
                values = (values - np.asarray(self.mean)) / np.asarray(self.sd)
            return values.astype(np.float32)
        codes = self.label_codes(y)
        if target_format == "one_hot":
            return np.eye(len(self.levels), dtype=np.float32)[codes]
        if target_format == "binary":
            return codes.astype(np.float32).reshape(-1, 1)
        return codes

    def class_weights(self, weights: Any) -> dict[int, float] | None:
        """``class_weight`` as Keras takes it, {class index: weight}, from a mapping keyed by level
        (a string: ``{"setosa": 1, "versicolor": 50}``, R's ``list(setosa = 1, ...)``) or by 0-based
        class index (an int). Levels left out weigh 1. Keras itself ignores keys that are not class
        indices, so an unknown one is an error here, naming it."""
        if weights is None:
            return None
        if self.kind != "classification":
            raise ArgumentError("`class_weight` needs a classification outcome; this one is regression")
        if not isinstance(weights, dict):
            raise ArgumentError(
                f"`class_weight` must map levels (or 0-based class indices) to weights, not {type(weights).__name__}"
            )
        labels = [str(lv) for lv in self.levels]
        out, unknown = dict.fromkeys(range(len(labels)), 1.0), []
        for key, weight in weights.items():
            if isinstance(key, (int, np.integer)) and not isinstance(key, (bool, np.bool_)):
                index = int(key) if 0 <= key < len(labels) else None
            else:
                index = labels.index(str(key)) if str(key) in labels else None
            if index is None:
                unknown.append(str(key))
                continue
            weight = np.asarray(weight, dtype="float64").reshape(-1)
            if weight.size != 1 or not np.isfinite(weight[0]) or weight[0] < 0:
                raise ArgumentError(f"`class_weight` for `{labels[index]}` must be one finite number >= 0")
            out[index] = float(weight[0])
        if unknown:
            raise ArgumentError(
                f"`class_weight` names unknown class(es) {backticked(unknown)}; the classes are "
                f"{backticked(labels)} (or 0-based indices 0 to {len(labels) - 1})"
            )
        return out

    def unscale(self, outputs: Any) -> Any:
        """The network's outputs in the outcome's units: as they are, but for files from pybridge 0.1,
        whose encoder (not the network) standardised the outcome."""
        if self.kind == "regression" and self.scaling == "encoder":
            return np.asarray(outputs) * np.asarray(self.sd) + np.asarray(self.mean)
        return outputs

    def decode(self, outputs: Any, type: str | None = None) -> Columns:
        """Model outputs -> tidy Columns: .pred_class and .pred_<level>, or .pred / .pred_<name>."""
        if type == "raw":
            return raw_columns(outputs)
        outputs = as_rows(np.asarray(outputs, dtype="float64"))
        if self.kind == "regression":
            if type in ("class", "prob"):
                raise InputError(f"type = {type!r} needs a classification model; this one is regression")
            if self.scaling == "encoder":
                outputs = outputs * np.asarray(self.sd) + np.asarray(self.mean)
            if outputs.shape[1] == 1:
                return Columns({".pred": outputs[:, 0]})
            return Columns((f".pred_{n}", outputs[:, i]) for i, n in enumerate(self.names))
        if type == "numeric":
            raise InputError("type = 'numeric' needs a regression model; this one is classification")
        probs = outputs if outputs.shape[1] > 1 else np.hstack([1 - outputs, outputs])
        labels = [str(lv) for lv in self.levels]
        columns = Columns()
        if type != "prob":
            # A row whose outputs are missing (missing predictors) gets a missing class (code -1).
            codes = np.where(np.isnan(probs).any(axis=1), -1, probs.argmax(axis=1))
            columns[".pred_class"] = self._classes(codes)
        if type != "class":
            columns.update((f".pred_{label}", probs[:, i]) for i, label in enumerate(labels))
        return columns

    def _classes(self, codes: np.ndarray) -> Any:
        """Class codes (-1 for missing) as labels of the outcome's own type: nullable integers for
        integer labels, else a categorical over the training levels (R: a factor)."""
        missing = codes < 0
        if self.label_type == "integer":
            return pd.arrays.IntegerArray(np.asarray(self.levels, dtype=np.int64)[np.maximum(codes, 0)], missing)
        if self.label_type == "logical":
            labels = np.asarray([bool(lv) for lv in self.levels])[np.maximum(codes, 0)]
            return labels if not missing.any() else pd.arrays.BooleanArray(labels, missing)
        return pd.Categorical.from_codes(codes, dtype=self.class_dtype)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "names": self.names,
            "levels": self.levels,
            "mean": self.mean,
            "sd": self.sd,
            "scaling": self.scaling,
            "label_type": self.label_type,
            "ordered": self.ordered,
            "one_hot": self.one_hot,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> OutcomeEncoder:
        # Files without "scaling" scaled in the encoder (pybridge 0.1).
        return cls(
            d["kind"],
            d["names"],
            d.get("levels"),
            d.get("mean"),
            d.get("sd"),
            d.get("scaling", "encoder"),
            d.get("label_type"),
            d.get("ordered", False),
            d.get("one_hot", False),
        )

    def describe(self) -> str:
        if self.kind == "classification":
            levels = ", ".join(map(str, self.levels))
            given = ", given as one-hot columns" if self.one_hot else ""
            return f"{', '.join(self.names)}: classification over {len(self.levels)} classes ({levels}){given}"
        scaled = ""
        if self.mean is not None:
            centres = ", ".join(f"mean {m:.4g}, sd {s:.4g}" for m, s in zip(self.mean, self.sd))
            scaled = f", standardised for training ({centres}); losses and predictions in its own units"
        return f"{', '.join(self.names)}: regression{scaled}"


def _is_int(value: Any) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


def _matrix(y: Any) -> np.ndarray:
    values = y.to_numpy(dtype="float64", na_value=np.nan) if isinstance(y, (pd.DataFrame, pd.Series)) else y
    values = np.asarray(values, dtype="float64")
    return values.reshape(len(values), -1)


def _check_one_hot(rows: np.ndarray, names: list[str]) -> None:
    """Each row a single 1 and 0 elsewhere; an InputError naming the first row that is not."""
    bad = np.nonzero(~(np.isin(rows, (0.0, 1.0)).all(axis=1) & (rows.sum(axis=1) == 1)))[0]
    if len(bad):
        row = ", ".join(f"{v:g}" for v in rows[bad[0]][:10])
        raise InputError(
            f"outcome `{', '.join(names[:3])}{', ...' if len(names) > 3 else ''}`: categorical_crossentropy takes "
            f"one-hot rows (a single 1 per row, 0 elsewhere; to_categorical() makes them from class labels 0..k-1); "
            f"row {bad[0] + 1} is ({row})"
        )
