"""R data.frame -> pandas: pybridge's column-wise NumPy path (pybridge.interop.sexp.as_frame) against rpy2's
pandas2ri, on one 1e6 x 5 mixed frame, in the same run. Prints both times and the ratio, and asserts
that both give the same values (pandas2ri's NA sentinels and float days mapped to pybridge's forms).
Then a 1e6 x 50 double R frame all the way to the float32 array Keras trains on (as_frame, then the
encoding), each step as a ratio to one NumPy float64 -> float32 astype of the same values measured in
the same run, between the steps.

    .venv/bin/python bench/rdata_conversion.py [rows]
"""

import os
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from pybridge import rhost  # noqa: E402
from pybridge.interop import sexp as rdata  # noqa: E402

R_FRAME = """
  set.seed(1)
  n <- {rows}
  data.frame(
    x = ifelse(runif(n) < 0.05, NA, rnorm(n)),                          # double with NA
    i = ifelse(runif(n) < 0.10, NA, sample.int(100L, n, TRUE)),         # integer with NA
    f = factor(sample(c("low", "mid", "high", NA), n, TRUE), levels = c("low", "mid", "high", "unused")),
    l = ifelse(runif(n) < 0.10, NA, runif(n) < 0.5),                    # logical with NA
    d = as.Date("2020-01-01") + ifelse(runif(n) < 0.05, NA, sample.int(1000L, n, TRUE))  # Date with NA
  )
"""


def best_of(repeats, fn):
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def pandas2ri_frame(frame):
    import rpy2.robjects as ro
    from rpy2.robjects import pandas2ri
    from rpy2.robjects.conversion import localconverter

    with localconverter(ro.default_converter + pandas2ri.converter):
        return ro.conversion.get_conversion().rpy2py(frame)


def check_same_values(ours, theirs):
    """pandas2ri's forms -> pybridge's: INT_MIN and NA sentinels to missing, float days to dates."""
    import rpy2.rinterface as ri

    assert list(ours.columns) == list(theirs.columns) and len(ours) == len(theirs)
    np.testing.assert_array_equal(ours["x"].to_numpy(), theirs["x"].to_numpy())
    their_i = theirs["i"].to_numpy()
    np.testing.assert_array_equal(ours["i"].isna().to_numpy(), their_i == rhost.R_INT_NA)
    np.testing.assert_array_equal(
        ours["i"].to_numpy(dtype="float64", na_value=np.nan), np.where(their_i == rhost.R_INT_NA, np.nan, their_i)
    )
    assert list(ours["f"].cat.categories) == list(theirs["f"].cat.categories)
    np.testing.assert_array_equal(ours["f"].cat.codes.to_numpy(), theirs["f"].cat.codes.to_numpy())
    their_l = pd.array([None if v is ri.NA_Logical else bool(v) for v in theirs["l"]], dtype="boolean")
    assert ours["l"].array.equals(their_l)
    their_days = theirs["d"].to_numpy()
    our_days = ours["d"].to_numpy().astype("datetime64[D]").astype("float64")
    our_days[ours["d"].isna().to_numpy()] = np.nan
    np.testing.assert_array_equal(our_days, their_days)


def numeric_to_float32(rows, columns=50, repeats=3):
    """An R frame of doubles (rpy2) -> pandas -> float32, against astype in the same run."""
    import rpy2.rinterface as ri

    from pybridge.encoding.predictors import Preprocessor

    frame = ri.evalr(f"set.seed(2); as.data.frame(matrix(rnorm({rows} * {columns}), {rows}))")
    pandas_frame = rdata.as_frame(frame)
    block = np.ascontiguousarray(pandas_frame.to_numpy(dtype="float64"))
    preprocessor = Preprocessor.fit(pandas_frame)
    best = {}
    for _ in range(repeats):
        for step, function in (
            ("astype", lambda: block.astype(np.float32)),
            ("as_frame", lambda: rdata.as_frame(frame)),
            ("transform", lambda: preprocessor.transform(pandas_frame)),
        ):
            best[step] = min(best.get(step, np.inf), best_of(1, function)[0])
    astype = best["astype"]
    print(f"\n{rows} x {columns} double R data.frame -> float32 (rpy2); astype {astype:.3f} s, best of {repeats}")
    for step, label in (
        ("as_frame", "R -> pandas (rdata.as_frame, one copy)"),
        ("transform", "pandas -> float32 (transform)"),
    ):
        print(f"  {label + ':':<40} {best[step]:8.3f} s {best[step] / astype:6.2f}x astype")
    total = best["as_frame"] + best["transform"]
    print(f"  {'R -> float32 in all:':<40} {total:8.3f} s {total / astype:6.2f}x astype")


def main(rows=1_000_000):
    rhost.start()
    import rpy2.rinterface as ri

    frame = ri.evalr(R_FRAME.format(rows=rows))
    ours_s, ours = best_of(3, lambda: rdata.as_frame(frame))
    theirs_s, theirs = best_of(1, lambda: pandas2ri_frame(frame))
    check_same_values(ours, theirs)
    print(f"{rows} x {frame.__len__()} mixed R data.frame -> pandas")
    print(f"  pybridge (rdata.as_frame): {ours_s:8.3f} s")
    print(f"  rpy2 pandas2ri:            {theirs_s:8.3f} s")
    print(f"  ratio: {theirs_s / ours_s:.0f}x faster; values identical")
    numeric_to_float32(rows)


if __name__ == "__main__":
    main(int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000)
