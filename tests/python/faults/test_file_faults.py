"""Fault suite for files: real processes killed (SIGKILL) while they write model files, checkpoints and
backups, and processes writing one file concurrently while another reads it. Afterwards every file
loads and is the old version or the new one, whole; a killed writer's temporary file is removed by
the next write. Each test starts TensorFlow in child processes (about 10 s each, run side by side):
that is what a kill needs, and why these take longer than a unit test."""

import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile

import keras
import numpy as np
from conftest import REPO, iris_frame

import pybridge as pb

CHILD = r"""
import os, sys, time
import numpy as np
import keras
import pybridge as pb

def network(units, marker):
    net = keras.Sequential([keras.Input((units,)), keras.layers.Dense(units)])
    net.layers[0].set_weights([np.full((units, units), marker, "float32"), np.full(units, marker, "float32")])
    return net

job, path = sys.argv[1], sys.argv[2]
if job == "save":  # save one model over `path` `times` times (0: until killed)
    units, marker, times = int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
    model = pb.Model(network(units, marker))
    print("ready", flush=True)
    count = 0
    while times == 0 or count < times:
        pb.save_model(model, path, overwrite=True)
        count += 1
elif job == "fit":  # train a large network on iris, checkpointing and backing up every epoch
    os.makedirs(path, exist_ok=True)
    sys.path.insert(0, os.path.join(sys.argv[3], "tests", "python"))
    from conftest import iris_frame
    pb.set_random_seed(1)
    model = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(model, units=1500, activation="relu")
    pb.layer_dense(model, units=1500, activation="relu")
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy")
    ready = pb.callback_lambda(on_epoch_end=lambda epoch, logs: epoch == 1 and print("ready", flush=True))
    callbacks = [
        pb.callback_model_checkpoint(filepath=os.path.join(path, "ckpt.keras")),
        pb.callback_backup_and_restore(backup_dir=os.path.join(path, "backup")),
        pb.callback_csv_logger(filename=os.path.join(path, "log.csv")),
        ready,
    ]
    pb.fit(model, iris_frame(), target="Species", epochs=100000, verbose=0, callbacks=callbacks)
"""


def _network(units, marker):
    network = keras.Sequential([keras.Input((units,)), keras.layers.Dense(units)])
    network.layers[0].set_weights([np.full((units, units), marker, "float32"), np.full(units, marker, "float32")])
    return network


def _child(*args):
    env = dict(os.environ, PYTHONPATH=REPO, TF_CPP_MIN_LOG_LEVEL="3")
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def _wait_ready(child):
    """Reads the child's output up to its "ready" line; a failure shows everything it printed."""
    lines = []
    while True:
        line = child.stdout.readline()
        if not line or line.strip() == "ready":
            break
        lines.append(line)
    assert line.strip() == "ready", f"child failed to start (exit {child.poll()}): {''.join(lines)}"


def _marker(path):
    """The one value every weight of a saved marker network holds: the file is whole and one version."""
    weights = pb.load_model(path).get_weights()
    values = np.unique(np.concatenate([w.ravel() for w in weights]))
    assert len(values) == 1, f"{path} mixes weights of several versions: {values[:5]}"
    return float(values[0])


def _leftovers(folder, name):
    return sorted(f for f in os.listdir(folder) if f != name and name in f)


def test_kill_during_save_model_leaves_the_old_or_the_new_file(tmp_path):
    """kill -9 of a process in the middle of save_model(overwrite = TRUE) of a 30 MB model, at random
    moments, in three processes at once: the file is always the previous model or the new one."""
    units, paths = 2700, [tmp_path / f"model{i}.keras" for i in range(3)]
    for path in paths:
        pb.save_model(pb.Model(_network(units, 1.0)), path)
    children = [_child("save", path, units, 2.0, 0) for path in paths]
    for child in children:
        _wait_ready(child)
    rng = random.Random()
    for child in children:
        time.sleep(rng.uniform(0.2, 1.5))  # about 10 saves in all before the last kill
        child.send_signal(signal.SIGKILL)
        child.wait()
    orphans = 0
    for path in paths:
        assert _marker(path) in (1.0, 2.0)
        leftovers = _leftovers(tmp_path, path.name)
        assert all(".pbtmp-" in f for f in leftovers), leftovers  # only a killed writer's temporary file
        orphans += len(leftovers)
        pb.save_model(pb.Model(_network(units, 3.0)), path, overwrite=True)
        assert _leftovers(tmp_path, path.name) == []  # the next write removed it
        assert _marker(path) == 3.0
    assert orphans >= 1, "no kill landed while a file was being written; the test proved nothing"


def test_concurrent_writers_and_a_reader_see_only_whole_files(tmp_path):
    """Two processes saving different models to one path many times while this one keeps loading it:
    every load succeeds and gives one writer's model whole; the last writer's file stays."""
    path, units = tmp_path / "shared.keras", 200
    pb.save_model(pb.Model(_network(units, 1.0)), path)
    writers = [_child("save", path, units, marker, 40) for marker in (3.0, 4.0)]
    for writer in writers:
        _wait_ready(writer)
    loads, seen, failures = 0, set(), []
    while any(w.poll() is None for w in writers):
        try:
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None
            seen.add(_marker(path))
            loads += 1
        except Exception as err:  # noqa: BLE001 - every failure is recorded and reported
            failures.append(f"{type(err).__name__}: {err}")
    assert [w.returncode for w in writers] == [0, 0]
    assert failures == [], f"{len(failures)} of {loads + len(failures)} reads failed: {failures[:3]}"
    assert loads >= 3 and seen <= {1.0, 3.0, 4.0}
    assert _marker(path) in (3.0, 4.0)
    assert os.listdir(tmp_path) == ["shared.keras"]


def test_kill_during_fit_leaves_whole_checkpoints_backups_and_logs(tmp_path):
    """kill -9 of processes training with callback_model_checkpoint(), callback_backup_and_restore()
    and callback_csv_logger(), each written every epoch (three processes, killed at random moments):
    afterwards the checkpoint loads and predicts, the backup's weights and epoch record read back,
    and the log holds whole rows only."""
    folders = [tmp_path / f"run{i}" for i in range(3)]
    children = [_child("fit", folder, REPO) for folder in folders]
    for child in children:
        _wait_ready(child)  # an epoch done: every file exists
    rng = random.Random()
    for child in children:
        time.sleep(rng.uniform(0.3, 2.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
    iris = iris_frame()
    for folder in folders:
        checkpoint = pb.load_model(folder / "ckpt.keras")
        assert pb.predict(checkpoint, iris).shape == (150, 4)
        record = json.loads((folder / "backup" / "training_metadata.json").read_text())
        assert record["epoch"] >= 1
        network = keras.Sequential(
            [keras.Input((4,)), keras.layers.Dense(1500), keras.layers.Dense(1500), keras.layers.Dense(3)]
        )
        network.load_weights(folder / "backup" / "latest.weights.h5")
        rows = (folder / "log.csv").read_text().split("\n")
        assert rows[-1] == "" and len(rows) >= 3  # ends with a whole line
        assert {len(row.split(",")) for row in rows[:-1]} == {len(rows[0].split(","))}
