"""The one status word a scorecard line shows, from the evaluation's status and category."""
from __future__ import annotations

import pandas as pd
import pytest

from edueval.report.status import (
    VERDICT_BASE_NEAR,
    observed_period,
    ratio_parts,
    reason,
    required,
    schedule_code,
    scorecard_rows,
    status_code,
)


def row(status, category, scope="national", target_year=2025, status_year=2022):
    return pd.Series({"status": status, "category": category, "scope": scope,
                      "target_year": target_year, "status_year": status_year})


@pytest.mark.parametrize("r, expected", [
    (row("achieved", "achieved"), "achieved"),
    (row("not achieved", "acceleration needed"), "acceleration needed"),
    (row("not achieved", "deterioration"), "deterioration"),
    # below a 2025 target in 2022 with no usable pace: not yet judgeable, not "not met"
    (row("not achieved", "not assessable"), "not assessable"),
    # the target year has passed: plainly not met
    (row("not achieved", "not assessable", target_year=2020, status_year=2022), "not achieved"),
    # a standard has no deadline: below it is not met
    (row("not achieved", "not assessed", scope="standard"), "not achieved"),
    (row("no actual", "not assessed"), "no actual"),
])
def test_status_code(r, expected):
    assert status_code(r) == expected


def test_masked_targets_leave_the_scorecard():
    frame = pd.DataFrame({"status": ["achieved", "target masked", "no actual"]})
    assert scorecard_rows(frame)["status"].tolist() == ["achieved", "no actual"]


def full(**kw):
    base = {"status": "not achieved", "category": "not assessable", "scope": "local", "target_year": 2025,
            "status_year": 2020, "status_value": 94.08, "latest_year": 2020, "first_year": 2015, "n_actual": 2,
            "plan_base_year": 2020, "plan_base_value": 94.08, "schedule_verdict": "no 序时进度",
            "observed_pace": 4.716, "observed_pace_basis": "two-point change", "required_pace_plan": 0.184,
            "required_pace_now": 0.184, "progress_ratio": float("nan"), "progress_ratio_basis": ""}
    base.update(kw)
    return pd.Series(base)


@pytest.mark.parametrize("r, key", [
    (full(), "reason.no_value_in_period"),  # the latest value is the plan base: nothing inside the period
    (full(latest_year=2018, status_year=2018, plan_base_value=float("nan")), "reason.no_value_in_period"),
    (full(latest_year=2022, status_year=2022, n_actual=1), "reason.one_value"),
    (full(latest_year=2024, status_year=2024, n_actual=9, schedule_verdict=VERDICT_BASE_NEAR), "reason.base_near"),
    (full(latest_year=2024, status_year=2024, n_actual=5, plan_base_value=float("nan")), "reason.no_base"),
    (full(status="achieved", category="achieved"), "reason.met"),
    (full(category="on track", progress_ratio=1.2, progress_ratio_basis="observed ÷ plan-consistent required pace",
          latest_year=2023), "reason.ratio"),
    (full(target_year=2020, status_year=2022, latest_year=2022), "reason.missed"),
    (full(scope="standard", category="not assessed"), "reason.below"),
    (full(status="no actual by target year", first_year=2021, target_year=2020), "reason.no_value_by_target"),
])
def test_one_reason_per_verdict(r, key):
    assert reason(r, status_code(r))[0] == key


def test_a_met_target_is_achieved_on_the_schedule_too():
    assert schedule_code(full(status="achieved", category="achieved")) == "achieved"
    assert schedule_code(full()) == "no_value_in_period"
    assert schedule_code(full(plan_base_year=pd.NA)) == "no_plan"
    assert schedule_code(full(schedule_verdict="behind schedule (滞后于序时进度)")) == "behind"


def test_pace_periods_and_ratio_parts():
    r = full(observed_pace_basis="OLS slope in the plan window", latest_year=2024, first_year=2010)
    assert observed_period(r) == (2020, 2024)
    assert observed_period(full()) == (2015, 2020)
    assert observed_period(full(trend_window_start=2019, trend_window_end=2023)) == (2019, 2023)
    assert required(full()) == (0.184, 2020, 2025)
    assert required(full(status="achieved")) is None
    r = full(progress_ratio=1.5, observed_pace=0.3, required_pace_now=0.2,
             progress_ratio_basis="observed ÷ required pace from the latest year")
    assert ratio_parts(r) == (0.3, 0.2, 1.5)
