"""make bench: every workload through plain Keras, pybridge from Python and pybridge from R, in one
run on this machine; prints one table of medians and ratios and writes output/bench/results.json.
PYBRIDGE_BENCH_QUICK=1 shrinks the workloads for a smoke run (its numbers mean nothing).
PYBRIDGE_BENCH_R=wire stands in bench/pybridge_rwire.py for R on a machine without R (the GPU one):
its "pb-R" column is then R's wire form through pybridge.r.dispatch, without R's own share.
After the table, start-up (bench/startup.py and .R): seconds from starting a fresh process to the end of
its first training step (build a small network, fit one epoch of one batch) for plain Keras, pybridge from
Python and from R, and R's keras3 where installed; `run.py --only startup` runs it alone. Then
memory_loop (bench/memory_loop.py and .R): MB of resident memory per 100 models in a
build -> fit -> predict -> drop loop. `run.py --only memory_loop --models 150` runs it alone, shorter."""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from workloads import MEMORY_LOOP, sizes  # noqa: E402


def run_driver(command):
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=3600)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line[len("BENCH-RESULT ") :])
    raise SystemExit(f"{command[1]} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def median(values):
    return statistics.median(values if isinstance(values, list) else [values])


def merged(runs):
    """One driver's runs as one result: each key's values from all rounds in one list."""
    out = {}
    for run in runs:
        for key, value in run.items():
            out.setdefault(key, []).extend(value if isinstance(value, list) else [value])
    return out


def growth_per_100(readings):
    """Least-squares slope of resident MB over models after warm-up, per 100 models."""
    xs, ys = zip(*readings)
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    return 100 * slope


def memory_loop(models):
    """Each side in its own process; the MB per 100 models after warm-up, pybridge against Keras."""
    python = sys.executable
    settings = json.dumps({**MEMORY_LOOP, "models": models})
    commands = {
        "keras": [python, os.path.join(HERE, "memory_loop.py"), "keras", str(models)],
        "pb-python": [python, os.path.join(HERE, "memory_loop.py"), "python", str(models)],
        "pb-R": ["Rscript", os.path.join(HERE, "memory_loop.R"), settings],
    }
    print(f"\n== memory_loop: {models} models after {MEMORY_LOOP['warmup']} of warm-up", flush=True)
    result = {}
    for side, command in commands.items():
        readings = run_driver(command)["readings"]
        result[side] = {"readings": readings, "mb_per_100": growth_per_100(readings)}
        print(
            f"{side:<10} {result[side]['mb_per_100']:>8.1f} MB per 100 models "
            f"(resident {readings[0][1]:.0f} -> {readings[-1][1]:.0f} MB)",
            flush=True,
        )
    keras_growth = result["keras"]["mb_per_100"]
    for side in ("pb-python", "pb-R"):
        print(f"{side}/keras growth ratio: {result[side]['mb_per_100'] / keras_growth:.2f}")
    return result


def first_step_seconds(command):
    """Seconds from just before starting ``command`` to the end of its first training step, which
    the driver prints as wall-clock time (so the process's own start-up is counted)."""
    start = time.time()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    for line in result.stdout.splitlines():
        if line.startswith("FIRST-STEP-DONE "):
            return float(line.split()[1]) - start
    raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def r_has_package(name):
    command = ["Rscript", "-e", f"cat(requireNamespace('{name}', quietly = TRUE))"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120).stdout.strip() == "TRUE"


def startup(rounds):
    """Fresh process to the first training step's end, each side in turn (the order rotating by round),
    the median over the rounds against plain Keras's from the same run."""
    python = sys.executable
    commands = {
        "keras": [python, os.path.join(HERE, "startup.py"), "keras"],
        "pb-python": [python, os.path.join(HERE, "startup.py"), "pybridge"],
    }
    absent = []
    if shutil.which("Rscript"):
        commands["pb-R"] = ["Rscript", os.path.join(HERE, "startup.R"), "pybridge"]
        if r_has_package("keras3"):
            commands["keras3"] = ["Rscript", os.path.join(HERE, "startup.R"), "keras3"]
        else:
            absent.append("keras3: not installed")
    else:
        absent.append("pb-R, keras3: no Rscript on this machine")
    print(f"\n== start-up: fresh process to the end of the first training step, median of {rounds}", flush=True)
    sides = list(commands)
    seconds = {side: [] for side in sides}
    for round_number in range(rounds):
        turn = round_number % len(sides)
        for side in sides[turn:] + sides[:turn]:
            seconds[side].append(first_step_seconds(commands[side]))
    keras_s = median(seconds["keras"])
    for side in sides:
        values = seconds[side]
        print(
            f"{side:<10} {median(values):>7.2f} s  (range {min(values):.2f}-{max(values):.2f})  "
            f"{median(values) / keras_s:.2f}x keras",
            flush=True,
        )
    for line in absent:
        print(line)
    return {"seconds": seconds, "over_keras": {side: median(seconds[side]) / keras_s for side in sides}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["memory_loop", "startup"])
    parser.add_argument("--models", type=int, default=MEMORY_LOOP["models"])
    options = parser.parse_args()
    if options.only == "memory_loop":
        memory_loop(options.models)
        return
    if options.only == "startup":
        startup(sizes()["startup_rounds"])
        return
    python = sys.executable
    s = sizes()
    print(
        f"pybridge benchmark: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
        f"{'QUICK (smoke) sizes' if os.environ.get('PYBRIDGE_BENCH_QUICK') == '1' else 'full sizes'}, "
        f"{s['rounds']} rounds of {s['repeats']} fits per side",
        flush=True,
    )
    wire_only = os.environ.get("PYBRIDGE_BENCH_R") == "wire"
    commands = {
        "keras": [python, os.path.join(HERE, "plain_keras.py")],
        "python": [python, os.path.join(HERE, "pybridge_python.py")],
        "r": (
            [python, os.path.join(HERE, "pybridge_rwire.py")]
            if wire_only
            else ["Rscript", os.path.join(HERE, "pybridge_r.R"), json.dumps(s)]
        ),
    }
    sides = list(commands)
    runs = {side: [] for side in sides}
    for round_number in range(s["rounds"]):
        turn = round_number % len(sides)
        for side in sides[turn:] + sides[:turn]:
            runs[side].append(run_driver(commands[side]))
    results = {side: merged(runs[side]) for side in sides}
    rows = [
        ("dense fit (s)", "dense_fit"),
        ("CNN fit (s)", "cnn_fit"),
        ("predict one row (ms)", "predict_one"),
        ("start to first fit (s)", "start_to_first_fit"),
    ]
    table = []
    header = (
        f"{'workload':<24}{'keras':>10}{'pb-python':>11}{'pb-R':>10}{'R/keras':>9}{'py/keras':>10}"
        f"{'R/keras by round':>19}"
    )
    print(header)
    print("-" * len(header))
    for label, key in rows:
        if key not in results["r"]:
            continue
        scale = 1000 if key == "predict_one" else 1
        keras_v, py_v, r_v = (median(results[side][key]) * scale for side in ("keras", "python", "r"))
        # The ratio within each round, where both sides ran minutes apart: its spread is the noise.
        by_round = [median(r[key]) / median(k[key]) for r, k in zip(runs["r"], runs["keras"])]
        table.append(
            {
                "workload": key,
                "keras": keras_v,
                "pybridge_python": py_v,
                "pybridge_r": r_v,
                "r_over_keras": r_v / keras_v,
                "python_over_keras": py_v / keras_v,
                "r_over_keras_by_round": by_round,
            }
        )
        spread = f"{min(by_round):.2f}-{max(by_round):.2f}"
        print(
            f"{label:<24}{keras_v:>10.3f}{py_v:>11.3f}{r_v:>10.3f}{r_v / keras_v:>9.2f}{py_v / keras_v:>10.2f}"
            f"{spread:>19}"
        )
    first_step = startup(s["startup_rounds"])
    out = os.path.join(REPO, "output", "bench")
    os.makedirs(out, exist_ok=True)
    print(
        f"final dense loss (median): keras {median(results['keras']['dense_loss']):.4f}, "
        f"pb-python {median(results['python']['dense_loss']):.4f}, pb-R {median(results['r']['dense_loss']):.4f}"
    )
    if wire_only:
        with open(os.path.join(out, "results-wire.json"), "w") as f:
            json.dump(
                {"cores": os.cpu_count(), "sizes": s, "table": table, "raw": runs, "startup": first_step}, f, indent=1
            )
        return
    layer_r = median(results["r"]["layer_dense"]) * 1000
    layer_py = median(results["python"]["layer_dense"]) * 1000
    # Both overheads come from the R driver's process (see bench/pybridge_r.R): in-call is the bridge's
    # own cost; the twin difference adds Keras's work running colder after R's than after Python's.
    pairs = zip(results["r"]["layer_dense"], results["r"]["layer_dense_python_in_r"])
    twin_overhead = median([r - p for r, p in pairs]) * 1000
    overhead = median(results["r"]["layer_dense_overhead_in_call"]) * 1000
    print(
        f"{'layer_dense() (ms)':<24}{'':>10}{layer_py:>11.3f}{layer_r:>10.3f}   R->Python overhead "
        f"{overhead:.3f} ms in-call (R's time minus api.layer's inside it), {twin_overhead:.3f} ms "
        "against an interleaved Python twin"
    )
    transpose = median(results["r"]["conv_2d_transpose_overhead_in_call"]) * 1000
    print(f"{'layer_conv_2d_transpose()':<24}{'':>10}{'':>11}{'':>10}   R->Python overhead {transpose:.3f} ms in-call")
    print(f"{'library(pybridge) (s)':<24}{'':>10}{'':>11}{median(results['r']['library']):>10.3f}")
    conversions = {}
    for script in ("frame_conversion.py", "rdata_conversion.py"):
        print(f"\n== bench/{script}", flush=True)
        result = subprocess.run(
            [python, os.path.join(HERE, script)], cwd=REPO, capture_output=True, text=True, timeout=3600
        )
        text = "\n".join(line for line in result.stdout.splitlines() if "BENCH-RESULT" not in line)
        print(text)
        conversions[script] = text
    print("\n== bench/handles.R: a Keras object called from R (R/objects.R) against reticulate's own call", flush=True)
    handles = run_driver(["Rscript", os.path.join(HERE, "handles.R"), str(s["handle_calls"])])
    for case, figures in handles.items():
        print(
            f"{case:<14}{figures['pybridge_us']:>10.0f} us  reticulate {figures['reticulate_us']:>8.0f} us  "
            f"{figures['ratio']:>6.2f}x"
        )
    memory = memory_loop(options.models)
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(
            {
                "cores": os.cpu_count(),
                "sizes": s,
                "table": table,
                "raw": runs,
                "layer_dense_overhead_ms": overhead,
                "layer_dense_twin_overhead_ms": twin_overhead,
                "conv_2d_transpose_overhead_ms": transpose,
                "conversions": conversions,
                "startup": first_step,
                "handles": handles,
                "memory_loop": memory,
            },
            f,
            indent=1,
        )
    print(f"results written to {os.path.join(out, 'results.json')}")


if __name__ == "__main__":
    main()
