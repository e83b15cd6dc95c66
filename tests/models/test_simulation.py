"""Every stated interval checked by simulation (small runs; benchmarks/bench_coverage.py has the full table)."""
import numpy as np
import pytest

from edueval.models.projection import SIMULATED_COVERAGE
from edueval.models.simulate import ar1_check, did_coverage, projection_coverage


@pytest.fixture(scope="module")
def projection():
    return projection_coverage(methods=("drift_recent",), reps=600, noises=("iid", "ar1_0.3", "ar1_0.6", "random_walk"))


def test_drift_interval_coverage_in_simulation(projection):
    cover = projection.groupby("noise")["coverage"].mean()
    assert abs(cover["random_walk"] - 0.95) < 0.015  # exact under its own model
    assert 0.95 - 0.06 <= cover["ar1_0.6"] <= 0.95 + 0.06
    assert 0.95 - 0.06 <= cover["ar1_0.3"] <= 0.95 + 0.06
    # independent noise: wider than needed, and the page says so with the measured figures
    lo, hi = SIMULATED_COVERAGE["iid"]
    assert lo - 0.015 <= cover["iid"] <= hi + 0.015


def test_stated_simulation_figures_match_a_fresh_run(projection):
    by_n = projection.groupby(["noise", "n"])["coverage"].mean()
    for noise, (lo, hi) in SIMULATED_COVERAGE.items():
        assert lo - 0.02 <= by_n[noise].min() and by_n[noise].max() <= hi + 0.02, noise


def test_ar1_check_is_median_unbiased_with_nominal_interval_coverage():
    table = ar1_check(ns=(8, 15), rhos=(0.0, 0.6), reps=1500)
    assert (table["mu_median"] - table["rho"]).abs().max() < 0.06
    assert ((table["interval_coverage"] - 0.90).abs() < 0.035).all()
    assert (table.loc[table["rho"] == 0, "flagged_positive"] < 0.08).all()
    assert (table["raw_median"] < table["rho"] - 0.1).all()  # the raw estimate is pulled down


@pytest.mark.parametrize("peers", [3, 5, 10, 20])
def test_did_interval_coverage_and_pretrend_size_with_one_treated_region(peers):
    row = did_coverage(peers=(peers,), rhos=(0.5,), reps=400, seed=peers).iloc[0]
    assert abs(row["t_interval_coverage"] - 0.95) < 0.05
    assert abs(row["pretrend_rejects"] - 0.05) < 0.04
    if peers >= 19:
        assert row["permutation_rejects_true_null"] < 0.05 + 0.035
    assert row["cluster_robust_coverage"] < row["t_interval_coverage"]  # the former method


def test_did_equal_variability_check_flags_a_noisier_region():
    from edueval.models.did import NOISIER_THAN_PEERS, pre_fit_ratio
    years = np.arange(2013, 2025, dtype=float)

    def flagged(scale):
        hits = 0
        for seed in range(200):
            Y = np.random.default_rng(seed).normal(size=(11, 12))
            Y[0] *= scale
            hits += pre_fit_ratio(Y, years, 2021)[0] > NOISIER_THAN_PEERS
        return hits / 200

    assert flagged(3.0) > 0.85 and flagged(1.0) < 0.15
