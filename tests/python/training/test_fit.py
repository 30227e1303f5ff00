"""training/fit.py: fit(seed =) reproduces a run from the build on, validation rows drawn from a
data frame at random by class, and Keras arguments checked by name."""

import random

import numpy as np
import pandas as pd
import pytest
from conftest import iris_model

import pybridge as pb
from pybridge.encoding.outcome import OutcomeEncoder
from pybridge.training.fit import validation_rows


def unseeded_iris_model(dropout=0.0):
    # No set_random_seed(): the run must be reproducible from fit(seed =) alone.
    model = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(model, units=8, activation="relu")
    if dropout:
        pb.layer_dropout(model, rate=dropout)
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", metrics="accuracy")
    return model


def disturb_random_state(draws):
    random.random()
    np.random.rand(draws)
    pb.keras_model_sequential(input_shape=3)  # Keras draws from its own generators too


def test_fit_seed_reproduces_weights_history_and_predictions_whatever_the_state_before(iris):
    runs = []
    for draws in (1, 7):
        model = unseeded_iris_model(dropout=0.3)
        disturb_random_state(draws)
        history = pb.fit(model, iris, target="Species", epochs=3, seed=11, verbose=0)
        runs.append((pb.get_weights(model), history.metrics, pb.predict(model, iris.head(5))))
    (w1, h1, p1), (w2, h2, p2) = runs
    assert all(np.array_equal(a, b) for a, b in zip(w1, w2))
    assert h1 == h2
    assert p1.equals(p2)


def test_fit_seed_keeps_weights_set_by_hand(iris):
    model = unseeded_iris_model()
    given = [np.full_like(w, 0.05) for w in pb.get_weights(model)]
    pb.set_weights(model, given)
    pb.compile(model, optimizer="sgd", loss="sparse_categorical_crossentropy")
    pb.fit(model, iris, target="Species", epochs=1, seed=3, verbose=0, batch_size=150, shuffle=False)
    # One SGD step from the given weights: close to them, not a fresh random draw.
    after = pb.get_weights(model)
    assert max(float(np.abs(a - b).max()) for a, b in zip(after, given)) < 0.05


def test_validation_split_on_a_sorted_frame_validates_on_every_class(iris):
    # iris is sorted by species: Keras's last-rows rule would train on two species and validate on
    # the third, whose accuracy then stays 0.
    model = unseeded_iris_model()
    history = pb.fit(model, iris, target="Species", epochs=60, validation_split=0.2, seed=1, verbose=0)
    assert history.metrics["val_accuracy"][-1] > 0.6


def test_validation_rows_are_stratified_random_and_reproducible():
    outcome = OutcomeEncoder("classification", ["y"], levels=["a", "b", "c"])
    codes = np.repeat([0, 1, 2], [50, 30, 20])
    train, held_out = validation_rows(outcome, codes, 0.2, seed=4)
    assert np.bincount(codes[held_out]).tolist() == [10, 6, 4]
    assert sorted(np.concatenate([train, held_out]).tolist()) == list(range(100))
    assert np.array_equal(held_out, validation_rows(outcome, codes, 0.2, seed=4)[1])
    assert not np.array_equal(held_out, validation_rows(outcome, codes, 0.2, seed=5)[1])


def test_arrays_keep_kerass_last_rows_validation(iris):
    model = unseeded_iris_model()
    x = iris.drop(columns="Species").to_numpy()
    y = iris["Species"].cat.codes.to_numpy()
    history = pb.fit(model, x, y, epochs=2, validation_split=0.2, verbose=0)
    assert history.params["samples"] == 150 and "val_loss" in history.metrics


@pytest.mark.parametrize(("argument", "hint"), [("epoch", "epochs"), ("batchsize", "batch_size"), ("frobnicate", "")])
def test_an_unknown_fit_argument_is_named_with_the_closest(iris, argument, hint):
    model = unseeded_iris_model()
    with pytest.raises(pb.ArgumentError, match=f"`{argument}`") as caught:
        pb.fit(model, iris, target="Species", verbose=0, **{argument: 3})
    assert (f"did you mean `{hint}`" in str(caught.value)) == bool(hint)
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)  # the model is still usable


def test_class_weight_by_level_name_or_index_changes_the_loss_and_unknown_levels_are_named(iris):
    # Keras itself ignores keys that are not class indices: {"versicolor": 50} trained as no weights.
    def losses(class_weight):
        model = unseeded_iris_model()
        history = pb.fit(
            model, iris, target="Species", epochs=2, verbose=0, seed=3, shuffle=False, class_weight=class_weight
        )
        return history.metrics["loss"]

    plain = losses(None)
    by_name = losses({"setosa": 1, "versicolor": 50, "virginica": 1})
    assert by_name[0] > 5 * plain[0]
    np.testing.assert_allclose(losses({1: 50}), by_name, rtol=1e-6)  # by index; left-out levels weigh 1
    np.testing.assert_allclose(losses({"setosa": 1}), plain, rtol=1e-6)
    with pytest.raises(pb.ArgumentError, match="unknown class\\(es\\) `versicolr`, `3`; the classes are `setosa`"):
        losses({"versicolr": 50, 3: 1})


def test_integer_keras_arguments_take_whole_doubles_as_r_sends_them(iris):
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", steps_per_execution=1.0)
    history = pb.fit(
        model,
        iris,
        target="Species",
        epochs=2,
        verbose=0,
        steps_per_epoch=2.0,
        validation_split=0.2,
        validation_freq=2.0,
    )
    # Validated at epoch 2 only: one value per epoch, NaN where validation_freq skipped it.
    assert len(history.metrics["loss"]) == 2 and np.isnan(history.metrics["val_loss"]).tolist() == [True, False]
    with pytest.raises(pb.ArgumentError, match="`steps_per_execution` must be a whole number"):
        pb.compile(model, optimizer="adam", loss="mse", steps_per_execution=1.5)


def test_models_dropped_in_a_loop_leave_nothing_behind(iris, tmp_path):
    # A user tuning in a loop: each model built, fitted, predicted and dropped. Each must be collected,
    # and what TensorFlow keeps globally for its training step released (issue 17: memory stays flat).
    import gc
    import weakref

    from pybridge.vocab import _keras_patches as patches

    held = iris_model()
    pb.fit(held, iris, target="Species", epochs=1, verbose=0)
    at_start = patches.custom_gradients()
    dropped = []
    for seed in range(4):
        model = iris_model(seed)
        pb.fit(model, iris, target="Species", epochs=2, verbose=0)
        pb.predict(model, iris.head(3))
        dropped.append((weakref.ref(model), weakref.ref(model.keras)))
        del model
    of_dropped = patches.custom_gradients() - at_start  # registered by their training
    assert of_dropped
    gc.collect()
    assert all(ref() is None for pair in dropped for ref in pair)
    # The next fit() releases them.
    pb.fit(held, iris, target="Species", epochs=1, verbose=0)
    assert not patches.custom_gradients() & of_dropped
    # The model the user held through all this still trains, predicts and saves.
    assert len(pb.predict(held, iris.head(3))) == 3
    pb.save_model(held, str(tmp_path / "held.keras"))
    assert len(pb.predict(pb.load_model(str(tmp_path / "held.keras")), iris.head(3))) == 3


def test_arrays_train_as_keras_does_on_a_constant_outcome_and_a_single_row():
    # keras3's own examples: early stopping on y = zeros, a checkpoint on y = ones, fit() on one row.
    regression = pb.keras_model_sequential(input_shape=20)
    pb.layer_dense(regression, units=10)  # Keras broadcasts the one target column over the 10 units
    pb.compile(regression, optimizer="sgd", loss="mse")
    history = pb.fit(regression, np.ones((5, 20)), np.zeros(5), epochs=2, batch_size=1, verbose=0)
    assert len(history.metrics["loss"]) == 2 and np.isfinite(history.metrics["loss"]).all()

    binary = pb.keras_model_sequential(input_shape=10)
    pb.layer_dense(binary, units=1, activation="sigmoid")
    pb.compile(binary, optimizer="adam", loss="binary_crossentropy")
    pb.fit(binary, np.random.rand(4, 10), np.ones((4, 1)), epochs=1, verbose=0)
    assert binary.outcome.levels == [0, 1]  # label 1 is Keras's class 1, not "the only class"
    assert np.asarray(pb.predict(binary, np.random.rand(3, 10))).shape == (3, 1)

    one_row = pb.keras_model_sequential(input_shape=1)
    pb.layer_dense(one_row, units=1, activation="sigmoid")
    pb.compile(one_row, optimizer="adam", loss="mse")
    assert len(pb.fit(one_row, np.ones((1, 1)), np.ones((1, 1)), epochs=1, verbose=0).metrics["loss"]) == 1


def test_array_labels_are_kerass_class_indices_even_with_a_class_absent():
    model = pb.keras_model_sequential(input_shape=3)
    pb.layer_dense(model, units=3, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy")
    pb.fit(model, np.random.rand(6, 3), np.array([0, 2, 0, 2, 2, 0]), epochs=1, verbose=0)
    assert model.outcome.levels == [0, 1, 2]
    np.testing.assert_array_equal(model.outcome.encode(np.array([2, 0]), "sparse"), [2, 0])


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [5.0, 5.0, 5.0]}), r"`y` is constant \(every value is 5\)"),
        (pd.DataFrame({"x": [1.0], "y": [2.0]}), r"1 row\(s\) .* at least 2"),
    ],
)
def test_a_frame_still_needs_an_outcome_and_rows_to_learn_from(frame, message):
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    with pytest.raises(pb.InputError, match=message):
        pb.fit(model, frame, target="y", epochs=1, verbose=0)
    assert not model.is_fitted


def test_compile_takes_metric_and_loss_objects_one_a_list_or_a_dict_per_output():
    import keras

    from pybridge import distribute

    model = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(model, units=1, activation="sigmoid")
    pb.compile(model, optimizer="adam", loss=keras.losses.BinaryCrossentropy(), metrics=keras.metrics.FalseNegatives())
    pb.compile(
        model,
        optimizer="adam",
        loss=keras.losses.BinaryCrossentropy(),
        metrics=[keras.metrics.BinaryAccuracy(), keras.metrics.FalseNegatives()],
    )
    history = pb.fit(model, np.random.rand(16, 4), np.tile([0, 1], 8), epochs=1, verbose=0)
    assert "binary_accuracy" in history.metrics  # Keras numbers a second FalseNegatives' name
    assert any(name.startswith("false_negatives") for name in history.metrics)
    # A dict per output is kept whole (not its keys), checked item by item, and re-made for a strategy.
    per_output = {"a": [keras.metrics.AUC()], "b": "mae"}
    pb.compile(model, optimizer="adam", loss={"a": "binary_crossentropy", "b": "mse"}, metrics=per_output)
    assert model.compile_args["metrics"] == per_output
    fresh = distribute.fresh_compile_args(model.compile_args)["metrics"]
    assert isinstance(fresh["a"][0], keras.metrics.AUC) and fresh["a"][0] is not per_output["a"][0]
    with pytest.raises(pb.ArgumentError, match="unknown metric 'maee'"):
        pb.compile(model, optimizer="adam", loss="mse", metrics={"a": ["accuracy"], "b": "maee"})
    with pytest.raises(pb.ArgumentError, match="unknown `loss` 'msee'"):
        pb.compile(model, optimizer="adam", loss={"a": "mse", "b": "msee"})


def test_several_inputs_and_outputs_train_from_lists_or_dicts_of_arrays():
    import keras

    a, b = keras.Input((3,), name="a"), keras.Input((2,), name="b")
    joined = keras.layers.Concatenate()([a, b])
    score = keras.layers.Dense(1, name="score")(joined)
    kind = keras.layers.Dense(2, activation="softmax", name="kind")(joined)
    model = pb.keras_model([a, b], {"score": score, "kind": kind})
    pb.compile(model, optimizer="adam", loss={"score": "mse", "kind": "sparse_categorical_crossentropy"})
    rng = np.random.default_rng(0)
    xa, xb = rng.random((20, 3)), rng.random((20, 2))
    targets = {"score": xa[:, 0], "kind": (xa[:, 1] > 0.5).astype("int64")}
    history = pb.fit(model, [xa, xb], targets, epochs=2, batch_size=5, verbose=0)
    assert history.epochs == 2 and {"score_loss", "kind_loss"} <= set(history.metrics)
    assert pb.fit(model, {"a": xa, "b": xb}, targets, epochs=1, verbose=0).first_epoch == 3
    with pytest.raises(pb.ArgumentError, match="with several input arrays, `y` must be"):
        pb.fit(model, [xa, xb], "kind", epochs=1, verbose=0)
