"""inst/examples/sklearn_example.py runs as documented and its networks learn."""

import os
import re
import subprocess
import sys

from conftest import REPO


def test_sklearn_example_runs(tmp_path):
    script = os.path.join(REPO, "inst", "examples", "sklearn_example.py")
    result = subprocess.run(
        [sys.executable, script, str(tmp_path)], cwd=REPO, timeout=600, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    means = [float(m) for m in re.findall(r"mean (-?[0-9.]+)", result.stdout)]
    assert len(means) == 2 and min(means) > 0.3, result.stdout
    assert (tmp_path / "diabetes.joblib").is_file()
