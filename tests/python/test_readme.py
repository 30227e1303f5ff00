"""The README's R and Python examples run exactly as written."""

import subprocess
import sys

from conftest import REPO, readme_block


def test_python_example_runs(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", readme_block("python")], cwd=REPO, timeout=300, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert ".pred_class" in result.stdout


def test_r_example_runs(rscript, r_env, tmp_path):
    script = tmp_path / "readme.R"
    script.write_text(readme_block("r") + "\nprint(head(predict(model, iris)))\n")
    result = subprocess.run([rscript, str(script)], cwd=REPO, env=r_env, timeout=300, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    assert ".pred_class" in result.stdout


def test_python_hosting_r_example_runs(r_env):
    result = subprocess.run(
        [sys.executable, "-c", readme_block("python", "rhost.start()")],
        cwd=REPO,
        env=r_env,
        timeout=300,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert ".pred_setosa" in result.stdout
