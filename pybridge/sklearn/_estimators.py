"""``KerasClassifier`` and ``KerasRegressor``: pybridge networks as scikit-learn estimators."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import ClassifierMixin, RegressorMixin
from sklearn.utils import check_array, column_or_1d
from sklearn.utils.multiclass import check_classification_targets

from ._base import KerasEstimator
from ._network import ModelSpec

__all__ = ["KerasClassifier", "KerasRegressor"]

PARAMETERS = """
    Parameters
    ----------
    model : None, list of layer specs, or callable, default=None
        The hidden layers. ``None``: dense layers of ``units`` (each followed by dropout when
        ``dropout`` > 0). A list of specs: a layer kind or ``(kind, {arguments})`` each, as in
        ``pybridge.layer_<kind>()``, e.g. ``[("dense", {"units": 32, "activation": "relu"}),
        ("dropout", {"rate": 0.2})]``. The output layer is added to both. A function returns the
        whole network (``pybridge.keras_model_sequential()`` or ``keras_model()``, output layer
        included; leave the input shape out, the first fit sets it); it is called with the
        arguments its signature names among ``n_features_in``, ``n_outputs`` (classes or
        outcomes), the estimator's parameters and the extra keyword arguments (build arguments)
        given to the estimator. It is compiled here unless it compiled the network itself.
    units : int or tuple of int, default=(64,)
        Widths of the hidden dense layers of the built-in network.
    activation : str, default="relu"
        Their activation.
    dropout : float, default=0.0
        Dropout rate after each of them.
    optimizer : str, default="adam"
        One of sgd, adam, rmsprop, adagrad, adadelta, nadam.
    learning_rate : float, default=0.001
        The optimizer's learning rate.
    loss : str or None, default=None
        A Keras loss name; None for the task's default.
    epochs : int, default=100
        Passes over the data per ``fit()`` (``partial_fit()`` makes one).
    batch_size : int, default=32
        Rows per gradient step.
    validation_split : float, default=0.0
        Fraction of the rows held out for the validation metrics in ``history_`` (which rows:
        see ``pybridge.fit()``).
    callbacks : list or None, default=None
        Keras callbacks (``pybridge.callback_early_stopping()``, ...).
    standardize : bool, default=True
        pybridge's preprocessing: standardise numeric columns (data frames' category and string
        columns are one-hot encoded either way). False after a ColumnTransformer that scales.
    warm_start : bool, default=False
        ``fit()`` goes on training the fitted network instead of making a new one.
    random_state : int, RandomState or None, default=None
        Seeds the initial weights and training, making a fit repeat exactly (on CPU).
    verbose : int, default=0
        0 is silent; 1 prints one line per epoch.
    **build_args
        Further arguments for a model-building function; like any parameter, ``set_params()`` and
        ``GridSearchCV`` can change them.

    Attributes
    ----------
    model_ : pybridge.Model
        The fitted network with its preprocessing (``pybridge.summary(est.model_)``).
    history_ : pybridge.History
        Per-epoch metrics of the last ``fit()`` (``pybridge.history_frame(est.history_)``).
    n_features_in_, feature_names_in_ :
        Columns seen at fit; ``feature_names_in_`` only for data frames with string column names.
"""


class KerasClassifier(ClassifierMixin, KerasEstimator):
    """A pybridge network as a scikit-learn classifier: softmax over the classes, trained with
    sparse categorical cross-entropy. Labels of any type; ``predict()`` returns them with the
    dtype of ``y``, ``predict_proba()`` has one column per entry of ``classes_``.

    Takes data frames (pybridge standardises numbers and one-hot encodes categories and strings,
    learnt at the first fit and stored in the network), arrays and sparse matrices (such as a
    ColumnTransformer's output).
    """

    _output_activation = "softmax"
    _default_loss = "sparse_categorical_crossentropy"

    def partial_fit(self, X: Any, y: Any, classes: Any = None, sample_weight: Any = None) -> KerasClassifier:
        """One epoch on (X, y); the first call makes the network, with ``classes`` (all the labels
        that will occur) or those in ``y``."""
        return self._train(X, y, sample_weight, 1, not self.__sklearn_is_fitted__(), classes)

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities, one column per entry of ``classes_``."""
        return self._predict_outputs(X, "prob")

    def predict(self, X: Any) -> np.ndarray:
        """The most probable class of each row, as a label of ``classes_``."""
        probabilities = self.predict_proba(X)  # first: it checks that the estimator is fitted
        return self.classes_[np.argmax(probabilities, axis=1)]

    def _target(self, y: Any, first: bool, classes: Any) -> pd.Series:
        # Labels become codes 0..k-1 of classes_ as a categorical with all k categories: pybridge
        # then has one output per class even when a partial_fit() batch lacks some, and its
        # .pred_<code> probability columns come in the order of classes_.
        y = column_or_1d(y, warn=True)
        check_classification_targets(y)
        if first:
            self.classes_ = np.unique(y if classes is None else classes)
            if len(self.classes_) < 2:
                raise ValueError(
                    f"{type(self).__name__} needs at least two classes; y has one class: {self.classes_[0]!r}"
                )
        known = np.isin(y, self.classes_)
        if not known.all():
            raise ValueError(f"y has labels not in classes_ {list(self.classes_)}: {list(np.unique(y[~known]))}")
        codes = np.searchsorted(self.classes_, y)
        return pd.Series(pd.Categorical.from_codes(codes, categories=range(len(self.classes_))), name="y")

    def _n_network_outputs(self) -> int:
        return len(self.classes_)


class KerasRegressor(RegressorMixin, KerasEstimator):
    """A pybridge network as a scikit-learn regressor: linear outputs, trained with mean squared
    error on the outcome standardised by pybridge (``scale_outcome=True``, the default; False
    trains on the raw values); predictions come back in the outcome's units. ``y`` may have
    several columns (one output each).

    Takes data frames (pybridge standardises numbers and one-hot encodes categories and strings,
    learnt at the first fit and stored in the network), arrays and sparse matrices (such as a
    ColumnTransformer's output).
    """

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
        scale_outcome: bool = True,
        warm_start: bool = False,
        random_state: Any = None,
        verbose: int = 0,
        **build_args: Any,
    ) -> None:
        # The full signature again: scikit-learn reads an estimator's parameters from its own __init__.
        super().__init__(
            model,
            units=units,
            activation=activation,
            dropout=dropout,
            optimizer=optimizer,
            learning_rate=learning_rate,
            loss=loss,
            epochs=epochs,
            batch_size=batch_size,
            validation_split=validation_split,
            callbacks=callbacks,
            standardize=standardize,
            warm_start=warm_start,
            random_state=random_state,
            verbose=verbose,
            **build_args,
        )
        self.scale_outcome = scale_outcome

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        return tags

    def partial_fit(self, X: Any, y: Any, sample_weight: Any = None) -> KerasRegressor:
        """One epoch on (X, y); the first call makes the network."""
        return self._train(X, y, sample_weight, 1, not self.__sklearn_is_fitted__())

    def predict(self, X: Any) -> np.ndarray:
        """Predictions in the outcome's units: shape (n,) for a 1-d ``y``, else (n, outcomes)."""
        outputs = self._predict_outputs(X, "numeric")
        return outputs[:, 0] if self._y_ndim == 1 else outputs

    def _target(self, y: Any, first: bool, classes: Any) -> np.ndarray:
        y = check_array(y, ensure_2d=False, dtype=np.float64, input_name="y")
        if y.ndim > 2:
            raise ValueError(f"y must be 1-d or 2-d, not of shape {y.shape}")
        n_outputs = 1 if y.ndim == 1 else y.shape[1]
        if first:
            self.n_outputs_, self._y_ndim = n_outputs, y.ndim
        elif n_outputs != self.n_outputs_:
            raise ValueError(f"y has {n_outputs} column(s); the network was fitted with {self.n_outputs_}")
        return y.ravel() if y.ndim == 2 and n_outputs == 1 else y

    def _n_network_outputs(self) -> int:
        return self.n_outputs_

    def _fit_options(self) -> dict[str, Any]:
        return {"scale_outcome": self.scale_outcome}


KerasClassifier.__doc__ = (KerasClassifier.__doc__ or "") + PARAMETERS
KerasRegressor.__doc__ = (KerasRegressor.__doc__ or "") + PARAMETERS
