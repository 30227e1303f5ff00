"""Other libraries' tables (pybridge/interop/tables.py): polars and pyarrow frames, objects known only
by the dataframe interchange protocol or Arrow's stream, NumPy structured arrays and a named Series
are data frames to the verbs: read by column name and encoded like a pandas frame."""

import datetime
import importlib.util

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from conftest import require

import pybridge as pb
from pybridge.encoding.predictors import Preprocessor
from pybridge.interop.tables import as_data, as_table


@pytest.fixture(scope="module")
def pl():
    require(importlib.util.find_spec("polars") is not None, "polars (the test extra)")
    import polars

    return polars


def spending(n=200, seed=2):
    """Predictors on very different scales (income ~50,000, rate ~0.05): an unstandardised network
    barely learns, and swapping the two columns would swap very different numbers."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"income": rng.normal(50_000, 15_000, n), "rate": rng.normal(0.05, 0.01, n)})
    frame["spend"] = frame["income"] / 50_000 + 40 * frame["rate"] + rng.normal(0, 0.1, n)
    return frame


def regressor():
    pb.set_random_seed(6)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    return model


def predictions(model, x):
    return pb.predict(model, x, type="numeric")[".pred"].to_numpy()  # the tidy column for arrays too


def assert_read_by_name(model, frame, make):
    """The model learnt a data frame (each column standardised with its own mean and sd) and reads
    ``make``'s tables by column name, as it reads the pandas frame."""
    stored = {spec["name"]: spec for spec in model.preprocessor.columns}
    assert list(stored) == ["income", "rate"]
    assert stored["income"]["mean"] == pytest.approx(frame["income"].mean())
    assert stored["rate"]["sd"] == pytest.approx(frame["rate"].std())
    predictors = frame[["income", "rate"]]
    expected = predictions(model, predictors)
    np.testing.assert_allclose(predictions(model, make(predictors)), expected, rtol=1e-6)
    np.testing.assert_allclose(predictions(model, make(predictors[["rate", "income"]])), expected, rtol=1e-6)


def test_a_polars_frame_is_a_data_frame_read_by_name(pl):
    frame = spending()
    model = regressor()
    pb.fit(model, pl.from_pandas(frame), target="spend", epochs=2, verbose=0)
    assert_read_by_name(model, frame, pl.from_pandas)
    assert pb.evaluate(model, pl.from_pandas(frame)) == pb.evaluate(model, frame)


def test_a_pyarrow_table_and_a_polars_series_as_x_and_y(pl):
    frame, held_out = spending(), spending(seed=3)
    model = regressor()
    table = pa.Table.from_pandas(frame[["income", "rate"]], preserve_index=False)
    validation = (pa.Table.from_pandas(held_out[["income", "rate"]]), pl.Series("spend", held_out["spend"]))
    history = pb.fit(model, table, pl.Series("spend", frame["spend"]), epochs=2, verbose=0, validation_data=validation)
    assert_read_by_name(model, frame, lambda x: pa.Table.from_pandas(x, preserve_index=False))
    # The held-out tables were read the same way: the last validation loss is evaluate()'s on them.
    assert history.metrics["val_loss"][-1] == pytest.approx(pb.evaluate(model, held_out)["loss"], rel=1e-4)


def test_a_polars_frame_as_validation_data(pl):
    frame, held_out = spending(), spending(seed=3)
    model = regressor()
    history = pb.fit(model, frame, target="spend", epochs=1, verbose=0, validation_data=pl.from_pandas(held_out))
    assert history.metrics["val_loss"][-1] == pytest.approx(pb.evaluate(model, held_out)["loss"], rel=1e-4)


class ArrowStream:
    """A table known only through Arrow's PyCapsule stream (as a library built on Arrow shows itself)."""

    def __init__(self, table):
        self._table = table

    def __arrow_c_stream__(self, requested_schema=None):
        return self._table.__arrow_c_stream__(requested_schema)


class Interchange:
    """A table known only through the dataframe interchange protocol."""

    def __init__(self, frame):
        self._frame = frame

    def __dataframe__(self, nan_as_null=False, allow_copy=True):
        return self._frame.__dataframe__(nan_as_null=nan_as_null, allow_copy=allow_copy)


def test_tables_known_only_by_a_protocol_keep_their_types():
    frame = pd.DataFrame(
        {
            "x": [1.5, 2.5, np.nan],
            "n": np.array([1, 2, 3], dtype="int32"),
            "s": ["a", "b", "a"],
            "f": pd.Categorical(["lo", "hi", "lo"], categories=["lo", "hi"]),
        }
    )
    for wrapped in (Interchange(frame), ArrowStream(pa.Table.from_pandas(frame, preserve_index=False))):
        got = as_table(wrapped)
        assert isinstance(got, pd.DataFrame), type(wrapped).__name__
        pd.testing.assert_frame_equal(got, frame, check_dtype=False)
        assert [spec["kind"] for spec in Preprocessor.fit(got).columns] == [
            "numeric",
            "numeric",
            "categorical",
            "categorical",
        ]
        assert list(got["f"].cat.categories) == ["lo", "hi"]
    # Arrow dates are datetime64, which the encoder reads as days since 1970, not datetime.date objects.
    dates = pa.table({"d": pa.array([datetime.date(1970, 1, 11), None], pa.date32())})
    for table in (dates, ArrowStream(dates)):
        got = as_table(table)["d"]
        assert pd.api.types.is_datetime64_any_dtype(got.dtype) and got.isna().tolist() == [False, True]


def test_polars_columns_keep_their_meaning(pl):
    when = datetime.datetime(2024, 3, 31, 1, 30)
    frame = pl.DataFrame(
        {
            "x": [1.0, None, 3.0],
            "n": [1, None, 3],
            "s": ["a", None, "b"],
            "f": pl.Series(["lo", "hi", "lo"]).cast(pl.Categorical),
            "b": [True, None, False],
            "d": [datetime.date(1970, 1, 11), None, datetime.date(2000, 1, 1)],
            "t": pl.Series([when, when, None]).dt.replace_time_zone("Europe/Paris"),
        }
    )
    got = as_table(frame)
    pre = Preprocessor.fit(got)
    kinds = {spec["name"]: spec["kind"] for spec in pre.columns}
    assert kinds == {
        "x": "numeric",
        "n": "numeric",
        "s": "categorical",
        "f": "categorical",
        "b": "logical",  # polars' nullable booleans reach pandas as objects
        "d": "datetime",
        "t": "datetime",
    }
    assert pre.columns[-1]["tz"] == "Europe/Paris"
    assert got.isna().sum().tolist() == [1, 1, 1, 0, 1, 1, 1]
    days = Preprocessor.fit(got[["d"]], standardize=False).transform(got[["d"]])[:, 0]
    np.testing.assert_array_equal(days[[0, 2]], [10, 10957])


def test_a_structured_array_is_a_frame_of_its_fields(regression_frame):
    records = regression_frame[["a", "b", "c"]].to_records(index=False)
    converted = as_table(records)
    pd.testing.assert_frame_equal(converted, regression_frame[["a", "b", "c"]])
    model = regressor()
    pb.fit(model, records, regression_frame["y"].to_numpy(), epochs=1, verbose=0)
    assert model.preprocessor.names == ["a", "b", "c"]
    expected = predictions(model, records)
    np.testing.assert_allclose(predictions(model, regression_frame[["c", "a", "b"]]), expected, rtol=1e-6)


def test_a_named_series_as_x_is_a_one_column_frame(regression_frame):
    model = regressor()
    pb.fit(model, regression_frame["a"], regression_frame["y"], epochs=1, verbose=0)
    assert model.preprocessor.names == ["a"]  # standardised under its name, like a one-column frame
    shuffled = regression_frame.sample(frac=1, random_state=1)
    predicted = pb.predict(model, shuffled["a"])
    pd.testing.assert_index_equal(predicted.index, shuffled.index)
    np.testing.assert_allclose(predicted[".pred"], predictions(model, shuffled), rtol=1e-6)
    # As y a Series stays the outcome; unnamed, as x, a vector of one feature per row (as a 1-d array).
    assert as_data(regression_frame["y"]) is regression_frame["y"]
    vector = regressor()
    pb.fit(vector, regression_frame["a"].rename(None), regression_frame["y"], epochs=1, verbose=0)
    assert vector.preprocessor.array_shape == [1]
    np.testing.assert_allclose(
        predictions(vector, regression_frame["a"].to_numpy()), predictions(vector, regression_frame[["a"]]), rtol=1e-6
    )


class Broken:
    """A table whose conversion fails, as a library's own conversion can."""

    def __dataframe__(self, nan_as_null=False, allow_copy=True):
        raise NotImplementedError("column type not supported")


class PolarsWithoutPyarrow:
    """What polars does where pyarrow is not installed: to_pandas() needs it."""

    __module__ = "polars.dataframe.frame"

    def to_pandas(self):
        raise ModuleNotFoundError("pa.Table requires 'pyarrow' module to be installed")


def test_a_table_that_cannot_be_converted_is_an_input_error_naming_the_argument(regression_frame):
    model = regressor()
    with pytest.raises(pb.InputError, match=r"`x` is a .*Broken.*column type not supported.*pandas DataFrame"):
        pb.fit(model, Broken(), regression_frame["y"], epochs=1, verbose=0)
    with pytest.raises(
        pb.InputError, match=r"`validation_data\[0\]` is a polars.*PolarsWithoutPyarrow.*install pyarrow"
    ):
        pb.fit(model, regression_frame, target="y", epochs=1, verbose=0, validation_data=(PolarsWithoutPyarrow(), [1]))
    assert not model.is_fitted


def test_other_data_pass_unchanged():
    frame, array = pd.DataFrame({"a": [1.0]}), np.zeros((2, 3))
    for value in (frame, array, "data/*.csv", None, [[1.0, 2.0]], pd.Categorical(["a"])):
        assert as_data(value, "x") is value
