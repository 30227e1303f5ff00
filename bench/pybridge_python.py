"""pybridge from Python: the same workloads through pybridge's verbs on a pandas DataFrame."""

import os
import sys
import time

t_start = time.perf_counter()
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import pybridge as pb  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from workloads import emit, sizes  # noqa: E402


def dense_model(classes):
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=64, activation="relu")
    pb.layer_dense(model, units=64, activation="relu")
    pb.layer_dense(model, units=classes, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return model


def cnn_model(side, classes):
    model = pb.keras_model_sequential(input_shape=(side, side, 1))
    pb.layer_conv_2d(model, filters=32, kernel_size=3, activation="relu")
    pb.layer_max_pooling_2d(model, pool_size=2)
    pb.layer_conv_2d(model, filters=64, kernel_size=3, activation="relu")
    pb.layer_max_pooling_2d(model, pool_size=2)
    pb.layer_flatten(model)
    pb.layer_dense(model, units=classes, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return model


def timed_fit(model, x, y, spec, **kwargs):
    start = time.perf_counter()
    history = pb.fit(model, x, y, epochs=spec["epochs"], batch_size=spec["batch_size"], verbose=0, **kwargs)
    return time.perf_counter() - start, history.metrics["loss"][-1]


def main():
    s = sizes()
    rng = np.random.default_rng(0)
    d = s["dense"]
    frame = pd.DataFrame(
        rng.normal(size=(d["rows"], d["features"])), columns=[f"x{i + 1}" for i in range(d["features"])]
    )
    frame["label"] = rng.integers(0, d["classes"], d["rows"])
    first_fit = None
    dense, dense_loss = [], []
    for _ in range(s["repeats"]):
        seconds, loss = timed_fit(dense_model(d["classes"]), frame, None, d, target="label")
        if first_fit is None:
            first_fit = time.perf_counter() - t_start
        dense.append(seconds)
        dense_loss.append(loss)

    c = s["cnn"]
    images = rng.random((c["rows"], c["side"], c["side"], 1))
    labels = rng.integers(0, c["classes"], c["rows"])
    cnn = [timed_fit(cnn_model(c["side"], c["classes"]), images, labels, c)[0] for _ in range(s["repeats"])]

    model = dense_model(d["classes"])
    pb.fit(model, frame.iloc[:1000], target="label", epochs=1, verbose=0)
    row = frame.iloc[:1]
    p = s["predict_one"]
    for _ in range(p["warmup"]):
        pb.predict(model, row)
    predict_one = []
    for _ in range(p["calls"]):
        start = time.perf_counter()
        pb.predict(model, row)
        predict_one.append(time.perf_counter() - start)

    # layer_dense() on an existing, not yet built model (Keras does no rebuild work), a fresh one every
    # 10 calls as in bench/pybridge_r.R.
    layer_times = []
    for i in range(300):
        if i % 10 == 0:
            layer_model = pb.keras_model_sequential()
        start = time.perf_counter()
        pb.layer_dense(layer_model, units=4)
        layer_times.append(time.perf_counter() - start)

    emit(
        {
            "dense_fit": dense,
            "dense_loss": dense_loss,
            "cnn_fit": cnn,
            "predict_one": predict_one,
            "start_to_first_fit": first_fit,
            "layer_dense": layer_times,
        }
    )


if __name__ == "__main__":
    main()
