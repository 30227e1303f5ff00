"""R data in Python (pybridge/interop/sexp.py): rpy2 data frames taken by the Python API with R's meaning.

These tests embed R in the pytest process through rpy2 (pybridge.rhost.start()). That is safe here:
pytest never starts reticulate, and test_rhost.py checks in a subprocess that such a process exits
cleanly.
"""

import numpy as np
import pandas as pd
import pytest
from conftest import require_embedded_r

import pybridge as pb


@pytest.fixture(scope="module")
def r():
    require_embedded_r()
    from pybridge import rhost

    rhost.start()
    import rpy2.rinterface as ri

    return ri.evalr


MIXED = """
data.frame(
  num = c(1.5, NA, NaN, -2),
  int = c(1L, NA, 3L, 4L),
  fct = factor(c("b", NA, "a", "b"), levels = c("b", "a", "unused")),
  ord = factor(c("lo", "hi", "lo", NA), levels = c("lo", "hi"), ordered = TRUE),
  lgl = c(TRUE, NA, FALSE, TRUE),
  chr = c("x", NA, "y", "x"),
  day = as.Date(c("2020-01-02", NA, "1969-12-31", "1970-01-01")),
  stringsAsFactors = FALSE
)
"""


def test_an_r_data_frame_keeps_types_levels_and_missing_values(r):
    from pybridge.interop.sexp import as_frame

    df = as_frame(r(MIXED))
    assert list(df.columns) == ["num", "int", "fct", "ord", "lgl", "chr", "day"]
    assert df["num"].dtype == np.float64 and df["num"].isna().tolist() == [False, True, True, False]
    assert str(df["int"].dtype) == "Int32" and df["int"].isna().tolist() == [False, True, False, False]
    assert df["int"].iloc[3] == 4
    # Factors keep every level, unused ones too, in R's order; NA is a missing category.
    assert list(df["fct"].cat.categories) == ["b", "a", "unused"]
    assert df["fct"].isna().tolist() == [False, True, False, False] and df["fct"].iloc[2] == "a"
    assert list(df["ord"].cat.categories) == ["lo", "hi"] and df["ord"].isna().tolist() == [False] * 3 + [True]
    assert str(df["lgl"].dtype) == "boolean" and df["lgl"].isna().tolist() == [False, True, False, False]
    assert df["lgl"].iloc[2] is np.False_ or df["lgl"].iloc[2] == False  # noqa: E712
    assert df["chr"].tolist() == ["x", None, "y", "x"]
    assert df["day"].dtype == "datetime64[ns]"
    assert df["day"].isna().tolist() == [False, True, False, False]
    assert str(df["day"].iloc[0].date()) == "2020-01-02" and str(df["day"].iloc[2].date()) == "1969-12-31"


def test_the_rpy2_path_decodes_as_the_r_transport_does(r):
    # interop.sexp reads R's memory directly; R/bridge-wire.R's encoding (what reticulate carries) must give the
    # same frame, since both end in rbridge.decode_vector.
    from pybridge import rhost
    from pybridge.interop.sexp import as_frame

    frame = r(MIXED)
    pd.testing.assert_frame_equal(as_frame(frame), rhost.from_r(frame))


def test_r_matrices_and_vectors_keep_r_indexing_and_meaning(r):
    from pybridge.interop.sexp import as_data

    matrix = as_data(r("matrix(1:6, nrow = 2)"))
    assert matrix.shape == (2, 3) and matrix[1, 2] == 6 and matrix[0, 1] == 3
    with_na = as_data(r("matrix(c(1L, NA, 3L, 4L), 2)"))
    assert np.isnan(with_na[1, 0]) and with_na[0, 1] == 3
    factor = as_data(r('factor(c("u", "v", NA))'))
    assert isinstance(factor, pd.Series) and list(factor.cat.categories) == ["u", "v"]
    assert factor.isna().tolist() == [False, False, True]


def test_columns_python_cannot_take_are_named(r):
    from pybridge.interop.sexp import as_frame

    frame = r("df <- data.frame(a = 1:2); df$lst <- list(1, 'x'); df")
    with pytest.raises(pb.InputError, match="column `lst` is an R list"):
        as_frame(frame)


def test_fit_predict_evaluate_take_r_data_frames_as_pandas_frames(r, iris):
    r_iris = r("iris")

    def trained(data):
        pb.set_random_seed(4)
        model = pb.keras_model_sequential(input_shape=4)
        pb.layer_dense(model, units=3, activation="softmax")
        pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
        pb.fit(model, data, target="Species", epochs=2, batch_size=16, verbose=0, seed=4)
        return model

    from_r, from_pandas = trained(r_iris), trained(iris)
    pd.testing.assert_frame_equal(pb.predict(from_r, r_iris), pb.predict(from_pandas, iris), atol=1e-5)
    assert pb.evaluate(from_r, r_iris) == pytest.approx(pb.evaluate(from_pandas, iris), abs=1e-5)
    # x and y as R objects: an R data.frame of predictors and an R factor.
    x, y = r("iris[1:4]"), r("iris$Species")
    predictions = pb.predict(from_r, x)
    assert len(predictions) == 150 and list(predictions[".pred_class"].cat.categories) == [
        "setosa",
        "versicolor",
        "virginica",
    ]
    assert set(pb.evaluate(from_r, x, y)) == {"loss", "accuracy"}
    history = pb.fit(from_r, x, y, epochs=1, verbose=0, validation_data=r("list(iris[1:4], iris$Species)"))
    assert "val_loss" in history.metrics


def test_read_rds_gives_a_pandas_frame(r, tmp_path):
    from pybridge import read_rds
    from pybridge.interop.sexp import as_frame

    path = tmp_path / "mixed.rds"
    r(f'saveRDS({MIXED.strip()}, "{path}")')
    pd.testing.assert_frame_equal(read_rds(path), as_frame(r(MIXED)))
    not_a_frame = tmp_path / "vector.rds"
    r(f'saveRDS(1:3, "{not_a_frame}")')
    with pytest.raises(pb.InputError, match="vector.rds holds an R integer"):
        read_rds(not_a_frame)


# bit64's integer64 without bit64 (not a dependency): its int64 bits, low and high 32-bit halves, in
# a double vector of class "integer64". NA is INT64_MIN, whose high half is R's NA_integer_'s bits.
INTEGER64 = """
local({
  int64 <- function(low, high) {
    bytes <- unlist(Map(function(l, h) c(writeBin(l, raw(), size = 4, endian = "little"),
                                          writeBin(h, raw(), size = 4, endian = "little")), low, high))
    structure(readBin(bytes, "double", n = length(low), size = 8, endian = "little"), class = "integer64")
  }
  structure(list(small = int64(c(1L, -5L, 0L, 0L), c(0L, -1L, NA, 2097152L)),
                 big = int64(c(1L, 0L, 2L, 3L), c(0L, 268435456L, 0L, 0L)),
                 y = c(1, 2, 3, 4)),
            class = "data.frame", row.names = c(NA, -4L))
})
"""


def test_integer64_columns_are_exact_numbers_by_both_transports(r):
    # Read as the doubles they are stored in, these were denormals (mean 8e-320).
    from pybridge import rhost
    from pybridge.interop.sexp import as_frame

    frame = r(INTEGER64)
    for decoded in (as_frame(frame), rhost.from_r(frame)):
        np.testing.assert_array_equal(decoded["small"].to_numpy(), [1.0, -5.0, np.nan, 2.0**53])


def test_integer64_beyond_2_to_the_53_is_refused_naming_the_column(r):
    frame = r(INTEGER64)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    with pytest.raises(
        pb.InputError, match=r"column `big` is integer64 with values beyond 2\^53 \(such as 1152921504606846976\)"
    ):
        pb.fit(model, frame, target="y", na_action="omit", epochs=1, verbose=0)
    with pytest.raises(pb.InputError, match=r"`y` is integer64 with values beyond 2\^53"):
        pb.fit(model, r("iris[1:4, 1:4]"), r(f"({INTEGER64.strip()})$big"), epochs=1, verbose=0)
