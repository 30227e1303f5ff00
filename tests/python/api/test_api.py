"""The Python verbs end to end on pandas DataFrames: build, compile, fit, evaluate, predict."""

import numpy as np
import pandas as pd
import pytest
from conftest import iris_model

import pybridge as pb
from pybridge.training import fit as fit_mechanics
from pybridge.training import predict as predict_mechanics


def test_fit_predict_evaluate_on_a_data_frame(iris):
    model = iris_model()
    history = pb.fit(model, iris, target="Species", epochs=3, verbose=0, validation_split=0.2)
    assert history.epochs == 3
    assert set(history.metrics) == {"loss", "accuracy", "val_loss", "val_accuracy"}

    predictions = pb.predict(model, iris)
    assert len(predictions) == len(iris)
    assert list(predictions.columns) == [".pred_class", ".pred_setosa", ".pred_versicolor", ".pred_virginica"]
    assert list(predictions[".pred_class"].cat.categories) == ["setosa", "versicolor", "virginica"]
    probabilities = predictions.iloc[:, 1:].to_numpy()
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, rtol=1e-5)
    assert (predictions[".pred_class"].cat.codes.to_numpy() == probabilities.argmax(axis=1)).all()

    metrics = pb.evaluate(model, iris)
    assert set(metrics) == {"loss", "accuracy"}
    assert 0 <= metrics["accuracy"] <= 1


def test_training_reduces_the_loss(iris):
    model = iris_model()
    history = pb.fit(model, iris, target="Species", epochs=15, batch_size=16, verbose=0, seed=3)
    losses = history.metrics["loss"]
    assert losses[-1] < losses[0]


def test_model_methods_match_module_functions(iris):
    model = iris_model()
    model.fit(iris, target="Species", epochs=1, verbose=0)
    pd.testing.assert_frame_equal(model.predict(iris), pb.predict(model, iris))


def test_regression_returns_pred_in_outcome_units(regression_frame):
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=1)
    pb.compile(model, optimizer="adam", loss="mse")
    pb.fit(model, regression_frame, target="y", epochs=2, verbose=0)
    predictions = pb.predict(model, regression_frame)
    assert list(predictions.columns) == [".pred"]
    assert len(predictions) == len(regression_frame)
    assert np.isfinite(predictions[".pred"]).all()


def test_input_shape_can_be_left_out(iris):
    model = iris_model(input_shape=None)
    assert not model.keras.built
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    assert model.keras.built
    assert tuple(model.keras.inputs[0].shape[1:]) == (4,)


def test_summary_shows_layers_and_preprocessing(iris):
    model = iris_model()
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    text = pb.summary(model)
    for expected in (
        "Dense",
        "(None, 8)",
        "Trainable params",
        "Sepal.Length",
        "standardised",
        "classification over 3 classes",
    ):
        assert expected in text


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda m: pb.layer_dense(m, units=8, activation="sigmoidd"), "activation"),
        (lambda m: pb.layer_dense(m, units=0), "units"),
        (lambda m: pb.layer_dense(m, units=2.5), "units"),
        (lambda m: pb.compile(m, optimizer="adamm", loss="mse"), "optimizer"),
        (lambda m: pb.compile(m, optimizer="adam", loss="msee"), "loss"),
    ],
)
def test_bad_arguments_raise_argument_errors(call, message):
    model = pb.keras_model_sequential(input_shape=4)
    with pytest.raises(pb.ArgumentError, match=message):
        call(model)
    assert len(model.keras.layers) == 0


def test_fit_before_compile_is_a_state_error(iris):
    model = pb.keras_model_sequential()
    pb.layer_dense(model, units=3, activation="softmax")
    with pytest.raises(pb.StateError, match="compile"):
        pb.fit(model, iris, target="Species", epochs=1, verbose=0)


def test_predict_before_fit_is_a_state_error(iris):
    with pytest.raises(pb.StateError, match="fit"):
        pb.predict(iris_model(), iris)


def test_outcome_and_output_layer_mismatch_fails_before_training(iris):
    model = pb.keras_model_sequential(input_shape=4)
    pb.layer_dense(model, units=2, activation="softmax")
    pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy")
    weights = [w.copy() for w in model.keras.get_weights()]
    with pytest.raises(pb.InputError, match="3 classes but the last layer has 2"):
        pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    for before, after in zip(weights, model.keras.get_weights()):
        np.testing.assert_array_equal(before, after)
    assert not model.is_fitted


def test_small_and_large_predictions_take_different_paths_with_the_same_values(iris):
    model = iris_model()
    pb.fit(model, iris, target="Species", epochs=1, verbose=0)
    many = pd.concat([iris] * 3, ignore_index=True)  # 450 rows: Keras's predict() loop
    assert len(many) > predict_mechanics.DIRECT_PREDICT_ROWS >= 1
    np.testing.assert_allclose(
        pb.predict(model, many.iloc[:1]).iloc[:, 1:].to_numpy(),
        pb.predict(model, many).iloc[:1, 1:].to_numpy(),
        atol=1e-6,
    )
    assert model.forward[1] is not None  # the one row went through the traced inference function


def test_a_layer_added_after_predicting_is_used_by_the_next_prediction():
    model = pb.keras_model_sequential(input_shape=3)
    pb.layer_dense(model, units=4)
    x = np.ones((2, 3))
    assert pb.predict(model, x).shape == (2, 4)
    pb.layer_dense(model, units=2)
    assert pb.predict(model, x).shape == (2, 2)


def test_grouped_steps_train_exactly_like_single_steps(iris):
    histories, predictions = [], []
    for steps in (1, None):
        pb.set_random_seed(4)
        model = pb.keras_model_sequential(input_shape=4)
        pb.layer_dense(model, units=8, activation="relu")
        pb.layer_dropout(model, rate=0.2)
        pb.layer_dense(model, units=3, activation="softmax")
        extra = {} if steps is None else {"steps_per_execution": steps}
        pb.compile(model, optimizer="adam", loss="sparse_categorical_crossentropy", **extra)
        assert model.keras.steps_per_execution == (steps or fit_mechanics.STEPS_PER_EXECUTION)
        histories.append(
            pb.fit(
                model, iris, target="Species", epochs=3, batch_size=16, verbose=0, validation_split=0.2, seed=4
            ).metrics
        )
        predictions.append(pb.predict(model, iris).iloc[:, 1:].to_numpy())
    assert histories[0] == histories[1]
    np.testing.assert_array_equal(predictions[0], predictions[1])


def test_shape_reads_tensors_and_arrays_with_none_for_unknown_sizes():
    assert pb.shape(pb.keras_input(shape=(8, 3))) == [None, 8, 3]
    assert pb.shape(np.zeros((2, 3))) == [2, 3]
    with pytest.raises(pb.ArgumentError, match="shape\\(\\) needs a tensor or an array"):
        pb.shape("abc")
