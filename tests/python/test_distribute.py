"""fit(strategy = ...): named strategies, the rebuild into a strategy's scope, and a real two-worker
MultiWorkerMirroredStrategy run on 127.0.0.1 checked against a single-process run."""

import json
import os
import socket
import subprocess
import sys
import textwrap

import keras
import numpy as np
import pandas as pd
import pytest
from conftest import REPO

import pybridge as pb
from pybridge import distribute

# Two workers each computing half of every global batch and all-reducing the gradients do the same
# arithmetic as one process, up to the order of float32 sums: probabilities agree to this.
TOLERANCE = 1e-5
WORKER_TIMEOUT = 180  # seconds; a worker whose peer died waits in TensorFlow, so it is killed

WORKER = textwrap.dedent("""
    # One worker of the test cluster (or, with no TF_CONFIG, the single-process reference run).
    import json, os, sys
    import pandas as pd
    import pybridge as pb  # creates the multi-worker strategy from TF_CONFIG, before any TF operation
    from pybridge import distribute

    out, csv, parts = sys.argv[1], sys.argv[2], sys.argv[3]
    multi = "TF_CONFIG" in os.environ
    iris = pd.read_csv(csv, dtype={"Species": pd.CategoricalDtype(["setosa", "versicolor", "virginica"])})
    pb.set_random_seed(42)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    history = pb.fit(model, iris, target="Species", epochs=3, batch_size=30, shuffle=False, verbose=0,
                     seed=7, strategy="multi_worker" if multi else None)
    name = "worker%d" % json.loads(os.environ["TF_CONFIG"])["task"]["index"] if multi else "single"
    saved = pb.api.save_model_on_chief(model, os.path.join(out, name + ".keras"))
    probs = pb.predict(model, iris, type="prob").to_numpy().tolist()
    # The same network trained on the file itself, streamed: one file for two workers, so each
    # keeps every other row, and the two halves of a global batch are the single process's batch.
    def streamed_fit(source, epochs):
        pb.set_random_seed(42)
        streamed = pb.keras_model_sequential()
        pb.layer_dense(streamed, units=8, activation="relu")
        pb.layer_dense(streamed, units=3, activation="softmax")
        pb.compile(streamed, optimizer="adam", loss="sparse_categorical_crossentropy")
        fitted = pb.fit(streamed, source, target="Species", epochs=epochs, batch_size=30, shuffle=False,
                        verbose=0, strategy="multi_worker" if multi else None, chunk_rows=64)
        return streamed, fitted.params
    streamed, streamed_params = streamed_fit(csv, 2)
    # Two files for two workers: each reads only its own.
    by_file, by_file_params = streamed_fit(parts, 1)
    with open(os.path.join(out, name + ".json"), "w") as handle:
        json.dump({"chief": distribute.is_chief(), "saved": saved, "history": history.metrics,
                   "preprocessor": model.preprocessor.to_dict(), "probs": probs,
                   "streamed_preprocessor": streamed.preprocessor.to_dict(),
                   "streamed_probs": pb.predict(streamed, iris, type="prob").to_numpy().tolist(),
                   "streamed_params": streamed_params, "by_file_params": by_file_params,
                   "by_file_probs": pb.predict(by_file, iris, type="prob").to_numpy().tolist()}, handle)
""")


def free_ports(n):
    sockets = [socket.socket() for _ in range(n)]
    for s in sockets:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def run_all(commands, timeout):
    """Start every (argv, env) at once; wait for all, killing every one still running on timeout or
    when one fails (its peers would otherwise wait for it). Returns the completed outputs."""
    procs = [
        subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for argv, env in commands
    ]
    outputs = []
    try:
        for proc in procs:
            out, _ = proc.communicate(timeout=timeout)
            outputs.append(out)
            assert proc.returncode == 0, f"{proc.args} failed:\n{out[-3000:]}"
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    return outputs


def iris_csv():
    return os.path.join(REPO, "tests", "data", "iris.csv")


@pytest.fixture(scope="module")
def cluster_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("cluster")
    script = out / "worker.py"
    script.write_text(WORKER)
    iris = pd.read_csv(iris_csv())
    iris.iloc[:70].to_csv(out / "part0.csv", index=False)
    iris.iloc[70:].to_csv(out / "part1.csv", index=False)
    parts = str(out / "part*.csv")
    workers = [f"127.0.0.1:{p}" for p in free_ports(2)]
    base = {k: v for k, v in os.environ.items() if k != "TF_CONFIG"}
    base["TF_CPP_MIN_LOG_LEVEL"] = "2"
    commands = [([sys.executable, str(script), str(out), iris_csv(), parts], base)]
    for index in range(2):
        env = dict(base, TF_CONFIG=distribute.tf_config(workers, index))
        commands.append(([sys.executable, str(script), str(out), iris_csv(), parts], env))
    run_all(commands, WORKER_TIMEOUT)
    return out, {name: json.loads((out / f"{name}.json").read_text()) for name in ("single", "worker0", "worker1")}


def test_two_workers_train_like_one_process_and_only_the_chief_saves(cluster_run):
    out, results = cluster_run
    single, w0, w1 = results["single"], results["worker0"], results["worker1"]
    assert w0["chief"] and not w1["chief"]
    assert w0["saved"] and w1["saved"] is None
    assert not (out / "worker1.keras").exists()
    # Both workers learnt the same preprocessing from the same data, deterministically.
    assert w0["preprocessor"] == w1["preprocessor"] == single["preprocessor"]
    assert len(w0["history"]["loss"]) == 3
    np.testing.assert_allclose(w0["history"]["loss"], w1["history"]["loss"], rtol=1e-6)
    np.testing.assert_allclose(w0["probs"], single["probs"], atol=TOLERANCE)
    np.testing.assert_allclose(w1["probs"], single["probs"], atol=TOLERANCE)
    # The chief's saved model loads in a plain process and predicts what the cluster trained.
    loaded = pb.load_model(w0["saved"])
    iris = pd.read_csv(iris_csv(), dtype={"Species": pd.CategoricalDtype(["setosa", "versicolor", "virginica"])})
    probs = pb.predict(loaded, iris, type="prob").to_numpy()
    np.testing.assert_allclose(probs, single["probs"], atol=TOLERANCE)
    # Streamed from one file under the strategy: the same statistics on every worker, each worker
    # trained on its own half of the rows, and together the same training as one process.
    assert w0["streamed_preprocessor"] == w1["streamed_preprocessor"] == single["streamed_preprocessor"]
    assert single["streamed_params"]["worker_rows"] == 150
    assert w0["streamed_params"]["worker_rows"] == w1["streamed_params"]["worker_rows"] == 75
    np.testing.assert_allclose(w0["streamed_probs"], single["streamed_probs"], atol=TOLERANCE)
    np.testing.assert_allclose(w1["streamed_probs"], single["streamed_probs"], atol=TOLERANCE)
    # From two files, each worker read its own file (70 and 80 rows; both take the 5 steps of 15 rows
    # the shorter fills, so the longer leaves its last 5 out) and the workers kept the same weights.
    assert [w["by_file_params"]["worker_rows"] for w in (w0, w1)] == [70, 80]
    assert [w["by_file_params"]["rows_left_out"] for w in (w0, w1)] == [0, 5]
    np.testing.assert_allclose(w0["by_file_probs"], w1["by_file_probs"], atol=TOLERANCE)
    # Their global batches (15 rows of each file) are not one process's (30 rows in file order).
    assert not np.allclose(w0["by_file_probs"], single["by_file_probs"], atol=1e-3)
    # Training moved the weights: the comparison is not between two untrained networks.
    assert single["history"]["loss"][0] != single["history"]["loss"][-1]


def classifier(seed=1):
    pb.set_random_seed(seed)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return model


def test_fit_moves_the_model_into_a_mirrored_strategy_keeping_its_weights(iris):
    import tensorflow as tf

    model = classifier()
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    before = pb.predict(model, iris, type="prob")
    history = pb.fit(model, iris, target="Species", epochs=2, verbose=0, strategy="mirrored")
    assert isinstance(model.keras.distribute_strategy, tf.distribute.MirroredStrategy)
    assert history.epochs == 2
    # A rebuilt network that had lost the trained weights would predict differently at once.
    rebuilt = model.keras
    strategy = rebuilt.distribute_strategy
    pb.fit(model, iris, target="Species", epochs=1, verbose=0, strategy=strategy)
    pb.fit(model, iris, target="Species", epochs=1, verbose=0, strategy="mirrored")
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    assert model.keras is rebuilt, "the same strategy, by object, name or None, must not rebuild the model"
    assert not np.allclose(before.to_numpy(), pb.predict(model, iris, type="prob").to_numpy())


def test_strategy_rebuild_starts_from_the_trained_weights(iris):
    model = classifier()
    pb.fit(model, iris, target="Species", epochs=2, verbose=0)
    weights = [w.copy() for w in model.keras.get_weights()]
    distribute.place(model, "mirrored")
    for old, new in zip(weights, model.keras.get_weights()):
        np.testing.assert_array_equal(old, new)
    assert model.keras.compiled and isinstance(model.keras.optimizer, keras.optimizers.Adam)


def test_auto_is_the_default_strategy_without_several_gpus(iris):
    import tensorflow as tf

    model = classifier()
    pb.fit(model, iris, target="Species", epochs=1, verbose=0, strategy="auto")
    if len(tf.config.list_logical_devices("GPU")) < 2:
        assert not isinstance(model.keras.distribute_strategy, tf.distribute.MirroredStrategy)
        assert distribute.resolve("auto") is distribute.distribute_strategy_default()


def test_bad_strategies_are_refused_and_leave_the_model_usable(iris):
    model = classifier()
    with pytest.raises(pb.ArgumentError, match="`strategy` must be one of"):
        pb.fit(model, iris, target="Species", epochs=1, verbose=0, strategy="tpu")
    assert not model.is_fitted
    # This process has run TensorFlow already, so the multi-worker strategy cannot start any more.
    os.environ.pop("TF_CONFIG", None)
    with pytest.raises(pb.ArgumentError, match="TF_CONFIG"):
        pb.fit(model, iris, target="Species", epochs=1, verbose=0, strategy="multi_worker")
    assert not model.is_fitted
    with pytest.raises(pb.StateError, match="top of the script"):
        pb.distribute_strategy_multi_worker(workers=["127.0.0.1:1", "127.0.0.1:2"], worker_index=0)
    assert "TF_CONFIG" not in os.environ
    assert pb.fit(model, iris, target="Species", epochs=1, verbose=0).epochs == 1


@pytest.mark.parametrize(
    "workers, index, message",
    [
        (["127.0.0.1"], 0, "host:port"),
        ([], 0, "host:port"),
        (["a:1", "b:2"], 2, "`worker_index` is 2 but there are 2 workers"),
        (["a:1", "b:2"], -1, "`worker_index` must be at least 0"),
    ],
)
def test_tf_config_checks_the_cluster(workers, index, message):
    with pytest.raises(pb.ArgumentError, match=message):
        distribute.tf_config(workers, index)


def test_tf_config_is_the_standard_form():
    config = json.loads(distribute.tf_config(["h1:2222", "h2:2222"], 1))
    assert config == {"cluster": {"worker": ["h1:2222", "h2:2222"]}, "task": {"type": "worker", "index": 1}}
