"""Training histories: the per-epoch metrics Keras records, and their long (tidy) form."""

import pandas as pd


class History:
    """Metrics of one ``fit()`` call: ``metrics`` maps a Keras metric name to one value per epoch."""

    def __init__(self, metrics, params, first_epoch=1):
        self.metrics = {name: [float(v) for v in values] for name, values in metrics.items()}
        self.params = dict(params)
        self.first_epoch = first_epoch

    @property
    def epochs(self):
        return len(next(iter(self.metrics.values()), []))

    def to_frame(self):
        """Long format, as R's keras3 ``as.data.frame(history)``: epoch, value, metric, data."""
        rows = {"epoch": [], "value": [], "metric": [], "data": []}
        for name, values in self.metrics.items():
            validation = name.startswith("val_")
            metric = name[4:] if validation else name
            for i, value in enumerate(values):
                rows["epoch"].append(self.first_epoch + i)
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
