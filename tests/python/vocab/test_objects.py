"""vocab/objects.py through the verbs R calls (object_call, object_get, ...): Keras objects used the
way keras3 code uses them, with R's conventions where R's syntax brings them (1-based `[`)."""

import keras
import numpy as np
import pytest

import pybridge as pb


def test_a_layer_is_called_on_arrays_and_tensors_and_its_weights_stay_variables():
    dense = pb.layer_dense(units=3)
    out = pb.object_call(dense, [np.ones((2, 4))])
    assert isinstance(out, np.ndarray) and out.shape == (2, 3)  # values come back as an array
    weights = pb.object_get(dense, "weights")
    # Variables stay Keras variables: training must update what a layer R wrote holds.
    assert all(isinstance(w, keras.Variable) for w in weights) and len(weights) == 2
    symbolic = pb.object_call(dense, [pb.keras_input(shape=4)])
    assert isinstance(symbolic, keras.KerasTensor) and tuple(symbolic.shape) == (None, 3)


def test_setting_an_attribute_reaches_keras_and_keras_checks_it():
    dense = pb.layer_dense(units=2)
    pb.object_set(dense, "trainable", False)
    assert dense.trainable is False
    with pytest.raises(pb.ArgumentError, match="no attribute `no_such_thing`"):
        pb.object_get(dense, "no_such_thing")


def test_setting_a_read_only_property_to_itself_is_no_change():
    # R's `self$model$stop_training <- TRUE` assigns `model` back after setting stop_training.
    callback = keras.callbacks.Callback()
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    callback.set_model(model)
    pb.object_set(callback, "model", model)
    with pytest.raises(pb.ArgumentError, match="setting `model`"):
        pb.object_set(callback, "model", keras.Sequential())


def test_a_metric_object_updates_and_gives_its_result():
    metric = pb.keras_object("metric_binary_accuracy")
    pb.object_call(pb.object_get(metric, "update_state"), [np.array([1.0, 0.0, 1.0]), np.array([0.9, 0.2, 0.3])])
    assert pb.object_call(pb.object_get(metric, "result")) == pytest.approx(2 / 3)


def test_keras3s_initialize_is_pythons_init():
    assert pb.object_get(keras.layers.Dense, "initialize") is keras.layers.Dense.__init__


def test_r_numbers_become_the_whole_numbers_a_signature_asks_for():
    initializer = pb.keras_object("initializer_he_normal", {"seed": 1.0})
    values = pb.object_call(initializer, [], {"shape": np.array([2.0, 3.0])})
    assert values.shape == (2, 3)


def test_indexing_takes_r_positions_one_based_with_empty_for_all():
    x = keras.ops.convert_to_tensor(np.arange(12.0).reshape(3, 4))
    np.testing.assert_array_equal(pb.object_getitem(x, [1, None]), [0.0, 1.0, 2.0, 3.0])
    np.testing.assert_array_equal(pb.object_getitem(x, [None, np.array([2, 3])]), [[1, 2], [5, 6], [9, 10]])
    np.testing.assert_array_equal(pb.object_getitem(x, [np.array([3, 1]), 4]), [11.0, 3.0])
    np.testing.assert_array_equal(pb.object_getitem(x, [-1, None]), [8.0, 9.0, 10.0, 11.0])  # from the end
    with pytest.raises(pb.ArgumentError, match="1-based"):
        pb.object_getitem(x, [0, None])
    symbolic = pb.object_getitem(pb.keras_input(shape=(5, 3)), [None, np.array([2, 3, 4]), 1])
    assert tuple(symbolic.shape) == (None, 3)


def test_a_pybridge_model_is_called_and_read_as_its_network():
    model = pb.keras_model_sequential(input_shape=3)
    pb.layer_dense(model, units=2)
    assert pb.object_call(model, [np.ones((4, 3))]).shape == (4, 2)
    assert pb.object_get(model, "layers")[0].units == 2  # keras3's model$layers
    assert pb.object_get(model, "count_params") is not None


def test_concrete_tensors_become_arrays_and_symbolic_ones_refuse():
    assert pb.object_as_array(keras.Variable(np.ones((2, 2)))).shape == (2, 2)
    with pytest.raises(pb.ArgumentError, match="no values"):
        pb.object_as_array(pb.keras_input(shape=2))


def test_calling_what_is_not_callable_says_so():
    with pytest.raises(pb.ArgumentError, match="cannot be called"):
        pb.object_call(keras.Variable(np.ones(2)), [])
