"""Python generators as tf.data Datasets, without ``tf.data.Dataset.from_generator``.

TensorFlow's GeneratorDataset kernel, on which ``from_generator`` is built, calls glibc's
``mallopt(M_MMAP_THRESHOLD, 128 KiB)`` every time it is created (a mitigation of a Python 3.11 leak,
in tensorflow/core/kernels/data/generator_dataset_op.cc). That pins the threshold for the whole
process: from then on every tensor over 128 KiB is a fresh mmap, zero-filled page by page and
unmapped when freed. The cached epochs read groups of several MiB, a few tensors each, and spent
more CPU in those page faults than in reading (bench/streaming.py's data read from the cache alone:
2.3 of 3.5 CPU-s per epoch, 582,000 faults; 0.4 s and 35,000-75,000 without the pinning). The same
iteration built on ``tf.numpy_function`` leaves the allocator alone."""

import contextlib
import itertools

import numpy as np


class PythonElements:
    """``dataset``: a tf.data Dataset of the elements ``make()`` yields (tuples, or single arrays when
    ``signature`` is one TensorSpec). As with ``from_generator``, each iteration of the dataset (Keras
    starts one per epoch) calls ``make()`` afresh, and values are converted to the signature's dtypes.
    A generator left unfinished (an interrupted fit) is closed when this object is collected or by
    ``close()``. What a generator raises is also added to ``errors`` (a list) when given, for
    ``python_errors()``."""

    def __init__(self, make, signature, errors=None):
        import tensorflow as tf

        self._make = make
        self._errors = errors
        self._single = isinstance(signature, tf.TensorSpec)
        self._specs = (signature,) if self._single else tuple(signature)
        self._live = {}
        self._keys = itertools.count()
        # What the last call gives: the end, marked by False, with empty parts of the right dtypes.
        self._end = (np.False_, *[np.zeros((0,) * len(s.shape), s.dtype.as_numpy_dtype) for s in self._specs])
        dtypes = [tf.bool, *[s.dtype for s in self._specs]]

        def shaped(more, *parts):
            parts = tuple(tf.ensure_shape(p, s.shape) for p, s in zip(parts, self._specs))
            return parts[0] if self._single else parts

        def elements(key):
            calls = tf.data.Dataset.from_tensors(key).repeat()
            calls = calls.map(lambda k: tuple(tf.numpy_function(self._next, [k], dtypes, stateful=True)))
            return calls.take_while(lambda more, *parts: more).map(shaped)

        start = tf.data.Dataset.from_tensors(np.int64(0))
        start = start.map(lambda _: tf.numpy_function(self._start, [], tf.int64, stateful=True))
        self.dataset = start.flat_map(elements)

    def _start(self):
        key = next(self._keys)
        self._live[key] = iter(self._make())
        return np.int64(key)

    def _next(self, key):
        key = int(key)
        try:
            parts = next(self._live[key])
        except StopIteration:
            del self._live[key]
            return self._end
        except Exception as err:
            if self._errors is not None:
                self._errors.append(err)
            raise
        parts = (parts,) if self._single else parts
        return (np.True_, *[np.asarray(p, s.dtype.as_numpy_dtype) for p, s in zip(parts, self._specs)])

    def close(self):
        """Close the generators of unfinished iterations."""
        live, self._live = getattr(self, "_live", {}), {}  # {} too when __init__ failed before making it
        for iterator in live.values():
            close = getattr(iterator, "close", None)
            if close is not None:
                close()

    def __del__(self):
        self.close()


@contextlib.contextmanager
def python_errors(errors):
    """Inside: TensorFlow's error for a generator that raised (an InvalidArgumentError quoting it) is
    raised as the generator's own exception, the first in ``errors``: an InputError naming a column
    stays one, for Python callers and for R's conditions alike."""
    import tensorflow as tf

    try:
        yield
    except tf.errors.OpError:
        if errors:
            raise errors[0] from None
        raise
