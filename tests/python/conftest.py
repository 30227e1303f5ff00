"""Shared fixtures. Under CI=true a missing part (R, rpy2) fails the test instead of skipping it."""

import importlib.util
import os
import re
import shutil

import numpy as np
import pandas as pd
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

IN_CI = os.environ.get("CI") == "true"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The R library holding the R package: what `make` exports, else the checkout's .Rlib.
R_LIBRARY = os.environ.get("R_LIBS") or os.path.join(REPO, ".Rlib")


def require(condition, what):
    """Skip locally when ``what`` is missing; fail in CI, where everything must be present."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI: {what} is missing")
    pytest.skip(f"{what} is missing")


def require_embedded_r():
    """R, rpy2 and the R package: what a Python process embedding R needs."""
    require(shutil.which("Rscript") is not None, "R (Rscript)")
    require(importlib.util.find_spec("rpy2") is not None, "rpy2")
    require(os.path.isdir(os.path.join(R_LIBRARY, "pybridge")), f"the R package in {R_LIBRARY} (make setup)")


@pytest.fixture
def rscript():
    path = shutil.which("Rscript")
    require(path is not None, "Rscript")
    return path


@pytest.fixture
def r_env():
    """Environment for an Rscript child that uses this checkout's R package and Python."""
    env = dict(os.environ)
    env["R_LIBS"] = R_LIBRARY
    env.setdefault("PYBRIDGE_PYTHON", os.path.join(REPO, ".venv", "bin", "python"))
    return env


def readme_block(language, containing=""):
    """The first ``language`` code block of the README with ``containing`` in it."""
    text = open(os.path.join(REPO, "README.md")).read()
    return next(block for block in re.findall(rf"```{language}\n(.*?)```", text, re.S) if containing in block)


def iris_frame():
    """R's iris, read from the CSV that R writes, so R and Python see identical values."""
    return pd.read_csv(
        os.path.join(REPO, "tests", "data", "iris.csv"),
        dtype={"Species": pd.CategoricalDtype(["setosa", "versicolor", "virginica"])},
    )


@pytest.fixture
def iris():
    return iris_frame()


@pytest.fixture
def regression_frame():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    return pd.DataFrame(
        {"a": x[:, 0], "b": x[:, 1], "c": x[:, 2], "y": 3 * x[:, 0] - 2 * x[:, 1] + 0.1 * rng.normal(size=200)}
    )


def iris_model(seed=1, input_shape=4):
    """The small iris classifier most tests train: 8 relu units, softmax over 3 classes, adam."""
    import pybridge as pb

    pb.set_random_seed(seed)
    model = pb.keras_model_sequential(input_shape=input_shape)
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return model
