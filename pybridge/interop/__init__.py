"""Interop: other libraries' values in Python form and back. ``wire`` decodes and encodes the form
R's bridge sends over either transport; ``sexp`` reads rpy2's R objects; ``tables`` takes the data
frames of other Python libraries (polars, pyarrow) as pandas. Knows data, not verbs or Keras."""
