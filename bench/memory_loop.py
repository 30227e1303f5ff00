"""memory_loop: build -> fit -> predict -> drop, many small models in one process, as a user tuning in
a loop; the growth of the process's resident memory after warm-up, in MB per 100 models.
`python bench/memory_loop.py keras|python MODELS` (run.py runs it, and bench/memory_loop.R for R)."""

import gc
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from workloads import MEMORY_LOOP, emit  # noqa: E402


def resident_mb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS"))


def keras_side(x, y):
    import keras

    def one():
        model = keras.Sequential(
            [keras.Input((4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3, activation="softmax")]
        )
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        model.fit(x, y, epochs=MEMORY_LOOP["epochs"], verbose=0)
        model.predict(x[:5], verbose=0)

    return one


def pybridge_side(frame):
    import pybridge as pb

    def one():
        model = pb.keras_model_sequential()
        pb.layer_dense(model, units=8, activation="relu")
        pb.layer_dense(model, units=3, activation="softmax")
        pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
        pb.fit(model, frame, target="label", epochs=MEMORY_LOOP["epochs"], verbose=0)
        pb.predict(model, frame.iloc[:5])

    return one


def main():
    side, models = sys.argv[1], int(sys.argv[2])
    rng = np.random.default_rng(0)
    x = rng.normal(size=(150, 4))
    y = rng.integers(0, 3, 150)
    frame = pd.DataFrame(x, columns=["a", "b", "c", "d"]).assign(label=pd.Categorical(y))
    one = keras_side(x, y) if side == "keras" else pybridge_side(frame)
    warmup = MEMORY_LOOP["warmup"]
    readings = []
    for i in range(warmup + models):
        one()
        if i + 1 >= warmup and (i + 1 - warmup) % 25 == 0:
            gc.collect()
            readings.append((i + 1 - warmup, resident_mb()))
    emit({"readings": readings})


if __name__ == "__main__":
    main()
