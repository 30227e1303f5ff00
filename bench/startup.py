"""Start-up driver for bench/run.py (run by it, in a fresh process each time): builds a small dense
network and fits one epoch of one batch, then prints the wall-clock time (seconds since the epoch)
when that first training step has ended, for run.py to subtract its own time just before it started
this process. `keras`: plain Keras on NumPy arrays, as a Keras user writes it (the anchor);
`pybridge`: the same through pybridge's verbs from Python. bench/startup.R is the R side."""

import sys
import time


def keras_first_step(x, y):
    import keras

    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    model.fit(x, y, epochs=1, batch_size=32, verbose=0)


def pybridge_first_step(x, y):
    import pybridge as pb

    model = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(model, units=8, activation="relu")
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    pb.fit(model, x, y, epochs=1, batch_size=32, verbose=0)


def main(side):
    import numpy as np

    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(32, 4)), rng.normal(size=32)
    {"keras": keras_first_step, "pybridge": pybridge_first_step}[side](x, y)
    print(f"FIRST-STEP-DONE {time.time():.6f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
