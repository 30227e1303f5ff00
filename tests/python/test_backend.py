"""Keras's backend (pybridge/backend.py): the main path under JAX, and use_backend()'s refusals.

A process's backend is fixed when Keras is imported, so JAX runs in a child process; this test
process runs TensorFlow, as pybridge does by default."""

import json
import os
import subprocess
import sys

import pytest
from conftest import R_LIBRARY, REPO, require, require_embedded_r

import pybridge as pb
from pybridge import backend


def run_python(code, keras_backend, blocked=(), env=None):
    """``code`` run in a fresh Python on ``keras_backend``, with the modules in ``blocked`` failing to
    import as if they were not installed; ``env``: more environment variables."""
    env = {**os.environ, "KERAS_BACKEND": keras_backend, "PYTHONPATH": REPO, "TF_CPP_MIN_LOG_LEVEL": "2", **(env or {})}
    prelude = "".join(f"import sys; sys.modules[{module!r}] = None\n" for module in blocked)
    result = subprocess.run(
        [sys.executable, "-c", prelude + code], env=env, timeout=300, capture_output=True, text=True, cwd=REPO
    )
    return result


# The main path, TensorFlow blocked: pybridge on JAX must not need it (a JAX-only install).
JAX_MAIN_PATH = r"""
import json, os, tempfile
import keras, numpy as np, pandas as pd
import pybridge as pb

rng = np.random.default_rng(0)
frame = pd.DataFrame({"a": rng.normal(size=150), "b": rng.normal(size=150), "g": rng.choice(["u", "v"], 150)})
frame["species"] = pd.Categorical(np.where(frame.a - frame.b > 0, "yes", "no"))


def trained():
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=2, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    history = pb.fit(model, frame, target="species", epochs=5, batch_size=16, verbose=0, seed=1)
    return model, history.to_frame().query("metric == 'loss'")["value"].tolist()


model, losses = trained()
_, seeded_again = trained()
predictions = pb.predict(model, frame)
path = os.path.join(tempfile.mkdtemp(), "model.keras")
pb.save_model(model, path)
loaded = pb.load_model(path)
again = pb.predict(loaded, frame)
errors = {}
for name, call in {
    "strategy": lambda: pb.fit(model, frame, target="species", epochs=1, verbose=0, strategy="mirrored"),
    "mirrored": pb.distribute_strategy_mirrored,
    "other_backend": lambda: pb.use_backend("tensorflow"),
}.items():
    try:
        call()
    except Exception as err:
        errors[name] = [type(err).__name__, str(err)]
# Files: fit() streams them through tf.data, which needs TensorFlow; predict() reads them in chunks.
rows_file = os.path.join(os.path.dirname(path), "rows.csv")
frame.to_csv(rows_file, index=False)
try:
    pb.fit(model, rows_file, target="species", epochs=1, verbose=0)
except Exception as err:
    errors["files"] = [type(err).__name__, str(err)]
from_file = pb.predict(model, rows_file)
print(json.dumps({
    "keras_backend": keras.backend.backend(),
    "same_backend": pb.use_backend("jax"),
    "config": pb.config(),
    "losses": losses,
    "seeded_again": seeded_again,
    "columns": list(predictions.columns),
    "rows": len(predictions),
    "classes": sorted(set(predictions[".pred_class"].astype(str))),
    "probabilities_sum": predictions[[".pred_no", ".pred_yes"]].sum(axis=1).round(5).unique().tolist(),
    "evaluate": pb.evaluate(loaded, frame),
    "file_matches": bool(np.allclose(predictions[".pred_yes"], from_file[".pred_yes"])),
    "loaded_matches": bool(np.allclose(predictions[".pred_yes"], again[".pred_yes"])),
    "errors": errors,
}))
"""


def test_the_main_path_runs_on_jax_without_tensorflow():
    # One child for the whole path (10-20 s): its start, importing Keras and JAX, is most of the time.
    require(backend.is_installed("jax"), "jax (the test extra)")
    result = run_python(JAX_MAIN_PATH, "jax", blocked=["tensorflow"])
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["keras_backend"] == "jax" and out["same_backend"] == "jax"
    assert out["config"]["backend"] == "jax" and out["config"]["jax"] and "tensorflow" not in out["config"]
    assert "/device:CPU:0" in out["config"]["devices"]
    losses = out["losses"]
    assert len(losses) == 5 and losses[-1] < losses[0]
    assert out["seeded_again"] == losses  # fit(seed = ) reproduces a run on JAX too
    assert out["columns"] == [".pred_class", ".pred_no", ".pred_yes"] and out["rows"] == 150
    assert set(out["classes"]) <= {"no", "yes"}
    assert out["probabilities_sum"] == [1.0]
    assert out["loaded_matches"] and out["file_matches"]
    assert set(out["evaluate"]) == {"loss", "accuracy"} and out["evaluate"]["loss"] == pytest.approx(
        losses[-1], rel=0.3
    )
    errors = out["errors"]
    assert errors["strategy"] == ["ArgumentError", "`strategy` needs Keras's TensorFlow backend; this session runs jax"]
    assert errors["mirrored"][0] == "StateError" and "needs Keras's TensorFlow backend" in errors["mirrored"][1]
    assert errors["files"][0] == "StateError" and "pip install tensorflow-cpu" in errors["files"][1]
    assert errors["other_backend"][0] == "StateError"
    assert "Keras already runs on jax" in errors["other_backend"][1]


def test_a_missing_backend_library_says_what_to_pip_install():
    result = run_python("import pybridge", "jax", blocked=["jax"])
    assert result.returncode != 0
    assert "ImportError: pybridge needs the jax library for Keras's jax backend: pip install jax" in result.stderr


def test_use_backend_names_both_backends_once_keras_runs():
    assert pb.use_backend("tensorflow") == "tensorflow"  # the one in use: nothing to do
    with pytest.raises(pb.StateError) as refusal:
        pb.use_backend("jax")
    message = str(refusal.value)
    assert "Keras already runs on tensorflow in this session" in message
    assert "KERAS_BACKEND=jax" in message
    assert pb.config()["backend"] == "tensorflow"  # and the session goes on as it was


@pytest.mark.parametrize("bad", ["foo", "JAX", 1, None])
def test_an_unknown_backend_lists_the_choices(bad):
    with pytest.raises(pb.ArgumentError, match='`backend` must be one of "tensorflow", "jax", "torch"'):
        pb.use_backend(bad)


def test_before_keras_is_imported_use_backend_sets_keras_backend_or_says_what_to_install(monkeypatch):
    # As in a process that has not imported Keras yet (pybridge.backend itself imports none).
    monkeypatch.delitem(sys.modules, "keras")
    monkeypatch.setitem(sys.modules, "torch", None)  # as if not installed
    monkeypatch.setenv("KERAS_BACKEND", "tensorflow")
    assert backend.running() is None
    with pytest.raises(pb.StateError, match="the torch library for Keras's torch backend: pip install torch"):
        backend.use_backend("torch")
    assert os.environ["KERAS_BACKEND"] == "tensorflow"  # left as it was
    assert backend.use_backend("jax") == "jax"
    assert os.environ["KERAS_BACKEND"] == "jax"


# R inside a Python on JAX (rpy2): R's use_backend() asks the Python that already runs.
R_HOSTED_ON_JAX = r"""
import json
from pybridge import rhost
rhost.start()
out = {"same": rhost.r('use_backend("jax")'), "backend": rhost.r("pybridge_config()$backend")}
out["accuracy"] = rhost.r('''
  set_random_seed(1)
  model <- keras_model_sequential() |> layer_dense(8, activation = "relu") |> layer_dense(3, activation = "softmax")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  fit(model, Species ~ ., data = iris, epochs = 8, batch_size = 16, verbose = 0)
  mean(predict(model, iris)$.pred_class == iris$Species)
''')
out["other"] = list(rhost.r('''
  e <- tryCatch(use_backend("tensorflow"), error = identity)
  c(class(e)[1], conditionMessage(e))
'''))
print(json.dumps(out))
"""


def test_r_hosted_by_a_python_on_jax_trains_there_and_refuses_another_backend():
    require_embedded_r()
    require(backend.is_installed("jax"), "jax (the test extra)")
    result = run_python(R_HOSTED_ON_JAX, "jax", env={"R_LIBS": R_LIBRARY})
    assert result.returncode == 0, result.stderr[-3000:]
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["same"] == "jax" and out["backend"] == "jax"
    assert out["accuracy"] > 0.6  # 8 epochs of a small network: well above chance (1/3)
    assert out["other"][0] == "pybridge_state_error"
    assert out["other"][1].startswith("Keras already runs on jax in this session")
