"""Training: the outcome split and NA policy, compile / fit / evaluate / predict mechanics, seeds and
the checks that a network fits its outcome. Knows nothing of R or of files."""
