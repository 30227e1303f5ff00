"""The anchor: plain Python Keras on float64 NumPy arrays, as a Keras user would write it."""

import os
import sys
import time

t_start = time.perf_counter()
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import keras  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from workloads import emit, sizes  # noqa: E402


def dense_model(features, classes):
    model = keras.Sequential(
        [
            keras.Input((features,)),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(64, activation="relu"),
            keras.layers.Dense(classes, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def cnn_model(side, classes):
    model = keras.Sequential(
        [
            keras.Input((side, side, 1)),
            keras.layers.Conv2D(32, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(64, 3, activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(classes, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def timed_fit(model, x, y, spec):
    start = time.perf_counter()
    history = model.fit(x, y, epochs=spec["epochs"], batch_size=spec["batch_size"], verbose=0)
    return time.perf_counter() - start, float(history.history["loss"][-1])


def main():
    s = sizes()
    rng = np.random.default_rng(0)
    d = s["dense"]
    x = rng.normal(size=(d["rows"], d["features"]))
    y = rng.integers(0, d["classes"], d["rows"])
    first_fit = None
    dense, dense_loss = [], []
    for _ in range(s["repeats"]):
        seconds, loss = timed_fit(dense_model(d["features"], d["classes"]), x, y, d)
        if first_fit is None:
            first_fit = time.perf_counter() - t_start
        dense.append(seconds)
        dense_loss.append(loss)

    c = s["cnn"]
    images = rng.random((c["rows"], c["side"], c["side"], 1))
    labels = rng.integers(0, c["classes"], c["rows"])
    cnn = [timed_fit(cnn_model(c["side"], c["classes"]), images, labels, c)[0] for _ in range(s["repeats"])]

    model = dense_model(d["features"], d["classes"])
    model.fit(x[:1000], y[:1000], epochs=1, verbose=0)
    row = x[:1]
    p = s["predict_one"]
    for _ in range(p["warmup"]):
        model.predict(row, verbose=0)
    predict_one = []
    for _ in range(p["calls"]):
        start = time.perf_counter()
        model.predict(row, verbose=0)
        predict_one.append(time.perf_counter() - start)

    emit(
        {
            "dense_fit": dense,
            "dense_loss": dense_loss,
            "cnn_fit": cnn,
            "predict_one": predict_one,
            "start_to_first_fit": first_fit,
        }
    )


if __name__ == "__main__":
    main()
