"""encoding: the preprocessing learnt at fit (property-based round trips) and tidy predictions."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pybridge as pb
from pybridge.encoding.describe import describe_frame
from pybridge.encoding.outcome import OutcomeEncoder
from pybridge.encoding.predictors import Preprocessor

LEVELS = ["lo", "mid", "hi"]


@st.composite
def frames(draw):
    """A random frame of 2..40 rows with numeric, integer, factor, character, logical and date columns."""
    n = draw(st.integers(2, 40))
    finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
    columns = {}
    for i, kind in enumerate(
        draw(
            st.lists(
                st.sampled_from(["double", "integer", "factor", "character", "logical", "date"]), min_size=1, max_size=6
            )
        )
    ):
        name = f"{kind}{i}"
        if kind == "double":
            columns[name] = np.array(draw(st.lists(finite, min_size=n, max_size=n)))
        elif kind == "integer":
            columns[name] = np.array(draw(st.lists(st.integers(-1000, 1000), min_size=n, max_size=n)), dtype=np.int32)
        elif kind == "factor":
            columns[name] = pd.Categorical(
                draw(st.lists(st.sampled_from(LEVELS), min_size=n, max_size=n)), categories=LEVELS
            )
        elif kind == "character":
            columns[name] = np.array(
                draw(st.lists(st.sampled_from(["b", "a", "c"]), min_size=n, max_size=n)), dtype=object
            )
        elif kind == "logical":
            columns[name] = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
        else:
            days = draw(st.lists(st.integers(-20000, 40000), min_size=n, max_size=n))
            columns[name] = np.array(days, dtype="datetime64[D]").astype("datetime64[ns]")
    return pd.DataFrame(columns)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(frames(), st.booleans())
def test_fit_transform_round_trip(frame, standardize):
    pre = Preprocessor.fit(frame, standardize=standardize)
    encoded = pre.transform(frame)
    assert encoded.dtype == np.float32 and encoded.flags.c_contiguous
    assert encoded.shape == (len(frame),) + pre.input_shape
    j = 0
    for spec in pre.columns:
        column = frame[spec["name"]]
        if "levels" in spec:
            block = encoded[:, j : j + len(spec["levels"])]
            assert np.all(block.sum(axis=1) == 1)  # exactly one level per row, no NA here
            labels = np.array(spec["levels"], dtype=object)[block.argmax(axis=1)]
            expected = column.astype(bool) if spec["kind"] == "logical" else column.astype(str)
            assert list(labels) == list(expected)
            j += len(spec["levels"])
            continue
        raw = (
            column.to_numpy(dtype="datetime64[ns]").astype("int64") / 86400e9
            if spec["kind"] == "datetime"
            else column.to_numpy(dtype="float64")
        )
        got = encoded[:, j].astype("float64")
        if not standardize:
            np.testing.assert_array_equal(encoded[:, j], raw.astype(np.float32))
        else:
            sd = raw.std(ddof=1)
            assert np.all(np.isfinite(got))
            if sd > 1e-9 * max(1.0, np.abs(raw).max()):
                # Standardised: mean 0, sample sd 1 (float32 output, so a loose tolerance).
                assert abs(got.mean()) < 1e-4 and abs(got.std(ddof=1) - 1) < 1e-4
                np.testing.assert_allclose(got, (raw - raw.mean()) / sd, rtol=1e-4, atol=1e-4)
        j += 1
    assert j == encoded.shape[1]
    # The stored preprocessing survives a round trip through its dict (what a saved model keeps).
    again = Preprocessor.from_dict(pre.to_dict()).transform(frame)
    np.testing.assert_array_equal(again, encoded)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=3, max_size=30),
    st.lists(st.floats(-1e4, 1e4, allow_nan=False), min_size=3, max_size=30),
)
def test_scaled_regression_outcome_round_trip(a, b):
    n = min(len(a), len(b))
    y = pd.DataFrame({"a": a[:n], "b": b[:n]})
    if (y.nunique() < 2).any():
        return
    enc = OutcomeEncoder.fit(y, ["a", "b"], scale=True)
    # The scaling is the network's last layer now: the encoder learns it and passes values through.
    assert enc.scaling == "network"
    np.testing.assert_allclose(enc.mean, y.mean().to_numpy())
    np.testing.assert_allclose(enc.encode(y, "values"), y.to_numpy(dtype="float32"))
    # A file written by pybridge 0.1 scaled in the encoder: it still round-trips there.
    old = OutcomeEncoder.from_dict({k: v for k, v in enc.to_dict().items() if k != "scaling"})
    targets = old.encode(y, "values")
    np.testing.assert_allclose(targets.mean(axis=0), 0, atol=1e-3)
    back = old.decode(targets).to_frame()
    assert list(back.columns) == [".pred_a", ".pred_b"]
    np.testing.assert_allclose(back.to_numpy(), y.to_numpy(), rtol=1e-4, atol=1e-3)


def test_constant_column_is_centred_not_nan():
    frame = pd.DataFrame({"k": [3.0, 3.0, 3.0], "x": [1.0, 2.0, 4.0]})
    encoded = Preprocessor.fit(frame).transform(frame)
    np.testing.assert_array_equal(encoded[:, 0], [0, 0, 0])
    assert np.all(np.isfinite(encoded))


def test_an_sd_below_float32s_range_is_a_constant_column():
    # Hypothesis found it: an sd of 3.7e-123 is 0 in float32, and the encoding divided by it (NaN).
    frame = pd.DataFrame({"tiny": [0.0, 5.29488e-123], "x": [1.0, 2.0]})
    pre = Preprocessor.fit(frame)
    assert pre.columns[0]["sd"] == 1.0
    np.testing.assert_array_equal(pre.transform(frame)[:, 0], [0, 0])


def test_dates_are_days_since_1970():
    frame = pd.DataFrame(
        {
            "d": pd.to_datetime(["1970-01-01", "1970-01-11", "2000-01-01"]),
            "t": pd.to_datetime(["1970-01-01 12:00", "1970-01-02 06:00", "1970-01-01 00:00"]),
        }
    )
    pre = Preprocessor.fit(frame, standardize=False)
    np.testing.assert_allclose(pre.transform(frame), [[0, 0.5], [10, 1.25], [10957, 0]])
    described = describe_frame(frame)["columns"]
    np.testing.assert_allclose(described["d"]["values"], [0, 10, 10957])
    assert described["d"]["kind"] == "datetime"


def test_training_levels_are_stored_and_applied_to_new_data():
    train = pd.DataFrame(
        {
            "f": pd.Categorical(["b", "a", "b"], categories=["b", "a", "z"]),
            "s": ["y", "x", "y"],
            "l": [True, False, True],
        }
    )
    pre = Preprocessor.fit(train)
    assert [c["levels"] for c in pre.columns] == [["b", "a", "z"], ["x", "y"], [False, True]]
    # A new frame with a subset of levels, in another order, encodes against the training levels.
    new = pd.DataFrame({"l": [False], "s": ["x"], "f": pd.Categorical(["z"], categories=["z"])})
    np.testing.assert_array_equal(pre.transform(new), [[0, 0, 1, 1, 0, 1, 0]])


def test_describe_frame_reports_missing_positions():
    frame = pd.DataFrame(
        {"x": [1.0, np.nan, np.inf], "s": ["a", None, "b"], "i": pd.array([1, None, 3], dtype="Int32")}
    )
    described = describe_frame(frame)["columns"]
    assert list(described["x"]["na"]) == [1, 2]  # NaN and Inf are both unusable
    assert list(described["s"]["na"]) == [1] and described["s"]["values"] == ["a", None, "b"]
    assert list(described["i"]["na"]) == [1] and described["i"]["dtype"] == "Int32"


# -- end to end through Keras ----------------------------------------------------------------------


def _regressor(units=1):
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=units)
    pb.compile(model, optimizer="adam", loss="mse")
    return model


def test_scale_outcome_predicts_in_original_units(regression_frame):
    frame = regression_frame.assign(y=regression_frame["y"] * 1000 + 5000)
    pb.set_random_seed(1)
    model = _regressor()
    pb.fit(model, frame, target="y", epochs=1, verbose=0, scale_outcome=True)
    assert model.outcome.mean[0] == pytest.approx(frame["y"].mean())
    pred = pb.predict(model, frame)
    raw = pb.predict(model, frame, type="raw")[".pred_1"]
    # The network maps standard units back in its last layer, with the training mean and sd, so its
    # own outputs are the predictions.
    last = model.keras.layers[-1]
    assert last.name == "pybridge_outcome_scale"
    assert (last.scale, last.offset) == pytest.approx((frame["y"].std(), frame["y"].mean()))
    np.testing.assert_allclose(pred[".pred"], raw, rtol=1e-6)
    assert abs(pred[".pred"].mean() - 5000) < 3000  # original units, not standard units


def test_several_outcomes_give_pred_columns(regression_frame):
    frame = regression_frame.assign(z=regression_frame["a"] * 2)
    model = _regressor(units=2)
    pb.fit(model, frame, target=["y", "z"], epochs=1, verbose=0)
    pred = pb.predict(model, frame)
    assert list(pred.columns) == [".pred_y", ".pred_z"] and len(pred) == len(frame)
    assert set(pb.evaluate(model, frame)) == {"loss"}


def test_x_y_interface_and_numeric_matrix_outcome(regression_frame):
    x = regression_frame[["a", "b", "c"]]
    model = _regressor(units=2)
    pb.fit(model, x=x, y=np.column_stack([regression_frame["y"], regression_frame["a"]]), epochs=1, verbose=0)
    assert list(pb.predict(model, x).columns) == [".pred_y1", ".pred_y2"]


def test_classification_predictions_are_tidy(iris):
    pb.set_random_seed(2)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    pred = pb.predict(model, iris)
    assert list(pred.columns) == [".pred_class", ".pred_setosa", ".pred_versicolor", ".pred_virginica"]
    assert list(pred[".pred_class"].cat.categories) == ["setosa", "versicolor", "virginica"]
    np.testing.assert_allclose(pred.iloc[:, 1:].sum(axis=1), 1, rtol=1e-5)
    assert list(pb.predict(model, iris, type="class").columns) == [".pred_class"]
    assert list(pb.predict(model, iris, type="prob").columns) == [".pred_setosa", ".pred_versicolor", ".pred_virginica"]
    assert pb.predict(model, iris, type="raw").shape == (150, 3)
    with pytest.raises(pb.InputError, match="regression"):
        pb.predict(model, iris, type="numeric")
    metrics = pb.evaluate(model, iris)
    assert set(metrics) == {"loss", "accuracy"} and 0 <= metrics["accuracy"] <= 1
    # Rows with a missing predictor get missing predictions; the others are unchanged.
    holes = iris.copy()
    holes.loc[[3, 7], "Sepal.Width"] = np.nan
    with_na = pb.predict(model, holes)
    assert len(with_na) == 150 and with_na[".pred_class"].isna().tolist() == [i in (3, 7) for i in range(150)]
    assert with_na[".pred_setosa"].isna().sum() == 2
    np.testing.assert_allclose(with_na.drop(index=[3, 7]).iloc[:, 1:], pred.drop(index=[3, 7]).iloc[:, 1:])


def test_binary_outcome_both_ways(iris):
    frame = iris.assign(big=pd.Categorical(np.where(iris["Sepal.Length"] > 5.8, "yes", "no"))).drop(columns="Species")
    for units, activation, loss in [
        (1, "sigmoid", "binary_crossentropy"),
        (2, "softmax", "sparse_categorical_crossentropy"),
    ]:
        model = pb.keras_model_sequential()
        pb.layer_dense(model, units=units, activation=activation)
        pb.compile(model, optimizer="adam", loss=loss)
        pb.fit(model, frame, target="big", epochs=1, verbose=0)
        pred = pb.predict(model, frame)
        assert list(pred.columns) == [".pred_class", ".pred_no", ".pred_yes"]
        np.testing.assert_allclose(pred[".pred_no"] + pred[".pred_yes"], 1, rtol=1e-5)


def test_na_omit_drops_rows_consistently(regression_frame):
    frame = regression_frame.copy()
    frame.loc[0, "a"] = np.nan
    frame.loc[1, "y"] = np.inf
    weights = np.ones(len(frame))
    weights[2] = np.nan
    validation = regression_frame.iloc[:20].copy()
    validation.loc[5, "b"] = np.nan
    model = _regressor()
    with pytest.warns(UserWarning, match="dropped 3 row"):
        history = pb.fit(
            model,
            frame,
            target="y",
            epochs=1,
            verbose=0,
            na_action="omit",
            sample_weight=weights,
            validation_data=validation,
        )
    assert history.params["samples"] == len(frame) - 3 and history.params["rows_omitted"] == 3
    with pytest.raises(pb.InputError, match=r"`a` \(1 row\).*`y` \(1 row\).*`sample_weight` \(1 row\)"):
        pb.fit(model, frame, target="y", epochs=1, verbose=0, sample_weight=weights)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(pb.predict(model, frame)) == len(frame)


def test_r_and_python_encode_the_same_data_alike(rscript, r_env, iris, tmp_path):
    """iris sent from R through the bridge and iris read from the CSV in Python encode alike (1e-5),
    and R's own scale() agrees."""
    import subprocess

    out = tmp_path / "encoded.csv"
    program = (
        "library(pybridge); d <- iris; d$big <- d$Sepal.Length > 5.8; "
        "got <- pybridge:::.pb_call('describe_frame', x = d, standardize = TRUE)$encoded; "
        "stopifnot(max(abs(got[, 1:4] - scale(as.matrix(iris[1:4])))) < 1e-5); "
        f"write.csv(got, '{out}', row.names = FALSE)"
    )
    result = subprocess.run([rscript, "-e", program], env=r_env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    from_r = pd.read_csv(out).to_numpy()
    frame = iris.assign(big=iris["Sepal.Length"] > 5.8)
    from_python = Preprocessor.fit(frame).transform(frame)
    assert from_r.shape == from_python.shape == (150, 4 + 3 + 2)
    np.testing.assert_allclose(from_r, from_python, atol=1e-5)


def test_categories_that_are_not_strings_match_their_stored_levels():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame(
        {
            "a": rng.normal(size=60),
            "group": pd.Categorical(rng.integers(1, 4, 60)),  # integer categories
            "label": pd.Categorical(rng.integers(0, 3, 60)),
        }
    )
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy")
    pb.fit(model, frame, target="label", epochs=1, verbose=0)
    predictions = pb.predict(model, frame)
    # The outcome's own categories come back, integers as integers (issue 14).
    assert list(predictions[".pred_class"].cat.categories) == [0, 1, 2]
    assert predictions[".pred_class"].cat.categories.dtype == frame["label"].cat.categories.dtype
    assert model.preprocessor.columns[1]["levels"] == ["1", "2", "3"]
    assert pb.evaluate(model, frame)["loss"] > 0


def test_small_numeric_frames_encode_exactly_like_large_ones():
    from pybridge.encoding.predictors import SMALL_ROWS

    rng = np.random.default_rng(3)
    frame = pd.DataFrame(rng.normal(size=(SMALL_ROWS + 10, 5)) * 100, columns=list("abcde"))
    frame["n"] = rng.integers(0, 50, len(frame))
    preprocessor = Preprocessor.fit(frame)
    large = preprocessor.transform(frame)  # the block-wise path
    small = preprocessor.transform(frame.iloc[:SMALL_ROWS])  # the vectorised path
    np.testing.assert_array_equal(small, large[:SMALL_ROWS])
    frame["a"] = frame["a"].astype(str)
    with pytest.raises(pb.InputError, match="`a`"):
        preprocessor.transform(frame.iloc[:3])


# -- time zones, column labels, object columns (issue 14) -------------------------------------------


def _times(tz=None, periods=30):
    return pd.Series(pd.date_range("2024-03-30", periods=periods, freq="5h", tz=tz))


def test_a_time_zone_is_stored_and_a_dropped_or_added_zone_is_refused_naming_the_column():
    rng = np.random.default_rng(4)
    aware = pd.DataFrame({"when": _times("Europe/Paris"), "load": rng.normal(size=30)})
    pre = Preprocessor.fit(aware)
    assert pre.columns[0]["tz"] == "Europe/Paris" and "tz" not in pre.columns[1]
    # The same wall-clock times without their zone would read as UTC: every value an hour or two off.
    naive = aware.assign(when=aware["when"].dt.tz_localize(None))
    with pytest.raises(pb.InputError, match=r"`when` had time zone Europe/Paris in training but is time-zone naive"):
        pre.transform(naive)
    with pytest.raises(pb.InputError, match=r'tz_localize\("Europe/Paris"\)'):
        pre.transform(naive)
    # The reverse: trained naive, given a zone now.
    naive_pre = Preprocessor.fit(naive)
    assert "tz" not in naive_pre.columns[0]
    with pytest.raises(pb.InputError, match=r"`when` was time-zone naive in training but has time zone Europe/Paris"):
        naive_pre.transform(aware)
    with pytest.raises(pb.InputError, match=r"tz_localize\(None\).*tz_convert\(None\)"):
        naive_pre.transform(aware)


def test_the_same_instants_in_another_zone_encode_alike():
    frame = pd.DataFrame({"when": _times("Europe/Paris"), "n": np.arange(30.0)})
    pre = Preprocessor.fit(frame)
    in_tokyo = frame.assign(when=frame["when"].dt.tz_convert("Asia/Tokyo"))
    np.testing.assert_array_equal(pre.transform(in_tokyo), pre.transform(frame))
    # The stored zone survives the dict a saved model keeps.
    again = Preprocessor.from_dict(pre.to_dict())
    np.testing.assert_array_equal(again.transform(in_tokyo), pre.transform(frame))


def test_a_stored_column_without_a_time_zone_is_naive():
    # Files saved before zones were stored have no "tz": their date-time columns were naive.
    frame = pd.DataFrame({"when": _times("UTC"), "n": np.arange(30.0)})
    old = Preprocessor.fit(frame).to_dict()
    del old["columns"][0]["tz"]
    pre = Preprocessor.from_dict(old)
    with pytest.raises(pb.InputError, match="`when` was time-zone naive in training"):
        pre.transform(frame)
    np.testing.assert_array_equal(
        pre.transform(frame.assign(when=frame["when"].dt.tz_convert(None))), Preprocessor.fit(frame).transform(frame)
    )


def test_streamed_chunks_must_agree_on_the_time_zone():
    frame = pd.DataFrame({"when": _times("UTC"), "n": np.arange(30.0)})
    later = frame.assign(when=frame["when"].dt.tz_localize(None))
    with pytest.raises(pb.InputError, match="`when` had time zone UTC in the first rows but is time-zone naive later"):
        Preprocessor.fit_streaming([frame, later])


def test_integer_and_multiindex_column_labels_are_strings_at_fit_and_predict():
    rng = np.random.default_rng(5)
    values = rng.normal(size=(20, 3)) * [1, 10, 100]
    by_position = pd.DataFrame(values)  # labels 0, 1, 2
    pre = Preprocessor.fit(by_position)
    assert pre.names == ["0", "1", "2"]
    encoded = pre.transform(by_position)
    # The labels are names: a reordered frame, or one with the labels as strings, encodes alike.
    np.testing.assert_array_equal(pre.transform(by_position[[2, 0, 1]]), encoded)
    np.testing.assert_array_equal(pre.transform(pd.DataFrame(values, columns=["0", "1", "2"])), encoded)
    nested = pd.DataFrame(values, columns=pd.MultiIndex.from_tuples([("x", "a"), ("x", "b"), ("y", "")]))
    pre = Preprocessor.fit(nested)
    assert pre.names == ["x_a", "x_b", "y"]
    np.testing.assert_array_equal(pre.transform(nested.iloc[:, ::-1]), encoded)


def test_labels_that_collide_as_strings_are_duplicates():
    values = np.zeros((3, 2))
    for columns in ([1, "1"], pd.MultiIndex.from_tuples([("a", "b"), ("a_b", "")])):
        with pytest.raises(pb.InputError, match=r"duplicate column name\(s\): (1|a_b)"):
            Preprocessor.fit(pd.DataFrame(values, columns=columns))


def test_object_columns_of_numbers_or_booleans_are_numeric_or_logical():
    from pybridge.encoding.columns import column_kind, missing_mask

    numbers = pd.Series([1, 2.5, None, np.float32(4), np.inf], dtype=object)
    assert column_kind(numbers, "n") == "numeric"
    assert missing_mask(numbers).tolist() == [False, False, True, False, True]  # NA and Inf, as in a float column
    flags = pd.Series([True, None, False, np.bool_(True)], dtype=object)  # an Arrow boolean column with nulls
    assert column_kind(flags, "b") == "logical"
    frame = pd.DataFrame({"n": [1, 2.5, 4.0], "b": pd.Series([True, False, True], dtype=object)})
    typed = frame.astype({"n": "float64", "b": "bool"})
    pre = Preprocessor.fit(frame.astype(object))
    np.testing.assert_array_equal(pre.transform(frame.astype(object)), Preprocessor.fit(typed).transform(typed))
    # Numbers mixed with strings, or booleans with numbers, are still refused, naming the column.
    for mixed in (["a", 1.5, "b"], [True, 2.0, False]):
        with pytest.raises(pb.InputError, match="column `m` holds"):
            column_kind(pd.Series(mixed, dtype=object), "m")


def test_values_beyond_float32s_range_are_refused_naming_the_column_at_fit_and_predict(regression_frame):
    # 1e39 is a finite double but infinite in float32, in which Keras trains: it trained to NaN.
    huge = regression_frame.assign(b=regression_frame["b"].where(regression_frame.index != 7, 1e39))
    message = "column `b` has values beyond float32's range"
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    with pytest.raises(pb.InputError, match=message):
        pb.fit(model, huge, target="y", epochs=1, verbose=0)
    with pytest.raises(pb.InputError, match="column `y` has values beyond float32's range"):
        huge_y = regression_frame["y"].where(regression_frame.index != 3, -1e39)
        pb.fit(model, regression_frame.assign(y=huge_y), target="y", epochs=1, verbose=0)
    pb.fit(model, regression_frame, target="y", epochs=1, verbose=0)
    for rows in (huge.iloc[5:10], huge):  # the small-frame path and the general one
        with pytest.raises(pb.InputError, match=message):
            pb.predict(model, rows)
    with pytest.raises(pb.InputError, match="`x` has values beyond float32's range"):
        Preprocessor.fit(np.ones((3, 2))).transform(np.array([[1.0, 2.0], [3.0, 1e39]]))


def test_r_formula_terms_are_stored_with_the_preprocessing_and_named_when_their_columns_are_missing():
    frame = pd.DataFrame({"log(wt)": [0.1, 0.5, 0.9], "poly(hp, 2)1": [1.0, 2.0, 4.0], "cyl": [4.0, 6.0, 8.0]})
    pre = Preprocessor.fit(frame)
    pre.formula_terms = {"predictors": {"log(wt)": "log(wt)", "poly(hp, 2)": "poly(hp, 2, coefs = list())"}}
    stored = Preprocessor.from_dict(pre.to_dict())
    assert stored.formula_terms == pre.formula_terms
    assert "formula_terms" not in Preprocessor.fit(frame).to_dict()  # none: nothing stored
    with pytest.raises(pb.InputError, match=r"`log\(wt\)`, `poly\(hp, 2\)1` came from R formula terms"):
        stored.transform(frame[["cyl"]])


def _encoded_column_by_column(preprocessor, frame):
    """The encoding written out one column at a time: float64 less the mean, stored as float32, divided
    by the float32 sd; one-hot levels with NaN for a missing one."""
    parts = []
    for spec in preprocessor.columns:
        column = frame[spec["name"]]
        if "levels" in spec:
            codes = pd.Index(spec["levels"]).get_indexer(column.astype(object).to_numpy())
            hot = (codes[:, None] == np.arange(len(spec["levels"]))).astype(np.float32)
            hot[codes < 0] = np.nan
            parts.append(hot)
        else:
            values = column.to_numpy(dtype="float64", na_value=np.nan)
            with np.errstate(invalid="ignore"):
                parts.append(((values - spec["mean"]).astype(np.float32) / np.float32(spec["sd"]))[:, None])
    return np.hstack(parts)


def test_large_frames_encode_exactly_column_by_column_whatever_their_memory_layout():
    # Several blocks of rows (shared among threads): a frame made from a C-ordered array (its columns
    # interleaved in one array), from separate columns, a column subset, every other row, and a mixed
    # frame with missing values, an infinity, integers and levels.
    from pybridge.encoding.predictors import BLOCK_ROWS

    rng = np.random.default_rng(11)
    n = 2 * BLOCK_ROWS + 123
    array = rng.normal(size=(n, 6)) * 40 + 7
    matrix = pd.DataFrame(array, columns=list("abcdef"))
    mixed = pd.DataFrame(
        {
            "x": np.where(rng.random(n) < 0.05, np.nan, rng.normal(size=n)),
            "n": rng.integers(-9, 9, n).astype(np.int32),
            "f": pd.Categorical(rng.choice(["u", "v", None], n), categories=["u", "v"]),
            "m": pd.array(np.where(rng.random(n) < 0.1, None, rng.integers(0, 9, n)), dtype="Int64"),
        }
    )
    mixed.loc[5, "x"] = np.inf
    layouts = {
        "C-ordered": matrix,
        "columns": pd.DataFrame({name: array[:, j].copy() for j, name in enumerate("abcdef")}),
        # Columns apart by different distances (R's, at times): each read on its own.
        "uneven": pd.DataFrame(
            {name: np.concatenate([array[:, j], np.zeros(7 * j)])[:n] for j, name in enumerate("abcdef")}, copy=False
        ),
        "subset": matrix[["c", "a"]],
        "every other row": matrix.iloc[::2],
        "mixed": mixed,
    }
    for layout, frame in layouts.items():
        for standardize in (True, False):
            preprocessor = Preprocessor.fit(frame, standardize=standardize)
            encoded = preprocessor.transform(frame)
            assert encoded.flags.c_contiguous and encoded.dtype == np.float32, layout
            expected = _encoded_column_by_column(preprocessor, frame)
            np.testing.assert_array_equal(encoded, expected, err_msg=layout)


def test_a_large_frame_beyond_float32s_range_names_the_first_column_at_fault():
    from pybridge.encoding.predictors import BLOCK_ROWS

    rng = np.random.default_rng(12)
    n = 2 * BLOCK_ROWS + 5
    frame = pd.DataFrame(rng.normal(size=(n, 4)), columns=list("abcd"))
    preprocessor = Preprocessor.fit(frame.assign(f=pd.Categorical(["p"] * n)))
    huge = frame.assign(c=frame["c"].where(frame.index != n - 2, 2e39), d=frame["d"].where(frame.index != 3, -1e39))
    for layout in (huge, huge.copy()):  # interleaved in one array, and one column after another
        with pytest.raises(pb.InputError, match=r"column `c` has values beyond float32's range \(such as 2e\+39"):
            preprocessor.transform(layout.assign(f=pd.Categorical(["p"] * n)))
        # A column before the one at fault is named first, as the columns come in order.
        with pytest.raises(pb.InputError, match="column `c` has values beyond"):
            preprocessor.transform(layout.assign(f=pd.Categorical(["q"] * n)))
    # Just below float32's largest value is in range; infinities are missing values, not refused.
    edge = frame.assign(a=frame["a"].where(frame.index != 7, 3.4e38), b=frame["b"].where(frame.index != 9, -np.inf))
    encoded = preprocessor.transform(edge.assign(f=pd.Categorical(["p"] * n)))
    assert np.isfinite(encoded[7, 0]) and encoded[9, 1] == -np.inf


def test_a_frame_that_is_one_c_ordered_array_learns_exactly_what_its_separate_columns_learn(monkeypatch):
    from pybridge.encoding import predictors

    monkeypatch.setattr(predictors, "LEARN_GROUP_BYTES", 3 * 8 * (predictors.BLOCK_ROWS + 7))  # 3 columns a group
    rng = np.random.default_rng(13)
    array = rng.normal(size=(predictors.BLOCK_ROWS + 7, 7)) * 1e3 + 11
    interleaved = pd.DataFrame(array, columns=list("abcdefg"))
    separate = pd.DataFrame({name: array[:, j].copy() for j, name in enumerate("abcdefg")})
    for standardize in (True, False):
        learnt = Preprocessor.fit(interleaved, standardize=standardize).to_dict()
        assert learnt == Preprocessor.fit(separate, standardize=standardize).to_dict()
        assert [c["name"] for c in learnt["columns"]] == list("abcdefg")
