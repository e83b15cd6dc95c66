"""The policy registry, one policy row per series × policy, segmented and DiD numbers."""
import numpy as np
import pandas as pd
import pytest
from conftest import make_obs, series_rows

from edueval.models import evaluate_all, load_policies
from edueval.models.did import did_numpy, region_changes
from edueval.models.policy_registry import select_policies, validate_policies
from edueval.models.synthetic import synthetic_observations


def test_registry_is_valid_and_holds_the_required_policies():
    reg = load_policies().set_index("policy_id")
    assert reg.loc["double-reduction", "date"] == "2021-07"
    assert reg.loc["double-reduction", "first_full_year"] == 2022
    assert "after_school_participation" in reg.loc["double-reduction", "indicators"].split("|")
    assert (reg.loc["fyp14-start", "date"], reg.loc["fyp14-start", "indicators"]) == ("2021-01", "*")
    assert reg.loc["preschool-plan-3", "source"] == "moe-preschool-3rd-plan-2017"


def test_registered_source_ids_exist_in_the_source_registry():
    from edueval import paths
    sources = set(pd.concat(pd.read_csv(f) for f in paths.RAW_SOURCES.glob("*.csv"))["source_id"])
    reg = load_policies()
    registered = reg[~reg["source"].str.contains(" ")]  # unregistered documents are named in full
    assert set(registered["source"]) <= sources


def test_bad_registry_rows_are_named():
    bad = load_policies().copy()
    bad.loc[0, "date"] = "2021-13"
    bad.loc[1, "indicators"] = "after_school|*"
    with pytest.raises(ValueError, match="fyp14-start.*not YYYY-MM.*double-reduction"):
        validate_policies(bad)


def test_policy_year_selects_registered_policies_or_an_unnamed_year():
    assert select_policies(2022)["policy_id"].tolist() == ["double-reduction"]
    assert select_policies(2019)["policy_id"].tolist() == ["year-2019"]
    with pytest.raises(ValueError, match="outside 1949–2100"):
        select_policies(20221)


def long_series(code, indicator, start=2011, n=14, level=60.0, slope=1.0, seed=0):
    rng = np.random.default_rng(seed)
    years = list(range(start, start + n))
    return series_rows(code, indicator, years, [level + slope * i + rng.normal(0, 0.3) for i in range(n)])


def test_one_row_per_series_and_policy_that_concerns_it():
    rows = long_series("620802", "preschool_ger") + long_series("620802", "senior_ger", level=70)
    pol = evaluate_all(make_obs(rows)).policy
    got = sorted(zip(pol["indicator"], pol["policy_id"], pol["policy_year"]))
    assert got == [("preschool_ger", "fyp14-start", 2021), ("preschool_ger", "preschool-plan-3", 2018),
                   ("senior_ger", "fyp14-start", 2021)]
    assert pol["segmented"].all() and pol["policy_name_zh"].str.len().gt(0).all()
    # the autocorrelation check is there for every n ≥ 8 series, whatever the policy year
    assert pol["ar1_verdict"].isin(["positive", "negative", "undetermined"]).all()


def test_ar1_check_present_without_three_values_after_the_policy_year():
    rows = long_series("000000", "senior_ger", start=2010, n=12)  # 2010–2021: one value from 2021 on
    ev = evaluate_all(make_obs(rows))
    assert not ev.policy["segmented"].any()
    assert ev.series.iloc[0]["ar1_verdict"] != "not checked" and np.isfinite(ev.series.iloc[0]["ar1_rho"])


def test_ar1_intervals_are_wider_when_rho_is_positive():
    rng = np.random.default_rng(5)
    e = np.zeros(14)
    for t in range(1, 14):
        e[t] = 0.9 * e[t - 1] + rng.normal(0, 0.5)
    rows = series_rows("000000", "senior_ger", range(2011, 2025), 70 + 0.8 * np.arange(14) + e)
    p = evaluate_all(make_obs(rows)).policy.iloc[0]
    assert p["ar1_rho"] > 0.3
    assert (p["ar1_level_change_upper"] - p["ar1_level_change_lower"]
            > p["level_change_upper"] - p["level_change_lower"])


def test_did_estimate_is_the_difference_of_before_after_changes():
    rng = np.random.default_rng(2)
    years = np.arange(2013, 2025, dtype=float)
    Y = rng.normal(size=(6, 12)).cumsum(axis=1)
    Y[0] += 2.0 * (years >= 2021)
    D, _ = region_changes(Y, years, 2021)
    got = did_numpy(Y, years, 2021, 0.05)
    assert got["estimate"][0] == pytest.approx(D[0] - D[1:].mean(), abs=1e-12)
    assert np.isnan(got["perm_p"]).all()  # 5 peers: no permutation p-value
    assert got["lower"][0] < got["estimate"][0] < got["upper"][0]


def test_permutation_p_value_from_nineteen_peers():
    rng = np.random.default_rng(3)
    years = np.arange(2013, 2025, dtype=float)
    Y = rng.normal(size=(20, 12))
    Y[0] += 10.0 * (years >= 2021)
    got = did_numpy(Y, years, 2021, 0.05)
    assert got["perm_p"][0] == pytest.approx(1 / 20)  # the planted effect beats every placebo


def test_did_in_the_evaluation_with_a_planted_effect():
    obs, registry = synthetic_observations(n_counties=60, n_provinces=2, n_years=15, missing_share=0.0, seed=4)
    actual = (obs["kind"] == "actual") & (obs["indicator"] == "preschool_ger")
    focal = actual & (obs["region_code"] == "S-C00000") & (obs["year"] >= 2021)
    obs.loc[focal, "value"] += 40.0  # the synthetic counties have unequal slopes: a wide spread
    pol = evaluate_all(obs[obs["indicator"] == "preschool_ger"].reset_index(drop=True), registry=registry,
                       validate=False, policy_year=2021, engine="numpy").policy
    row = pol[pol["region_code"] == "S-C00000"].iloc[0]
    assert row["did_n_comparison"] == 29 and row["did_interval_level"] == 0.95
    assert row["did_lower"] > 0 and row["did_perm_p"] <= 0.05
    assert "29 comparison regions" in row["did_label_en"] and "对照地区" in row["did_label_zh"]
