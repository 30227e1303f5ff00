"""Training histories: the per-epoch metrics Keras records, and their long (tidy) form."""

import math

import pandas as pd


class History:
    """Metrics of one ``fit()`` call: ``metrics`` maps a Keras metric name to one value per epoch."""

    def __init__(self, metrics, params, first_epoch=1, epoch_numbers=None):
        self.metrics = {name: [float(v) for v in values] for name, values in metrics.items()}
        self.params = dict(params)
        self.first_epoch = first_epoch
        # Given only for a history joined from several fit() calls, whose numbers may skip (initial_epoch).
        self.epoch_numbers = None if epoch_numbers is None else [int(e) for e in epoch_numbers]

    @classmethod
    def joined(cls, histories):
        """All of ``histories`` (a model's, one per fit()) as one, each epoch under its own number."""
        histories = [h for h in histories if h.epochs]
        names = list(dict.fromkeys(name for h in histories for name in h.metrics))
        metrics = {name: [v for h in histories for v in h.metrics.get(name, [math.nan] * h.epochs)] for name in names}
        numbers = [e for h in histories for e in h.numbers()]
        params = {"epochs": len(numbers), "fits": len(histories)}
        return cls(metrics, params, numbers[0] if numbers else 1, numbers)

    def numbers(self):
        """The epoch numbers, one per recorded epoch."""
        if self.epoch_numbers is not None:
            return list(self.epoch_numbers)
        return list(range(self.first_epoch, self.first_epoch + self.epochs))

    @property
    def epochs(self):
        return len(next(iter(self.metrics.values()), []))

    @property
    def last_epoch(self):
        """The number of the last epoch recorded (``first_epoch - 1`` when none is)."""
        return self.first_epoch + self.epochs - 1

    def add_epoch(self, logs):
        """Append one epoch's metrics, as training runs (a metric first seen now is NaN before it)."""
        n = self.epochs
        for name, value in (logs or {}).items():
            self.metrics.setdefault(name, [math.nan] * n).append(float(value))
        for values in self.metrics.values():
            if len(values) == n:
                values.append(math.nan)

    def amend_last_epoch(self, logs):
        """Metrics that callbacks added to the last epoch's logs after it was recorded (the learning
        rate of ReduceLROnPlateau)."""
        n = self.epochs
        for name, value in (logs or {}).items():
            self.metrics.setdefault(name, [math.nan] * n)[n - 1] = float(value)

    def to_frame(self):
        """Long format, as R's keras3 ``as.data.frame(history)``: epoch, value, metric, data."""
        rows = {"epoch": [], "value": [], "metric": [], "data": []}
        numbers = self.numbers()
        for name, values in self.metrics.items():
            validation = name.startswith("val_")
            metric = name[4:] if validation else name
            for i, value in enumerate(values):
                rows["epoch"].append(numbers[i])
                rows["value"].append(value)
                rows["metric"].append(metric)
                rows["data"].append("validation" if validation else "training")
        frame = pd.DataFrame(rows)
        frame["epoch"] = frame["epoch"].astype("int32")
        metric_names = list(dict.fromkeys(rows["metric"]))
        frame["metric"] = pd.Categorical(frame["metric"], categories=metric_names)
        frame["data"] = pd.Categorical(frame["data"], categories=["training", "validation"])
        return frame

    def __repr__(self):
        last = ", ".join(f"{k}: {v[-1]:.4g}" for k, v in self.metrics.items() if v)
        return f"<History: {self.epochs} epochs; final {last}>"


def last_epoch(histories):
    """The last epoch number any of ``histories`` recorded (0 for none): a model's epoch count in
    files written before it was stored."""
    return max((h.last_epoch for h in histories if h.epochs), default=0)
