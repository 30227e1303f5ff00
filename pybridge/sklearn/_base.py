"""What the classifier and the regressor share: parameters, input checks, training and pickling."""

from __future__ import annotations

import numbers
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse
from sklearn.base import BaseEstimator
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_consistent_length, check_is_fitted, validate_data

from .. import api
from ..errors import InputError
from ._network import ModelSpec, make_network, seeded

__all__ = ["KerasEstimator"]


class KerasEstimator(BaseEstimator):
    """Base of ``KerasClassifier`` and ``KerasRegressor`` (see their docstrings for the parameters).

    Subclasses set ``_output_activation`` and ``_default_loss``, and implement ``_target()`` (y as
    pybridge trains on it) and ``_fit_options()`` (extra ``pybridge.fit()`` arguments)."""

    _output_activation = "linear"
    _default_loss = "mse"

    def __init__(
        self,
        model: ModelSpec = None,
        *,
        units: int | tuple[int, ...] = (64,),
        activation: str = "relu",
        dropout: float = 0.0,
        optimizer: str = "adam",
        learning_rate: float = 0.001,
        loss: str | None = None,
        epochs: int = 100,
        batch_size: int = 32,
        validation_split: float = 0.0,
        callbacks: list[Any] | None = None,
        standardize: bool = True,
        warm_start: bool = False,
        random_state: Any = None,
        verbose: int = 0,
        **build_args: Any,
    ) -> None:
        self.model = model
        self.units = units
        self.activation = activation
        self.dropout = dropout
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.loss = loss
        self.epochs = epochs
        self.batch_size = batch_size
        self.validation_split = validation_split
        self.callbacks = callbacks
        self.standardize = standardize
        self.warm_start = warm_start
        self.random_state = random_state
        self.verbose = verbose
        self._set_build_args(build_args)

    def _set_build_args(self, build_args: dict[str, Any]) -> None:
        # Extra keyword arguments go to the model-building function; as attributes listed in
        # get_params(), set_params() and GridSearchCV reach them like any parameter.
        self._build_arg_names = tuple(build_args)
        for name, value in build_args.items():
            setattr(self, name, value)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        params = super().get_params(deep=deep)
        params.update({name: getattr(self, name) for name in getattr(self, "_build_arg_names", ())})
        return params

    def _build_args(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self._build_arg_names}

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # densified: a ColumnTransformer's one-hot output may be sparse
        tags.input_tags.categorical = True  # data frames' category and string columns are one-hot encoded
        return tags

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "model_")

    # -- training ----------------------------------------------------------------------------------

    def fit(self, X: Any, y: Any, sample_weight: Any = None) -> KerasEstimator:
        """Train for ``epochs`` epochs: a new network, or, with ``warm_start`` and a fitted one, that
        network further (same columns and classes). Returns the estimator."""
        first = not (self.warm_start and self.__sklearn_is_fitted__())
        return self._train(X, y, sample_weight, self.epochs, first)

    def _train(
        self, X: Any, y: Any, sample_weight: Any, epochs: int, first: bool, classes: Any = None
    ) -> KerasEstimator:
        X = self._input(X, reset=first)
        if y is None:
            raise ValueError(f"{type(self).__name__} requires y to be passed, but the target y is None")
        check_consistent_length(X, y)
        if len(X) < 2 and first:
            raise ValueError(f"n_samples={len(X)}: at least 2 samples are needed to learn the preprocessing")
        target = self._target(y, first, classes)
        weights = _sample_weight(sample_weight, len(X))
        seed = self._seed()
        if first:
            params = {name: getattr(self, name) for name in self._get_param_names()}
            with seeded(seed):
                self.model_ = make_network(
                    self.model,
                    params,
                    self._build_args(),
                    self.n_features_in_,
                    self._n_network_outputs(),
                    self._output_activation,
                    self.loss or self._default_loss,
                )
        self.history_ = api.fit(
            self.model_,
            X,
            target,
            epochs=epochs,
            batch_size=self.batch_size,
            validation_split=self.validation_split,
            callbacks=self.callbacks,
            seed=seed,
            standardize=self.standardize,
            sample_weight=weights,
            verbose=self.verbose,
            **self._fit_options(),
        )
        return self

    def _seed(self) -> int | None:
        if self.random_state is None:
            return None
        if isinstance(self.random_state, numbers.Integral):
            return int(self.random_state)
        return int(check_random_state(self.random_state).randint(np.iinfo(np.int32).max))

    def _target(self, y: Any, first: bool, classes: Any) -> Any:
        raise NotImplementedError

    def _n_network_outputs(self) -> int:
        raise NotImplementedError

    def _fit_options(self) -> dict[str, Any]:
        return {}

    # -- input -------------------------------------------------------------------------------------

    def _input(self, X: Any, reset: bool) -> Any:
        """X as pybridge takes it. A data frame stays one (pybridge encodes its columns); an array
        becomes float, dense, and a data frame of columns x0, x1, ... when pybridge is to standardise
        it (pybridge passes arrays through unscaled). Prediction follows what fit saw."""
        if isinstance(X, pd.DataFrame) and (reset or self._frame_input):
            validate_data(self, X, reset=reset, skip_check_array=True)
            if reset:
                self._frame_input, self._columns = True, [str(c) for c in X.columns]
            # pybridge stores column names as strings and looks them up as given: name them alike.
            return X if all(isinstance(c, str) for c in X.columns) else X.rename(columns=str)
        X = validate_data(self, X, reset=reset, accept_sparse=True, dtype=(np.float64, np.float32), allow_nd=True)
        if scipy.sparse.issparse(X):
            X = X.toarray()
        if reset:
            wrap = self.standardize and X.ndim == 2
            self._frame_input, self._columns = False, [f"x{i}" for i in range(X.shape[1])] if wrap else None
        # Columns x0, x1, ...; or, fitted on a frame and now given an array (scikit-learn has warned),
        # the frame's column names.
        return X if self._columns is None else pd.DataFrame(X, columns=self._columns, copy=False)

    def _predict_outputs(self, X: Any, type: str) -> np.ndarray:
        """pybridge's predictions of ``type`` ("prob" or "numeric") as a float64 array, one row per row."""
        check_is_fitted(self)
        X = self._input(X, reset=False)
        outputs = api.predict(self.model_, X, type=type).to_numpy(dtype=np.float64)
        missing = np.isnan(outputs).any(axis=1)
        if missing.any():
            rows = ", ".join(str(i) for i in np.flatnonzero(missing)[:5])
            raise InputError(
                f"X has missing values in {missing.sum()} row(s) (positions {rows}...); "
                "impute them first, e.g. with sklearn.impute.SimpleImputer"
            )
        return outputs

    # -- pickling ----------------------------------------------------------------------------------

    def __getstate__(self) -> dict[str, Any]:
        # The network travels as its .keras file's bytes (preprocessing included), never as pickled
        # Keras objects.
        state = dict(super().__getstate__())
        if "model_" in state:
            state["model_"] = bytes(api.model_to_bytes(state["model_"]))
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        if isinstance(state.get("model_"), bytes):
            state = {**state, "model_": api.model_from_bytes(state["model_"])}
        super().__setstate__(state)


def _sample_weight(sample_weight: Any, n_samples: int) -> np.ndarray | None:
    if sample_weight is None:
        return None
    weights = np.asarray(sample_weight, dtype=np.float64)
    if weights.ndim == 0:
        weights = np.full(n_samples, float(weights))
    if weights.shape != (n_samples,):
        raise ValueError(f"sample_weight.shape == {weights.shape}, expected ({n_samples},)")
    if not np.isfinite(weights).all() or (weights < 0).any():
        raise ValueError("sample_weight must be finite and non-negative")
    if not weights.any():
        raise ValueError("sample_weight is zero for every sample; nothing would be learnt")
    return weights
