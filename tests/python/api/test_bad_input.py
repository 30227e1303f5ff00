"""A catalogue of bad inputs: each fails with pybridge's error class, a message naming the culprit,
and leaves the model usable (a fitted model still predicts the same; a fresh one can still be fitted)."""

import numpy as np
import pandas as pd
import pytest
from conftest import iris_frame

import pybridge as pb


def training_frame():
    """iris with a character and a date column, so type and level checks have something to bite."""
    frame = iris_frame()
    frame["site"] = np.where(np.arange(150) % 2 == 0, "north", "south").astype(object)
    frame["day"] = pd.to_datetime("2020-01-01") + pd.to_timedelta(np.arange(150) % 30, unit="D")
    return frame


def classifier(input_shape=None):
    model = pb.keras_model_sequential(input_shape=input_shape)
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return model


@pytest.fixture(scope="module")
def fitted():
    pb.set_random_seed(3)
    model = classifier()
    pb.fit(model, training_frame(), target="Species", epochs=1, verbose=0)
    model.baseline = pb.predict(model, training_frame())
    return model


@pytest.fixture(scope="module")
def fresh():
    return classifier()


def still_predicts(model):
    pd.testing.assert_frame_equal(pb.predict(model, training_frame()), model.baseline)


def frame_with(**changes):
    frame = training_frame()
    for name, value in changes.items():
        frame[name] = value
    return frame


def with_list_column():
    frame = training_frame()
    frame["bag"] = [[i] for i in range(150)]
    return frame


def with_duplicate_column():
    frame = training_frame()
    return pd.concat([frame, frame[["Sepal.Width"]]], axis=1)


def with_one(name, row, value):
    frame = training_frame()
    frame[name] = frame[name].astype(object) if isinstance(value, str) else frame[name]
    frame.loc[row, name] = value
    return frame


# (id, call on a fresh compiled model, error class, pattern naming the culprit)
FIRST_FIT = [
    (
        "empty frame",
        lambda m: pb.fit(m, training_frame().iloc[:0], target="Species", verbose=0),
        pb.InputError,
        r"0 row",
    ),
    (
        "one row",
        lambda m: pb.fit(m, training_frame().iloc[:1], target="Species", verbose=0),
        pb.InputError,
        r"1 row.*at least 2",
    ),
    (
        "no predictors",
        lambda m: pb.fit(m, training_frame()[["Species"]], target="Species", verbose=0),
        pb.InputError,
        r"no predictor columns",
    ),
    (
        "all-NA column",
        lambda m: pb.fit(m, frame_with(**{"Sepal.Width": np.nan}), target="Species", verbose=0),
        pb.InputError,
        r"`Sepal.Width` \(150 rows\)",
    ),
    (
        "Inf",
        lambda m: pb.fit(m, with_one("Sepal.Length", 4, np.inf), target="Species", verbose=0),
        pb.InputError,
        r"`Sepal.Length` \(1 row\)",
    ),
    (
        "NA in outcome",
        lambda m: pb.fit(m, with_one("Species", 9, np.nan), target="Species", verbose=0),
        pb.InputError,
        r"`Species` \(1 row\)",
    ),
    (
        "list column",
        lambda m: pb.fit(m, with_list_column(), target="Species", verbose=0),
        pb.InputError,
        r"`bag` holds list",
    ),
    (
        "numbers mixed into strings",
        lambda m: pb.fit(m, with_one("site", 3, 7.5), target="Species", verbose=0),
        pb.InputError,
        r"`site` holds float",
    ),
    (
        "duplicate column names",
        lambda m: pb.fit(m, with_duplicate_column(), target="Species", verbose=0),
        pb.InputError,
        r"duplicate column name.*Sepal.Width",
    ),
    ("outcome missing", lambda m: pb.fit(m, training_frame(), verbose=0), pb.InputError, r"needs an outcome"),
    (
        "outcome column not found",
        lambda m: pb.fit(m, training_frame(), target="Kind", verbose=0),
        pb.InputError,
        r"`Kind` not found",
    ),
    (
        "outcome constant factor",
        lambda m: pb.fit(m, frame_with(Species=pd.Categorical(["a"] * 150, ["a", "b"])), target="Species", verbose=0),
        pb.InputError,
        r"`Species` is constant",
    ),
    (
        "outcome of dates",
        lambda m: pb.fit(m, training_frame(), target="day", verbose=0),
        pb.InputError,
        r"`day` must be numeric or a factor",
    ),
    (
        "x/y lengths differ",
        lambda m: pb.fit(
            m, training_frame().drop(columns="Species"), training_frame()["Species"].iloc[:149], verbose=0
        ),
        pb.InputError,
        r"150 rows but y has 149",
    ),
    (
        "sample_weight length",
        lambda m: pb.fit(m, training_frame(), target="Species", verbose=0, sample_weight=np.ones(3)),
        pb.InputError,
        r"`sample_weight` has 3",
    ),
    (
        "negative batch size",
        lambda m: pb.fit(m, training_frame(), target="Species", batch_size=-4, verbose=0),
        pb.ArgumentError,
        r"`batch_size` must be at least 1",
    ),
    (
        "string epochs",
        lambda m: pb.fit(m, training_frame(), target="Species", epochs="ten", verbose=0),
        pb.ArgumentError,
        r"`epochs` must be a whole number",
    ),
    (
        "fractional epochs",
        lambda m: pb.fit(m, training_frame(), target="Species", epochs=1.5, verbose=0),
        pb.ArgumentError,
        r"`epochs`",
    ),
    (
        "string validation_split",
        lambda m: pb.fit(m, training_frame(), target="Species", validation_split="half", verbose=0),
        pb.ArgumentError,
        r"`validation_split`",
    ),
    (
        "validation_split of 1",
        lambda m: pb.fit(m, training_frame(), target="Species", validation_split=1, verbose=0),
        pb.ArgumentError,
        r"`validation_split`",
    ),
    (
        "unknown na_action",
        lambda m: pb.fit(m, training_frame(), target="Species", na_action="drop", verbose=0),
        pb.ArgumentError,
        r"`na_action`",
    ),
    (
        "strings as an array",
        lambda m: pb.fit(m, np.array([["a", "b"]] * 10), np.arange(10) % 2, verbose=0),
        pb.InputError,
        r"x could not be read as numbers",
    ),
    (
        "every row has NA",
        lambda m: pb.fit(m, frame_with(**{"Petal.Width": np.nan}), target="Species", na_action="omit", verbose=0),
        pb.InputError,
        r"every row",
    ),
    (
        "a number as target, not a column label",
        lambda m: pb.fit(m, training_frame(), target=2, verbose=0),
        pb.ArgumentError,
        r"`target` names columns by their labels, not their positions",
    ),
    (
        "target neither a name nor names",
        lambda m: pb.fit(m, training_frame(), target=1.5, verbose=0),
        pb.ArgumentError,
        r"`target` must name columns",
    ),
    (
        "empty target",
        lambda m: pb.fit(m, training_frame(), target=[], verbose=0),
        pb.ArgumentError,
        r"`target` must name columns",
    ),
    (
        "a position in columns",
        lambda m: pb.fit(m, training_frame(), target="Species", columns=[0, 1], verbose=0),
        pb.ArgumentError,
        r"`columns` names columns by their labels",
    ),
    (
        "labels that are one name as strings",
        lambda m: pb.fit(
            m, training_frame().assign(**{"1": 1.0}).rename(columns={"day": 1}), target="Species", verbose=0
        ),
        pb.InputError,
        r"duplicate column name\(s\): 1",
    ),
    (
        "2-d structured array",
        lambda m: pb.fit(m, np.zeros((4, 2), dtype=[("a", "f8")]), np.arange(4.0), verbose=0),
        pb.InputError,
        r"`x` is a structured array of shape \(4, 2\)",
    ),
    (
        "predict before fit",
        lambda m: pb.predict(m, training_frame()),
        pb.StateError,
        r"predict\(\) needs a fitted model",
    ),
]


@pytest.mark.parametrize("call, error, culprit", [c[1:] for c in FIRST_FIT], ids=[c[0] for c in FIRST_FIT])
def test_bad_first_fit(fresh, call, error, culprit):
    with pytest.raises(error, match=culprit):
        call(fresh)
    # Nothing was learnt or committed, so the next good fit starts cleanly.
    assert not fresh.is_fitted and fresh.epochs_trained == 0


def test_wrong_input_shape():
    model = classifier(input_shape=7)
    with pytest.raises(pb.InputError, match=r"inputs of shape \(7,\) but the data encode to \(6,\)"):
        pb.fit(model, training_frame().drop(columns="day"), target="Species", verbose=0)
    assert not model.is_fitted


def test_fit_before_compile():
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=3, activation="softmax")
    with pytest.raises(pb.StateError, match="compile"):
        pb.fit(model, training_frame(), target="Species", verbose=0)


def test_fresh_model_fits_after_all_its_errors(fresh):
    pb.fit(fresh, training_frame(), target="Species", epochs=1, verbose=0)
    assert len(pb.predict(fresh, training_frame())) == 150


def changed_type():
    frame = training_frame()
    frame["Sepal.Length"] = frame["Sepal.Length"].astype(str)
    return frame


# (id, call on the fitted model, error class, pattern naming the culprit)
AFTER_FIT = [
    (
        "unseen level at predict",
        lambda m: pb.predict(m, with_one("site", 0, "east")),
        pb.InputError,
        r"`site` has level\(s\) not seen in training: east",
    ),
    (
        "missing column at predict",
        lambda m: pb.predict(m, training_frame().drop(columns="Petal.Width")),
        pb.InputError,
        r"`Petal.Width`.*missing",
    ),
    (
        "changed type at predict",
        lambda m: pb.predict(m, changed_type()),
        pb.InputError,
        r"`Sepal.Length` was numeric in training but is categorical",
    ),
    (
        "date column now numbers",
        lambda m: pb.predict(m, frame_with(day=np.arange(150.0))),
        pb.InputError,
        r"`day` was datetime",
    ),
    (
        "matrix for a frame model",
        lambda m: pb.predict(m, np.zeros((3, 4))),
        pb.InputError,
        r"trained on a data frame with columns Sepal.Length",
    ),
    (
        "time zone added at predict",
        lambda m: pb.predict(m, frame_with(day=training_frame()["day"].dt.tz_localize("UTC"))),
        pb.InputError,
        r"`day` was time-zone naive in training but has time zone UTC now",
    ),
    (
        "fractional batch_size at evaluate",
        lambda m: pb.evaluate(m, training_frame(), batch_size=6.5),
        pb.ArgumentError,
        r"`batch_size` must be a whole number",
    ),
    (
        "batch_size of 0 at predict",
        lambda m: pb.predict(m, training_frame(), batch_size=0),
        pb.ArgumentError,
        r"`batch_size` must be at least 1",
    ),
    (
        "unknown predict type",
        lambda m: pb.predict(m, training_frame(), type="probability"),
        pb.ArgumentError,
        r"`type`",
    ),
    (
        "numeric type for a classifier",
        lambda m: pb.predict(m, training_frame(), type="numeric"),
        pb.InputError,
        r"regression",
    ),
    (
        "unseen outcome level at evaluate",
        lambda m: pb.evaluate(m, frame_with(Species=pd.Categorical(["setosa", "other"] * 75))),
        pb.InputError,
        r"outcome `Species` has level\(s\) not seen in training: other",
    ),
    (
        "NA when training more",
        lambda m: pb.fit(m, with_one("Petal.Length", 2, np.nan), target="Species", verbose=0),
        pb.InputError,
        r"`Petal.Length` \(1 row\)",
    ),
    (
        "missing column when training more",
        lambda m: pb.fit(m, training_frame().drop(columns="site"), target="Species", verbose=0),
        pb.InputError,
        r"`site`",
    ),
]


@pytest.mark.parametrize("call, error, culprit", [c[1:] for c in AFTER_FIT], ids=[c[0] for c in AFTER_FIT])
def test_bad_input_after_fit(fitted, call, error, culprit):
    with pytest.raises(error, match=culprit):
        call(fitted)
    still_predicts(fitted)


def test_extra_columns_are_ignored(fitted):
    frame = training_frame().assign(extra=["x"] * 150, bag=[[1]] * 150)
    pd.testing.assert_frame_equal(pb.predict(fitted, frame), fitted.baseline)


def test_whole_doubles_from_r_are_batch_sizes(fitted):
    # R's 64 is 64.0; Keras's data pipeline refuses a float batch size with a raw TypeError.
    frame = pd.concat([training_frame()] * 3, ignore_index=True)  # over predict()'s one-step size
    assert pb.evaluate(fitted, frame, batch_size=64.0) == pb.evaluate(fitted, frame, batch_size=64)
    pd.testing.assert_frame_equal(pb.predict(fitted, frame, batch_size=64.0), pb.predict(fitted, frame, batch_size=64))


def _by_position(with_outcome=True):
    """iris as pd.DataFrame(array) makes it: integer column labels 0..3 (and the outcome as 4)."""
    frame = training_frame()
    columns = ["Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width"] + (["Species"] if with_outcome else [])
    return pd.DataFrame({i: frame[name] for i, name in enumerate(columns)})


def test_integer_column_labels_are_names_at_fit_and_predict():
    pb.set_random_seed(4)
    model = classifier()
    x = _by_position(with_outcome=False)
    pb.fit(model, x, training_frame()["Species"], epochs=1, verbose=0)  # the training data were refused
    assert model.preprocessor.names == ["0", "1", "2", "3"]
    expected = pb.predict(model, x)
    pd.testing.assert_frame_equal(pb.predict(model, x[[3, 2, 1, 0]]), expected)
    pd.testing.assert_frame_equal(pb.predict(model, x.rename(columns=str)), expected)
    # target = 4 is the column labelled 4 (now "4"), the outcome, not the fifth column by position.
    other = classifier()
    pb.fit(other, _by_position(), target=4, epochs=1, verbose=0)
    assert other.outcome.names == ["4"] and len(pb.predict(other, _by_position())) == 150
    assert set(pb.evaluate(other, _by_position())) == {"loss", "accuracy"}


def test_multiindex_columns_are_joined_names():
    pb.set_random_seed(5)
    frame = training_frame()[["Sepal.Length", "Sepal.Width", "Petal.Length", "Petal.Width", "Species"]]
    frame.columns = pd.MultiIndex.from_tuples(
        [("sepal", "length"), ("sepal", "width"), ("petal", "length"), ("petal", "width"), ("Species", "")]
    )
    model = classifier()
    pb.fit(model, frame, target="Species", epochs=1, verbose=0)
    assert model.preprocessor.names == ["sepal_length", "sepal_width", "petal_length", "petal_width"]
    expected = pb.predict(model, frame)
    pd.testing.assert_frame_equal(pb.predict(model, frame.iloc[:, ::-1]), expected)
    flat = frame.copy()
    flat.columns = ["sepal_length", "sepal_width", "petal_length", "petal_width", "Species"]
    pd.testing.assert_frame_equal(pb.predict(model, flat), expected)
