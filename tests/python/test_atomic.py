"""atomic.replacing(): the target is replaced whole or left alone. Killed writers are in
tests/python/faults/test_file_faults.py; these are the cases a single process can show."""

import os
import subprocess
import sys

import pytest

from pybridge import atomic


def test_an_error_while_writing_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "data.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError, match="disk full"), atomic.replacing(target) as temporary:
        with open(temporary, "w") as handle:
            handle.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["data.csv"]


def test_a_block_that_writes_nothing_leaves_the_target_alone(tmp_path):
    target = tmp_path / "model.keras"
    target.write_text("old")
    with atomic.replacing(target, suffix=".keras") as temporary:
        assert temporary.endswith(".keras") and os.path.dirname(temporary) == str(tmp_path)
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["model.keras"]


def test_the_new_file_keeps_the_old_permissions_and_a_link_stays_a_link(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    atomic.write_text(link, "new\r\n")
    assert link.is_symlink() and real.read_bytes() == b"new\r\n"
    assert real.stat().st_mode & 0o777 == 0o640


def test_a_dead_writers_temporary_file_is_removed_by_the_next_write_a_live_ones_is_not(tmp_path):
    target = tmp_path / "model.keras"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    orphan = atomic._temporary_name(str(target), ".keras").replace(f"-{os.getpid()}-", f"-{dead.stdout.strip()}-")
    live = atomic._temporary_name(str(target), ".keras")  # this process: still writing, as it were
    for path in (orphan, live):
        open(path, "w").close()
    atomic.write_text(target, "new")
    assert sorted(os.listdir(tmp_path)) == sorted(["model.keras", os.path.basename(live)])
