"""Python hosts R: the R package driven through rpy2 (pybridge/r/host.py), and errors crossing both ways
under both transports.

Each end-to-end scenario embeds R in its own Python subprocess with a timeout, so a hang fails instead
of blocking the suite and the child's exit (status, stderr) is checked too. The conversion checks at
the end run in-process.
"""

import json
import os
import subprocess
import sys
import textwrap

import pytest
from conftest import R_LIBRARY, REPO, require_embedded_r

TIMEOUT = 300
CRASH_SIGNS = ("Segmentation fault", "Aborted", "core dumped", "Fatal Python error", "*** caught")


def embedded_r_env():
    """The environment for a child that embeds this checkout's R package; skips (fails in CI) without."""
    require_embedded_r()
    return dict(os.environ, R_LIBS=R_LIBRARY, TF_CPP_MIN_LOG_LEVEL="2")


def run_python(code, env, timeout=TIMEOUT):
    """Run ``code`` in a fresh Python; its last stdout line is JSON. Returns (result, completed process)."""
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, f"exit status {proc.returncode}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    assert not any(sign in proc.stderr for sign in CRASH_SIGNS), proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1]), proc


END_TO_END = r'''
import json, sys
import numpy as np, pandas as pd
import pybridge as pb
from pybridge import rhost
rhost.start()
import rpy2.robjects as ro
out = {}

# A dense network on R's iris, all in R code; then the same steps in Python on the same R data.frame.
r_pred = rhost.r("""
  set_random_seed(1)
  model <- keras_model_sequential(input_shape = 4) |>
    layer_dense(8, activation = "relu") |>
    layer_dense(3, activation = "softmax")
  model |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy", metrics = "accuracy")
  history <- fit(model, Species ~ ., data = iris, epochs = 2, batch_size = 16, verbose = 0, seed = 1)
  stopifnot(inherits(history, "pybridge_history"), inherits(model, "pybridge_model"))
  predict(model, iris)
""")
pb.set_random_seed(1)
model = pb.keras_model_sequential(input_shape=4)
pb.layer_dense(model, units=8, activation="relu")
pb.layer_dense(model, units=3, activation="softmax")
pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
pb.fit(model, ro.r["iris"], target="Species", epochs=2, batch_size=16, verbose=0, seed=1)
p_pred = pb.predict(model, ro.r["iris"])
probs = [".pred_setosa", ".pred_versicolor", ".pred_virginica"]
out["dense_columns"] = [list(r_pred.columns), list(p_pred.columns)]
out["dense_max_diff"] = float(np.abs(r_pred[probs].to_numpy() - p_pred[probs].to_numpy()).max())
out["dense_classes_equal"] = bool((r_pred[".pred_class"].astype(str) == p_pred[".pred_class"].astype(str)).all())
out["dense_class_levels"] = list(r_pred[".pred_class"].cat.categories)

# A small conv net on an R array through .pb_call() (layer kinds the Python table holds), then Python.
conv = rhost.r("""
  set.seed(3)
  x <- array(runif(40 * 6 * 6), c(40, 6, 6, 1))
  y <- factor(rep(c("a", "b"), 20))
  set_random_seed(2)
  conv <- keras_model_sequential(input_shape = c(6, 6, 1))
  pybridge:::.pb_call("layer", kind = "conv_2d", object = conv, filters = 4, kernel_size = 3, activation = "relu")
  pybridge:::.pb_call("layer", kind = "max_pooling_2d", object = conv, pool_size = 2)
  pybridge:::.pb_call("layer", kind = "flatten", object = conv)
  conv |> layer_dense(2, activation = "softmax")
  conv |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  fit(conv, x, y, epochs = 2, batch_size = 8, verbose = 0, seed = 2)
  list(x = x, y = y, x_2341 = x[2, 3, 4, 1], pred = predict(conv, x, type = "prob"))
""")
x, y = conv["x"], pd.Series(conv["y"])
out["conv_x_shape"] = list(x.shape)
out["conv_indexing"] = [float(x[1, 2, 3, 0]), float(conv["x_2341"])]
pb.set_random_seed(2)
pconv = pb.keras_model_sequential(input_shape=(6, 6, 1))
pb.layer_conv_2d(pconv, filters=4, kernel_size=3, activation="relu")
pb.layer_max_pooling_2d(pconv, pool_size=2)
pb.layer_flatten(pconv)
pb.layer_dense(pconv, units=2, activation="softmax")
pb.compile(pconv, optimizer="adam", loss="sparse_categorical_crossentropy")
pb.fit(pconv, x, y, epochs=2, batch_size=8, verbose=0, seed=2)
pp = pb.predict(pconv, x, type="prob")
out["conv_max_diff"] = float(np.abs(conv["pred"].to_numpy(dtype=float) - pp.to_numpy(dtype=float)).max())
out["conv_pred_spread"] = float(pp.to_numpy(dtype=float).std())

# A model made in Python, used from R code, and back.
out["r_predict_python_model_diff"] = float(np.abs(
    rhost.r("predict(m, iris)", m=model)[probs].to_numpy() - p_pred[probs].to_numpy()).max())
out["r_model_class"] = rhost.r("class(m)", m=model)
out["same_model_back"] = rhost.r("m", m=model) is model
# Training continued in R trains the one model Python holds, for as many more epochs as asked.
rhost.r("fit(m, Species ~ ., data = iris, epochs = 3, verbose = 0); NULL", m=model)
out["epochs_after_r_fit"] = [model.epochs_trained, [h.epochs for h in model.histories]]

# Handles: R's garbage collector releases what R no longer holds.
before = rhost.live_handles()
rhost.r("kept <<- keras_model_sequential(input_shape = 2); for (i in 1:5) keras_model_sequential(); NULL")
grown = rhost.live_handles()
rhost.r("invisible(gc()); NULL")
out["handles"] = [before, grown, rhost.live_handles()]
out["kept_usable"] = rhost.r("kept |> layer_dense(1); length(summary(kept)) > 0")

# A bare layer is a handle too, and comes back to Python as the same Keras layer.
out["bare_layer"] = rhost.r("""
  l <- layer_dense(units = 3)
  list(class(l), attr(l, "py_class"), tryCatch(pybridge:::.pb_call("layer", kind = "dense", object = l, units = 2),
                                   error = conditionMessage))
""")
out["transport"] = rhost.r("pybridge_config()$transport")
out["reticulate_started"] = rhost.r("reticulate::py_available(initialize = FALSE)")
out["rpycall_loaded"] = "rpycall" in sys.modules
print(json.dumps(out, default=lambda o: o.tolist()))
'''


@pytest.fixture(scope="module")
def end_to_end():
    return run_python(END_TO_END, embedded_r_env())[0]


def test_r_code_trains_a_dense_net_on_an_r_data_frame_as_python_does(end_to_end):
    r_columns, p_columns = end_to_end["dense_columns"]
    assert r_columns == p_columns == [".pred_class", ".pred_setosa", ".pred_versicolor", ".pred_virginica"]
    assert end_to_end["dense_max_diff"] < 1e-5
    assert end_to_end["dense_classes_equal"]
    assert end_to_end["dense_class_levels"] == ["setosa", "versicolor", "virginica"]


def test_r_code_trains_a_conv_net_on_an_r_array_as_python_does(end_to_end):
    assert end_to_end["conv_x_shape"] == [40, 6, 6, 1]
    # R's x[2, 3, 4, 1] is NumPy's x[1, 2, 3, 0]: R's indexing crosses unchanged.
    assert end_to_end["conv_indexing"][0] == end_to_end["conv_indexing"][1]
    assert end_to_end["conv_max_diff"] < 1e-5
    assert end_to_end["conv_pred_spread"] > 0


def test_a_python_model_is_an_r_model_in_r_code(end_to_end):
    assert end_to_end["r_model_class"] == "pybridge_model"
    assert end_to_end["r_predict_python_model_diff"] < 1e-6
    assert end_to_end["same_model_back"]
    assert end_to_end["epochs_after_r_fit"] == [5, [2, 3]]


def test_r_garbage_collection_releases_python_handles(end_to_end):
    before, grown, after = end_to_end["handles"]
    assert grown >= before + 6
    # Only `kept` survives R's gc() among the new ones (the earlier scenario's models were locals).
    assert 1 <= after <= before + 1
    assert end_to_end["kept_usable"] is True


def test_python_objects_r_holds_by_reference_cross_back_as_themselves(end_to_end):
    r_class, python_class, message = end_to_end["bare_layer"]
    assert r_class == "pybridge_object" and python_class == "Dense"
    assert "`object` must be a model or a tensor, not Dense" in message


def test_rpy2_transport_never_starts_reticulate(end_to_end):
    assert end_to_end["transport"] == "rpy2"
    assert end_to_end["reticulate_started"] is False
    assert end_to_end["rpycall_loaded"] is False


ERRORS_RPY2 = r'''
import json
import pybridge as pb
from pybridge import rhost
rhost.start()
import rpy2.robjects as ro
from rpy2.rinterface_lib.embedded import RRuntimeError
out = {}
catch = "function(e) list(class = class(e), message = conditionMessage(e))"

# Python errors under R verbs reach R as conditions with the Python message.
out["argument"] = rhost.r(f"m <- keras_model_sequential(input_shape = 4); tryCatch(layer_dense(m, units = -1), error = {catch})")
out["state"] = rhost.r(f"tryCatch(predict(keras_model_sequential(input_shape = 4), iris), error = {catch})")
out["python"] = rhost.r(f"tryCatch(pybridge:::.pb_call('no_such_verb'), error = {catch})")
out["conversion"] = rhost.r(f"tryCatch(pybridge:::.pb_call('summary', model = new.env()), error = {catch})")
# The model stays usable after an error.
out["usable"] = rhost.r("""
  m <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
  try(layer_dense(m, units = -1), silent = TRUE)
  m |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  fit(m, Species ~ ., data = iris, epochs = 1, verbose = 0)
  nrow(predict(m, iris))
""")

# R errors raised in the embedded R reach Python as exceptions with R's message.
def caught(f):
    try:
        f()
    except Exception as err:
        return [type(err).__name__, str(err)]
    return None

out["r_stop_rhost"] = caught(lambda: rhost.r("stop('R says no')"))
out["r_stop_robjects"] = caught(lambda: ro.r("stop('R says no')"))
out["pybridge_condition_rhost"] = caught(lambda: rhost.r("layer_dense(keras_model_sequential(input_shape = 4), units = -1)"))
out["pybridge_condition_robjects"] = caught(lambda: ro.r("layer_dense(keras_model_sequential(input_shape = 4), units = -1)"))
r_function = rhost.r("function(x) stop('R function refuses ', x)")
out["r_function"] = caught(lambda: r_function(3))
out["r_parse"] = caught(lambda: rhost.r("1 +* 2"))
out["r_function_ok"] = rhost.r("function(x) x * 2")(21)
out["is_runtime_error"] = out["r_stop_robjects"][0] == RRuntimeError.__name__
print(json.dumps(out, default=lambda o: o.tolist()))
'''


@pytest.fixture(scope="module")
def rpy2_errors():
    return run_python(ERRORS_RPY2, embedded_r_env())[0]


def test_rpy2_python_errors_reach_r_as_conditions_with_the_python_message(rpy2_errors):
    argument = rpy2_errors["argument"]
    assert argument["class"][:2] == ["pybridge_argument_error", "pybridge_error"]
    assert "`units` must be at least 1" in argument["message"]
    assert rpy2_errors["state"]["class"][0] == "pybridge_state_error"
    assert "predict() needs a fitted model" in rpy2_errors["state"]["message"]
    assert rpy2_errors["python"]["class"][0] == "pybridge_python_error"
    assert "AttributeError" in rpy2_errors["python"]["message"] and "no_such_verb" in rpy2_errors["python"]["message"]
    # An R value Python cannot take is an R condition naming it, not a crash.
    assert rpy2_errors["conversion"]["class"][0] == "pybridge_argument_error"
    assert "environment" in rpy2_errors["conversion"]["message"]
    assert rpy2_errors["usable"] == 150


def test_rpy2_r_errors_reach_python_as_exceptions_with_the_r_message(rpy2_errors):
    assert rpy2_errors["r_stop_rhost"] == ["RError", "R says no"]
    assert rpy2_errors["is_runtime_error"] and "R says no" in rpy2_errors["r_stop_robjects"][1]
    # A pybridge condition raised in R comes back to Python as the pybridge class it started as.
    assert rpy2_errors["pybridge_condition_rhost"][0] == "ArgumentError"
    assert "`units` must be at least 1" in rpy2_errors["pybridge_condition_rhost"][1]
    assert "`units` must be at least 1" in rpy2_errors["pybridge_condition_robjects"][1]
    assert rpy2_errors["r_function"] == ["RError", "R function refuses 3"]
    assert rpy2_errors["r_parse"][0] == "RError" and "cannot parse" in rpy2_errors["r_parse"][1]
    assert rpy2_errors["r_function_ok"] == 42


CLEAN_EXIT = r'''
import json, time
from pybridge import rhost
rhost.start()
rhost.r("""
  m <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
  m |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  fit(m, Species ~ ., data = iris, epochs = 1, verbose = 0)
  for (i in 1:3) keras_model_sequential()  # garbage whose finalizers R runs while it ends
  NULL
""")
print(json.dumps({"handles": rhost.live_handles()}))
'''


def test_a_python_process_embedding_r_exits_cleanly():
    # Handles R still holds at exit, handles R releases as it ends, a trained Keras model, TensorFlow
    # threads: the process must end with status 0 within the timeout, with no crash and no ignored error.
    result, proc = run_python(CLEAN_EXIT, embedded_r_env(), timeout=180)
    assert result["handles"] >= 4
    assert "Traceback" not in proc.stderr and "Exception ignored" not in proc.stderr


WITHOUT_START = r'''
import json
import rpy2.robjects as ro
from rpy2.rinterface_lib.embedded import RRuntimeError
out = {}
ro.r("library(pybridge)")  # the package loads; nothing crosses to Python yet
out["available"] = bool(ro.r("pybridge_available()")[0])
try:
    ro.r("""
      m <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
      m |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
      fit(m, Species ~ ., data = iris, epochs = 1, verbose = 0)
    """)
    out["error"] = None
except RRuntimeError as err:
    out["error"] = str(err)
out["class"] = list(ro.r("class(tryCatch(keras_model_sequential(), error = identity))"))
out["reticulate_started"] = bool(ro.r("reticulate::py_available(initialize = FALSE)")[0])

# What the message says to do: the loaded package then runs through rpy2.
import pybridge
pybridge.rhost.start()
out["rows_after_start"] = pybridge.rhost.r("""
  m <- keras_model_sequential(input_shape = 4) |> layer_dense(3, activation = "softmax")
  m |> compile(optimizer = "adam", loss = "sparse_categorical_crossentropy")
  fit(m, Species ~ ., data = iris, epochs = 1, verbose = 0)
  nrow(predict(m, iris))
""")
out["transport"] = pybridge.rhost.r("pybridge_config()$transport")
out["reticulate_started_after"] = bool(ro.r("reticulate::py_available(initialize = FALSE)")[0])
print(json.dumps(out))
'''


def test_r_package_loaded_by_rpy2_without_rhost_start_refuses_reticulate_and_exits_cleanly():
    # The issue: ro.r("library(pybridge)") then training started reticulate inside this Python, and
    # the process died at exit (Fatal Python error, the GIL released). Now the first verb stops with an
    # R error naming rhost.start(), nothing starts reticulate, and rhost.start() afterwards works.
    result, proc = run_python(WITHOUT_START, embedded_r_env())
    assert result["available"] is False
    assert result["error"] is not None and "pybridge.rhost.start()" in result["error"]
    assert "inside a Python process" in result["error"] and "Traceback" not in result["error"]
    assert result["class"][:2] == ["pybridge_state_error", "pybridge_error"]
    assert result["reticulate_started"] is False
    assert result["rows_after_start"] == 150
    assert result["transport"] == "rpy2"
    assert result["reticulate_started_after"] is False
    assert "Exception ignored" not in proc.stderr


RETICULATE_ERRORS = r"""
library(pybridge)
show <- function(key, e) cat(key, "\t", class(e)[1], "\t", class(e)[2], "\t", conditionMessage(e), "\n", sep = "")
m <- keras_model_sequential(input_shape = 4)
show("argument", tryCatch(layer_dense(m, units = -1), error = identity))
show("state", tryCatch(predict(m, iris), error = identity))
show("python", tryCatch(pybridge:::.pb_call("no_such_verb"), error = identity))
cat("transport\t", pybridge_config()$transport, "\n", sep = "")
# Python inside R (reticulate) refuses to embed a second R through rpy2.
embed <- tryCatch(reticulate::import("pybridge")$read_rds("any.rds"), error = conditionMessage)
cat("embed\t", gsub("\n", " ", embed), "\n", sep = "")
"""


def test_reticulate_python_errors_reach_r_as_conditions_with_the_python_message(rscript, r_env):
    proc = subprocess.run(
        [rscript, "-e", RETICULATE_ERRORS], env=r_env, cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not any(sign in proc.stderr for sign in CRASH_SIGNS), proc.stderr[-3000:]
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in proc.stdout.splitlines() if "\t" in line}
    assert rows["transport"] == ["reticulate"]
    assert rows["argument"][:2] == ["pybridge_argument_error", "pybridge_error"]
    assert "`units` must be at least 1" in rows["argument"][2]
    assert rows["state"][0] == "pybridge_state_error" and "predict() needs a fitted model" in rows["state"][2]
    assert rows["python"][0] == "pybridge_python_error"
    assert "AttributeError" in rows["python"][2] and "no_such_verb" in rows["python"][2]
    assert "this Python runs inside R (reticulate)" in rows["embed"][0]


# In-process checks of the conversions themselves (safe here: pytest never starts reticulate, and the
# subprocess test above shows a process embedding R exits cleanly).
@pytest.fixture(scope="module")
def rhost():
    embedded_r_env()
    from pybridge import rhost

    rhost.start()
    return rhost


def test_r_arrays_reach_python_with_r_indexing_large_ones_as_views(rhost):
    import numpy as np
    import rpy2.rinterface as ri

    from pybridge.interop.sexp import raw_view
    from pybridge.r.host import VIEW_MIN_BYTES

    matrix = ri.evalr("array(as.double(1:24), c(2, 3, 4))")
    array = rhost.to_python(matrix)
    assert array.shape == (2, 3, 4) and array[1, 2, 3] == 24 and array[0, 1, 2] == 15
    # A small array is copied: Python may keep it (an attribute R sets) after R frees its vector.
    assert not np.shares_memory(array, raw_view(matrix))
    large = ri.evalr(f"array(as.double(seq_len({VIEW_MIN_BYTES // 8 * 2})), c(2, {VIEW_MIN_BYTES // 8}))")
    view = rhost.to_python(large)
    assert view[1, 0] == 2 and np.shares_memory(view, raw_view(large))  # training data: no copy
    assert rhost.to_python(ri.evalr("list(a = 1L, b = list(TRUE, NULL, 'x'), c = c(2.5, 3))")) == {
        "a": 1,
        "b": [True, None, "x"],
        "c": [2.5, 3.0],
    }


def test_python_values_reach_r_with_types_and_dims(rhost):
    import numpy as np

    assert rhost.r("m[2, 3]", m=np.arange(6.0).reshape(2, 3)) == 5.0
    assert rhost.r(
        "c(typeof(i), typeof(b), typeof(s), typeof(d), is.null(n))",
        i=np.arange(3, dtype=np.int32),
        b=np.array([True, False]),
        s="x",
        d=1.5,
        n=None,
    ).tolist() == ["integer", "logical", "character", "double", "TRUE"]
    assert rhost.r("length(e)", e=np.empty(0)) == 0
    assert rhost.r("x$a$b * 2", x={"a": {"b": 21}}) == 42


CALLBACK_CONDITIONS_RPY2 = r'''
import json
from pybridge import rhost
rhost.start()
out = rhost.r("""
  x <- matrix(runif(32), 16, 2)
  m <- keras_model_sequential(input_shape = 2) |> layer_dense(1)
  compile(m, optimizer = "sgd", loss = "mse")
  typed <- callback_lambda(on_epoch_end = function(epoch, logs) if (epoch == 2)
    stop(structure(class = c("my_error", "error", "condition"), list(message = "typed failure", call = NULL))))
  e <- tryCatch(fit(m, x, x[, 1], epochs = 5, verbose = 0, callbacks = list(typed)), my_error = function(e) e)
  warned <- character()
  careful <- callback_lambda(on_epoch_end = function(epoch, logs) warning("careful at ", epoch))
  h <- withCallingHandlers(fit(m, x, x[, 1], epochs = 2, verbose = 0, callbacks = list(careful)),
    warning = function(w) { warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") })
  batches <- 0
  counting <- callback_lambda(on_train_batch_end = function(batch, logs) batches <<- batches + 1)
  fit(m, x, x[, 1], epochs = 1, verbose = 0, callbacks = list(counting))
  list(class = class(e), message = conditionMessage(e), warned = warned, epochs = unique(as.data.frame(h)$epoch),
       batches = batches, all = unique(as.data.frame(training_history(m))$epoch))
""")
# An R callback in a Python fit(): the R error's own message, nothing of how R kept it.
import numpy as np
import pybridge as pb
refusing = rhost.r("callback_lambda(on_epoch_end = function(epoch, logs) stop('R callback refuses'))")
model = pb.compile(pb.layer("dense", pb.keras_model_sequential(input_shape=2), units=1), optimizer="sgd", loss="mse")
try:
    x = np.arange(8.0).reshape(4, 2)
    pb.fit(model, x, x[:, 0], epochs=3, verbose=0, callbacks=refusing)
except Exception as err:
    out["python_caller"] = [type(err).__name__, str(err), model.epochs_trained]
print(json.dumps(out, default=lambda o: o.tolist()))
'''


def test_rpy2_r_callbacks_keep_their_conditions_and_every_hook_runs():
    out = run_python(CALLBACK_CONDITIONS_RPY2, embedded_r_env())[0]
    assert out["class"] == ["my_error", "error", "condition"] and out["message"] == "typed failure"
    assert out["warned"] == ["careful at 3", "careful at 4"] and out["epochs"] == [3, 4]
    assert out["batches"] == 1 and out["all"] == [1, 2, 3, 4, 5]
    assert out["python_caller"] == ["RError", "R callback refuses", 1]
