"""Each private Keras/TensorFlow touch in pybridge.vocab._keras_patches: it still applies (the private
name exists and does what pybridge relies on), and, where a test can show it, it is still needed."""

import json
import os
import subprocess
import sys
import zipfile

import keras
import numpy as np
import tensorflow as tf
from keras.src.backend.tensorflow import trainer

from pybridge.vocab import _keras_patches as patches


def minor(version):
    return tuple(int(part) for part in version.split(".")[:2])


def test_installed_keras_and_tensorflow_are_in_the_checked_range():
    # A newer Keras or TensorFlow fails here first: check every touch below again, then widen CHECKED.
    for name, module in (("keras", keras), ("tensorflow", tf)):
        oldest, newest = (minor(v) for v in patches.CHECKED[name])
        assert oldest <= minor(module.__version__) <= newest, (name, module.__version__)


def test_default_strategy_is_found_inside_another_strategys_scope():
    mirrored = tf.distribute.MirroredStrategy(["/cpu:0"])
    with mirrored.scope():
        # Needed: the public getter answers the scope's strategy here.
        assert tf.distribute.get_strategy() is mirrored
        assert patches.default_strategy() is not mirrored
    assert patches.default_strategy() is tf.distribute.get_strategy()


def test_tensorflow_has_started_turns_true_with_the_first_operation():
    code = (
        "from pybridge.vocab import _keras_patches as p; import tensorflow as tf; a = p.tensorflow_has_started(); "
        "tf.constant(1.0) + 1; print(a, p.tensorflow_has_started())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"),
    )
    assert out.stdout.split()[-2:] == ["False", "True"], out.stderr[-2000:]


def test_model_strategy_tells_a_network_built_outside_any_strategy():
    network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    assert patches.model_strategy(network) is None
    assert network.distribute_strategy is not None  # needed: the public property cannot tell
    mirrored = tf.distribute.MirroredStrategy(["/cpu:0"])
    with mirrored.scope():
        inside = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    assert patches.model_strategy(inside) is mirrored


def test_forgetting_the_compiled_predict_step_picks_up_a_new_layer():
    network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2)])
    x = np.ones((3, 2), dtype="float32")
    assert network.predict_on_batch(x).shape == (3, 2)
    network.add(keras.layers.Dense(4))
    assert network.predict_on_batch(x).shape == (3, 2)  # needed: Keras reuses the stale step
    patches.forget_compiled_predict(network)
    assert network.predict_on_batch(x).shape == (3, 4)


def test_loss_function_gives_the_per_sample_function_and_its_bound_arguments():
    loss = keras.losses.BinaryCrossentropy(from_logits=True)
    function, bound = patches.loss_function(loss)
    y_true, y_pred = np.array([[1.0], [0.0]], "float32"), np.array([[2.0], [-1.0]], "float32")
    per_sample = np.asarray(function(y_true, y_pred, **bound))
    assert bound["from_logits"] is True and per_sample.shape == (2,)
    np.testing.assert_allclose(per_sample.mean(), float(loss(y_true, y_pred)), rtol=1e-6)


def test_saving_checkpoint_completes_each_whole_model_file_before_it_takes_its_place(tmp_path):
    network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    network.compile(optimizer="sgd", loss="mse")
    saved = []

    def after_save(path):  # what fit() does: add pybridge.json to the file Keras wrote
        saved.append(os.path.basename(path))
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("added.txt", "yes")

    checkpoint = patches.SavingCheckpoint(str(tmp_path / "m-{epoch}.keras"))
    checkpoint.after_save = after_save
    network.fit(np.ones((4, 2)), np.ones(4), epochs=2, verbose=0, callbacks=[checkpoint])
    assert [name.split(".pbtmp-")[0] for name in saved] == [".m-1.keras", ".m-2.keras"]  # the temporary files
    assert sorted(os.listdir(tmp_path)) == ["m-1.keras", "m-2.keras"]
    for name in ("m-1.keras", "m-2.keras"):
        with zipfile.ZipFile(tmp_path / name) as archive:
            assert archive.read("added.txt") == b"yes"


def test_saving_backup_writes_kerass_backup_files_which_keras_reads_back(tmp_path):
    assert callable(getattr(keras.callbacks.BackupAndRestore, "_save_model", None))
    keras.utils.set_random_seed(1)
    network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    network.compile(optimizer="sgd", loss="mse")
    backup = patches.SavingBackup(str(tmp_path), double_checkpoint=True, delete_checkpoint=False)
    network.fit(np.ones((4, 2)), np.ones(4), epochs=2, verbose=0, callbacks=[backup])
    files = sorted(os.listdir(tmp_path))
    assert files == sorted(["latest.weights.h5", "latest.weights.h5.bkp", "training_metadata.json",
                            "training_metadata.json.bkp"])  # fmt: skip
    assert json.loads((tmp_path / "training_metadata.json").read_text()) == {"epoch": 2, "batch": 0}
    weights = network.get_weights()
    again = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    again.compile(optimizer="sgd", loss="mse")
    history = again.fit(np.ones((4, 2)), np.ones(4), epochs=2, verbose=0, callbacks=[backup])
    assert history.epoch == []  # Keras read the record: both epochs were done
    np.testing.assert_array_equal(again.get_weights()[0], weights[0])


def test_saving_csv_logger_writes_whole_files_as_kerass_logger_does(tmp_path):
    path = tmp_path / "log.csv"
    network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    network.compile(optimizer="sgd", loss="mse")
    network.fit(np.ones((4, 2)), np.ones(4), epochs=2, verbose=0, callbacks=[patches.SavingCSVLogger(str(path))])
    logger = patches.SavingCSVLogger(str(path), append=True)
    network.fit(np.ones((4, 2)), np.ones(4), epochs=1, verbose=0, callbacks=[logger])
    rows = path.read_bytes().split(b"\r\n")
    assert rows[0] == b"epoch,loss,val_loss" and [r.split(b",")[0] for r in rows[1:]] == [b"0", b"1", b"0", b""]
    assert os.listdir(tmp_path) == ["log.csv"]


def test_the_multi_worker_reduce_fix_wraps_kerass_function(monkeypatch):
    monkeypatch.setattr(trainer, "reduce_per_replica", trainer.reduce_per_replica)  # restored after
    original = trainer.reduce_per_replica
    assert callable(trainer._collective_all_reduce_multi_worker)
    patches.fix_multi_worker_reduce()
    assert trainer.reduce_per_replica is not original and trainer.reduce_per_replica.pybridge_fix
    patches.fix_multi_worker_reduce()  # once only
    assert trainer.reduce_per_replica.pybridge_fix
    # Outside a multi-worker strategy the fix hands everything to Keras's own function.
    values = {"loss": tf.constant(1.5)}
    assert float(trainer.reduce_per_replica(values, tf.distribute.get_strategy(), "auto")["loss"]) == 1.5


def test_build_from_local_batch_replaces_kerass_symbolic_build():
    network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    assert callable(network._maybe_symbolic_build) and callable(network._symbolic_build)
    patches.build_from_local_batch(network, tf.distribute.get_strategy())
    assert network._maybe_symbolic_build.__qualname__.startswith("build_from_local_batch")


def test_forget_restored_epoch_is_needed_after_a_backup_resume():
    network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    network.compile(optimizer="sgd", loss="mse")
    x = np.zeros((4, 2), "float32")
    network._initial_epoch = 3  # what BackupAndRestore leaves after restoring epoch 3
    # Needed: Keras keeps starting every fit() from the restored epoch.
    assert network.fit(x, x[:, 0], epochs=5, verbose=0).epoch == [3, 4]
    assert network.fit(x, x[:, 0], epochs=5, verbose=0).epoch == [3, 4]
    patches.forget_restored_epoch(network)
    assert network.fit(x, x[:, 0], epochs=2, verbose=0).epoch == [0, 1]


def test_owning_traces_releases_what_a_collected_networks_training_left_in_tensorflow():
    import gc

    from tensorflow.python.eager import context

    x, y = np.random.default_rng(0).normal(size=(32, 4)), np.arange(32) % 3

    def network():
        net = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8), keras.layers.Dense(3, activation="softmax")])
        net.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
        return net

    held = network()
    held.fit(x, y, epochs=1, verbose=0)
    # Networks that earlier tests in this process dropped are released first, so the count below is
    # this test's own.
    gc.collect()
    patches.release_dropped_traces()
    before = patches.custom_gradients()
    dropped = network()
    with patches.owning_traces(lambda net=dropped: net):
        dropped.fit(x, y, epochs=1, verbose=0)
    # Needed: training registered gradients in TensorFlow's global registry, which would keep them.
    left = patches.custom_gradients() - before
    assert left
    functions = len(context.context().list_function_names())
    del dropped
    gc.collect()
    assert patches.custom_gradients() >= left  # nothing releases them but pybridge
    assert patches.release_dropped_traces() == len(left)
    assert not patches.custom_gradients() & left
    assert len(context.context().list_function_names()) < functions  # their graphs' functions went too
    # A network still held trains and predicts after the kernel cache was emptied.
    held.fit(x, y, epochs=1, verbose=0)
    assert held.predict(x[:2], verbose=0).shape == (2, 3)
