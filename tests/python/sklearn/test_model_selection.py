"""Tuning and cross-validation give the scores a scikit-learn user expects on bundled data sets."""

import time

import numpy as np
from sklearn.datasets import load_diabetes, load_wine
from sklearn.model_selection import GridSearchCV, KFold, cross_val_score

from pybridge.sklearn import KerasClassifier, KerasRegressor


def test_grid_search_over_units_and_learning_rate_on_wine():
    X, y = load_wine(return_X_y=True, as_frame=True)
    majority = y.value_counts(normalize=True).max()  # about 0.40
    search = GridSearchCV(
        KerasClassifier(epochs=15, batch_size=16, random_state=0),
        {"units": [8, 32], "learning_rate": [0.001, 0.01]},
        cv=3,
    )
    started = time.monotonic()
    search.fit(X, y)
    print(
        f"GridSearchCV: best {search.best_score_:.3f} with {search.best_params_} "
        f"in {time.monotonic() - started:.0f} s; majority class {majority:.3f}"
    )
    assert search.best_score_ >= 0.85 and search.best_score_ > majority + 0.4
    assert search.best_estimator_.score(X, y) >= 0.9
    assert len(search.cv_results_["params"]) == 4


def test_cross_val_score_on_wine_sorted_by_class():
    # Rows sorted by class, as load_wine gives them: stratified folds and shuffled batches keep every
    # class in every fold and batch, so the scores are those of unsorted data.
    X, y = load_wine(return_X_y=True)
    assert (np.diff(y) >= 0).all()
    scores = cross_val_score(KerasClassifier(epochs=20, learning_rate=0.01, batch_size=16, random_state=0), X, y, cv=5)
    print(f"wine cross_val_score: {np.round(scores, 3)} mean {scores.mean():.3f}")
    assert scores.mean() >= 0.9 and scores.min() >= 0.8


def test_cross_val_score_on_diabetes():
    X, y = load_diabetes(return_X_y=True)
    scores = cross_val_score(
        KerasRegressor(units=16, epochs=30, learning_rate=0.003, batch_size=16, random_state=0),
        X,
        y,
        cv=KFold(5, shuffle=True, random_state=0),
    )
    print(f"diabetes cross_val_score (R²): {np.round(scores, 3)} mean {scores.mean():.3f}")
    assert scores.mean() > 0.35 and scores.min() > 0.2
