"""Vocabulary: checked Keras constructors with keras3's names and argument names (layers, losses,
metrics, optimizers, callbacks, data sets), and ``_keras_patches``, the one module that touches
private Keras and TensorFlow parts. Knows nothing of models or data."""
