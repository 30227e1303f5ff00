"""pybridge networks in scikit-learn: a Pipeline after a ColumnTransformer, the same network on the
raw data frame with pybridge's own preprocessing, both cross-validated, then saved with joblib.

    .venv/bin/python inst/examples/sklearn_example.py [output folder]    # default: output/sklearn

Needs scikit-learn (pip install "pybridge-keras[cpu,sklearn]").
"""

import os
import sys

import joblib
from sklearn.compose import ColumnTransformer
from sklearn.datasets import load_diabetes
from sklearn.model_selection import KFold, cross_val_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from pybridge.sklearn import KerasRegressor

NETWORK = {"units": 16, "epochs": 30, "learning_rate": 0.003, "batch_size": 16, "random_state": 0}


def main(output="output/sklearn"):
    # Diabetes progression in the original units; `sex` (1 or 2) is a category, not a number.
    X, y = load_diabetes(return_X_y=True, as_frame=True, scaled=False)
    X = X.astype({"sex": "category"})
    numeric = [name for name in X.columns if name != "sex"]
    folds = KFold(5, shuffle=True, random_state=0)

    # scikit-learn prepares the data; the network's own standardisation is switched off.
    pipeline = Pipeline(
        [
            ("prepare", ColumnTransformer([("numbers", StandardScaler(), numeric), ("sex", OneHotEncoder(), ["sex"])])),
            ("network", KerasRegressor(standardize=False, **NETWORK)),
        ]
    )
    scores = cross_val_score(pipeline, X, y, cv=folds)
    print(f"Pipeline(ColumnTransformer, KerasRegressor): R² {scores.round(3)}, mean {scores.mean():.3f}")

    # The data frame as it is: pybridge standardises the numbers and one-hot encodes `sex` itself,
    # learnt at fit and stored in the network.
    network = KerasRegressor(**NETWORK)
    scores = cross_val_score(network, X, y, cv=folds)
    print(f"KerasRegressor on the data frame:            R² {scores.round(3)}, mean {scores.mean():.3f}")

    # Fitted pipelines pickle: the network travels as its .keras file inside the joblib file.
    os.makedirs(output, exist_ok=True)
    path = os.path.join(output, "diabetes.joblib")
    joblib.dump(pipeline.fit(X, y), path)
    print(
        f"saved to {path}; reloaded, it predicts {joblib.load(path).predict(X.head(3)).round(1)} "
        f"for outcomes {y.head(3).to_numpy()}"
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
