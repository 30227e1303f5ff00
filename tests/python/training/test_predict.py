"""training/predict.py: predictions for any number of rows, none included."""

import numpy as np
import pandas as pd
import pytest

import pybridge as pb


@pytest.mark.parametrize("case", ["classification", "regression"])
def test_zero_rows_give_a_zero_row_frame_with_the_columns_and_types_of_one_row(iris, case):
    model = pb.keras_model_sequential()
    if case == "classification":
        pb.layer_dense(model, units=3, activation="softmax")
        pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy")
        pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    else:
        pb.layer_dense(model, units=1)
        pb.compile(model, optimizer="adam", loss="mse")
        pb.fit(model, iris.drop(columns="Species"), target="Sepal.Length", epochs=1, verbose=0)
    one, none = pb.predict(model, iris.iloc[:1]), pb.predict(model, iris.iloc[:0])
    assert len(none) == 0
    pd.testing.assert_series_equal(none.dtypes, one.dtypes)
    for kind in ("class", "prob", "raw") if case == "classification" else ("numeric", "raw"):
        assert list(pb.predict(model, iris.iloc[:0], type=kind).columns) == list(
            pb.predict(model, iris.iloc[:1], type=kind).columns
        )
    assert np.asarray(none).shape == (0, one.shape[1])
