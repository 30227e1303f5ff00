#!/usr/bin/env bash
# Creates .venv (git-ignored) with the Keras stack and pybridge in editable mode, constrained to what
# the installed R and reticulate can use (tools/choose-constraints.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYBRIDGE_BOOTSTRAP_PYTHON:-python3}
extras=${PYBRIDGE_EXTRAS:-cpu,r,demo,test}
[ -x .venv/bin/python ] || "$python" -m venv .venv
tools/choose-constraints.sh .venv/pybridge-constraints.txt
pip_quiet() { .venv/bin/python -m pip "$@" > .venv/pip.log 2>&1 || { grep -v "^WARNING: Location" .venv/pip.log; exit 1; }; }
pip_quiet install -q --upgrade pip
pip_quiet install -q -c .venv/pybridge-constraints.txt -e ".[$extras]"
.venv/bin/python -c 'import sys, numpy, pandas, keras, tensorflow as tf, importlib.metadata as md; print("setup: python", sys.version.split()[0], "numpy", numpy.__version__, "pandas", pandas.__version__, "keras", keras.__version__, "tensorflow", tf.__version__, "rpy2", md.version("rpy2"))'
