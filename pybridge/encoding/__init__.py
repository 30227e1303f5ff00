"""Encoding: data frames and arrays to the float32 arrays Keras trains on, and network outputs back to
tidy prediction columns. pandas and NumPy only (no Keras, no R). Each encoder has the same contract:
``fit`` (learn from training data) / ``transform`` or ``encode`` / ``decode`` / ``to_dict`` /
``from_dict`` (the JSON a model file stores)."""
