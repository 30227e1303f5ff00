"""The default path (issue 14): real data sets that ship with scikit-learn, each trained the README's way
with the defaults only, each held to a quality floor against a simple baseline computed here.

The README's way: one hidden layer of 32 relu units, ``compile(optimizer="adam", loss=<the natural
loss>)``, ``fit()`` on the data frame with ``target=`` and only ``epochs`` (and ``verbose=0``). No
``scale_outcome``, no seed: the defaults must be good enough by themselves. Each data set is split once
(a fixed seed for the split only); the floors leave room for the run-to-run spread of the training.

Floors, calibrated on this repository's machine (2 cores) with the outcome scaled (what the defaults
must do) and with today's unscaled default, test RMSE / the mean predictor's RMSE:

| data set            | floor   | scaled (2-5 runs) | unscaled default | linear model |
|---------------------|---------|-------------------|------------------|--------------|
| diabetes, 50 epochs | <= 0.85 | 0.70-0.71         | 1.63-1.77        | 0.71         |
| wine proline, 60    | <= 0.75 | 0.53-0.56         | 2.41-2.43        | 0.64         |

and classification accuracy on the held-out rows (majority class in brackets), which passes today too:

| data set                  | floor   | measured   |
|---------------------------|---------|------------|
| wine, 60 epochs (0.40)    | >= 0.85 | 0.98-1.00  |
| breast_cancer, 30 (0.63)  | >= 0.90 | 0.96-0.97  |
| digits, 20 (0.10)         | >= 0.85 | 0.96-0.97  |
"""

import numpy as np
import pytest
from defaults_helpers import dense_net, rmse
from sklearn import datasets
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

import pybridge as pb

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")

SPLIT_SEED = 42


def diabetes():
    """442 patients, 10 standardised measurements; the outcome is disease progression (sd 77)."""
    return datasets.load_diabetes(as_frame=True).frame, "target"


def wine_proline():
    """178 wines: their proline content (sd 315) from the 12 other chemical measurements."""
    frame = datasets.load_wine(as_frame=True).frame.drop(columns="target")
    return frame, "proline"


def wine():
    """178 wines, 13 measurements, 3 cultivars as the integers 0, 1, 2."""
    return datasets.load_wine(as_frame=True).frame, "target"


def breast_cancer():
    """569 tumours, 30 measurements, malignant (0) or benign (1)."""
    return datasets.load_breast_cancer(as_frame=True).frame, "target"


def digits():
    """1797 8x8 images of digits as 64 pixel columns (some constant), the digit 0-9."""
    return datasets.load_digits(as_frame=True).frame, "target"


# name: (data, epochs, floor on RMSE / the mean predictor's RMSE)
REGRESSION = {"diabetes": (diabetes, 50, 0.85), "wine proline": (wine_proline, 60, 0.75)}


@pytest.mark.parametrize("name", list(REGRESSION))
def test_regression_with_the_defaults_beats_the_mean_predictor(name):
    load, epochs, floor = REGRESSION[name]
    data, target = load()
    train, test = train_test_split(data, test_size=0.25, random_state=SPLIT_SEED)
    model = dense_net(1, hidden=32)
    pb.fit(model, train, target=target, epochs=epochs, verbose=0)
    predicted = pb.predict(model, test)[".pred"]
    got = rmse(test[target], predicted)
    mean_predictor = rmse(test[target], train[target].mean())
    predictors = [c for c in data.columns if c != target]
    linear = rmse(test[target], LinearRegression().fit(train[predictors], train[target]).predict(test[predictors]))
    assert got <= floor * mean_predictor, (
        f"{name}: held-out RMSE {got:.1f} with the defaults ({got / mean_predictor:.2f} of the mean "
        f"predictor's {mean_predictor:.1f}; floor {floor}); a linear model gets {linear:.1f}"
    )


# name: (data, loss, output units and activation, epochs, floor on held-out accuracy)
CLASSIFICATION = {
    "wine": (wine, "sparse_categorical_crossentropy", (3, "softmax"), 60, 0.85),
    "breast_cancer": (breast_cancer, "binary_crossentropy", (1, "sigmoid"), 30, 0.90),
    "digits": (digits, "sparse_categorical_crossentropy", (10, "softmax"), 20, 0.85),
}


@pytest.mark.parametrize("name", list(CLASSIFICATION))
def test_classification_with_the_defaults_beats_the_majority_class(name):
    load, loss, (units, activation), epochs, floor = CLASSIFICATION[name]
    data, target = load()
    train, test = train_test_split(data, test_size=0.25, random_state=SPLIT_SEED, stratify=data[target])
    model = dense_net(units, activation, loss, hidden=32)
    pb.fit(model, train, target=target, epochs=epochs, verbose=0)
    predicted = pb.predict(model, test)[".pred_class"]
    # Compared as text: the classes' type is a separate matter (test_right_by_default.py).
    accuracy = float(np.mean(np.asarray(predicted).astype(str) == test[target].astype(str).to_numpy()))
    majority = float(np.mean(test[target] == train[target].mode()[0]))
    assert accuracy >= floor and accuracy >= majority + 0.3, (
        f"{name}: held-out accuracy {accuracy:.3f} with the defaults; the majority class gets "
        f"{majority:.3f}; floor {floor}"
    )
