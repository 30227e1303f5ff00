"""pybridge's R path without R, for machines that have no R (the lent GPU machine): the same verbs
R/bridge-wire.R sends, in its wire form, through pybridge.r.dispatch.call. What is left out is R's own share:
building the column list (measured on CPU by bench/frame_conversion.R) and the crossing itself."""

import os
import sys
import time

import numpy as np

from pybridge.r import dispatch

sys.path.insert(0, os.path.dirname(__file__))
from workloads import emit, sizes  # noqa: E402


def r_call(verb, **kwargs):
    answer = dispatch.call(verb, kwargs)
    if "error" in answer:
        raise RuntimeError(answer["error"])
    return answer["value"]


def r_factor(codes, classes):
    """A factor as R's encoder sends it: 1-based integer codes and the levels."""
    return {"__vector__": "factor", "values": (codes + 1).astype(np.int32), "levels": [str(i) for i in range(classes)]}


def r_frame(columns, names):
    return {"__frame__": True, "names": names, "nrow": len(columns[0]["values"]), "columns": columns}


def build(layers, input_shape=None):
    model = r_call("keras_model_sequential", input_shape=input_shape)["__model__"]
    for kind, args in layers:
        r_call("layer", kind=kind, object=model, **args)
    r_call("compile", model=model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return model


def dense_model(classes):
    return build(
        [
            ("dense", {"units": 64, "activation": "relu"}),
            ("dense", {"units": 64, "activation": "relu"}),
            ("dense", {"units": classes, "activation": "softmax"}),
        ]
    )


def cnn_model(side, classes):
    return build(
        [
            ("conv_2d", {"filters": 32, "kernel_size": 3, "activation": "relu"}),
            ("max_pooling_2d", {"pool_size": 2}),
            ("conv_2d", {"filters": 64, "kernel_size": 3, "activation": "relu"}),
            ("max_pooling_2d", {"pool_size": 2}),
            ("flatten", {}),
            ("dense", {"units": classes, "activation": "softmax"}),
        ],
        input_shape=[side, side, 1],
    )


def timed(function):
    start = time.perf_counter()
    value = function()
    return time.perf_counter() - start, value


def main():
    s = sizes()
    rng = np.random.default_rng(0)
    d = s["dense"]
    names = [f"V{i + 1}" for i in range(d["features"])] + ["label"]
    values = rng.normal(size=(d["rows"], d["features"]))
    columns = [{"__vector__": "double", "values": np.ascontiguousarray(values[:, j])} for j in range(d["features"])]
    frame = r_frame(columns + [r_factor(rng.integers(0, d["classes"], d["rows"]), d["classes"])], names)
    dense, dense_loss = [], []
    for _ in range(s["repeats"]):
        model = dense_model(d["classes"])
        seconds, history = timed(
            lambda model=model: r_call(
                "fit", model=model, x=frame, target="label", epochs=d["epochs"], batch_size=d["batch_size"], verbose=0
            )
        )
        dense.append(seconds)
        dense_loss.append(float(history["metrics"]["loss"][-1]))

    c = s["cnn"]
    # An R array reaches NumPy in Fortran order with R's indexing kept.
    images = np.asfortranarray(rng.random((c["rows"], c["side"], c["side"], 1)))
    labels = r_factor(rng.integers(0, c["classes"], c["rows"]), c["classes"])
    cnn = []
    for _ in range(s["repeats"]):
        model = cnn_model(c["side"], c["classes"])
        cnn.append(
            timed(
                lambda model=model: r_call(
                    "fit", model=model, x=images, y=labels, epochs=c["epochs"], batch_size=c["batch_size"], verbose=0
                )
            )[0]
        )
    # One row as R's predict() sends it: a small frame's doubles as one matrix, the factor beside it.
    model = dense_model(d["classes"])
    first = r_frame(
        [{**c, "values": c["values"][:1000]} for c in columns]
        + [r_factor(rng.integers(0, d["classes"], 1000), d["classes"])],
        names,
    )
    r_call("fit", model=model, x=first, target="label", epochs=1, verbose=0)
    row = {
        "__frame__": True,
        "names": names,
        "nrow": 1,
        "matrix": np.asfortranarray(values[:1]),
        "columns": [None] * d["features"] + [r_factor(np.array([0]), d["classes"])],
    }
    p = s["predict_one"]
    for _ in range(p["warmup"]):
        r_call("predict_columns", model=model, x=row)
    predict_one = [timed(lambda: r_call("predict_columns", model=model, x=row))[0] for _ in range(p["calls"])]
    emit({"dense_fit": dense, "dense_loss": dense_loss, "cnn_fit": cnn, "predict_one": predict_one})


if __name__ == "__main__":
    main()
