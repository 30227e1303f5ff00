#!/usr/bin/env bash
# The GPU check, run once on a lent GPU machine (the `device` tool) from the repo root. That machine
# has JAX with CUDA but neither TensorFlow nor R, and nothing can be installed there but carried
# wheels (.whl: keras, namex, optree), so plain Keras, pybridge from Python and pybridge's R wire
# path (bench/pybridge_rwire.py) all run on Keras's JAX backend, on the same card, with the GPU batch
# sizes of bench/workloads.py. Writes what it prints, and the results JSON, to $OUT.
set -uo pipefail
out=${OUT:-output/gpu}
mkdir -p "$out"
{
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl
  export PYTHONPATH=/tmp/site:$PWD KERAS_BACKEND=jax PYBRIDGE_BENCH_GPU=1 PYBRIDGE_BENCH_R=wire PYTHONUNBUFFERED=1
  nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
  python3 -c 'import jax, keras, numpy, pandas; print("jax", jax.__version__, jax.devices(), "keras", keras.__version__, keras.backend.backend(), "numpy", numpy.__version__, "pandas", pandas.__version__)'
  python3 bench/run.py
  cp output/bench/results-wire.json "$out/gpu-results.json"
} 2>&1 | tee "$out/gpu.txt"
