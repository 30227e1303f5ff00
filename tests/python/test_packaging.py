"""Installing pybridge: a wheel built from the checkout works in a fresh environment, and each missing
extra is named in the error, with the distribution's own name (pybridge-keras)."""

import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import REPO, readme_block

import pybridge as pb


def run_without(module, code):
    """Run ``code`` in a fresh Python where importing ``module`` fails as if it were not installed."""
    blocked = f"import sys; sys.modules[{module!r}] = None\n"
    return subprocess.run([sys.executable, "-c", blocked + code], timeout=300, capture_output=True, text=True)


def test_import_without_tensorflow_names_the_extra():
    result = run_without("tensorflow", "import pybridge")
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert 'pip install "pybridge-keras[cpu]"' in result.stderr
    assert "No module named 'tensorflow'" not in result.stderr


def test_rhost_without_rpy2_names_the_extra():
    result = run_without("rpy2.robjects", "from pybridge import rhost\nrhost.start()")
    assert result.returncode != 0
    assert 'pip install "pybridge-keras[r]"' in result.stderr


def test_parquet_without_pyarrow_names_the_extra(tmp_path, regression_frame, monkeypatch):
    path = tmp_path / "data.parquet"
    regression_frame.to_parquet(path)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(pb.InputError, match=r'pip install "pybridge-keras\[parquet\]"'):
        pb.fit(model, str(path), target="y", epochs=1, verbose=0)


def test_sklearn_module_without_scikit_learn_names_the_extra():
    result = run_without("sklearn", "import pybridge.sklearn")
    assert result.returncode != 0
    assert 'pip install "pybridge-keras[sklearn]"' in result.stderr


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_runs_the_readme_quick_start(tmp_path):
    # Built from a copy of the package's files: setuptools leaves build/ and *.egg-info next to its input.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE", "LICENSE.md"):
        shutil.copy(os.path.join(REPO, name), source)
    shutil.copytree(os.path.join(REPO, "pybridge"), source / "pybridge", ignore=shutil.ignore_patterns("__pycache__"))
    check([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(source)])
    [wheel] = (tmp_path / "dist").glob("pybridge_keras-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        licence = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE.md"))
        assert "Permission is hereby granted" in archive.read(licence).decode()
        assert "pybridge/py.typed" in names and "pybridge/sklearn/__init__.py" in names

    venv = tmp_path / "venv"
    check([sys.executable, "-m", "venv", str(venv)])
    python = str(venv / "bin" / "python")
    check([python, "-m", "pip", "install", "-q", f"{wheel}[cpu,sklearn]", "numpy>=2", "pandas>=3"])
    # Away from the checkout and without PYTHONPATH, so `import pybridge` finds the installed wheel.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    code = (
        "import numpy, pandas, pybridge\n"
        "print('versions', numpy.__version__, pandas.__version__, pybridge.__file__)\n"
        + readme_block("python", "pybridge.sklearn")
    )
    result = subprocess.run([python, "-c", code], cwd=tmp_path, env=env, timeout=600, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    found = re.search(r"^versions (\d+)\.\S* (\d+)\.\S* (\S+)$", result.stdout, re.M)
    assert found, result.stdout + result.stderr[-2000:]
    assert int(found[1]) >= 2 and int(found[2]) >= 3 and found[3].startswith(str(venv)), result.stdout
    accuracy = re.search(r"test accuracy: ([0-9.]+)", result.stdout)
    assert accuracy and float(accuracy[1]) > 0.85, result.stdout


def check(command):
    result = subprocess.run(command, timeout=1200, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"


def test_import_and_first_fit_print_no_tensorflow_start_up_lines_unless_asked():
    """TensorFlow's C++ start-up lines stay off stderr by default; the user's TF_CPP_MIN_LOG_LEVEL wins."""
    code = (
        "import pandas as pd, pybridge as pb\n"
        "frame = pd.DataFrame({'x': [0.0, 1.0, 2.0, 3.0], 'y': [0.0, 1.0, 2.0, 3.0]})\n"
        "model = pb.keras_model_sequential(input_shape=1)\n"
        "pb.layer_dense(model, units=1)\n"
        "pb.compile(model, optimizer='adam', loss='mse')\n"
        "pb.fit(model, frame, target='y', epochs=1, verbose=0)\n"
        "print('done')\n"
    )
    start_up_line = re.compile(r"absl::InitializeLog|cpu_feature_guard|oneDNN custom operations")

    def run(level):
        env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
        if level is not None:
            env["TF_CPP_MIN_LOG_LEVEL"] = level
        result = subprocess.run([sys.executable, "-c", code], env=env, timeout=300, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        return result.stdout + result.stderr

    assert not start_up_line.search(run(None))
    assert start_up_line.search(run("0"))
