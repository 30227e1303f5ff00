"""pybridge networks as scikit-learn estimators: ``KerasClassifier`` and ``KerasRegressor``.

    from sklearn.model_selection import GridSearchCV
    from pybridge.sklearn import KerasClassifier

    search = GridSearchCV(KerasClassifier(epochs=50), {"units": [16, 64], "learning_rate": [1e-3, 1e-2]})
    search.fit(frame.drop(columns="species"), frame["species"])

They follow scikit-learn's estimator contract (``get_params``/``set_params``, ``clone``, tags,
pipelines, cross-validation, pickling through the network's ``.keras`` bytes) and keep pybridge's
preprocessing inside: data frames are standardised and one-hot encoded at the first fit.
This module uses only pybridge's public API, and nothing in pybridge imports it.
"""

try:
    import sklearn  # noqa: F401 - the top-level scikit-learn, not this module
except ModuleNotFoundError as err:
    if err.name != "sklearn":
        raise
    raise ImportError('pybridge.sklearn needs scikit-learn: pip install "pybridge-keras[sklearn]"') from None

from ._estimators import KerasClassifier, KerasRegressor

__all__ = ["KerasClassifier", "KerasRegressor"]
