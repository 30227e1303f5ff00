"""Arrays and images: indexing kept, C-ordered float32 made once, flat pixel columns in row-major order."""

import numpy as np
import pandas as pd
import pytest

import pybridge as pb
from pybridge.encoding.arrays import as_float32_array
from pybridge.encoding.describe import describe_frame

HOT = [(0, 2, 5), (1, 7, 0), (2, 0, 6)]  # (sample, row, column) of each image's one hot pixel


def images(order="C"):
    x = np.zeros((3, 8, 8, 1), order=order)
    for i, r, c in HOT:
        x[i, r, c, 0] = 1
    return x


def row_and_column_finder():
    """Max-pools each image over its columns and over its rows: outputs 0..7 mark the hot row,
    8..15 the hot column. No weights, so what comes out says where Keras saw the pixel."""
    model = pb.keras_model_sequential(input_shape=(8, 8, 1))
    pb.layer_max_pooling_2d(model, pool_size=(1, 8))
    pb.layer_flatten(model)
    pb.compile(model, optimizer="sgd", loss="mse")
    return model


def test_fortran_array_is_converted_once_with_indexing_kept():
    x = images(order="F")  # what reticulate hands over for an R array
    arr = as_float32_array(x, [8, 8, 1])
    assert arr.dtype == np.float32 and arr.flags.c_contiguous
    assert [tuple(p[:3]) for p in describe_frame(x)["nonzero"]] == HOT
    same = np.ascontiguousarray(np.ones((2, 3), dtype=np.float32))
    assert as_float32_array(same) is same  # already float32 and C-ordered: no copy at all


@pytest.mark.parametrize("dtype", [np.float64, np.int32, np.bool_])
def test_large_column_major_array_is_copied_by_threads_to_the_same_values(dtype):
    # Large enough for the threaded copy; a prime row count leaves the last block short.
    rng = np.random.default_rng(1)
    x = np.asfortranarray((rng.normal(size=(4099, 16, 17, 1)) * 5).astype(dtype))
    hot = np.zeros((4099, 16, 17, 1), order="F")
    hot[4098, 3, 11, 0] = 1
    for source in (x, hot):
        arr = as_float32_array(source, [16, 17, 1])
        assert arr.flags.c_contiguous and arr.dtype == np.float32
        np.testing.assert_array_equal(arr, np.ascontiguousarray(source, dtype=np.float32))
    assert np.argwhere(as_float32_array(hot)).tolist() == [[4098, 3, 11, 0]]


def test_keras_sees_the_hot_row(recwarn):
    model = row_and_column_finder()
    x = images(order="F")
    pb.fit(model, x, np.random.default_rng(0).normal(size=(3, 8)), epochs=1, verbose=0)
    rows = pb.predict(model, x, type="raw").to_numpy()
    assert rows.argmax(axis=1).tolist() == [r for _, r, _ in HOT]


def test_flat_pixel_columns_are_row_major_under_reshape():
    # 64 columns p0..p63; column k is pixel (k // 8, k % 8).
    flat = np.zeros((3, 64))
    for i, r, c in HOT:
        flat[i, r * 8 + c] = 1
    frame = pd.DataFrame(flat, columns=[f"p{k}" for k in range(64)])
    frame["hot_col"] = [float(c) for _, _, c in HOT]
    model = pb.keras_model_sequential()
    pb.layer_reshape(model, target_shape=(8, 8, 1))
    pb.layer_max_pooling_2d(model, pool_size=(8, 1))  # max over rows: one output per column
    pb.layer_flatten(model)
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="sgd", loss="mse")
    pb.fit(model, frame, target="hot_col", epochs=1, verbose=0, standardize=False)
    encoded = model.preprocessor.transform(frame)
    image = encoded.reshape(-1, 8, 8, 1)  # what Reshape((8, 8, 1)) does: C (row-major) order
    assert [tuple(map(int, p[:3])) for p in np.argwhere(image)] == HOT
    pooled = model.keras.layers[1](model.keras.layers[0](encoded)).numpy().reshape(3, 8)
    assert pooled.argmax(axis=1).tolist() == [c for _, _, c in HOT]


def test_array_shape_mismatch_names_both_shapes():
    model = row_and_column_finder()
    pb.fit(model, images(), np.random.default_rng(0).normal(size=(3, 8)), epochs=1, verbose=0)
    with pytest.raises(pb.InputError, match=r"per-sample shape \(8, 8\).*\(8, 8, 1\)"):
        pb.predict(model, np.zeros((2, 8, 8)))
    assert len(pb.predict(model, images())) == 3
