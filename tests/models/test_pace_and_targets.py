"""Pace, progress category and 序时进度 on the national 十四五 preschool series; target scopes."""
import numpy as np
import pandas as pd
import pytest
from conftest import NATIONAL_PRESCHOOL, make_obs, obs_row, series_rows

from edueval.models import DuplicateActualError, Tolerances, evaluate_all

BASE, TARGET = 85.2, 90.0  # 2020 MoE bulletin; 十四五: above 90 by 2025
REQUIRED = (TARGET - BASE) / (2025 - 2020)  # 0.96 pp a year


def national(years):
    rows = series_rows("000000", "preschool_ger", years, [NATIONAL_PRESCHOOL[y] for y in years])
    rows.append(obs_row("000000", "preschool_ger", 2025, TARGET, kind="target", qualifier=">=", source_id="plan-14"))
    return evaluate_all(make_obs(rows)).targets.iloc[0]


def test_national_series_to_2023_is_achieved_with_hand_computed_pace():
    row = national([2020, 2021, 2022, 2023])
    # OLS slope over 2020–2023: Sxy = −1.5·85.2 − 0.5·88.1 + 0.5·89.7 + 1.5·91.1 = 9.65, Sxx = 5
    assert row["observed_pace"] == pytest.approx(9.65 / 5, abs=1e-9)
    assert row["required_pace_plan"] == pytest.approx(REQUIRED, abs=1e-12)
    assert row["progress_ratio"] == pytest.approx(1.93 / 0.96, abs=1e-9)
    assert (row["status"], row["category"], row["schedule_verdict"]) == ("achieved", "achieved", "achieved")
    assert row["schedule_gap_share"] == pytest.approx((91.1 - BASE) / (TARGET - BASE), abs=1e-9)
    assert row["schedule_time_share"] == pytest.approx(3 / 5)
    assert np.isnan(row["required_pace_now"])  # already met: nothing more is required


def test_national_series_to_2022_is_ahead_of_schedule():
    row = national([2020, 2021, 2022])
    assert row["status"] == "not achieved"
    assert row["observed_pace"] == pytest.approx((89.7 - 85.2) / 2, abs=1e-9)  # OLS on 3 equally spaced = ends
    assert row["progress_ratio"] == pytest.approx(2.25 / 0.96, abs=1e-9)
    assert row["category"] == "on track"
    assert row["required_pace_now"] == pytest.approx((90 - 89.7) / 3, abs=1e-9)
    assert row["schedule_gap_share"] == pytest.approx(4.5 / 4.8, abs=1e-9)
    assert row["schedule_time_share"] == pytest.approx(0.4)
    assert row["schedule_verdict"].startswith("ahead of schedule")
    # n = 3: scenario band from pairwise slopes (2.9, 1.6, 2.25) anchored at the fitted 2022 value
    anchor = np.mean([85.2, 88.1, 89.7]) + 2.25
    assert row["interval_kind"].startswith("scenario band")
    assert row["projection"] == pytest.approx(anchor + 3 * 2.25, abs=1e-9)
    assert (row["interval_lower"], row["interval_upper"]) == (
        pytest.approx(anchor + 3 * 1.6, abs=1e-9), pytest.approx(anchor + 3 * 2.9, abs=1e-9))
    assert np.isnan(row["probability"])


def test_two_points_give_pace_but_no_projection():
    row = national([2020, 2021])
    assert row["rule"] == "two_point"
    assert row["observed_pace"] == pytest.approx(2.9)
    assert row["schedule_gap_share"] == pytest.approx(2.9 / 4.8)
    assert row["interval_kind"] == "none" and np.isnan(row["projection"])


def test_schedule_tolerance_is_a_parameter():
    rows = series_rows("000000", "preschool_ger", [2020, 2022], [85.2, 86.9])  # gap share 1.7/4.8 = 0.354 vs 0.4
    rows.append(obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">="))
    obs = make_obs(rows)
    strict = evaluate_all(obs, tolerance=Tolerances(schedule=0.02)).targets.iloc[0]["schedule_verdict"]
    loose = evaluate_all(obs, tolerance=Tolerances(schedule=0.05)).targets.iloc[0]["schedule_verdict"]
    assert strict.startswith("behind") and loose.startswith("on schedule")


def test_missing_plan_base_gives_no_schedule():
    rows = series_rows("000000", "preschool_ger", [2021, 2022], [88.1, 89.7])
    rows.append(obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["schedule_verdict"] == "no 序时进度" and np.isnan(row["required_pace_plan"])
    assert "no actual in the plan base year 2020" in row["notes"]
    assert row["progress_ratio_basis"] == "observed ÷ required pace from the latest year"
    assert row["progress_ratio"] == pytest.approx(1.6 / ((90 - 89.7) / 3))


def test_base_at_target_reports_achieved_without_ratio():
    rows = series_rows("000000", "preschool_ger", [2020, 2022], [89.95, 90.3])
    rows.append(obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["schedule_verdict"] == "achieved" and np.isnan(row["schedule_gap_share"])


@pytest.mark.parametrize("qualifier, value, expected", [
    (">=", 92.0, "achieved"), (">", 92.0, "not achieved"), (">", 92.1, "achieved"),
    ("=", 92.0, "achieved"), ("~", 88.0, "achieved"), ("~", 87.0, "not achieved"), ("<=", 92.0, "achieved"),
])
def test_qualifier_conventions(qualifier, value, expected):
    rows = [obs_row("000000", "special_enrolment", 2020, value),
            obs_row("000000", "special_enrolment", 2020, 92.0, kind="target", qualifier=qualifier)]
    # '~': within 5% of 92 (87.4) counts in the good direction
    assert evaluate_all(make_obs(rows)).targets.iloc[0]["status"] == expected


def test_scopes_local_provincial_national_standard_and_quoted():
    rows = series_rows("620802", "preschool_ger", [2015, 2020], [70.5, 94.08])
    rows[0]["method"], rows[0]["derivation"] = "derived", "94.08 − 23.58 = 70.50"
    rows += [
        obs_row("620802", "preschool_ger", 2025, 95.0, kind="target", qualifier=">="),
        obs_row("620000", "preschool_ger", 2025, 92.0, kind="target", qualifier=">="),
        obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">="),
        obs_row("000000", "preschool_ger", 2020, 85.0, kind="benchmark", qualifier=">=", applies_to="county"),
        obs_row("140400", "preschool_ger", 2021, 93.9, kind="actual"),
        obs_row("000000", "preschool_ger", 2021, 85.0, kind="benchmark", qualifier=">", applies_to="140400"),
        obs_row("140000", "preschool_ger", 2021, 90.0, kind="benchmark", qualifier=">", applies_to="140400"),
    ]
    t = evaluate_all(make_obs(rows)).targets.set_index(["region_code", "scope", "target_value"])
    assert set(t.loc["620802"].index.get_level_values("scope")) == {"local", "provincial", "national", "standard"}
    assert t.loc[("620802", "local", 95.0), "derived_inputs"]
    assert "derived" in t.loc[("620802", "local", 95.0), "notes"]
    assert t.loc[("620802", "standard", 85.0), "rule"] == "status_only"
    changzhi = t.loc["140400"]
    assert set(changzhi.index.get_level_values("scope")) == {"quoted benchmark", "national"}  # not a county
    quoted = changzhi.loc["quoted benchmark"]
    assert set(quoted["status"]) == {"achieved"} and set(quoted["rule"]) == {"status_only"}
    assert quoted["observed_pace"].isna().all()


def test_duplicate_actuals_raise_a_named_error():
    rows = [obs_row("000000", "preschool_ger", 2021, 88.1), obs_row("000000", "preschool_ger", 2021, 88.0, source_id="x")]
    with pytest.raises(DuplicateActualError, match="000000/preschool_ger/all/2021"):
        evaluate_all(make_obs(rows))
    rows[1]["status"] = "conflict"  # the losing side of a disagreement is ignored
    assert evaluate_all(make_obs(rows)).series.iloc[0]["n"] == 1


def test_stated_change_gives_a_labelled_pace_but_no_category_for_one_value():
    # n = 1 is status and gap only: the stated change is shown, never turned into a ratio
    rows = [obs_row("140400", "gaokao_tier2b_rate", 2021, 60.0),
            obs_row("140400", "gaokao_tier2b_rate", 2021, 12.57, kind="change", base_year=2016),
            obs_row("140400", "gaokao_tier2b_rate", 2025, 70.0, kind="target", qualifier=">=")]
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["observed_pace_basis"] == "stated change (no levels)"
    assert row["observed_pace"] == pytest.approx(12.57 / 5)
    assert "stated change of 12.57 pp 2016–2021" in row["notes"]
    assert np.isnan(row["progress_ratio"]) and row["category"] == "not assessable"
    assert "n = 1: status and gap only" in row["notes"]


def test_lower_is_better_standard():
    rows = series_rows("620802", "balance_cv_composite", [2019, 2020, 2021], [0.62, 0.55, 0.48],
                       school_level="primary")
    rows.append(obs_row("620802", "balance_cv_composite", 2025, 0.45, kind="target", qualifier="<=",
                        school_level="primary"))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["status"] == "not achieved" and row["category"] == "on track"
    assert row["gap"] == pytest.approx(0.03)


# ---- verdict edge cases (each once stated something false) ---------------------------------

def test_fall_below_a_target_the_base_had_met_is_deterioration():
    rows = series_rows("000000", "special_enrolment", [2020, 2022, 2024], [95.0, 92.5, 90.0])
    rows.append(obs_row("000000", "special_enrolment", 2025, 92.0, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["status"] == "not achieved"
    assert row["category"] == "deterioration"
    assert row["schedule_verdict"] == "fell below the target (the plan base had met it)"
    assert "the plan base already met the target" in row["notes"]


def test_near_target_is_a_pace_in_pp_so_national_retention_gets_a_ratio():
    # national 巩固率: 2020 base 95.2, 十四五 target 96: required 0.16 pp a year, far above 0.05
    years = [2020, 2021, 2022, 2023, 2024]
    rows = series_rows("000000", "compulsory_retention", years, [95.2, 95.4, 95.5, 95.7, 95.9])
    rows.append(obs_row("000000", "compulsory_retention", 2025, 96.0, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["required_pace_plan"] == pytest.approx(0.16)
    assert row["observed_pace"] == pytest.approx((95.9 - 95.2) / 4)  # the drift of the same five values
    assert row["progress_ratio"] == pytest.approx(0.175 / 0.16)
    assert row["category"] == "on track"
    assert (row["trend_window_start"], row["trend_window_end"], row["trend_window_n"]) == (2020, 2024, 5)


def test_base_within_the_near_target_pace_gives_no_ratio():
    rows = series_rows("000000", "compulsory_retention", [2020, 2022], [95.9, 95.8])
    rows.append(obs_row("000000", "compulsory_retention", 2025, 96.0, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows), tolerance=Tolerances(near_target_pace=0.05)).targets.iloc[0]
    assert np.isnan(row["progress_ratio"])  # required (96 - 95.9)/5 = 0.02 pp a year
    assert row["category"] == "deterioration"  # and it moved away from the target
    assert row["schedule_verdict"] == "base at or near the target: no ratio; below target now"


def test_past_target_is_judged_in_its_year_or_the_nearest_earlier_never_later():
    rows = series_rows("000000", "years_schooling", [2019, 2021], [10.7, 10.9])
    rows.append(obs_row("000000", "years_schooling", 2020, 10.8, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert (row["status"], row["status_year"], row["status_value"]) == ("not achieved", 2019, 10.7)
    assert "judged on the nearest earlier value (2019)" in row["notes"]


def test_past_target_without_an_earlier_value_is_not_judged_on_a_later_one():
    rows = series_rows("000000", "preschool_ger", [2021, 2022, 2023], [88.1, 89.7, 91.1])
    rows.append(obs_row("000000", "preschool_ger", 2020, 85.0, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["status"] == "no actual by target year" and pd.isna(row["status_year"])
    assert row["category"] == "not assessed" and np.isnan(row["gap"])
    assert "no actual in or before 2020" in row["notes"]


def test_met_in_its_year_then_below_is_noted():
    rows = series_rows("000000", "special_enrolment", [2018, 2020, 2022], [93.0, 95.5, 94.0])
    rows.append(obs_row("000000", "special_enrolment", 2020, 95.0, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["status"] == "achieved" and row["status_year"] == 2020
    assert "the latest value no longer meets it" in row["notes"]


@pytest.mark.parametrize("values", [
    [80.0, 81.0, 82.0, 83.0, 84.0, 85.0],  # exactly linear: every yearly change equal
    [84.0] * 6,  # flat
])
def test_zero_spread_gives_no_interval_and_no_probability(values):
    rows = series_rows("000000", "preschool_ger", range(2018, 2024), values)
    rows.append(obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">="))
    ev = evaluate_all(make_obs(rows))
    row = ev.targets.iloc[0]
    assert row["interval_kind"] == "none" and np.isnan(row["interval_lower"]) and np.isnan(row["probability"])
    assert np.isfinite(row["projection"]) and row["interval_label_en"] == ""
    assert "no spread around the trend" in row["notes"]
    assert (ev.curves["band_kind"] == "none").all()


def test_series_at_the_bound_gets_no_zero_width_interval():
    rows = series_rows("000000", "primary_ner", range(2016, 2024), [100.0] * 8)
    rows.append(obs_row("000000", "primary_ner", 2025, 99.9, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["interval_kind"] == "none" and not row["interval_label_en"]


def test_exactly_linear_short_series_gets_no_zero_width_scenario_band():
    rows = series_rows("000000", "preschool_ger", [2020, 2021, 2022], [85.0, 86.0, 87.0])
    rows.append(obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">="))
    row = evaluate_all(make_obs(rows)).targets.iloc[0]
    assert row["projection"] == pytest.approx(90.0) and row["interval_kind"] == "none"


def test_empty_table_and_unknown_codes_raise_clear_errors():
    with pytest.raises(ValueError, match="no rows"):
        evaluate_all(make_obs([]))
    rows = series_rows("000000", "preschool_ger", [2020, 2021], [85.2, 88.1])
    obs = make_obs(rows)
    obs.loc[0, "indicator"] = "preschol_ger"
    with pytest.raises(KeyError, match="preschol_ger.*did you mean preschool_ger"):
        evaluate_all(obs, validate=False)


def test_targets_only_table_lists_the_region_without_data():
    rows = [obs_row("620802", "preschool_ger", 2025, 95.0, kind="target", qualifier=">=")]
    ev = evaluate_all(make_obs(rows))
    assert ev.series.empty and list(ev.targets["status"]) == ["no actual"]
    ev.validate()
