"""The targets table: every target that applies to a series, judged (docs/methods.md §3–§5).

Steps, each its own function: join the targets to the series; status (in the target year,
or the nearest earlier year, never a later one; the latest value for a future year or a
standard); pace, required pace, progress ratio and category; 序时进度; projection with a
prediction interval (n ≥ 5) or a scenario band (n = 3–4) and the chance of meeting the target.
"""
from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd

from .inputs import SERIES_KEY
from .notes import (
    INTERVAL_KIND,
    NO_INTERVAL,
    SCENARIO_KIND,
    TargetFacts,
    interval_labels,
    probability_claims,
    rule_labels,
    target_notes,
)
from .pace import (
    VERDICT_BASE_NEAR,
    goal_sign,
    meets_target,
    probability_band,
    progress_category,
    schedule_verdict,
)
from .projection import DriftFit, chance, interval, leave_one_out_range
from .rules import (
    N_INTERVAL,
    N_PACE,
    N_TREND,
    PLAN_LENGTH,
    Tolerances,
    near_target_pace,
)
from .series import catalog_arrays, pace_of
from .trend import Panel, from_model_scale, logit100, nullable_int, ols_closed_form

STATUS_ONLY_SCOPES = ("standard", "quoted benchmark")
NO_VALUE_BY_TARGET = "no actual by target year"


def value_at(panel: Panel, idx: np.ndarray, year) -> np.ndarray:
    """Actual value of series idx in year (NaN if not observed or idx < 0)."""
    if len(panel) == 0:
        return np.full(len(idx), np.nan)
    safe = np.maximum(idx, 0)
    hit = (panel.years[safe] == np.asarray(year, float)[:, None]) & panel.mask[safe]
    return np.where((idx >= 0) & hit.any(axis=1), np.where(hit, panel.values[safe], 0.0).sum(axis=1), np.nan)


def latest_at_or_before(panel: Panel, idx: np.ndarray, year) -> tuple[np.ndarray, np.ndarray]:
    """(value, year) of the latest actual of series idx in or before ``year`` (NaN if none)."""
    if len(panel) == 0:
        return np.full(len(idx), np.nan), np.full(len(idx), np.nan)
    safe = np.maximum(idx, 0)
    ok = panel.mask[safe] & (panel.years[safe] <= np.asarray(year, float)[:, None]) & (idx >= 0)[:, None]
    when = np.where(ok, panel.years[safe], -np.inf).max(axis=1)
    when = np.where(np.isfinite(when), when, np.nan)
    return value_at(panel, np.where(np.isfinite(when), idx, -1), np.nan_to_num(when, nan=-1)), when


def _rows(series: pd.DataFrame, targets: pd.DataFrame, catalog) -> SimpleNamespace:
    key_index = pd.Series(np.arange(len(series)), index=pd.MultiIndex.from_frame(series[SERIES_KEY]))
    t = targets.copy()
    t["si"] = key_index.reindex(pd.MultiIndex.from_frame(t[SERIES_KEY])).fillna(-1).astype(int).to_numpy()
    # a target is kept only where the region has the series, unless it is the region's own statement
    t = t[(t["si"] >= 0) | t["scope"].isin(["local", "quoted benchmark"])].reset_index(drop=True)
    si = t["si"].to_numpy()
    has = si >= 0
    s = np.maximum(si, 0)
    _, direction, _, _, _ = catalog_arrays(t["indicator"], catalog)

    def take(values, fill=np.nan):
        """values[series of each row] where the region has the series, else fill."""
        values = series[values].to_numpy() if isinstance(values, str) else np.asarray(values)
        return np.where(has, values[s] if len(values) else fill, fill)

    qual = t["target_qualifier"].to_numpy(dtype=object)
    return SimpleNamespace(
        t=t, si=si, s=s, has=has, take=take, n=take("n", 0).astype(int),
        T=t["target_year"].to_numpy(dtype=float), target=t["target_value"].to_numpy(dtype=float), qual=qual,
        direction=direction, sign=goal_sign(qual, direction), scope=t["scope"].to_numpy(dtype=object),
        status_only=t["scope"].isin(STATUS_ONLY_SCOPES).to_numpy(),
        first_year=take("first_year").astype(float), latest_year=take("latest_year").astype(float),
        latest_value=take("latest_value").astype(float))


def _status(r, panel: Panel, tol: Tolerances) -> SimpleNamespace:
    future = r.has & (r.T > r.latest_year)
    standard = r.scope == "standard"
    before_value, before_year = latest_at_or_before(panel, r.si, r.T)
    latest = future | standard
    value = np.where(latest, r.latest_value, before_value)
    year = np.where(latest, r.latest_year, before_year)
    none_by_target = r.has & ~latest & ~np.isfinite(before_year)
    achieved = meets_target(value, r.target, r.qual, r.direction, tol.about_relative)
    latest_met = meets_target(r.latest_value, r.target, r.qual, r.direction, tol.about_relative)
    status = np.select([~np.isfinite(r.target), ~r.has, none_by_target, achieved],
                       ["target masked", "no actual", NO_VALUE_BY_TARGET, "achieved"],
                       default="not achieved").astype(object)
    gap = np.where(r.sign == 0, np.abs(r.target - value), r.sign * (r.target - value))
    return SimpleNamespace(future=future, value=value, year=year, none_by_target=none_by_target,
                           achieved=achieved, latest_met=latest_met, status=status, gap=gap,
                           later_not_met=achieved & ~latest & ~latest_met & r.has)


def _progress(r, st, panel: Panel, series: pd.DataFrame, near_pace: np.ndarray, tol: Tolerances):
    plan = (r.T % PLAN_LENGTH == 0) & ~r.status_only
    t0 = np.where(plan, r.T - PLAN_LENGTH, np.nan)
    base = np.where(plan, value_at(panel, r.si, np.nan_to_num(t0, nan=-1)), np.nan)
    required_plan = np.where(np.isfinite(base), (r.target - base) / PLAN_LENGTH, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        required_now = np.where(st.future & ~r.status_only & ~st.latest_met,
                                (r.target - r.latest_value) / (r.T - r.latest_year), np.nan)
    judged = r.has & ~r.status_only & np.isfinite(st.year)
    pace, basis, w_start, w_end, w_n = pace_of(panel, r.s, np.where(judged, st.year, -np.inf))
    pace, basis = np.where(judged, pace, np.nan), np.where(judged, basis, "").astype(object)
    stated = r.take("stated_pace").astype(float)
    use_stated = judged & (r.n < N_PACE) & np.isfinite(stated)
    pace = np.where(use_stated, stated, pace)
    basis = np.where(use_stated, "stated change (no levels)", basis).astype(object)
    base_met = meets_target(base, r.target, r.qual, r.direction, tol.about_relative)
    denominator = np.where(np.isfinite(required_plan), required_plan, required_now)
    base_near = np.isfinite(denominator) & ~base_met & (np.abs(denominator) < near_pace)
    allowed = judged & (r.n >= N_PACE) & ~base_met & ~base_near & np.isfinite(denominator)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(allowed & (denominator != 0), pace / denominator, np.nan)
    ratio_basis = np.select([~np.isfinite(ratio), np.isfinite(required_plan)],
                            ["", "observed ÷ plan-consistent required pace"],
                            default="observed ÷ required pace from the latest year").astype(object)
    category = progress_category(ratio, st.achieved).astype(object)
    fell = base_met & ~st.achieved
    away = base_near & ~st.achieved & (r.sign * pace < 0)
    category = np.where(fell | away, "deterioration", category)
    category = np.where(r.status_only | ~np.isfinite(r.target) | ~r.has | st.none_by_target, "not assessed",
                        category).astype(object)
    return SimpleNamespace(plan=plan, t0=t0, base=base, required_plan=required_plan, required_now=required_now,
                           pace=pace, basis=basis, window_start=nullable_int(np.where(judged & ~use_stated, w_start, np.nan)),
                           window_end=nullable_int(np.where(judged & ~use_stated, w_end, np.nan)),
                           window_n=np.where(judged & ~use_stated, w_n, 0), base_met=base_met, base_near=base_near,
                           ratio=ratio, ratio_basis=ratio_basis, category=category, use_stated=use_stated)


def _schedule(r, st, pr, panel: Panel, tol: Tolerances) -> SimpleNamespace:
    """序时进度 at the latest actual year in (t0, T] (never after the status year)."""
    end = np.fmin(r.T, np.where(np.isfinite(st.year), st.year, r.T))
    value, year = latest_at_or_before(panel, r.si, end)
    ok = np.isfinite(pr.base) & np.isfinite(year) & (year > pr.t0)
    plain = ok & ~pr.base_near & ~pr.base_met
    with np.errstate(invalid="ignore", divide="ignore"):
        gap_share = np.where(plain, (value - pr.base) / (r.target - pr.base), np.nan)
        time_share = np.where(ok, (year - pr.t0) / (r.T - pr.t0), np.nan)
    met = meets_target(value, r.target, r.qual, r.direction, tol.about_relative)
    verdict = schedule_verdict(gap_share, time_share, met, pr.base_near, pr.base_met, tol.schedule)
    # a base within rounding of the target says so even before a value inside the plan period exists
    verdict = np.where(ok, verdict, np.where(pr.base_near & ~met, VERDICT_BASE_NEAR, "no 序时进度")).astype(object)
    return SimpleNamespace(ok=ok, year=np.where(ok, year, np.nan), gap_share=gap_share, time_share=time_share,
                           verdict=verdict)


def _projection(r, st, series, fit: DriftFit, loo, lo, hi, tol: Tolerances, panel: Panel) -> SimpleNamespace:
    rows = len(r.T)
    out = SimpleNamespace(projection=np.full(rows, np.nan), lower=np.full(rows, np.nan),
                          upper=np.full(rows, np.nan), probability=np.full(rows, np.nan),
                          loo_min=np.full(rows, np.nan), loo_max=np.full(rows, np.nan),
                          kind=np.full(rows, NO_INTERVAL, dtype=object), degenerate=np.zeros(rows, bool),
                          collapsed=np.zeros(rows, bool), strict_equal=np.isin(r.qual, ["="]) & (r.sign == 0))
    projectable = r.has & st.future & ~r.status_only & np.isfinite(r.target)
    out.projectable = projectable
    out.scenario = projectable & (r.n >= N_TREND) & (r.n < N_INTERVAL)
    out.interval = projectable & (r.n >= N_INTERVAL)
    out.logit = r.take("model_scale", "level") == "logit"
    horizon = r.T - r.latest_year
    if out.scenario.any():
        # n = 3–4: OLS line; band = fitted latest value + (min, max pairwise slope) × years ahead
        line = ols_closed_form(panel.years[r.s], panel.values[r.s], panel.mask[r.s] & r.has[:, None])
        anchor = line.predict(np.arange(rows), r.latest_year)
        sc = out.scenario
        pmin, pmax = r.take("pairwise_slope_min").astype(float), r.take("pairwise_slope_max").astype(float)
        out.projection[sc] = (anchor + line.slope * horizon)[sc]
        out.lower[sc], out.upper[sc] = (anchor + pmin * horizon)[sc], (anchor + pmax * horizon)[sc]
        out.kind[sc] = SCENARIO_KIND
        out.degenerate[sc] = (pmax - pmin)[sc] <= 1e-12
    if out.interval.any():
        _drift_projection(r, out, fit, loo, tol)
    # a projection may leave the valid range: cap and say so; a band capped to no width is no band
    lo_s, hi_s = r.take(lo, -np.inf).astype(float), r.take(hi, np.inf).astype(float)
    out.capped = (((out.projection > hi_s) | (out.upper > hi_s) | (out.projection < lo_s) | (out.lower < lo_s))
                  & np.isfinite(out.projection))
    out.projection, out.lower, out.upper = (np.clip(a, lo_s, hi_s) for a in (out.projection, out.lower, out.upper))
    out.collapsed = (out.upper - out.lower <= 1e-9) & ~out.degenerate & (out.kind != NO_INTERVAL)
    blank = out.degenerate | out.collapsed
    out.lower[blank], out.upper[blank] = np.nan, np.nan
    out.kind[blank] = NO_INTERVAL
    out.probability[out.degenerate] = np.nan
    return out


def _drift_projection(r, out, fit: DriftFit, loo, tol: Tolerances) -> None:
    rows = np.flatnonzero(out.interval)
    si, T, lg = r.si[rows], r.T[rows], out.logit[rows]
    y_hat, se = fit.predict(si, T)
    df = fit.df[si].astype(float)
    lo_m, hi_m = interval(y_hat, se, df, tol.alpha)
    about = np.where(r.qual[rows] == "~", tol.about_relative * np.abs(r.target[rows]), 0.0)
    sign = r.sign[rows]
    lo_thr = np.where(sign >= 0, r.target[rows] - about, -np.inf)
    hi_thr = np.where(sign <= 0, r.target[rows] + about, np.inf)
    with np.errstate(invalid="ignore", divide="ignore"):
        lo_t = np.where(lg, np.where(lo_thr <= 0, -np.inf, logit100(np.clip(lo_thr, 0, 100))), lo_thr)
        hi_t = np.where(lg, np.where(hi_thr >= 100, np.inf, logit100(np.clip(hi_thr, 0, 100))), hi_thr)
        # a logit model never reaches 100: a target of 100 gets no probability
        unreachable = lg & np.where(sign >= 0, lo_thr >= 100, hi_thr <= 0)
    degenerate = ~(se > 1e-9 * np.maximum(1.0, np.abs(y_hat)))
    p = chance(y_hat, se, df, lo_t, hi_t)
    p = np.where(unreachable | out.strict_equal[rows] | degenerate, np.nan, p)
    def back(z):
        return from_model_scale(z, lg)

    out.projection[rows], out.lower[rows], out.upper[rows] = back(y_hat), back(lo_m), back(hi_m)
    out.probability[rows] = p
    out.kind[rows] = INTERVAL_KIND.format(level=f"{100 * (1 - tol.alpha):g}")
    out.degenerate[rows] = degenerate
    lmin, lmax = leave_one_out_range(loo, si, T)
    out.loo_min[rows], out.loo_max[rows] = back(lmin), back(lmax)


def targets_frame(panel: Panel, series: pd.DataFrame, lo, hi, unit, fit: DriftFit, loo, targets: pd.DataFrame,
                  tolerance: Tolerances, catalog) -> pd.DataFrame:
    r = _rows(series, targets, catalog)
    st = _status(r, panel, tolerance)
    near_pace = near_target_pace(r.take(unit, "%"), tolerance)
    pr = _progress(r, st, panel, series, near_pace, tolerance)
    sc = _schedule(r, st, pr, panel, tolerance)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pj = _projection(r, st, series, fit, loo, lo, hi, tolerance, panel)
    t = r.t
    derived = r.take("derived_inputs", False).astype(bool) | t["target_derived"].to_numpy(bool)
    rule = r.take("rule", "no_actual")
    rule = np.where(r.status_only & r.has, "status_only", rule).astype(object)
    rule_reason = r.take("rule_reason", "no actual value of this series")
    rule_reason = np.where(r.status_only & r.has, np.where(
        r.scope == "standard", "evaluation standard (no deadline): status of the latest value only",
        "benchmark quoted in the region's own documents: status only"), rule_reason).astype(object)
    facts = TargetFacts(
        scope=r.scope, has=r.has, status_only=r.status_only, future=st.future, target_year=r.T,
        status_year=st.year, no_value_by_target=st.none_by_target, plan=pr.plan, plan_base_year=pr.t0,
        plan_base=pr.base, schedule_ok=sc.ok, base_met=pr.base_met & r.has, base_near=pr.base_near & r.has,
        n=r.n, qualifier=r.qual, pace_basis=pr.basis, stated_change=_stated_text(series, r, pr),
        projectable=pj.projectable, scenario=pj.scenario, interval=pj.interval, logit=pj.logit,
        probability=pj.probability, strict_equal=pj.strict_equal, degenerate=pj.degenerate,
        collapsed=pj.collapsed, capped=pj.capped, derived=derived, later_not_met=st.later_not_met)
    label_en, label_zh, claim_en, claim_zh = interval_labels(pj.kind, tolerance.alpha)
    p_en, p_zh = probability_claims(np.isfinite(pj.probability))
    rule_en, rule_zh = rule_labels(rule)
    return pd.DataFrame({
        "region_code": t["region_code"], "indicator": t["indicator"], "school_level": t["school_level"],
        "scope": t["scope"], "target_owner": t["owner_code"], "target_kind": t["kind"],
        "target_source_id": t["target_source_id"], "target_also_in": t["target_also_in"],
        "target_year": t["target_year"].astype("int64"), "target_value": r.target,
        "target_qualifier": t["target_qualifier"], "n_actual": r.n.astype("int64"),
        "first_year": nullable_int(r.first_year), "latest_year": nullable_int(r.latest_year), "latest_value": r.latest_value,
        "rule": rule, "rule_reason": rule_reason, "rule_label_en": rule_en, "rule_label_zh": rule_zh,
        "status_year": nullable_int(st.year), "status_value": np.where(np.isfinite(st.year), st.value, np.nan),
        "status": st.status, "gap": np.where(np.isfinite(st.year), st.gap, np.nan), "category": pr.category,
        "observed_pace": pr.pace, "observed_pace_basis": pr.basis,
        "trend_window_start": pr.window_start, "trend_window_end": pr.window_end,
        "trend_window_n": pr.window_n.astype("int64"),
        "plan_base_year": nullable_int(pr.t0), "plan_base_value": pr.base,
        "required_pace_plan": pr.required_plan, "required_pace_now": pr.required_now,
        "progress_ratio": pr.ratio, "progress_ratio_basis": pr.ratio_basis,
        "schedule_year": nullable_int(sc.year), "schedule_gap_share": sc.gap_share,
        "schedule_time_share": sc.time_share, "schedule_verdict": sc.verdict,
        "projection_method": np.select([pj.interval, pj.scenario], ["drift_recent", "ols_scenario"],
                                       default="").astype(object),
        "projection": pj.projection, "interval_lower": pj.lower, "interval_upper": pj.upper,
        "interval_kind": pj.kind, "interval_label_en": label_en, "interval_label_zh": label_zh,
        "interval_claim_en": claim_en, "interval_claim_zh": claim_zh,
        "probability": pj.probability, "probability_band": probability_band(pj.probability),
        "probability_claim_en": p_en, "probability_claim_zh": p_zh,
        "loo_projection_min": pj.loo_min, "loo_projection_max": pj.loo_max,
        "derived_inputs": derived, "notes": target_notes(facts),
    })


def _stated_text(series: pd.DataFrame, r, pr) -> np.ndarray:
    out = np.full(len(r.T), "", dtype=object)
    for i in np.flatnonzero(pr.use_stated):
        row = series.iloc[r.s[i]]
        out[i] = (f"pace from a stated change of {row['change_pp']:g} pp {int(row['change_base_year'])}–"
                  f"{int(row['change_year'])} ({row['change_source_id']}), not from levels")
    return out
