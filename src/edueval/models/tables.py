"""Pandera schemas of every table the models write (evaluation_* and backtest_*).

Every column with its dtype; checks catch real mistakes: codes from fixed sets, plausible
years, probabilities in [0, 1], lower ≤ upper wherever both exist, and the rule ladder
(no interval or probability below n = 5, no segmented model below n = 8). Validation is
lazy (every failing row at once): ``SCHEMAS[name].validate(frame, lazy=True)``.
"""
from __future__ import annotations

from typing import ClassVar

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from ..schema import FIRST_YEAR, LAST_YEAR
from .did import PERMUTATION_MIN_PEERS
from .inputs import SCOPES
from .pace import PROBABILITY_BANDS, VERDICT_BASE_NEAR, VERDICT_FELL_BELOW
from .projection import METHODS
from .rules import MIN_SIDE, N_INTERVAL, N_POLICY, RECENT_WINDOW, RULE_NAMES

YEARS = {"ge": FIRST_YEAR, "le": LAST_YEAR}
EPS = 1e-9
STATUSES = ("achieved", "not achieved", "no actual", "no actual by target year", "target masked")
CATEGORIES = ("achieved", "on track", "acceleration needed", "limited progress", "deterioration",
              "not assessable", "not assessed")
VERDICTS = ("achieved", "ahead of schedule (超序时进度)", "on schedule (基本符合序时进度)",
            "behind schedule (滞后于序时进度)", "no 序时进度", VERDICT_BASE_NEAR, VERDICT_FELL_BELOW)
PACE_BASES = ("", "drift of the last 5 values", "OLS slope", "two-point change", "stated change (no levels)")
BANDS = ("",) + tuple(label for _, label in PROBABILITY_BANDS)
INTERVAL_KINDS = r"^(none|scenario band \(pairwise slopes; not a confidence interval\)|prediction interval \d+(\.\d+)?% \(recent pace\))$"
AR1_VERDICTS = ("positive", "negative", "undetermined", "not checked")


def _ordered(df: pd.DataFrame, low: str, high: str) -> pd.Series:
    """low ≤ high wherever both exist."""
    both = df[low].notna() & df[high].notna()
    return ~both | (df[low] <= df[high] + EPS)


def _within(df: pd.DataFrame, low: str, mid: str, high: str) -> pd.Series:  # low ≤ mid ≤ high
    return _ordered(df, low, mid) & _ordered(df, mid, high)


class EvaluationTargets(pa.DataFrameModel):
    """evaluation_targets: one row per region × target statement that applies to it."""

    region_code: Series[str] = pa.Field(str_length={"min_value": 1})
    indicator: Series[str]
    school_level: Series[str]
    scope: Series[str] = pa.Field(isin=SCOPES)
    target_owner: Series[str]
    target_kind: Series[str] = pa.Field(isin=("target", "benchmark"))
    target_source_id: Series[str]
    target_also_in: Series[str]
    target_year: Series[int] = pa.Field(**YEARS)
    target_value: Series[float] = pa.Field(nullable=True)
    target_qualifier: Series[str] = pa.Field(isin=("=", ">=", ">", "<=", "<", "~"))
    n_actual: Series[int] = pa.Field(ge=0)
    first_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    latest_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    latest_value: Series[float] = pa.Field(nullable=True)
    rule: Series[str] = pa.Field(isin=tuple(RULE_NAMES))
    rule_reason: Series[str]
    rule_label_en: Series[str]
    rule_label_zh: Series[str]
    status_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    status_value: Series[float] = pa.Field(nullable=True)
    status: Series[str] = pa.Field(isin=STATUSES)
    gap: Series[float] = pa.Field(nullable=True)
    category: Series[str] = pa.Field(isin=CATEGORIES)
    observed_pace: Series[float] = pa.Field(nullable=True)
    observed_pace_basis: Series[str] = pa.Field(isin=PACE_BASES)
    trend_window_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    trend_window_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    trend_window_n: Series[int] = pa.Field(ge=0, le=RECENT_WINDOW)
    plan_base_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    plan_base_value: Series[float] = pa.Field(nullable=True)
    required_pace_plan: Series[float] = pa.Field(nullable=True)
    required_pace_now: Series[float] = pa.Field(nullable=True)
    progress_ratio: Series[float] = pa.Field(nullable=True)
    progress_ratio_basis: Series[str] = pa.Field(isin=("", "observed ÷ plan-consistent required pace",
                                                       "observed ÷ required pace from the latest year"))
    schedule_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    schedule_gap_share: Series[float] = pa.Field(nullable=True)
    schedule_time_share: Series[float] = pa.Field(nullable=True, gt=0, le=1)
    schedule_verdict: Series[str] = pa.Field(isin=VERDICTS)
    projection_method: Series[str] = pa.Field(isin=("", "drift_recent", "ols_scenario"))
    projection: Series[float] = pa.Field(nullable=True)
    interval_lower: Series[float] = pa.Field(nullable=True)
    interval_upper: Series[float] = pa.Field(nullable=True)
    interval_kind: Series[str] = pa.Field(str_matches=INTERVAL_KINDS)
    interval_label_en: Series[str]
    interval_label_zh: Series[str]
    interval_claim_en: Series[str]
    interval_claim_zh: Series[str]
    probability: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    probability_band: Series[str] = pa.Field(isin=BANDS)
    probability_claim_en: Series[str]
    probability_claim_zh: Series[str]
    loo_projection_min: Series[float] = pa.Field(nullable=True)
    loo_projection_max: Series[float] = pa.Field(nullable=True)
    derived_inputs: Series[bool]
    notes: Series[str]

    class Config:
        strict = True

    @pa.dataframe_check(name="interval lower ≤ projection ≤ upper")
    def _interval_order(cls, df):
        return _within(df, "interval_lower", "projection", "interval_upper")

    @pa.dataframe_check(name="interval and band both present or both absent, with a kind")
    def _interval_pairs(cls, df):
        both = df["interval_lower"].notna() == df["interval_upper"].notna()
        return both & (df["interval_lower"].notna() == (df["interval_kind"] != "none"))

    @pa.dataframe_check(name="no prediction interval or probability below n = 5; a probability has its band")
    def _rule_ladder(cls, df):
        short = df["n_actual"] < N_INTERVAL
        banded = df["probability"].notna() == (df["probability_band"] != "")
        return banded & (~short | (df["probability"].isna() & ~df["interval_kind"].str.startswith("prediction")))

    @pa.dataframe_check(name="an achieved status is the achieved category (unless not assessed)")
    def _achieved(cls, df):
        return (df["status"] != "achieved") | df["category"].isin(["achieved", "not assessed"])

    @pa.dataframe_check(name="leave-one-out range ordered; window start ≤ end; status not after a past target year")
    def _orders(cls, df):
        past = df["target_year"] <= df["latest_year"].astype("float64")
        late = past & (df["status_year"].astype("float64") > df["target_year"]) & (df["scope"] != "standard")
        return (_ordered(df, "loo_projection_min", "loo_projection_max")
                & _ordered(df, "trend_window_start", "trend_window_end") & ~late.fillna(False).astype(bool))


class EvaluationSeries(pa.DataFrameModel):
    """evaluation_series: one row per region × indicator × school_level with actual values."""

    region_code: Series[str] = pa.Field(str_length={"min_value": 1})
    indicator: Series[str]
    school_level: Series[str]
    n: Series[int] = pa.Field(ge=1)
    first_year: Series[int] = pa.Field(**YEARS)
    latest_year: Series[int] = pa.Field(**YEARS)
    latest_value: Series[float]
    rule: Series[str] = pa.Field(isin=tuple(RULE_NAMES))
    rule_reason: Series[str]
    model_scale: Series[str] = pa.Field(isin=("level", "logit"))
    bound: Series[str] = pa.Field(isin=("bounded_100", "may_exceed_100", "unbounded"))
    direction: Series[str] = pa.Field(isin=("higher", "lower", "none"))
    slope: Series[float] = pa.Field(nullable=True)
    slope_kind: Series[str] = pa.Field(isin=("", "two-point change per year", "OLS slope per year"))
    pace: Series[float] = pa.Field(nullable=True)
    pace_basis: Series[str] = pa.Field(isin=PACE_BASES)
    pace_window_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    pace_window_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    pace_window_n: Series[int] = pa.Field(ge=0, le=RECENT_WINDOW)
    theil_sen_slope: Series[float] = pa.Field(nullable=True)
    pairwise_slope_min: Series[float] = pa.Field(nullable=True)
    pairwise_slope_max: Series[float] = pa.Field(nullable=True)
    resid_sd: Series[float] = pa.Field(nullable=True, ge=0)
    model_drift: Series[float] = pa.Field(nullable=True)
    model_drift_sd: Series[float] = pa.Field(nullable=True, ge=0)
    ar1_raw: Series[float] = pa.Field(nullable=True, ge=-1, le=1)
    ar1_rho: Series[float] = pa.Field(nullable=True, ge=-1, le=1)
    ar1_rho_lower: Series[float] = pa.Field(nullable=True, ge=-1, le=1)
    ar1_rho_upper: Series[float] = pa.Field(nullable=True, ge=-1, le=1)
    ar1_verdict: Series[str] = pa.Field(isin=AR1_VERDICTS)
    ar1_note: Series[str]
    derived_inputs: Series[bool]
    stated_pace: Series[float] = pa.Field(nullable=True)
    change_pp: Series[float] = pa.Field(nullable=True)
    change_base_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    change_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, **YEARS)
    change_source_id: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = True
        unique: ClassVar[list[str]] = ["region_code", "indicator", "school_level"]

    @pa.dataframe_check(name="first year ≤ latest year; pairwise min ≤ Theil–Sen ≤ max; ρ interval ordered")
    def _orders(cls, df):
        return ((df["first_year"] <= df["latest_year"])
                & _within(df, "pairwise_slope_min", "theil_sen_slope", "pairwise_slope_max")
                & _within(df, "ar1_rho_lower", "ar1_rho", "ar1_rho_upper")
                & (df["pace_window_n"] <= df["n"]))

    @pa.dataframe_check(name="autocorrelation checked exactly for n ≥ 8")
    def _checked(cls, df):
        return (df["n"] >= N_POLICY) == (df["ar1_verdict"] != "not checked")


class EvaluationPolicy(pa.DataFrameModel):
    """evaluation_policy: one row per series × registered policy that concerns the indicator."""

    region_code: Series[str] = pa.Field(str_length={"min_value": 1})
    indicator: Series[str]
    school_level: Series[str]
    policy_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9-]*$")
    policy_name_zh: Series[str]
    policy_name_en: Series[str]
    policy_date: Series[str] = pa.Field(str_matches=r"^\d{4}-\d{2}$")
    policy_year: Series[int] = pa.Field(**YEARS)
    n: Series[int] = pa.Field(ge=1)
    n_before: Series[int] = pa.Field(ge=0)
    n_after: Series[int] = pa.Field(ge=0)
    segmented: Series[bool]
    reason: Series[str]
    pre_slope: Series[float] = pa.Field(nullable=True)
    post_slope: Series[float] = pa.Field(nullable=True)
    level_change: Series[float] = pa.Field(nullable=True)
    level_change_lower: Series[float] = pa.Field(nullable=True)
    level_change_upper: Series[float] = pa.Field(nullable=True)
    level_change_p: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    slope_change: Series[float] = pa.Field(nullable=True)
    slope_change_lower: Series[float] = pa.Field(nullable=True)
    slope_change_upper: Series[float] = pa.Field(nullable=True)
    slope_change_p: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    segmented_df: Series[float] = pa.Field(nullable=True, ge=1)
    ar1_level_change_se: Series[float] = pa.Field(nullable=True, ge=0)
    ar1_level_change_lower: Series[float] = pa.Field(nullable=True)
    ar1_level_change_upper: Series[float] = pa.Field(nullable=True)
    ar1_slope_change_se: Series[float] = pa.Field(nullable=True, ge=0)
    ar1_slope_change_lower: Series[float] = pa.Field(nullable=True)
    ar1_slope_change_upper: Series[float] = pa.Field(nullable=True)
    ar1_rho: Series[float] = pa.Field(nullable=True, ge=-1, le=1)
    ar1_rho_lower: Series[float] = pa.Field(nullable=True, ge=-1, le=1)
    ar1_rho_upper: Series[float] = pa.Field(nullable=True, ge=-1, le=1)
    ar1_verdict: Series[str] = pa.Field(isin=AR1_VERDICTS)
    interpretation: Series[str]
    did_estimate: Series[float] = pa.Field(nullable=True)
    did_se: Series[float] = pa.Field(nullable=True, ge=0)
    did_lower: Series[float] = pa.Field(nullable=True)
    did_upper: Series[float] = pa.Field(nullable=True)
    did_p: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    did_perm_p: Series[float] = pa.Field(nullable=True, gt=0, le=1)
    did_pretrend_slope: Series[float] = pa.Field(nullable=True)
    did_pretrend_p: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    did_pre_fit_ratio: Series[float] = pa.Field(nullable=True, ge=0)
    did_n_comparison: Series[int] = pa.Field(ge=0)
    did_interval_level: Series[float] = pa.Field(nullable=True, gt=0, lt=1)
    did_method: Series[str] = pa.Field(isin=("", "region-level t and placebo permutation"))
    did_note: Series[str]
    did_label_en: Series[str]
    did_label_zh: Series[str]

    class Config:
        strict = True
        unique: ClassVar[list[str]] = ["region_code", "indicator", "school_level", "policy_id"]

    @pa.dataframe_check(name="n = n_before + n_after; segmented only for n ≥ 8 with 3 values a side")
    def _counts(cls, df):
        ok = (df["n_before"] >= MIN_SIDE) & (df["n_after"] >= MIN_SIDE) & (df["n"] >= N_POLICY)
        return (df["n"] == df["n_before"] + df["n_after"]) & (~df["segmented"] | ok)

    @pa.dataframe_check(name="intervals ordered around their estimates")
    def _intervals(cls, df):
        return (_within(df, "level_change_lower", "level_change", "level_change_upper")
                & _within(df, "slope_change_lower", "slope_change", "slope_change_upper")
                & _within(df, "ar1_level_change_lower", "level_change", "ar1_level_change_upper")
                & _within(df, "did_lower", "did_estimate", "did_upper"))

    @pa.dataframe_check(name="DiD numbers only with comparison regions; permutation p only from 19")
    def _did(cls, df):
        has = df["did_n_comparison"] > 0
        return ((has == df["did_estimate"].notna()) & (has == df["did_interval_level"].notna())
                & (df["did_perm_p"].isna() | (df["did_n_comparison"] >= PERMUTATION_MIN_PEERS)))


class EvaluationCurves(pa.DataFrameModel):
    """evaluation_curves: fitted trend and band per series × year for the charts."""

    region_code: Series[str] = pa.Field(str_length={"min_value": 1})
    indicator: Series[str]
    school_level: Series[str]
    year: Series[int] = pa.Field(**YEARS)
    fitted: Series[float] = pa.Field(nullable=True)
    lower: Series[float] = pa.Field(nullable=True)
    upper: Series[float] = pa.Field(nullable=True)
    band_kind: Series[str] = pa.Field(str_matches=INTERVAL_KINDS)
    band_label_en: Series[str]
    band_label_zh: Series[str]

    class Config:
        strict = True
        unique: ClassVar[list[str]] = ["region_code", "indicator", "school_level", "year"]

    @pa.dataframe_check(name="lower ≤ upper; a band has a kind")
    def _band(cls, df):
        return _ordered(df, "lower", "upper") & (df["lower"].notna() == (df["band_kind"] != "none"))


class BacktestForecasts(pa.DataFrameModel):
    """backtest_forecasts: one row per series × origin × target year × method × target multiplier."""

    region_code: Series[str]
    indicator: Series[str]
    school_level: Series[str]
    method: Series[str] = pa.Field(isin=tuple(METHODS))
    origin_year: Series[int] = pa.Field(**YEARS)
    target_year: Series[int] = pa.Field(**YEARS)
    horizon: Series[int] = pa.Field(ge=1, le=10)
    n_train: Series[int] = pa.Field(ge=N_INTERVAL)
    model_scale: Series[str] = pa.Field(isin=("level", "logit"))
    truth: Series[float]
    projection: Series[float] = pa.Field(nullable=True)
    lower: Series[float] = pa.Field(nullable=True)
    upper: Series[float] = pa.Field(nullable=True)
    event_multiplier: Series[float] = pa.Field(gt=0)
    event_threshold: Series[float]
    p_meet: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    met: Series[float] = pa.Field(nullable=True, isin=(0.0, 1.0))
    group: Series[str] = pa.Field(isin=("national", "regional"))
    miss: Series[str] = pa.Field(isin=("", "below", "above"))

    class Config:
        strict = True

    @pa.dataframe_check(name="horizon = target − origin; lower ≤ upper")
    def _orders(cls, df):
        return (df["target_year"] - df["origin_year"] == df["horizon"]) & _ordered(df, "lower", "upper")


class BacktestSummary(pa.DataFrameModel):
    """backtest_summary: interval and probability scores per group × method."""

    group: Series[str] = pa.Field(isin=("all", "national", "regional"))
    method: Series[str] = pa.Field(isin=tuple(METHODS))
    forecasts: Series[int] = pa.Field(ge=0)
    coverage: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    below: Series[int] = pa.Field(ge=0)
    above: Series[int] = pa.Field(ge=0)
    share_below: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    bias: Series[float] = pa.Field(nullable=True)
    mae: Series[float] = pa.Field(nullable=True, ge=0)
    median_width: Series[float] = pa.Field(nullable=True, ge=0)
    events: Series[int] = pa.Field(ge=0)
    met_rate: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    mean_p: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    brier: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    brier_base_rate: Series[float] = pa.Field(nullable=True, ge=0, le=1)

    class Config:
        strict = True
        unique: ClassVar[list[str]] = ["group", "method"]

    @pa.dataframe_check(name="misses fit inside the forecasts")
    def _misses(cls, df):
        return df["below"] + df["above"] <= df["forecasts"]


class BacktestByHorizon(pa.DataFrameModel):
    """backtest_by_horizon: interval scores per group × method × years ahead."""

    group: Series[str] = pa.Field(isin=("all", "national", "regional"))
    method: Series[str] = pa.Field(isin=tuple(METHODS))
    horizon: Series[int] = pa.Field(ge=1, le=10)
    forecasts: Series[int] = pa.Field(ge=1)
    coverage: Series[float] = pa.Field(ge=0, le=1)
    below: Series[int] = pa.Field(ge=0)
    above: Series[int] = pa.Field(ge=0)
    bias: Series[float] = pa.Field(nullable=True)
    mae: Series[float] = pa.Field(nullable=True, ge=0)

    class Config:
        strict = True
        unique: ClassVar[list[str]] = ["group", "method", "horizon"]


class BacktestReliability(pa.DataFrameModel):
    """backtest_reliability: forecast chance against the share met, per probability band."""

    group: Series[str] = pa.Field(isin=("all", "national", "regional"))
    method: Series[str] = pa.Field(isin=tuple(METHODS))
    band: Series[str] = pa.Field(isin=BANDS[1:])
    events: Series[int] = pa.Field(ge=0)
    mean_p: Series[float] = pa.Field(nullable=True, ge=0, le=1)
    observed: Series[float] = pa.Field(nullable=True, ge=0, le=1)

    class Config:
        strict = True
        unique: ClassVar[list[str]] = ["group", "method", "band"]


SCHEMAS = {
    "targets": EvaluationTargets, "series": EvaluationSeries, "policy": EvaluationPolicy,
    "curves": EvaluationCurves, "backtest_forecasts": BacktestForecasts, "backtest_summary": BacktestSummary,
    "backtest_by_horizon": BacktestByHorizon, "backtest_reliability": BacktestReliability,
}


def empty_frame(name: str) -> pd.DataFrame:
    """A zero-row frame with the columns and dtypes of ``SCHEMAS[name]``."""
    return pd.DataFrame({c: pd.Series(dtype=col.dtype.type) for c, col in SCHEMAS[name].to_schema().columns.items()})


def conform(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """``frame``, or the schema's typed empty frame when it has no rows (empty frames built
    from empty arrays carry object columns)."""
    return empty_frame(name) if frame.empty else frame
