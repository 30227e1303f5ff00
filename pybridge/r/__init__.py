"""The R transports, the top layer: ``dispatch`` (the verbs R may call, over either transport) and
``host`` (Python embedding R through rpy2). Nothing in pybridge imports them."""
