"""The outcome's standardisation as the network's last layer.

A numeric outcome is standardised for training (the defaults then learn: an output layer starts near
0, far from an outcome of mean 20 and sd 6). The mapping back, ``output * sd + mean``, is a fixed
``Rescaling`` layer at the end of the network rather than a step outside it, so the loss, the
metrics, the validation metrics, ``evaluate()`` and the network's own outputs are all in the
outcome's units. With Adam, RMSprop and their kin (scale-free updates) this trains exactly as
scaled targets do; plain SGD sees gradients ``sd`` times larger and may need a smaller learning rate.
"""

from __future__ import annotations

from collections.abc import Callable

import keras

from ..encoding.outcome import OutcomeEncoder
from ..model import Model

LAYER_NAME = "pybridge_outcome_scale"


def attach_outcome_scale(model: Model, outcome: OutcomeEncoder, recompile: Callable[[Model], object]) -> None:
    """Append ``outcome``'s ``Rescaling`` to the model's built network when the outcome is
    standardised there, once; ``recompile`` compiles a network that had to be rebuilt."""
    network = model.keras
    existing = next((layer for layer in network.layers if layer.name == LAYER_NAME), None)
    if existing is not None:
        # A clone or a saved config of a fitted model carries the layer with that model's statistics:
        # this outcome's replace them (the identity when this outcome is not standardised).
        scale, offset = (outcome.sd, outcome.mean) if outcome.scaling == "network" else (1.0, 0.0)
        if (existing.scale, existing.offset) != (scale, offset):
            existing.scale, existing.offset = scale, offset
        return
    if outcome.scaling != "network":
        return
    scale = keras.layers.Rescaling(scale=outcome.sd, offset=outcome.mean, name=LAYER_NAME)
    if isinstance(network, keras.Sequential):
        network.add(scale)
        return
    # A functional network: the same layers with the rescaling after its output, compiled as it was.
    model.keras = keras.Model(network.inputs, scale(network.outputs[0]), name=network.name)
    recompile(model)
