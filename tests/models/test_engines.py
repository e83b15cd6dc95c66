"""The vectorised numpy engine and the statsmodels engine give the same numbers."""
import numpy as np
import pandas as pd
import pytest

from edueval.models import evaluate_all
from edueval.models.did import DID_KEYS, did_numpy, did_statsmodels
from edueval.models.synthetic import synthetic_observations


@pytest.fixture(scope="module")
def both_engines():
    obs, registry = synthetic_observations(n_counties=24, n_provinces=2, n_years=15, seed=3)
    kw = {"registry": registry, "validate": False}
    return evaluate_all(obs, engine="numpy", **kw), evaluate_all(obs, engine="statsmodels", **kw)


@pytest.mark.parametrize("table", ["targets", "series", "policy", "curves"])
def test_engines_agree(both_engines, table):
    fast, slow = (getattr(e, table) for e in both_engines)
    pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=1e-7, atol=1e-9)


def test_engine_panel_exercises_every_model(both_engines):
    fast, _ = both_engines
    assert fast.targets["interval_kind"].str.startswith("prediction interval 95%").any()
    assert fast.targets["probability"].notna().any()
    assert (fast.series["model_scale"] == "logit").any() and (fast.series["model_scale"] == "level").any()
    assert fast.policy["segmented"].any() and (fast.policy["did_n_comparison"] > 0).any()
    assert set(fast.policy["policy_id"]) == {"fyp14-start", "preschool-plan-3"}  # no after-school series here
    fast.validate()


def test_difference_in_differences_closed_form_matches_statsmodels():
    rng = np.random.default_rng(7)
    Y = rng.normal(size=(6, 9)).cumsum(axis=1)
    years = np.arange(2015, 2024, dtype=float)
    fast = did_numpy(Y, years, 2021, 0.05)
    for focal in range(6):
        slow = did_statsmodels(Y, years, 2021, focal, 0.05)
        for key in DID_KEYS:
            assert fast[key][focal] == pytest.approx(slow[key], abs=1e-10, nan_ok=True)
