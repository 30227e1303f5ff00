"""Python hosts R: train with pybridge on R data, then use the very same model from R code.

    make setup
    R_LIBS=.Rlib .venv/bin/python inst/examples/from_python.py                    # R's iris
    R_LIBS=.Rlib .venv/bin/python inst/examples/from_python.py data.rds outcome   # your .rds file

R is embedded through rpy2 (pybridge.rhost), and the R package's verbs run in this process's Python:
no reticulate, no second Python, no copies of the model.
"""

import sys

import numpy as np

import pybridge as pb
from pybridge import rhost
from pybridge.interop.sexp import as_frame


def main(path=None, target="Species"):
    rhost.start()  # embeds R and loads the R package with the rpy2 transport
    import rpy2.robjects as ro

    # R data, taken by the Python API as it is: an R data.frame (or a pandas frame read from .rds).
    data = ro.r["iris"] if path is None else pb.read_rds(path)
    frame = as_frame(data)
    classify = str(frame[target].dtype) == "category"
    outputs = len(frame[target].cat.categories) if classify else 1

    pb.set_random_seed(42)
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=16, activation="relu")
    pb.layer_dense(model, units=outputs, activation="softmax" if classify else None)
    pb.compile(
        model,
        optimizer="adam",
        metrics=["accuracy" if classify else "mae"],
        loss="sparse_categorical_crossentropy" if classify else "mean_squared_error",
    )
    history = pb.fit(model, data, target=target, epochs=30, batch_size=16, verbose=0, seed=42)
    print("trained in Python:", history)
    print("evaluate in Python:", pb.evaluate(model, data))
    python_predictions = pb.predict(model, data)

    # The same model from R code: bound to an R variable, used with the R package's verbs.
    ro.globalenv["model"] = rhost.to_r_value(model)
    ro.globalenv["data"] = data if path is None else rhost.to_r_value(frame)
    ro.r("print(summary(model))")
    r_predictions = rhost.r("predict(model, data)")
    columns = [c for c in python_predictions.columns if c != ".pred_class"]
    gap = np.abs(r_predictions[columns].to_numpy() - python_predictions[columns].to_numpy()).max()
    print(f"predictions from R and from Python differ by at most {gap:.2e}")

    # Training continued in R changes the one model Python holds.
    rhost.r(f"fit(model, {target} ~ ., data = data, epochs = 5, verbose = 0); NULL")
    print(f"after 5 more epochs in R, Python sees {model.epochs_trained} epochs trained")
    print(python_predictions.head())


if __name__ == "__main__":
    main(*sys.argv[1:3])
