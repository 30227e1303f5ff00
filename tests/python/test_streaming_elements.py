"""Python generators as tf.data Datasets (pybridge/streaming/elements.py): from_generator's behaviour,
without its process-wide pinning of glibc's mmap threshold."""

import subprocess
import sys
import textwrap

import numpy as np
import tensorflow as tf

from pybridge.streaming.elements import PythonElements


def test_each_iteration_runs_the_generator_afresh_in_the_signature_dtypes():
    calls = []

    def make():
        calls.append(len(calls))
        for i in range(3):
            yield np.full((2, i + 1), i + len(calls) * 10, dtype=np.float64), np.array([i])

    signature = (tf.TensorSpec((2, None), tf.float32), tf.TensorSpec((1,), tf.int64))
    dataset = PythonElements(make, signature).dataset
    first = [(x.numpy(), y.numpy()) for x, y in dataset]
    second = [(x.numpy(), y.numpy()) for x, y in dataset]
    assert len(calls) == 2
    assert [x.shape for x, _ in first] == [(2, 1), (2, 2), (2, 3)]
    assert all(x.dtype == np.float32 for x, _ in first)
    assert [x[0, 0] for x, _ in first] == [10, 11, 12] and [x[0, 0] for x, _ in second] == [20, 21, 22]
    assert [int(y[0]) for _, y in second] == [0, 1, 2]
    assert dataset.element_spec[0].shape.as_list() == [2, None]


def test_a_single_spec_gives_single_tensors_and_an_empty_generator_an_empty_dataset():
    single = PythonElements(lambda: iter([np.arange(3)]), tf.TensorSpec((3,), tf.int64)).dataset
    assert [t.numpy().tolist() for t in single] == [[0, 1, 2]]
    assert list(PythonElements(lambda: iter([]), tf.TensorSpec((3,), tf.int64)).dataset) == []


def test_close_closes_the_generator_of_an_unfinished_iteration():
    closed = []

    def make():
        try:
            yield from (np.array(i) for i in range(100))
        finally:
            closed.append(True)

    elements = PythonElements(make, tf.TensorSpec((), tf.int64))
    iterator = iter(elements.dataset)
    assert int(next(iterator)) == 0
    elements.close()
    assert closed == [True]


def test_a_fit_on_files_leaves_large_tensors_reusing_their_memory(tmp_path):
    # A fresh process: the share of a 16 MiB temporary's pages faulted in anew each time it is
    # made, after a fit on files. from_generator would pin glibc's mmap threshold at 128 KiB, so that
    # every such tensor is a fresh mapping (a share of 1.0); glibc's own dynamic threshold reuses it.
    # Measured after a warm-up: the first few land in the arenas of different TensorFlow threads.
    script = textwrap.dedent(
        f"""
        import resource
        import numpy as np, pandas as pd, tensorflow as tf
        import pybridge as pb
        rng = np.random.default_rng(0)
        pd.DataFrame({{"x": rng.normal(size=100), "y": rng.normal(size=100)}}).to_csv({str(tmp_path / "a.csv")!r}, index=False)
        model = pb.keras_model_sequential()
        pb.layer_dense(model, units=1)
        pb.compile(model, optimizer="sgd", loss="mse")
        pb.fit(model, {str(tmp_path / "a.csv")!r}, target="y", epochs=2, verbose=0)
        big = tf.ones((4 * 2**20,))
        for _ in range(20):
            float(tf.reduce_sum(big * 2.0))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        for _ in range(40):
            float(tf.reduce_sum(big * 2.0))
        print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / (40 * 4096))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    share = float(done.stdout.strip().splitlines()[-1])
    assert share < 0.5
