"""Workload definitions shared by the benchmark drivers (sizes come from here, not from each driver)."""

import json
import os

FULL = {
    "dense": {"rows": 100_000, "features": 20, "classes": 10, "epochs": 3, "batch_size": 128},
    "cnn": {"rows": 10_000, "side": 28, "classes": 10, "epochs": 2, "batch_size": 128},
    "predict_one": {"calls": 200, "warmup": 20},
    # Each driver runs `rounds` times, the three in turn and in a rotating order, `repeats` fits a
    # run: noise on a small shared machine comes in bursts of tens of seconds that reach 40%, and
    # a burst then falls on every side alike rather than on whichever ran through it.
    "rounds": 3,
    "repeats": 2,
    # Start-up (bench/startup.py and .R): a fresh process per side and round, about ten seconds each.
    "startup_rounds": 3,
    # bench/handles.R: calls per case of a Keras object held by R, against reticulate's own call.
    "handle_calls": 300,
}
QUICK = {
    "dense": {"rows": 5_000, "features": 20, "classes": 10, "epochs": 1, "batch_size": 128},
    "cnn": {"rows": 500, "side": 28, "classes": 10, "epochs": 1, "batch_size": 128},
    "predict_one": {"calls": 20, "warmup": 5},
    "rounds": 1,
    "repeats": 1,
    "startup_rounds": 1,
    "handle_calls": 20,
}

# memory_loop: iris-sized dense nets (4 -> 8 -> 3), each built, fitted, predicted and dropped; resident
# memory is read every 25 models after `warmup` models (TensorFlow's caches and pools fill there).
MEMORY_LOOP = {"models": 500, "warmup": 50, "epochs": 2}

# On a GPU the same workloads with batches large enough to keep the card busy.
GPU = {**FULL, "dense": {**FULL["dense"], "batch_size": 4096}, "cnn": {**FULL["cnn"], "batch_size": 1024}}


def sizes():
    if os.environ.get("PYBRIDGE_BENCH_QUICK") == "1":
        return QUICK
    return GPU if os.environ.get("PYBRIDGE_BENCH_GPU") == "1" else FULL


def emit(result):
    """Drivers print one JSON line prefixed so run.py can find it among library chatter."""
    print("BENCH-RESULT " + json.dumps(result), flush=True)
