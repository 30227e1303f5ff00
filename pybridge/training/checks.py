"""Checks that the network's output layer and loss fit the outcome, made before any training step."""

import keras

from ..errors import ArgumentError, InputError

CLASSIFICATION_LOSSES = {
    "sparse_categorical_crossentropy": "sparse",
    "categorical_crossentropy": "one_hot",
    "binary_crossentropy": "binary",
}


def loss_name(loss):
    """The canonical snake_case name of a loss given as a string (aliases such as "bce" included), a
    Keras Loss object (whatever its ``name``) or a function; "" when unknown."""
    if isinstance(loss, str):
        try:
            loss = keras.losses.get(loss)
        except (ValueError, TypeError):
            return loss
    # A Loss object such as SparseCategoricalCrossentropy(name = "x") wraps the named function.
    function = getattr(loss, "fn", None) or loss
    return getattr(function, "__name__", None) or getattr(loss, "name", None) or ""


def last_activation(model):
    for layer in reversed(model.layers):
        activation = getattr(layer, "activation", None)
        if activation is not None:
            return getattr(activation, "__name__", str(activation))
    return None


def output_units(model):
    # A subclassed network (a Model() class written in R) has no output tensors to read: unknown.
    outputs = getattr(model, "outputs", None) if model.built else None
    shape = outputs[0].shape if outputs else None
    return None if shape is None else shape[-1]


def target_format(model, outcome, broadcast=False):
    """How the outcome must be encoded for this model's loss; an error that says what would match.
    With ``broadcast`` (arrays, keras3's kind) one regression target column may meet several output
    units, as Keras broadcasts it over them (keras3's early-stopping example does)."""
    loss = loss_name(model.loss)
    units = output_units(model)
    activation = last_activation(model)
    what = ", ".join(outcome.names)
    if outcome.kind == "regression":
        if loss in CLASSIFICATION_LOSSES:
            raise InputError(
                f"outcome `{what}` is numeric (regression) but the loss is {loss}; use a "
                f"regression loss such as mean_squared_error, or make the outcome a factor"
            )
        if units is not None and units != outcome.n_outputs and not (broadcast and outcome.n_outputs == 1):
            raise InputError(
                f"outcome `{what}` needs {outcome.n_outputs} output unit(s); the last layer "
                f"has {units}; use layer_dense(units = {outcome.n_outputs}) last"
            )
        return "values"
    k = len(outcome.levels)
    if loss not in CLASSIFICATION_LOSSES:
        raise InputError(
            f"outcome `{what}` is a factor with {k} classes (classification) but the loss is "
            f"{loss or 'not set'}; use sparse_categorical_crossentropy with {k} softmax units"
            + (" or binary_crossentropy with 1 sigmoid unit" if k == 2 else "")
        )
    fmt = CLASSIFICATION_LOSSES[loss]
    if fmt == "binary":
        if k != 2:
            raise InputError(
                f"binary_crossentropy needs 2 classes; outcome `{what}` has {k}; use "
                f"sparse_categorical_crossentropy with {k} softmax units"
            )
        if units != 1 or activation == "softmax":
            alternative = (
                f"; or keep {units} softmax units and use sparse_categorical_crossentropy" if units == 2 else ""
            )
            raise InputError(
                f"outcome `{what}` with binary_crossentropy needs a last layer of 1 unit with a "
                f"sigmoid activation; it has {units} unit(s) with {activation}{alternative}"
            )
        return fmt
    if units != k:
        raise InputError(
            f"outcome `{what}` has {k} classes but the last layer has {units} unit(s); "
            f'use layer_dense(units = {k}, activation = "softmax")'
        )
    if activation == "sigmoid" and k > 2:
        raise InputError(
            f"outcome `{what}`: {loss} over {k} classes needs a softmax last layer, not "
            f'sigmoid; use layer_dense(units = {k}, activation = "softmax")'
        )
    return fmt


def _items(value):
    """The leaves of a loss or metrics argument: one, a list, or a dict (and lists) per output."""
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _items(item)]
    if isinstance(value, (list, tuple)):
        return [leaf for item in value for leaf in _items(item)]
    return [value]


def check_compile_args(optimizer, loss, metrics):
    """Resolve names now, so a typo fails at compile() with the argument named, not deep in fit()."""
    try:
        keras.optimizers.get(optimizer)
    except (ValueError, TypeError):
        raise ArgumentError(f"unknown `optimizer` {optimizer!r}; use e.g. 'adam', 'sgd', 'rmsprop'") from None
    for item in [] if loss is None else _items(loss):
        if item is None:
            continue  # an output left without a loss
        try:
            keras.losses.get(item)
        except (ValueError, TypeError):
            raise ArgumentError(
                f"unknown `loss` {item!r}; use e.g. 'sparse_categorical_crossentropy', 'mean_squared_error'"
            ) from None
    for metric in _items(metrics or []):
        if isinstance(metric, str) and metric not in ("accuracy", "acc"):
            try:
                keras.metrics.get(metric)
            except (ValueError, TypeError):
                raise ArgumentError(f"unknown metric {metric!r} in `metrics`") from None
