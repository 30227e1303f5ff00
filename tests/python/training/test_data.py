"""training.data: the NA policy applied to x, y and weights before anything is learnt."""

import numpy as np
import pandas as pd
import pytest

import pybridge as pb
from pybridge.training.data import drop_missing


def test_missing_values_are_found_whatever_the_frame_layout_and_a_huge_sum_is_not_one():
    rng = np.random.default_rng(4)
    array = rng.normal(size=(500, 4))
    frames = {
        "one C-ordered array": pd.DataFrame(array, columns=list("abcd")),
        "separate columns": pd.DataFrame({name: array[:, j].copy() for j, name in enumerate("abcd")}),
    }
    y = np.arange(500.0)
    for layout, frame in frames.items():
        assert drop_missing([frame, y, None], "fail", "x")[1] == 0, layout
        frame = frame.copy()
        frame.loc[7, "b"], frame.loc[9, "d"], frame.loc[11, "d"] = np.nan, np.inf, -np.inf
        (x, kept_y, _), omitted = drop_missing([frame, y, None], "omit", "x")
        assert omitted == 3 and 7 not in kept_y and 9 not in kept_y and len(x) == 497, layout
        with pytest.raises(pb.InputError, match=r"`b` \(1 row\), `d` \(2 rows\)"):
            drop_missing([frame, y, None], "fail", "x")
    # Finite values whose sum overflows float64 are not missing: found column by column instead.
    huge = pd.DataFrame({"a": [1e308, 1e308, 1.0], "n": np.array([1, 2, 3], dtype=np.int32)})
    assert drop_missing([huge, np.zeros(3), None], "fail", "x")[1] == 0
