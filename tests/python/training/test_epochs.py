"""pybridge.training.epochs: epochs survive a fit() stopped by an error or an interrupt, and every
fit() (resumed from a backup, a checkpoint or with initial_epoch) carries on the true numbering."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import zipfile

import keras
import numpy as np
import pytest

import pybridge as pb

X = np.random.default_rng(0).normal(size=(32, 2)).astype("float32")
Y = X[:, 0] - X[:, 1]
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))


def regressor():
    model = pb.keras_model_sequential(input_shape=2)
    pb.layer("dense", model, units=1)
    return pb.compile(model, optimizer="sgd", loss="mse")


def numbers(model):
    return pb.training_history(model).numbers()


def at_epoch(n, action):
    def on_epoch_end(epoch, logs):
        if epoch == n:
            action()

    return pb.callback_lambda(on_epoch_end=on_epoch_end)


def test_an_error_in_a_callback_keeps_the_epochs_done_and_the_next_fit_continues():
    model = regressor()

    def fail():
        raise RuntimeError("stop at 4")

    with pytest.raises(RuntimeError, match="stop at 4"):
        pb.fit(model, X, Y, epochs=10, verbose=0, callbacks=at_epoch(4, fail))
    assert model.epochs_trained == 4 and numbers(model) == [1, 2, 3, 4]
    assert len(model.histories[0].metrics["loss"]) == 4 and np.isfinite(model.histories[0].metrics["loss"]).all()
    assert pb.fit(model, X, Y, epochs=2, verbose=0).numbers() == [5, 6]
    assert numbers(model) == [1, 2, 3, 4, 5, 6]


def test_a_sigint_keeps_the_epochs_done_and_the_next_fit_continues():
    model = regressor()
    with pytest.raises(KeyboardInterrupt):
        # A real SIGINT to this process, as Ctrl-C sends: Python raises KeyboardInterrupt inside fit().
        pb.fit(model, X, Y, epochs=400, verbose=0, callbacks=at_epoch(3, lambda: os.kill(os.getpid(), signal.SIGINT)))
    assert model.epochs_trained >= 3 and numbers(model) == list(range(1, model.epochs_trained + 1))
    done = model.epochs_trained
    assert pb.fit(model, X, Y, epochs=1, verbose=0).numbers() == [done + 1]


def test_a_fit_stopped_before_its_first_epoch_leaves_no_empty_history():
    model = regressor()
    pb.fit(model, X, Y, epochs=1, verbose=0)
    with pytest.raises(pb.InputError):
        pb.fit(model, X[:, :1], Y, epochs=1, verbose=0)
    assert [h.epochs for h in model.histories] == [1] and model.epochs_trained == 1


def test_initial_epoch_works_as_in_keras():
    model = regressor()
    history = pb.fit(model, X, Y, epochs=8, initial_epoch=5, verbose=0)
    assert history.numbers() == [6, 7, 8] and history.params["epochs"] == 3 and model.epochs_trained == 8
    assert sorted(set(history.to_frame()["epoch"])) == [6, 7, 8]
    assert pb.fit(model, X, Y, epochs=1, verbose=0).numbers() == [9]
    with pytest.raises(pb.ArgumentError, match="initial_epoch = 9.*last epoch"):
        pb.fit(model, X, Y, epochs=9, initial_epoch=9, verbose=0)


def test_a_loaded_checkpoint_continues_numbering_and_names(tmp_path):
    model = regressor()
    path = str(tmp_path / "ckpt-{epoch:03d}.keras")
    checkpoint = pb.callback_model_checkpoint(filepath=path, monitor="loss")
    pb.fit(model, X, Y, epochs=3, verbose=0, callbacks=checkpoint)
    written = {name: os.stat(tmp_path / name).st_mtime_ns for name in ("ckpt-001.keras", "ckpt-002.keras")}
    resumed = pb.load_model(tmp_path / "ckpt-002.keras")
    assert resumed.epochs_trained == 2 and numbers(resumed) == [1, 2]  # the checkpoint holds its own epoch
    again = pb.callback_model_checkpoint(filepath=path, monitor="loss")
    assert pb.fit(resumed, X, Y, epochs=3, verbose=0, callbacks=again).numbers() == [3, 4, 5]
    assert sorted(os.listdir(tmp_path)) == [f"ckpt-00{i}.keras" for i in range(1, 6)]
    assert {name: os.stat(tmp_path / name).st_mtime_ns for name in written} == written  # not overwritten
    assert pb.load_model(tmp_path / "ckpt-005.keras").epochs_trained == 5


def test_a_file_without_an_epoch_count_counts_its_histories(tmp_path):
    model = regressor()
    pb.fit(model, X, Y, epochs=2, initial_epoch=1, verbose=0)
    pb.save_model(model, tmp_path / "m.keras")
    old = tmp_path / "old.keras"  # as files written before pybridge.json had epochs_trained
    with zipfile.ZipFile(tmp_path / "m.keras") as src, zipfile.ZipFile(old, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "pybridge.json":
                meta = json.loads(data)
                assert meta.pop("epochs_trained") == 2
                data = json.dumps(meta)
            dst.writestr(item, data)
    assert pb.load_model(old).epochs_trained == 2


def test_metrics_callbacks_add_after_an_epoch_ends_are_recorded():
    model = regressor()
    plateau = pb.callback_reduce_lr_on_plateau(monitor="loss", factor=0.5, patience=0, min_delta=1e6)
    history = pb.fit(model, X, Y, epochs=3, verbose=0, callbacks=[plateau])
    rates = history.metrics["learning_rate"]
    assert len(rates) == 3 and np.isfinite(rates).all() and rates[2] < rates[0]


def test_a_second_fit_after_a_backup_resume_continues(tmp_path):
    backup = str(tmp_path / "backup")

    def fail():
        raise RuntimeError("crash")

    first = regressor()
    with pytest.raises(RuntimeError):
        pb.fit(
            first, X, Y, epochs=6, verbose=0, callbacks=[keras.callbacks.BackupAndRestore(backup), at_epoch(3, fail)]
        )
    fresh = regressor()  # a new session: the backup knows the epoch, the model does not
    resumed = pb.fit(fresh, X, Y, epochs=6, verbose=0, callbacks=keras.callbacks.BackupAndRestore(backup))
    assert resumed.numbers() == [4, 5, 6] and fresh.epochs_trained == 6
    assert pb.fit(fresh, X, Y, epochs=2, verbose=0).numbers() == [7, 8]  # not from the backup's epoch again


CHILD = textwrap.dedent(
    """
    import sys, time
    import numpy as np
    import pybridge as pb
    backup, progress = sys.argv[1], sys.argv[2]
    x = np.random.default_rng(0).normal(size=(32, 2)).astype("float32")
    model = pb.keras_model_sequential(input_shape=2)
    pb.layer("dense", model, units=1)
    pb.compile(model, optimizer="sgd", loss="mse")
    def tell(epoch, logs):
        open(progress, "a").write(f"{epoch}\\n")
        time.sleep(0.05)
    pb.fit(model, x, x[:, 0], epochs=40, verbose=0, callbacks=[
        pb.callback_backup_and_restore(backup_dir=backup), pb.callback_lambda(on_epoch_end=tell)])
    """
)


def test_a_run_killed_with_sigkill_resumes_from_its_backup_with_true_epoch_numbers(tmp_path):
    # A child that imports TensorFlow: some 5 s on a quiet machine, more on a loaded one.
    backup, progress = str(tmp_path / "backup"), tmp_path / "progress"
    env = {**os.environ, "PYTHONPATH": REPO, "TF_CPP_MIN_LOG_LEVEL": "2"}
    child = subprocess.Popen([sys.executable, "-c", CHILD, backup, str(progress)], env=env)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (not progress.exists() or len(progress.read_text().split()) < 5):
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.returncode == -signal.SIGKILL
    saved = json.loads(open(os.path.join(backup, "training_metadata.json")).read())["epoch"]
    assert 4 <= saved < 40  # the backup holds the epochs done before the kill
    # The rerun, as a new session would: a new model, the same backup and the same epochs.
    model = regressor()
    history = pb.fit(model, X, Y, epochs=40, verbose=0, callbacks=pb.callback_backup_and_restore(backup_dir=backup))
    assert history.numbers() == list(range(saved + 1, 41))
    assert sorted(set(history.to_frame()["epoch"])) == history.numbers() and model.epochs_trained == 40
