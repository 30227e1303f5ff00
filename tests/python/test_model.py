"""Model internals as keras3 reaches them (pybridge/model.py): attributes, get_layer(), pop_layer(),
freeze_weights(), clone_model(), get_config()/from_config(), keras_model_sequential(layers =)."""

import keras
import numpy as np
import pytest

import pybridge as pb


def _stack(input_shape=4):
    keras.utils.set_random_seed(2)
    model = pb.keras_model_sequential(input_shape=input_shape, name="stack", input_name="features")
    pb.layer_dense(model, units=5, activation="relu", name="hidden")
    pb.layer_dense(model, units=3, activation="softmax", name="out")
    return model


def _xy(n=40):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 4)).astype("float32")
    return x, (x[:, 0] > 0).astype("int32") + (x[:, 1] > 0)


def test_attributes_are_keras_objects():
    model = _stack()
    assert [layer.name for layer in pb.model_attribute(model, "layers")] == ["hidden", "out"]
    assert pb.model_attribute(model, "name") == "stack"
    assert pb.model_attribute(model, "dtype") == "float32"
    assert pb.model_attribute(model, "trainable") is True
    assert tuple(pb.model_attribute(model, "input").shape) == (None, 4)
    assert pb.model_attribute(model, "input").name == "features"
    assert tuple(pb.model_attribute(model, "output").shape) == (None, 3)
    assert len(pb.model_attribute(model, "inputs")) == 1
    with pytest.raises(pb.ArgumentError, match="no attribute 'optimizer'.*layers"):
        pb.model_attribute(model, "optimizer")
    with pytest.raises(pb.StateError, match="no `input` yet"):
        pb.model_attribute(pb.keras_model_sequential(), "input")


def test_sequential_from_a_list_of_layers():
    layers = [pb.layer_dense(units=4, activation="relu"), pb.layer_dense(units=1)]
    model = pb.keras_model_sequential(input_shape=3, layers=layers)
    assert pb.model_attribute(model, "layers") == layers
    assert pb.predict(model, np.ones((2, 3))).shape == (2, 1)
    with pytest.raises(pb.ArgumentError, match="`layers` item 2 is not a layer"):
        pb.keras_model_sequential(layers=[layers[0], "dense"])
    with pytest.raises(pb.ArgumentError, match="`input_name`.*`input_shape`"):
        pb.keras_model_sequential(input_name="x")


def test_get_layer_by_name_and_position():
    model = _stack()
    assert pb.get_layer(model, name="out").name == "out"
    assert pb.get_layer(model, index=0).name == "hidden"
    assert pb.get_layer(model, index=-1).name == "out"
    with pytest.raises(pb.ArgumentError, match="no layer 'nope'; its layers are hidden, out"):
        pb.get_layer(model, name="nope")
    with pytest.raises(pb.ArgumentError, match="`index` 2 is out of range: the model has 2 layers"):
        pb.get_layer(model, index=2)


def test_pop_layer_returns_it_and_a_fitted_model_forgets_its_outcome():
    model = _stack()
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy")
    x, y = _xy()
    pb.fit(model, x, y, epochs=1, verbose=0)
    hidden_before = pb.get_layer(model, name="hidden").get_weights()[0].copy()
    popped = pb.pop_layer(model)
    assert popped.name == "out" and [layer.name for layer in model.keras.layers] == ["hidden"]
    assert not model.is_fitted and model.weights_given  # the trained weights stay, the outcome goes
    np.testing.assert_array_equal(pb.get_layer(model, index=0).get_weights()[0], hidden_before)
    assert pb.predict(model, x).shape == (40, 5)  # the raw outputs of what is left
    # A new head trains with the kept weights and a new outcome.
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    pb.fit(model, x, x[:, 2], epochs=1, verbose=0, seed=1)
    assert model.outcome.kind == "regression"
    with pytest.raises(pb.ArgumentError, match="sequential"):
        inputs = pb.keras_input(shape=2)
        pb.pop_layer(pb.keras_model(inputs, pb.layer_dense(inputs, units=1)))


def test_frozen_layers_keep_their_weights_through_fit():
    model = _stack()
    pb.freeze_weights(model, from_="hidden", to="hidden")
    assert [layer.trainable for layer in model.keras.layers] == [False, True]
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy")
    x, y = _xy()
    before = pb.get_weights(model)
    pb.fit(model, x, y, epochs=2, verbose=0)
    after = pb.get_weights(model)
    np.testing.assert_array_equal(after[0], before[0])  # hidden: frozen
    assert not np.array_equal(after[2], before[2])  # out: trained
    # Unfreezing takes effect at the next fit, without compiling again.
    pb.unfreeze_weights(model)
    assert model.keras.trainable and all(layer.trainable for layer in model.keras.layers)
    pb.fit(model, x, y, epochs=1, verbose=0)
    assert not np.array_equal(pb.get_weights(model)[0], before[0])
    pb.freeze_weights(model)
    assert not model.keras.trainable
    with pytest.raises(pb.ArgumentError, match="`from` \\(out\\) comes after `to` \\(hidden\\)"):
        pb.freeze_weights(model, from_=1, to=0)


def test_clone_and_config_copy_the_architecture_only():
    model = _stack()
    clone = pb.clone_model(model)
    assert [type(layer) for layer in clone.keras.layers] == [type(layer) for layer in model.keras.layers]
    assert not clone.is_fitted and clone.compile_args is None
    assert not np.array_equal(pb.get_weights(clone)[0], pb.get_weights(model)[0])  # fresh weights
    config = pb.get_config(model)
    assert config["class_name"] == "Sequential"
    rebuilt = pb.from_config(config)
    assert isinstance(rebuilt, pb.Model)
    assert [layer["config"] for layer in pb.get_config(rebuilt)["config"]["layers"]] == [
        layer["config"] for layer in config["config"]["layers"]
    ]
    layer = pb.from_config(pb.get_config(pb.get_layer(model, name="hidden")))
    assert isinstance(layer, keras.layers.Dense) and layer.units == 5
    with pytest.raises(pb.ArgumentError, match="what get_config\\(\\) returns"):
        pb.from_config({"units": 3})


def test_a_clone_of_a_scaled_regression_learns_its_own_outcome_scale(regression_frame):
    # The clone carries the outcome-scaling layer with the first model's mean and sd; fitting it on an
    # outcome 100 times larger must use that outcome's statistics, not the copied ones.
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    pb.fit(model, regression_frame, target="y", epochs=1, verbose=0)
    clone = pb.clone_model(model)
    pb.compile(clone, optimizer="adam", loss="mse")
    larger = regression_frame.assign(y=regression_frame["y"] * 100 + 1000)
    pb.fit(clone, larger, target="y", epochs=1, verbose=0)
    scale = pb.get_layer(clone, index=-1)
    assert scale.offset == pytest.approx(clone.outcome.mean) and scale.scale == pytest.approx(clone.outcome.sd)
    assert clone.outcome.mean[0] == pytest.approx(larger["y"].mean())


def test_get_state_tree_holds_every_variable_by_path_as_arrays():
    # keras3's ?get_state_tree example: a one-unit network fitted on one row.
    model = pb.keras_model_sequential(input_shape=1, name="my_sequential")
    pb.layer_dense(model, units=1, activation="sigmoid", name="my_dense")
    pb.compile(model, optimizer="adam", loss="mse", metrics=["mae"])
    pb.fit(model, np.ones((1, 1)), np.ones((1, 1)), epochs=1, verbose=0)
    tree = pb.get_state_tree(model)
    assert set(tree) >= {"trainable_variables", "optimizer_variables", "metrics_variables"}
    kernel = tree["trainable_variables"]["my_sequential"]["my_dense"]["kernel"]
    assert isinstance(kernel, np.ndarray) and kernel.shape == (1, 1)
    np.testing.assert_array_equal(kernel, pb.get_weights(model)[0])
    with pytest.raises(pb.ArgumentError, match="`value_format` must be"):
        pb.get_state_tree(model, value_format="numpy")
    with pytest.raises(pb.StateError, match="needs a built model"):
        pb.get_state_tree(pb.keras_model_sequential())


def test_serialize_keras_object_round_trips_any_keras_object():
    import keras

    config = pb.serialize_keras_object(keras.regularizers.L1(0.005))
    assert config["class_name"] == "L1" and config["config"]["l1"] == pytest.approx(0.005)
    again = pb.deserialize_keras_object(config)
    assert isinstance(again, keras.regularizers.L1) and float(again.l1) == pytest.approx(0.005)
    model = pb.keras_model_sequential(input_shape=3)
    pb.layer_dense(model, units=2)
    assert isinstance(pb.deserialize_keras_object(pb.serialize_keras_object(model)), pb.Model)
    with pytest.raises(pb.ArgumentError, match="needs what serialize_keras_object"):
        pb.deserialize_keras_object({"l1": 0.1})


def test_clear_session_restarts_layer_names_and_models_made_before_still_predict():
    model = pb.keras_model_sequential(input_shape=2)
    pb.layer_dense(model, units=1)
    before = pb.predict(model, np.ones((2, 2)))
    pb.clear_session()
    fresh = pb.keras_model_sequential(input_shape=2)
    pb.layer_dense(fresh, units=1)
    assert fresh.keras.layers[0].name == "dense"  # the name counter starts again
    np.testing.assert_array_equal(pb.predict(model, np.ones((2, 2))), before)
