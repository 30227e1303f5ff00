"""Benchmark (not a test): fit() on a CSV larger than comfortable memory, streamed, against the
in-memory path.

    .venv/bin/python bench/streaming.py --rows 5000000      # about 1 GB of CSV in a temp dir

Generates ``--rows`` x 20 columns (18 numeric, 1 categorical, the numeric outcome) into a temporary
directory, then runs each fit in a fresh child process so that each peak memory (ru_maxrss, which
includes TensorFlow itself) is its own. The in-memory path reads ``--memory-rows`` rows (all of them
by default, which may not fit) with pandas and trains on them. Throughput is rows per second of the
first epoch (for files: parsing the CSV and writing the cache; for both: tracing), of the second and
of the later epochs (for files: reading the cache, shuffled across all rows), so the two compare per
row; and per second of the process's CPU time over epochs 2+, which other load on the machine
disturbs less than wall-clock time. The second epoch is shown apart: it is the first to read the
cache, which a machine short of page cache (or a host reclaiming idle pages) reads back from disk.
``--no-cache`` streams the CSV every epoch (``cache=False``).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
NUMERIC = 18


def generate(folder, rows, files=4, seed=0):
    """``files`` CSV parts written block by block, so generating never holds the data either."""
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=NUMERIC)
    block = 250_000
    per_file = -(-rows // files)
    written = 0
    for part in range(files):
        path = os.path.join(folder, f"part{part}.csv")
        header = True
        for start in range(0, min(per_file, rows - written), block):
            n = min(block, per_file - start, rows - written)
            x = rng.normal(size=(n, NUMERIC))
            group = rng.choice(np.array(["a", "b", "c", "d"]), n)
            frame = pd.DataFrame(x, columns=[f"x{i}" for i in range(NUMERIC)])
            frame["group"] = group
            frame["y"] = x @ weights + (group == "a") + rng.normal(0, 0.1, n)
            frame.to_csv(path, mode="w" if header else "a", header=header, index=False, float_format="%.5g")
            header = False
            written += n
    return os.path.join(folder, "part*.csv")


CHILD = r"""
import json, resource, sys, time, glob
import keras, pandas as pd
import pybridge as pb
mode, pattern, rows, epochs, batch_size, chunk_rows, cache = sys.argv[1:8]
rows, epochs, batch_size, chunk_rows, cache = int(rows), int(epochs), int(batch_size), int(chunk_rows), cache == "1"

class Timer(keras.callbacks.Callback):
    def on_epoch_begin(self, epoch, logs=None):
        self.start, self.cpu = time.perf_counter(), time.process_time()
    def on_epoch_end(self, epoch, logs=None):
        times.append(time.perf_counter() - self.start)
        cpu.append(time.process_time() - self.cpu)

times, cpu = [], []
pb.set_random_seed(1)
model = pb.keras_model_sequential()
pb.layer_dense(model, units=32, activation="relu")
pb.layer_dense(model, units=1)
pb.compile(model, optimizer="adam", loss="mse")
start = time.perf_counter()
if mode == "stream":
    history = pb.fit(model, pattern, target="y", epochs=epochs, batch_size=batch_size, verbose=0,
                     callbacks=[Timer()], chunk_rows=chunk_rows, cache=cache, seed=1)
    samples = history.params["samples"]
else:
    frames, left = [], rows
    for path in sorted(glob.glob(pattern)):
        if left <= 0:
            break
        frames.append(pd.read_csv(path, nrows=left))
        left -= len(frames[-1])
    data = pd.concat(frames, ignore_index=True)
    history = pb.fit(model, data, target="y", epochs=epochs, batch_size=batch_size, verbose=0,
                     callbacks=[Timer()])
    samples = len(data)
total = time.perf_counter() - start
print(json.dumps({"mode": mode, "rows": samples, "total_s": total, "epoch_s": times, "epoch_cpu_s": cpu,
                  "loss": history.metrics["loss"],
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def child(mode, pattern, rows, args):
    command = [
        sys.executable,
        "-c",
        CHILD,
        mode,
        pattern,
        str(rows),
        str(args.epochs),
        str(args.batch_size),
        str(args.chunk_rows),
        "0" if args.no_cache else "1",
    ]
    env = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2", PYTHONPATH=os.path.dirname(HERE))
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{mode} run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def rate(result, epochs=slice(1, None), key="epoch_s"):
    """Rows per second (of wall-clock time, or of the process's CPU time with key="epoch_cpu_s") over
    ``epochs``: by default the second and later ones (their mean time)."""
    times = result[key][epochs] or result[key]
    return result["rows"] / (sum(times) / len(times))


def row(name, result, args):
    return (
        f"{name:<10} {result['rows']:>11,} {rate(result, slice(0, 1)):>12,.0f} {rate(result, slice(1, 2)):>12,.0f} "
        f"{rate(result, slice(2, None)):>12,.0f} {rate(result, key='epoch_cpu_s'):>12,.0f} {result['peak_mib']:>9,.0f}"
        f"   {', '.join(f'{t:.1f}' for t in result['epoch_s'])} s (CPU "
        f"{', '.join(f'{t:.1f}' for t in result['epoch_cpu_s'])} s; fit {result['total_s']:.0f} s)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=5_000_000)
    parser.add_argument(
        "--memory-rows", type=int, default=None, help="rows for the in-memory comparison (default: all; 0 skips it)"
    )
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=1024)
    parser.add_argument("--chunk-rows", type=int, default=65536)
    parser.add_argument("--dir", default=None, help="where to write the CSV (default: a temp dir, removed)")
    parser.add_argument("--no-cache", action="store_true", help="stream the CSV every epoch (cache=False)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        start = time.perf_counter()
        pattern = generate(folder, args.rows)
        size = sum(os.path.getsize(os.path.join(folder, f)) for f in os.listdir(folder))
        print(
            f"generated {args.rows:,} rows x 20 columns, {size / 2**20:,.0f} MiB of CSV in "
            f"{time.perf_counter() - start:.0f} s"
        )
        streamed = child("stream", pattern, args.rows, args)
        print(
            f"{'rows/s':<10} {'rows':>11} {'epoch 1':>12} {'epoch 2':>12} {'epochs 3+':>12} {'2+ per CPU-s':>12} "
            f"{'peak MiB':>9}   epochs"
        )
        print(row("streamed", streamed, args))
        memory_rows = args.rows if args.memory_rows is None else args.memory_rows
        if memory_rows:
            in_memory = child("memory", pattern, memory_rows, args)
            print(row("in memory", in_memory, args))
            print(
                f"epochs 2+, streamed / in memory: {rate(streamed) / rate(in_memory):.2f} "
                f"(epoch 2: {rate(streamed, slice(1, 2)) / rate(in_memory, slice(1, 2)):.2f}, "
                f"epochs 3+: {rate(streamed, slice(2, None)) / rate(in_memory, slice(2, None)):.2f}; "
                f"per CPU-second: {rate(streamed, key='epoch_cpu_s') / rate(in_memory, key='epoch_cpu_s'):.2f})"
            )
        print(f"peak memory of the streamed fit under 1 GiB: {streamed['peak_mib'] < 1024}")


if __name__ == "__main__":
    main()
