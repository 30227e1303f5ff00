"""Interop: R's values in Python form and back. ``wire`` decodes and encodes the form R's bridge
sends over either transport; ``sexp`` reads rpy2's R objects. Knows data, not verbs or Keras."""
