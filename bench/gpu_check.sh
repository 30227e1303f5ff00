#!/usr/bin/env bash
# The GPU check, run once on a lent GPU machine (the `device` tool) from the repo root. That machine
# has JAX with CUDA but neither TensorFlow nor R, and nothing can be installed there but carried
# wheels (.whl: keras, namex, optree), so this runs plain Keras against pybridge from Python, both on
# Keras's JAX backend, on the same card. Writes what it prints to $OUT/gpu.txt.
set -uo pipefail
out=${OUT:-output/gpu}
mkdir -p "$out"
{
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
  export PYTHONPATH=/tmp/site:$PWD KERAS_BACKEND=jax PYBRIDGE_BENCH_GPU=1 PYTHONUNBUFFERED=1
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c 'import jax, keras, numpy, pandas; print("jax", jax.__version__, jax.devices(), "keras", keras.__version__, keras.backend.backend(), "numpy", numpy.__version__, "pandas", pandas.__version__)'
  echo "== plain Keras"; python3 bench/plain_keras.py
  echo "== pybridge from Python"; python3 bench/pybridge_python.py
} 2>&1 | tee "$out/gpu.txt"
