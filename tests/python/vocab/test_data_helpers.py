"""keras3's data helpers (pybridge/vocab/data_helpers.py): to_categorical, pad_sequences, normalize."""

import numpy as np
import pytest

import pybridge as pb


def test_to_categorical_makes_one_hot_rows_from_labels_from_zero():
    np.testing.assert_array_equal(pb.to_categorical([0.0, 2.0, 1.0]), [[1, 0, 0], [0, 0, 1], [0, 1, 0]])
    assert pb.to_categorical(np.array([1, 0]), num_classes=4.0).shape == (2, 4)
    with pytest.raises(pb.ArgumentError, match="class labels 0, 1, 2"):
        pb.to_categorical([1.5, 0])
    with pytest.raises(pb.ArgumentError, match="class labels"):
        pb.to_categorical([-1, 0])
    with pytest.raises(pb.ArgumentError, match="label 3 needs num_classes > 3, not 2"):
        pb.to_categorical([3, 0], num_classes=2)


def test_pad_sequences_pads_and_cuts_as_keras():
    sequences = [1.0, [2.0, 3.0], np.array([4, 5, 6])]  # a one-element R vector crosses as a scalar
    np.testing.assert_array_equal(pb.pad_sequences(sequences), [[0, 0, 1], [0, 2, 3], [4, 5, 6]])
    np.testing.assert_array_equal(pb.pad_sequences(sequences, padding="post"), [[1, 0, 0], [2, 3, 0], [4, 5, 6]])
    np.testing.assert_array_equal(pb.pad_sequences(sequences, maxlen=2.0), [[0, 1], [2, 3], [5, 6]])
    np.testing.assert_array_equal(pb.pad_sequences(sequences, maxlen=2, truncating="post")[2], [4, 5])
    np.testing.assert_array_equal(pb.pad_sequences(sequences, value=-1)[0], [-1, -1, 1])
    assert pb.pad_sequences(sequences).dtype == np.int32
    assert pb.pad_sequences([[0.5]], dtype="float32")[0, 0] == 0.5
    with pytest.raises(pb.ArgumentError, match="`padding` must be one of 'pre', 'post'"):
        pb.pad_sequences(sequences, padding="end")
    with pytest.raises(pb.ArgumentError, match="list of sequences"):
        pb.pad_sequences("abc")


def test_normalize_scales_to_unit_norm_along_any_axis():
    x = np.array([[3.0, 4.0], [0.0, 0.0], [1.0, 0.0]])
    np.testing.assert_allclose(pb.normalize(x), [[0.6, 0.8], [0, 0], [1, 0]])  # zero rows stay zero
    by_column = pb.normalize(x, axis=0)
    np.testing.assert_allclose(np.linalg.norm(by_column, axis=0), [1, 1])
    np.testing.assert_allclose(by_column[:, 0], x[:, 0] / np.sqrt(10))
    np.testing.assert_allclose(np.abs(pb.normalize(x, order=1)).sum(axis=1), [1, 0, 1])
    with pytest.raises(pb.ArgumentError, match="`axis` is out of range"):
        pb.normalize(x, axis=2)
