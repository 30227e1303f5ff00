"""keras_op() and keras_object(): any generated name from R's values, nothing outside the table."""

import keras
import numpy as np
import pytest

import pybridge as pb


def test_ops_run_on_arrays_with_r_conventions():
    x = np.arange(6.0).reshape(2, 3)
    # keras3 counts axes from 1: axis 1 is the first.
    assert pb.keras_op("op_expand_dims", {"x": x, "axis": 1.0}).shape == (1, 2, 3)
    assert pb.keras_op("op_expand_dims", {"x": x, "axis": -1.0}).shape == (2, 3, 1)
    np.testing.assert_allclose(pb.keras_op("op_sum", {"x": x, "axis": 2.0}), [3.0, 12.0])
    assert pb.keras_op("op_sum", {"x": x}) == 15.0
    assert pb.keras_op("op_ones", {"shape": np.array([2.0, 3.0])}).shape == (2, 3)
    assert pb.keras_op("random_normal", {"shape": np.array([4.0]), "seed": 1.0}).shape == (4,)
    np.testing.assert_allclose(pb.keras_op("activation_relu", {"x": np.array([-1.0, 2.0])}), [0.0, 2.0])
    with pytest.raises(pb.ArgumentError, match=r"op_expand_dims\(\).*counts from 1"):
        pb.keras_op("op_expand_dims", {"x": x, "axis": 0.0})
    with pytest.raises(pb.ArgumentError, match=r"op_reshape\(\)"):
        pb.keras_op("op_reshape", {"x": x, "new_shape": np.array([4.0, 4.0])})


def test_ops_on_symbolic_tensors_give_tensors():
    out = pb.keras_op("op_expand_dims", {"x": pb.keras_input(shape=3), "axis": 2.0})
    assert isinstance(out, keras.KerasTensor) and tuple(out.shape) == (None, 1, 3)


def test_objects_by_name_and_computed_values():
    assert isinstance(pb.keras_object("initializer_he_normal", {"seed": 1.0}), keras.initializers.HeNormal)
    assert isinstance(pb.keras_object("metric_true_positives", {}), keras.metrics.TruePositives)
    schedule = pb.keras_object(
        "learning_rate_schedule_exponential_decay",
        {"initial_learning_rate": 0.1, "decay_steps": 10.0, "decay_rate": 0.5},
    )
    assert float(schedule(10)) == pytest.approx(0.05)
    assert pb.keras_object("metric_binary_accuracy", {"y_true": [1.0, 0.0], "y_pred": [0.9, 0.8]}) == 0.5
    assert pb.keras_object("metric_true_positives", {"y_true": [1.0, 1.0], "y_pred": [0.9, 0.2]}) == 1.0
    with pytest.raises(pb.ArgumentError, match=r"loss_huber\(\) needs both"):
        pb.keras_object("loss_huber", {"y_true": [1.0]})
    with pytest.raises(pb.ArgumentError, match=r"regularizer_l2\(\)"):
        pb.keras_object("regularizer_l2", {"l2": "much"})


def test_only_names_in_the_table_can_be_reached():
    for wrapper in ("activation_get", "layer_lambda", "os_system", "keras.ops.cond", "__import__"):
        with pytest.raises(pb.ArgumentError, match="pybridge knows"):
            pb.keras_op(wrapper, {})
        with pytest.raises(pb.ArgumentError, match="pybridge knows"):
            pb.keras_object(wrapper, {})
    with pytest.raises(pb.ArgumentError, match="unknown layer type"):
        pb.layer("lambda", function=print)


def test_generated_layers_check_and_coerce_r_values():
    layer = pb.layer("conv_2d_transpose", filters=2.0, kernel_size=3.0)
    assert layer.kernel_size == (3, 3) and layer.filters == 2
    assert pb.layer("zero_padding_2d", padding=np.array([1.0, 2.0])).padding == ((1, 1), (2, 2))
    assert pb.layer("rescaling", scale=0.5).scale == 0.5
    with pytest.raises(pb.ArgumentError, match=r"layer_conv_2d_transpose\(\) needs `filters`"):
        pb.layer("conv_2d_transpose", kernel_size=3.0)
    with pytest.raises(pb.ArgumentError, match="strides"):
        pb.layer("conv_2d_transpose", filters=2.0, kernel_size=3.0, strides="x")
    a, b = pb.keras_input(shape=3), pb.keras_input(shape=3)
    assert tuple(pb.layer("concatenate", [a, b]).shape) == (None, 6)


def test_ops_take_keras3s_own_arguments_and_positional_operands():
    # op_reshape's newshape arrives from R as doubles.
    assert pb.keras_op("op_reshape", {"x": np.arange(20.0), "newshape": np.array([2.0, 2.0, 5.0])}).shape == (2, 2, 5)
    # keras3's op_arange: 1 to start when stop is missing, stop included unless include_end = FALSE.
    np.testing.assert_allclose(pb.keras_op("op_arange", {"start": 4.0}), [1, 2, 3, 4])
    np.testing.assert_allclose(pb.keras_op("op_arange", {"start": 21.0, "stop": 40.0}), np.arange(21, 41))
    np.testing.assert_allclose(pb.keras_op("op_arange", {"start": 0.0, "stop": 3.0, "include_end": False}), [0, 1, 2])
    # keras3's op_one_hot counts classes from 1 unless zero_indexed = TRUE.
    x = np.array([2, 4, 3, 1], dtype="int32")
    expected = np.eye(4)[[1, 3, 2, 0]]
    np.testing.assert_array_equal(pb.keras_op("op_one_hot", {"x": x, "num_classes": 4.0}), expected)
    np.testing.assert_array_equal(
        pb.keras_op("op_one_hot", {"x": x - 1, "num_classes": 4.0, "zero_indexed": True}), expected
    )
    with pytest.raises(pb.ArgumentError, match="zero_indexed"):
        pb.keras_op("op_one_hot", {"x": x, "num_classes": 4.0, "zero_indexed": "yes"})
    # R's unnamed arguments ("...") are the Keras function's *args: op_einsum("ii", a) is the trace.
    a = np.arange(25.0).reshape(5, 5)
    assert pb.keras_op("op_einsum", {"subscripts": "ii", "...": [a]}) == 60.0
    np.testing.assert_allclose(pb.keras_op("op_einsum", {"subscripts": "ii -> i", "...": [a]}), np.diag(a))
    with pytest.raises(pb.ArgumentError, match=r"op_add\(\): every argument passed through `...` must be named"):
        pb.keras_op("op_add", {"x1": a, "...": [a]})


def _trained_loss(loss, x, y, weights):
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
    model.set_weights(weights)
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss=loss)
    history = model.fit(x, y, epochs=2, batch_size=4, verbose=0, shuffle=False)
    return history.history["loss"], model.get_weights()


def test_losses_and_metrics_called_inside_keras_on_tensors_give_tensors_and_train():
    # keras3's loss_*(y_true, y_pred) inside a loss function: Keras traces it with tensors that have no
    # values, so the result is a tensor, which trains exactly as the built-in loss does.
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(16, 2)).astype("float32"), rng.normal(size=(16, 1)).astype("float32")
    weights = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)]).get_weights()
    for builtin, wrapper in (
        ("mse", lambda t, p: pb.loss_mean_squared_error(y_true=t, y_pred=p)),  # hand-written (vocab/losses.py)
        ("huber", lambda t, p: pb.keras_object("loss_huber", {"y_true": t, "y_pred": p, "delta": 0.5})),
        ("mse", lambda t, p: pb.keras_object("metric_mean_squared_error", {"y_true": t, "y_pred": p})),
    ):
        if builtin == "huber":
            builtin = keras.losses.Huber(delta=0.5)
        expected, expected_weights = _trained_loss(builtin, x, y, weights)
        losses, trained = _trained_loss(wrapper, x, y, weights)
        np.testing.assert_allclose(losses, expected, rtol=1e-5)
        np.testing.assert_allclose(trained[0], expected_weights[0], rtol=1e-5)
    # Symbolic tensors give symbolic tensors; R's arrays beside a tensor are taken as float32.
    values = pb.keras_object("loss_huber", {"y_true": np.array([[0.0, 1.0]]), "y_pred": pb.keras_input(shape=2)})
    assert isinstance(values, keras.KerasTensor) and tuple(values.shape) == (None,)
    # A metric that keeps state across batches has no per-batch value on tensors: said so, by name.
    with pytest.raises(pb.ArgumentError, match=r"metric_true_positives\(\) keeps state"):
        pb.keras_object("metric_true_positives", {"y_true": keras.ops.ones((2,)), "y_pred": keras.ops.ones((2,))})
    # On R's arrays (eager) the answer stays NumPy values.
    values = pb.keras_object("loss_huber", {"y_true": np.array([[0.0, 1.0]]), "y_pred": np.array([[0.5, 1.0]])})
    assert isinstance(values, np.ndarray) and values.dtype == np.float64


def test_ops_that_take_functions_follow_keras3():
    # R's doubles enter a loop as floatx: a 0 carry (float32) and float64 values scan together.
    carry, ys = pb.keras_op("op_scan", {"f": lambda c, x: (c + x, c + x), "init": 0.0, "xs": np.array([1.0, 2.0, 3.0])})
    assert carry == 6.0
    np.testing.assert_allclose(ys, [1, 3, 6])
    # keras3's op_switch() counts branches from 1; its operands are R's unnamed arguments.
    branches = [lambda a, b: a + b, lambda a, b: a - b]
    assert pb.keras_op("op_switch", {"index": 1.0, "branches": branches, "...": [2.0, 0.5]}) == 2.5
    assert pb.keras_op("op_switch", {"index": 2.0, "branches": branches, "...": [2.0, 0.5]}) == 1.5
