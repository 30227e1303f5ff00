"""Shared fixtures. Under CI=true a missing part (R, rpy2) fails the test instead of skipping it."""
import os
import shutil

import numpy as np
import pandas as pd
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

IN_CI = os.environ.get("CI") == "true"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def require(condition, what):
    """Skip locally when ``what`` is missing; fail in CI, where everything must be present."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI: {what} is missing")
    pytest.skip(f"{what} is missing")


@pytest.fixture
def rscript():
    path = shutil.which("Rscript")
    require(path is not None, "Rscript")
    return path


@pytest.fixture
def r_env():
    """Environment for an Rscript child that uses this checkout's R library and Python."""
    env = dict(os.environ)
    env["R_LIBS"] = os.path.join(REPO, ".Rlib")
    env.setdefault("PYBRIDGE_PYTHON", os.path.join(REPO, ".venv", "bin", "python"))
    return env


def iris_frame():
    """R's iris, read from the CSV that R writes, so R and Python see identical values."""
    return pd.read_csv(os.path.join(REPO, "tests", "data", "iris.csv"),
                       dtype={"Species": pd.CategoricalDtype(["setosa", "versicolor", "virginica"])})


@pytest.fixture
def iris():
    return iris_frame()


@pytest.fixture
def regression_frame():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    return pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "c": x[:, 2],
                         "y": 3 * x[:, 0] - 2 * x[:, 1] + 0.1 * rng.normal(size=200)})
