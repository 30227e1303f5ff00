"""R's wire form as pybridge.interop.wire decodes it and pybridge.r.dispatch answers: small frames as
Columns, NA without masks for doubles, models by reference."""

import numpy as np
import pandas as pd
from conftest import iris_model

import pybridge as pb
from pybridge.encoding.columns import Columns
from pybridge.interop import wire
from pybridge.r import dispatch


def factor(codes, levels):
    return {"__vector__": "factor", "values": np.asarray(codes, dtype=np.int32), "levels": levels}


def small_frame(frame, factors):
    """``frame``'s double columns as R sends a small frame: one matrix, the others in ``factors``."""
    doubles = [c for c in frame.columns if c not in factors]
    return {
        "__frame__": True,
        "names": list(frame.columns),
        "nrow": len(frame),
        "matrix": np.asfortranarray(frame[doubles].to_numpy()),
        "columns": [factors.get(c) for c in frame.columns],
    }


def test_small_frames_are_columns_for_verbs_and_data_frames_otherwise(iris):
    head = iris.head(3)
    species = factor(head["Species"].cat.codes + 1, list(head["Species"].cat.categories))
    spec = small_frame(head, {"Species": species})
    columns = wire.decode(spec, columns=True)
    assert isinstance(columns, Columns) and list(columns) == list(head.columns)
    np.testing.assert_array_equal(columns["Petal.Width"], head["Petal.Width"].to_numpy())
    frame = wire.decode(spec)
    assert isinstance(frame, pd.DataFrame)
    pd.testing.assert_frame_equal(frame, head.reset_index(drop=True), check_categorical=False)


def test_predict_on_r_columns_matches_predict_on_the_data_frame(iris):
    model = iris_model()
    pb.fit(model, iris, target="Species", epochs=2, verbose=0)
    rows = iris.iloc[[0, 60, 120]]
    spec = small_frame(rows, {"Species": factor(rows["Species"].cat.codes + 1, ["setosa", "versicolor", "virginica"])})
    answer = dispatch.call("predict_columns", {"model": model, "x": spec})
    expected = pb.predict(model, rows)
    assert answer["value"]["names"] == list(expected.columns)
    for got, name in zip(answer["value"]["columns"][1:], expected.columns[1:]):
        np.testing.assert_allclose(got, expected[name].to_numpy(), atol=1e-6)
    assert list(answer["value"]["columns"][0]["codes"]) == list(expected[".pred_class"].cat.codes + 1)


def test_an_unsupported_column_in_a_small_frame_is_refused_by_name_only_when_used(iris):
    model = iris_model()
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    rows = iris.iloc[:2, :4]
    spec = small_frame(rows, {})
    spec["names"].append("bag")
    spec["columns"].append({"__vector__": "list", "values": None})
    assert "error" not in dispatch.call("predict_columns", {"model": model, "x": spec})  # extra: ignored
    spec["names"][0], spec["names"][-1] = "bag", "Sepal.Length"  # now the model's column is the list
    answer = dispatch.call("predict_columns", {"model": model, "x": spec})
    assert answer["error"]["class"] == "InputError"
    assert "column `Sepal.Length` has R type 'list'" in answer["error"]["message"]


def test_a_small_frame_with_no_rows_keeps_its_columns():
    spec = {"__frame__": True, "names": ["a", "b"], "nrow": 0, "matrix": np.zeros((0, 2)), "columns": None}
    frame = wire.decode(spec)
    assert list(frame.columns) == ["a", "b"] and len(frame) == 0


def test_dates_without_a_mask_read_nan_as_missing():
    days = np.array([0.0, np.nan, 18262.0, np.inf])
    out = wire.decode_vector({"__vector__": "Date", "values": days})
    assert out[0] == np.datetime64("1970-01-01") and out[2] == np.datetime64("2020-01-01")
    assert np.isnat(out[1]) and np.isnat(out[3])


def test_models_cross_back_by_the_number_they_were_sent_with(iris):
    model = iris_model()
    sent = dispatch.encode_result(model, lambda obj: obj)
    assert sent["__model__"] is model
    again = dispatch.call("summary", {"model": {"__reference__": sent["reference"]}})
    assert again["value"] == pb.summary(model)
    assert dispatch.encode_result(model, lambda obj: obj)["reference"] == sent["reference"]  # one number per model
    gone = dispatch.call("summary", {"model": {"__reference__": 10**9}})
    assert gone["error"]["class"] == "StateError" and "load_model()" in gone["error"]["message"]
