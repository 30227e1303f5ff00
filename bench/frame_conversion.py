"""Benchmark (not a test): a 1e6 x 50 numeric data frame into the float32 array Keras trains on, from
Python (a pandas DataFrame) and from R (an R data.frame), each piece as a ratio to one NumPy float64 ->
float32 astype of the same values measured in the same process, interleaved with it (the fastest of
each over the repeats, so a burst of load on a shared machine falls on both), and the peak memory each
piece adds above the input (the float32 result alone is half the input's size).

    .venv/bin/python bench/frame_conversion.py            # BENCH_ROWS, BENCH_COLS, BENCH_REPEATS to change

The R part runs bench/frame_conversion.R under Rscript (R hosts Python through reticulate, as R users do)
with this checkout's R library (R_LIBS when set) and Python.
"""

import functools
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from pybridge.encoding.predictors import Preprocessor  # noqa: E402

ROWS = int(float(os.environ.get("BENCH_ROWS", "1000000")))
COLS = int(os.environ.get("BENCH_COLS", "50"))
REPEATS = int(os.environ.get("BENCH_REPEATS", "5"))


def status_mib(field):
    with open("/proc/self/status") as f:
        line = next(line for line in f if line.startswith(field + ":"))
    return int(line.split()[1]) / 1024


def measured(function):
    """(seconds, peak MiB added above the resident size before, result)."""
    with open("/proc/self/clear_refs", "w") as f:  # resets VmHWM (Linux >= 4.0)
        f.write("5")
    before = status_mib("VmRSS")
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, status_mib("VmHWM") - before, result


def python_frames(rng):
    array = rng.normal(size=(ROWS, COLS))
    names = [f"V{j + 1}" for j in range(COLS)]
    # pd.DataFrame(array) keeps the array: its columns interleaved, row by row. A frame of separate
    # columns (read_csv, a dict of arrays) holds each column in one piece.
    yield "made from a NumPy array", pd.DataFrame(array, columns=names, copy=False)
    yield "of separate columns", pd.DataFrame({name: array[:, j].copy() for j, name in enumerate(names)})


def best_of_repeats(frame):
    """Each piece's fastest time and largest peak over the repeats, astype among them."""
    block = np.ascontiguousarray(frame.to_numpy(dtype="float64"))  # astype's input: the same values
    best, preprocessor = {}, None
    for _ in range(REPEATS):
        seconds = {}
        seconds["astype"], peak_astype, _ = measured(lambda: block.astype(np.float32))
        seconds["learn"], peak_learn, preprocessor = measured(lambda: Preprocessor.fit(frame))
        seconds["transform"], peak_transform, _ = measured(functools.partial(preprocessor.transform, frame))
        peaks = {"astype": peak_astype, "learn": peak_learn, "transform": peak_transform}
        for piece in seconds:
            old = best.get(piece, (np.inf, 0.0))
            best[piece] = (min(old[0], seconds[piece]), max(old[1], peaks[piece]))
    return best


def python_part():
    rng = np.random.default_rng(1)
    print(f"Python: pandas DataFrame, {ROWS} rows x {COLS} float64 columns -> float32; best of {REPEATS}")
    for label, frame in python_frames(rng):
        best = best_of_repeats(frame)
        astype = best["astype"][0]
        print(f"  frame {label}: astype {astype:.3f} s")
        for piece, what in (("transform", "transform to float32"), ("learn", "learn preprocessing (fit)")):
            seconds, peak = best[piece]
            print(f"    {what:<40} {seconds:7.3f} s {seconds / astype:6.2f}x astype  peak +{peak:5.0f} MiB")


def r_part():
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")
    env.setdefault("R_LIBS", os.path.join(ROOT, ".Rlib"))
    env.setdefault("PYBRIDGE_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
    script = os.path.join(ROOT, "bench", "frame_conversion.R")
    print("R: data.frame through reticulate", flush=True)
    return subprocess.run(["Rscript", script], env=env, cwd=ROOT).returncode


def main():
    python_part()
    sys.stdout.flush()
    return r_part()


if __name__ == "__main__":
    sys.exit(main())
