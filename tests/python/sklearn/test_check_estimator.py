"""scikit-learn's own estimator checks, every one run, the few that cannot pass listed with a reason."""

import pytest
from sklearn.utils.estimator_checks import check_estimator

from pybridge.sklearn import KerasClassifier, KerasRegressor

FLOAT32_NOISE = (
    "float32 network: a row's output can differ by one float32 ulp (~1e-7 relative, above the "
    "check's rtol of 1e-7) with the rows computed alongside it"
)
MINI_BATCHES = (
    "weights are not repeated rows for a network: mini-batch SGD sees a repeated row twice per "
    "epoch but a weighted one once, and the standardisation is learnt from the unweighted rows"
)
EXPECTED_FAILED_CHECKS = {
    "check_sample_weight_equivalence_on_dense_data": MINI_BATCHES,
    "check_sample_weight_equivalence_on_sparse_data": MINI_BATCHES,
    "check_methods_sample_order_invariance": FLOAT32_NOISE,
    "check_methods_subset_invariance": FLOAT32_NOISE,
}

# Small and fast, yet learning scikit-learn's blobs well enough for check_classifiers_train.
SETTINGS = {"units": 16, "epochs": 5, "learning_rate": 0.05, "batch_size": 8}


@pytest.mark.slow
# Warnings from scikit-learn's own check data (a dok matrix, NaN cast to int), not from pybridge.
@pytest.mark.filterwarnings("ignore:Can't check dok sparse matrix", "ignore:invalid value encountered in cast")
@pytest.mark.parametrize(
    "estimator", [KerasClassifier(**SETTINGS), KerasRegressor(**SETTINGS)], ids=["classifier", "regressor"]
)
def test_check_estimator(estimator):
    results = check_estimator(estimator, expected_failed_checks=EXPECTED_FAILED_CHECKS, on_fail=None, on_skip=None)
    failed = [f"{r['check_name']}: {r['exception']!r}"[:600] for r in results if r["status"] == "failed"]
    assert not failed, "\n".join(failed)
    ran = {r["check_name"] for r in results if r["status"] in ("passed", "xfail")}
    assert {"check_estimators_pickle", "check_fit_idempotent", "check_pipeline_consistency"} <= ran
