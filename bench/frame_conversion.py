"""Benchmark (not a test): a 1e6 x 50 numeric R data frame into the float32 array Keras trains on.

    .venv/bin/python bench/frame_conversion.py            # BENCH_ROWS, BENCH_COLS, BENCH_REPEATS to change

Runs bench/frame_conversion.R under Rscript (R hosts Python through reticulate, as R users do) with this
checkout's R library and Python, and prints each piece's time as a ratio to one NumPy float64 -> float32
astype of the same values in the same process, and the peak memory each piece adds.
"""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    env = dict(os.environ, R_LIBS=os.path.join(ROOT, ".Rlib"), TF_CPP_MIN_LOG_LEVEL="2")
    env.setdefault("PYBRIDGE_PYTHON", os.path.join(ROOT, ".venv", "bin", "python"))
    script = os.path.join(ROOT, "bench", "frame_conversion.R")
    return subprocess.run(["Rscript", script], env=env, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main())
