"""Installing pybridge: each missing extra is named in the error, with the distribution's own name."""
import subprocess
import sys

import pytest

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
