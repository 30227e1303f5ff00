import pandas as pd

from pybridge.history import History


def test_long_format_has_one_row_per_epoch_and_metric():
    history = History(
        {
            "loss": [1.0, 0.5, 0.25],
            "accuracy": [0.3, 0.6, 0.9],
            "val_loss": [1.1, 0.7, 0.6],
            "val_accuracy": [0.2, 0.5, 0.7],
        },
        {"epochs": 3},
    )
    frame = history.to_frame()
    assert list(frame.columns) == ["epoch", "value", "metric", "data"]
    assert len(frame) == 3 * 4
    assert list(frame["metric"].cat.categories) == ["loss", "accuracy"]
    assert list(frame["data"].cat.categories) == ["training", "validation"]
    validation_loss = frame[(frame.metric == "loss") & (frame.data == "validation")]
    assert validation_loss["epoch"].tolist() == [1, 2, 3]
    assert validation_loss["value"].tolist() == [1.1, 0.7, 0.6]


def test_epochs_continue_across_fits():
    frame = History({"loss": [0.4, 0.3]}, {}, first_epoch=4).to_frame()
    assert frame["epoch"].tolist() == [4, 5]
    assert isinstance(frame, pd.DataFrame)
