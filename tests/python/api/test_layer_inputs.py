"""api.layer() on what keras3 applies layers to: merge layers' several inputs, arrays run eagerly."""

import numpy as np
import pytest

import pybridge as pb


def test_merge_layers_take_more_inputs_and_other_layers_refuse_them():
    a, b, c = (pb.keras_input(shape=4.0) for _ in range(3))
    assert tuple(pb.layer("add", a, more_inputs=[b]).shape) == (None, 4)
    assert tuple(pb.layer("concatenate", [a, b], more_inputs=[c]).shape) == (None, 12)
    with pytest.raises(pb.ArgumentError, match=r"layer_dense\(\) takes one input .* merge layers only"):
        pb.layer("dense", a, more_inputs=[b], units=2.0)


def test_a_layer_applied_to_arrays_runs_at_once_and_gives_arrays():
    x = np.random.default_rng(1).uniform(size=(4, 10, 128))
    y = pb.layer("conv_1d", x, filters=32.0, kernel_size=3.0, activation="relu")
    assert isinstance(y, np.ndarray) and y.shape == (4, 8, 32) and (y >= 0).all()
    np.testing.assert_allclose(pb.layer("add", np.ones((1, 2, 3)), more_inputs=[np.ones((1, 2, 3))]), 2.0)
    pooled = pb.layer("global_average_pooling_1d", x)
    np.testing.assert_allclose(pooled, x.mean(axis=1), rtol=1e-5)
    with pytest.raises(pb.ArgumentError, match=r"layer_dense\(\) cannot take an input of shape \(4,\)"):
        pb.layer("dense", np.ones(4), units=2.0)


def test_reshape_infers_one_size_from_minus_one_or_na():
    x = pb.keras_input(shape=12.0)
    assert tuple(pb.layer("reshape", x, target_shape=np.array([-1.0, 2.0, 2.0])).shape) == (None, 3, 2, 2)
    assert tuple(pb.layer("reshape", x, target_shape=np.array([np.nan, 4.0])).shape) == (None, 3, 4)
    with pytest.raises(pb.ArgumentError, match="one -1 or NA"):
        pb.layer("reshape", x, target_shape=np.array([-1.0, np.nan, 3.0]))


def test_keras_model_takes_named_outputs():
    x = pb.keras_input(shape=3.0)
    model = pb.keras_model(x, {"a": pb.layer("dense", x, units=1.0), "b": pb.layer("dense", x, units=2.0)})
    outputs = model.keras(np.ones((2, 3), "float32"))
    assert isinstance(outputs, dict) and {k: tuple(v.shape) for k, v in outputs.items()} == {"a": (2, 1), "b": (2, 2)}
