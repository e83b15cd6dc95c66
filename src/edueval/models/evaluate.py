"""evaluate_all: every series and every target that applies to it, in tidy tables.

The pipeline (docs/methods.md):
1. usable actual series (inputs.actual_series) packed into a panel;
2. a rule per series from n and the bound class (rules.choose_rules);
3. pace from the OLS slope on the level, trend models on the level or logit scale;
4. every target of the region (inputs.collect_targets) evaluated: status, pace,
   progress category, 序时进度, and — where the rule allows — a projection with a
   prediction interval or a scenario band and the chance of meeting the target;
5. the policy-year analysis per series (policy.py).
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ..catalog import Catalog, load_catalog
from ..regions import Registry, load_regions
from . import policy as pol
from .inputs import SERIES_KEY, actual_series, change_rows, check_columns, collect_targets
from .pace import (
    Tolerances, goal_sign, meets_target, probability_band, progress_category, schedule_verdict,
)
from .results import EvaluationSet
from .rules import choose_rules
from .trend import (
    Panel, build_panel, expit100, leave_one_out_predictions, logit100, ols_closed_form,
    ols_statsmodels, pairwise_slopes, predict_statsmodels, t_quantile, chance_of_meeting,
)

PLAN_LENGTH = 5  # 五年规划: a target year T that ends in 0 or 5 has the plan base T − 5
STATUS_ONLY_SCOPES = ("standard", "quoted benchmark")
STATSMODELS_MAX_SERIES = 300  # above this "auto" uses the vectorised closed forms


def _band_label(alpha: float) -> str:
    return f"prediction interval {100 * (1 - alpha):g}%"


class _Fits:
    """Model-scale trend fits and predictions for the interval rules (n ≥ 5)."""

    def __init__(self, panel: Panel, model_values: np.ndarray, interval: np.ndarray, engine: str, alpha: float):
        self.panel, self.engine, self.alpha = panel, engine, alpha
        self.line = ols_closed_form(panel.years, model_values, panel.mask & interval[:, None])
        self.model_values = model_values
        self.results = {}
        if engine == "statsmodels":
            for i in np.flatnonzero(interval):
                m = panel.mask[i]
                self.results[i] = ols_statsmodels(panel.years[i, m], model_values[i, m])

    def predict(self, idx: np.ndarray, year: np.ndarray):
        """(ŷ, se_pred, lower, upper) on the model scale for series idx at year."""
        idx = np.asarray(idx, int)
        year = np.asarray(year, float)
        if self.engine == "numpy":
            y_hat = self.line.predict(idx, year)
            se = self.line.se_prediction(idx, year)
            q = t_quantile(self.alpha, self.line.n[idx] - 2)
            return y_hat, se, y_hat - q * se, y_hat + q * se
        out = np.full((4, len(idx)), np.nan)
        order = pd.Series(np.arange(len(idx))).groupby(idx)
        for i, rows in order:
            rows = rows.to_numpy()
            frame = predict_statsmodels(self.results[i], year[rows], self.alpha)
            out[:, rows] = frame[["mean", "se_pred", "obs_ci_lower", "obs_ci_upper"]].to_numpy().T
        return out[0], out[1], out[2], out[3]


def _catalog_arrays(indicators: pd.Series, catalog: Catalog):
    info = {code: catalog[code] for code in pd.unique(indicators) if code in catalog}
    missing = sorted(set(pd.unique(indicators)) - set(info))
    if missing:
        raise KeyError(f"indicators not in the catalog: {missing}")
    bound = indicators.map(lambda c: info[c].bound).to_numpy(dtype=object)
    direction = indicators.map(lambda c: info[c].direction).to_numpy(dtype=object)
    lo = indicators.map(lambda c: info[c].min).to_numpy(dtype=float)
    hi = indicators.map(lambda c: info[c].max).to_numpy(dtype=float)
    return bound, direction, lo, hi


def _value_at(panel: Panel, idx: np.ndarray, year: np.ndarray) -> np.ndarray:
    """Actual value of series idx in year (NaN if not observed or idx < 0)."""
    safe = np.maximum(idx, 0)
    hit = (panel.years[safe] == np.asarray(year, float)[:, None]) & panel.mask[safe]
    val = np.where(hit, panel.values[safe], np.nan)
    with np.errstate(invalid="ignore"):
        out = np.nanmax(np.where(hit.any(axis=1)[:, None], val, 0.0), axis=1)
    return np.where((idx >= 0) & hit.any(axis=1), out, np.nan)


def _series_frame(panel: Panel, catalog: Catalog, changes: pd.DataFrame):
    keys = panel.keys.copy()
    n = panel.n
    bound, direction, lo, hi = _catalog_arrays(keys["indicator"], catalog)
    names, scales, reasons = choose_rules(n, bound, panel.values, panel.mask)
    last = np.maximum(n - 1, 0)
    rows = np.arange(len(keys))
    level = ols_closed_form(panel.years, panel.values, panel.mask)
    theil, pmin, pmax = pairwise_slopes(panel.years, panel.values, panel.mask)
    frame = keys.assign(
        n=n,
        first_year=panel.years[:, 0].astype("int64") if len(keys) else np.zeros(0, "int64"),
        latest_year=panel.years[rows, last].astype("int64") if len(keys) else np.zeros(0, "int64"),
        latest_value=panel.values[rows, last] if len(keys) else np.zeros(0),
        rule=names, rule_reason=reasons, model_scale=scales,
        bound=bound, direction=direction,
        slope=np.where(n >= 2, level.slope, np.nan),
        slope_kind=np.select([n == 2, n >= 3], ["two-point change per year", "OLS slope per year"], default=""),
        theil_sen_slope=np.where(n >= 3, theil, np.nan),
        pairwise_slope_min=np.where(n >= 3, pmin, np.nan),
        pairwise_slope_max=np.where(n >= 3, pmax, np.nan),
        resid_sd=np.where(n >= 3, level.resid_sd, np.nan),
        derived_inputs=panel.derived,
    )
    # a stated change in pp gives a pace when the levels do not (n < 2)
    if not changes.empty:
        latest_change = changes.sort_values("year").drop_duplicates(SERIES_KEY, keep="last")
        frame = frame.merge(
            latest_change[SERIES_KEY + ["stated_pace", "change_pp", "base_year", "year", "source_id"]].rename(
                columns={"base_year": "change_base_year", "year": "change_year", "source_id": "change_source_id"}),
            on=SERIES_KEY, how="left")
    else:
        frame = frame.assign(stated_pace=np.nan, change_pp=np.nan, change_base_year=pd.NA,
                             change_year=pd.NA, change_source_id=pd.NA)
    return frame, lo, hi


def _policy_frame(panel: Panel, series: pd.DataFrame, registry: Registry, policy_year: int,
                  alpha: float, engine: str) -> pd.DataFrame:
    n = panel.n
    before = (panel.mask & (panel.years < policy_year)).sum(axis=1)
    after = (panel.mask & (panel.years >= policy_year)).sum(axis=1)
    eligible = (n >= pol.MIN_N_SEGMENTED) & (before >= pol.MIN_SIDE) & (after >= pol.MIN_SIDE)
    reason = np.select(
        [n < pol.MIN_N_SEGMENTED, before < pol.MIN_SIDE, after < pol.MIN_SIDE],
        [f"not done: n < {pol.MIN_N_SEGMENTED} yearly values (GUIDE §5)",
         f"not done: fewer than {pol.MIN_SIDE} values before {policy_year}",
         f"not done: fewer than {pol.MIN_SIDE} values from {policy_year} on"],
        default=f"segmented OLS at {policy_year} (level and slope change), AR(1) GLSAR as sensitivity",
    ).astype(object)
    out = series[SERIES_KEY].assign(policy_year=policy_year, n=n, n_before=before, n_after=after,
                                    segmented=eligible, reason=reason)
    seg_cols = pol.segmented_table(np.zeros((0, 4)), np.zeros((0, 4, 4)), np.zeros(0), np.zeros((0, 4)),
                                   np.zeros((0, 4, 4)), np.zeros(0), np.zeros(0), alpha).columns
    for c in seg_cols:
        out[c] = np.nan
    idx = np.flatnonzero(eligible)
    if len(idx):
        if engine == "numpy":
            fit = pol.segmented_numpy(panel.years[idx], panel.values[idx], panel.mask[idx], policy_year)
        else:
            stacked = {k: [] for k in ("params", "cov", "df", "ar1_params", "ar1_cov", "ar1_df", "ar1_rho")}
            for i in idx:
                m = panel.mask[i]
                ols, ar1 = pol.segmented_statsmodels(panel.years[i, m], panel.values[i, m], policy_year)
                for k, v in zip(stacked, (ols.params, ols.cov_params(), ols.df_resid, ar1.params,
                                          ar1.cov_params(), ar1.df_resid, ar1.model.rho[0])):
                    stacked[k].append(np.asarray(v, float))
            fit = {k: np.array(v) for k, v in stacked.items()}
        table = pol.segmented_table(**fit, alpha=alpha)
        out.loc[idx, table.columns] = table.to_numpy()
    out["interpretation"] = np.where(eligible, pol.DESCRIPTIVE.format(p=policy_year),
                                     "No policy-year model; " + pol.DESCRIPTIVE.format(p=policy_year))
    return _add_did(out, panel, registry, policy_year, alpha, engine, before, after)


def _add_did(out, panel, registry, policy_year, alpha, engine, before, after):
    """Difference-in-differences against same-level regions with the same series."""
    for c in ("did_estimate", "did_se", "did_lower", "did_upper", "did_p", "did_pretrend_slope", "did_pretrend_p"):
        out[c] = np.nan
    out["did_n_comparison"] = 0
    out["did_note"] = "no comparison group available: no other region of the same level in the same province "\
        f"has this series in every year of this one with ≥ {pol.MIN_SIDE} years on each side of {policy_year}"
    focal_ok = (before >= pol.MIN_SIDE) & (after >= pol.MIN_SIDE)
    if not focal_ok.any():
        out["did_note"] = f"not done: fewer than {pol.MIN_SIDE} values on a side of {policy_year}"
        return out
    def province_and_level(code):
        if code not in registry:
            return "", ""
        province = registry.province_of(code)
        return (province.code if province is not None else ""), registry[code].level

    info = {c: province_and_level(c) for c in pd.unique(out["region_code"])}
    group_key = (out["indicator"].astype(str) + "|" + out["school_level"].astype(str) + "|"
                 + out["region_code"].map(lambda c: "|".join(info[c])).astype(str)).to_numpy()
    est = {k: np.full(len(out), np.nan) for k in ("e", "se", "lo", "hi", "p", "pe", "pp")}
    n_comp = np.zeros(len(out), int)
    for _, rows in pd.Series(np.arange(len(out))).groupby(group_key, sort=False):
        members_all = rows.to_numpy()
        if len(members_all) - 1 < pol.MIN_COMPARISON_REGIONS:
            continue
        # dense (regions × years) matrix of this comparison pool
        all_years = np.unique(panel.years[members_all][panel.mask[members_all]])
        dense = np.full((len(members_all), len(all_years)), np.nan)
        r, c = np.nonzero(panel.mask[members_all])
        dense[r, np.searchsorted(all_years, panel.years[members_all][r, c])] = panel.values[members_all][r, c]
        observed = ~np.isnan(dense)
        _, pattern = np.unique(observed, axis=0, return_inverse=True)
        for code in np.unique(pattern):
            local = np.flatnonzero(pattern.ravel() == code)
            focal = local[focal_ok[members_all[local]]]
            if not len(focal):
                continue
            cols = observed[focal[0]]
            # balanced panel: comparison regions observed in every year the focal region is
            keep = observed[:, cols].all(axis=1)
            if keep.sum() - 1 < pol.MIN_COMPARISON_REGIONS:
                continue
            Y = dense[keep][:, cols]
            years = all_years[cols]
            post = (years >= policy_year).astype(float)
            pre = years < policy_year
            pos = np.searchsorted(np.flatnonzero(keep), focal)
            if engine == "numpy":
                main = [a[pos] for a in pol.single_unit_fe_numpy(Y, post, alpha)]
                trend = [a[pos] for a in pol.single_unit_fe_numpy(Y[:, pre], years[pre], alpha)]
            else:
                main = np.array([pol.single_unit_fe_statsmodels(Y, post, f, alpha) for f in pos]).T
                trend = np.array([pol.single_unit_fe_statsmodels(Y[:, pre], years[pre], f, alpha) for f in pos]).T
            target_rows = members_all[focal]
            for k, v in zip(("e", "se", "lo", "hi", "p"), main):
                est[k][target_rows] = v
            est["pe"][target_rows] = trend[0]
            est["pp"][target_rows] = trend[4]
            n_comp[target_rows] = keep.sum() - 1
    done = n_comp > 0
    out["did_estimate"], out["did_se"], out["did_lower"], out["did_upper"], out["did_p"] = (
        est["e"], est["se"], est["lo"], est["hi"], est["p"])
    out["did_pretrend_slope"], out["did_pretrend_p"] = est["pe"], est["pp"]
    out["did_n_comparison"] = n_comp
    notes = []
    for i in range(len(out)):
        if not done[i]:
            notes.append(out["did_note"].iloc[i] if focal_ok[i] else
                         f"not done: fewer than {pol.MIN_SIDE} values on a side of {policy_year}")
            continue
        pretrend = (f"pre-trends differ (p = {est['pp'][i]:.3f}): the comparison is not credible"
                    if est["pp"][i] < 0.05 else
                    f"no evidence of differing pre-trends (p = {est['pp'][i]:.3f}; absence of evidence, not proof)")
        few = (f"; only {n_comp[i] + 1} regions: cluster-robust SEs are unreliable with few clusters"
               if n_comp[i] + 1 < pol.FEW_CLUSTERS else "")
        notes.append(
            f"two-way fixed effects vs {n_comp[i]} same-level regions of the same province, SEs clustered by region{few}; "
            f"{pretrend}. One treated region: the SE understates uncertainty (Conley–Taber). "
            f"A national policy reaches every region, so this is the region's deviation from its peers after "
            f"{policy_year}, causal only if the region alone had a distinct treatment and trends were parallel.")
    out["did_note"] = notes
    return out


def _targets_frame(panel, series, lo, hi, fits, targets, tolerance: Tolerances, catalog):
    key_index = pd.Series(np.arange(len(series)), index=pd.MultiIndex.from_frame(series[SERIES_KEY]))
    t = targets.copy()
    t["si"] = key_index.reindex(pd.MultiIndex.from_frame(t[SERIES_KEY])).fillna(-1).astype(int).to_numpy()
    # keep a target only where the region has the series, unless it is the region's own statement
    t = t[(t["si"] >= 0) | t["scope"].isin(["local", "quoted benchmark"])].reset_index(drop=True)
    si = t["si"].to_numpy()
    has = si >= 0
    s = np.maximum(si, 0)
    _, direction, _, _ = _catalog_arrays(t["indicator"], catalog)
    n = np.where(has, series["n"].to_numpy()[s], 0)
    T = t["target_year"].to_numpy(dtype=float)
    target = t["target_value"].to_numpy(dtype=float)
    qual = t["target_qualifier"].to_numpy(dtype=object)
    sign = goal_sign(qual, direction)
    status_only = t["scope"].isin(STATUS_ONLY_SCOPES).to_numpy()
    first_year = np.where(has, series["first_year"].to_numpy()[s], np.nan)
    latest_year = np.where(has, series["latest_year"].to_numpy()[s], np.nan)
    latest_value = np.where(has, series["latest_value"].to_numpy()[s], np.nan)
    level_slope = np.where(has, series["slope"].to_numpy()[s], np.nan)

    # status: in the target year when observed; standards have no deadline (the year is the
    # year of issue), so they are judged on the latest value
    at_T = _value_at(panel, si, T)
    use_T = np.isfinite(at_T) & (t["scope"].to_numpy() != "standard")
    status_value = np.where(use_T, at_T, latest_value)
    status_year = np.where(use_T, T, latest_year)
    achieved = meets_target(status_value, target, qual, direction, tolerance.about_relative)
    masked_target = ~np.isfinite(target)
    status = np.select([masked_target, ~has, achieved], ["target masked", "no actual", "achieved"],
                       default="not achieved").astype(object)
    gap = np.where(sign == 0, np.abs(target - status_value), sign * (target - status_value))

    # plan base and paces
    plan = (T % PLAN_LENGTH == 0) & ~status_only
    t0 = np.where(plan, T - PLAN_LENGTH, np.nan)
    base = np.where(plan, _value_at(panel, si, np.nan_to_num(t0, nan=-1)), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        required_plan = (target - base) / (T - t0)
        future = T > latest_year
        latest_met = meets_target(latest_value, target, qual, direction, tolerance.about_relative)
        # once the latest value meets the target no pace is "required"
        required_now = np.where(future & ~status_only & ~latest_met,
                                (target - latest_value) / (T - latest_year), np.nan)
    # observed pace: OLS slope inside the plan window [t0, T] when ≥ 2 values lie there,
    # otherwise the whole series; a stated change only when the levels give no pace
    win_mask = panel.mask[s] & (panel.years[s] >= t0[:, None]) & (panel.years[s] <= T[:, None]) & has[:, None]
    win_fit = ols_closed_form(panel.years[s], panel.values[s], win_mask)
    win_n = win_mask.sum(axis=1)
    stated = np.where(has, series["stated_pace"].to_numpy(dtype=float)[s], np.nan)
    use_window = np.isfinite(base) & (win_n >= 2)
    observed = np.where(use_window, win_fit.slope, np.where(n >= 2, level_slope, stated))
    observed = np.where(status_only | ~has, np.nan, observed)
    pace_basis = np.select(
        [status_only | ~has, use_window & (win_n == 2), use_window, n == 2, n >= 3, np.isfinite(stated)],
        ["", "two-point change in the plan window", "OLS slope in the plan window",
         "two-point change", "OLS slope over the series", "stated change (no levels)"],
        default="").astype(object)
    with np.errstate(invalid="ignore", divide="ignore"):
        base_near = np.isfinite(base) & (np.abs(target - base) <= tolerance.near_target_relative * np.abs(target))
        base_met = meets_target(base, target, qual, direction, tolerance.about_relative)
        denominator = np.where(np.isfinite(required_plan), required_plan, required_now)
        ratio = np.where(base_near | base_met | (denominator == 0), np.nan, observed / denominator)
    ratio_basis = np.select(
        [~np.isfinite(ratio), np.isfinite(required_plan)],
        ["", "observed ÷ plan-consistent required pace"], default="observed ÷ required pace from the latest year"
    ).astype(object)
    category = np.where(status_only | masked_target | ~has, "not assessed",
                        progress_category(ratio, achieved)).astype(object)

    # 序时进度 at the latest year inside (t0, T]
    sched_mask = panel.mask[s] & (panel.years[s] > t0[:, None]) & (panel.years[s] <= T[:, None]) & has[:, None]
    sched_year = np.where(sched_mask, panel.years[s], -np.inf).max(axis=1)
    sched_ok = np.isfinite(base) & np.isfinite(sched_year)
    sched_value = _value_at(panel, si, np.where(sched_ok, sched_year, -1))
    with np.errstate(invalid="ignore", divide="ignore"):
        gap_share = np.where(sched_ok & ~base_near & ~base_met, (sched_value - base) / (target - base), np.nan)
        time_share = np.where(sched_ok, (sched_year - t0) / (T - t0), np.nan)
    sched_achieved = meets_target(sched_value, target, qual, direction, tolerance.about_relative)
    verdict = schedule_verdict(gap_share, time_share, sched_achieved, base_near | base_met, tolerance.schedule)
    verdict = np.where(sched_ok, verdict, "no 序时进度").astype(object)

    # projections: only for a future target year and n ≥ 3
    rule = np.where(has, series["rule"].to_numpy(dtype=object)[s], "no_actual")
    rule = np.where(status_only & has, "status_only", rule)
    rule_reason = np.where(has, series["rule_reason"].to_numpy(dtype=object)[s], "no actual value of this series")
    rule_reason = np.where(status_only & has, np.where(
        t["scope"].to_numpy() == "standard",
        "evaluation standard (no deadline): status of the latest value only",
        "benchmark quoted in the region's own documents: status only"), rule_reason)
    projectable = has & future & ~status_only & np.isfinite(target)
    scenario = projectable & (n >= 3) & (n <= 4)
    interval = projectable & (n >= 5)
    projection = np.full(len(t), np.nan)
    lower = np.full(len(t), np.nan)
    upper = np.full(len(t), np.nan)
    probability = np.full(len(t), np.nan)
    loo_min = np.full(len(t), np.nan)
    loo_max = np.full(len(t), np.nan)
    interval_kind = np.full(len(t), "none", dtype=object)
    degenerate_rows = np.zeros(len(t), bool)

    # n = 3–4: OLS line, pairwise-slope scenario band anchored at the fitted latest year
    lf = ols_closed_form(panel.years[s], panel.values[s], panel.mask[s] & has[:, None])
    anchor = lf.predict(np.arange(len(t)), latest_year)
    horizon = T - latest_year
    pmin = series["pairwise_slope_min"].to_numpy(dtype=float)[s]
    pmax = series["pairwise_slope_max"].to_numpy(dtype=float)[s]
    projection[scenario] = (anchor + level_slope * horizon)[scenario]
    lower[scenario] = (anchor + pmin * horizon)[scenario]
    upper[scenario] = (anchor + pmax * horizon)[scenario]
    interval_kind[scenario] = "scenario band (pairwise slopes; not a confidence interval)"

    logit = np.where(has, series["model_scale"].to_numpy(dtype=object)[s] == "logit", False)
    about = np.where(qual == "~", tolerance.about_relative * np.abs(target), 0.0)
    lo_thr = np.where(sign >= 0, target - about, -np.inf)
    hi_thr = np.where(sign <= 0, target + about, np.inf)
    strict_equal = np.isin(qual, ["="]) & (sign == 0)  # '=' on a count: P(Y = x) is 0 for a continuous model
    if interval.any():
        rows = np.flatnonzero(interval)
        y_hat, se, lo_m, hi_m = fits.predict(si[rows], T[rows])
        df = n[rows] - 2
        lg = logit[rows]
        with np.errstate(invalid="ignore", divide="ignore"):
            lo_t = np.where(lg, np.where(lo_thr[rows] <= 0, -np.inf, logit100(np.clip(lo_thr[rows], 0, 100))), lo_thr[rows])
            hi_t = np.where(lg, np.where(hi_thr[rows] >= 100, np.inf, logit100(np.clip(hi_thr[rows], 0, 100))), hi_thr[rows])
            # a logit model never reaches 100: a target of 100 gets no probability
            unreachable = lg & (np.where(sign[rows] >= 0, lo_thr[rows] >= 100, hi_thr[rows] <= 0))
        # a perfect straight-line fit leaves no residual spread: the t interval collapses
        # and the "probability" would be rounding noise, so none is given
        degenerate = se <= 1e-9 * np.maximum(1.0, np.abs(y_hat))
        p = chance_of_meeting(y_hat, se, df, lo_t, hi_t)
        p = np.where(unreachable | strict_equal[rows] | degenerate, np.nan, p)
        degenerate_rows = np.zeros(len(t), bool)
        degenerate_rows[rows] = degenerate
        back = lambda z: np.where(lg, expit100(z), z)  # noqa: E731
        projection[rows], lower[rows], upper[rows], probability[rows] = back(y_hat), back(lo_m), back(hi_m), p
        interval_kind[rows] = _band_label(fits.alpha)
        loo = leave_one_out_predictions(panel.years, fits.model_values, panel.mask, si[rows], T[rows])
        with np.errstate(invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows: n ≥ 5 always has values
            loo_min[rows] = back(np.nanmin(loo, axis=1))
            loo_max[rows] = back(np.nanmax(loo, axis=1))
    # a straight line on the level may leave the valid range: cap and say so
    lo_s = np.where(has, lo[s], -np.inf)
    hi_s = np.where(has, hi[s], np.inf)
    capped = ((projection > hi_s) | (upper > hi_s) | (projection < lo_s) | (lower < lo_s)) & np.isfinite(projection)
    projection, lower, upper = (np.clip(a, lo_s, hi_s) for a in (projection, lower, upper))

    derived = np.where(has, series["derived_inputs"].to_numpy(dtype=bool)[s], False) | t["target_derived"].to_numpy(bool)
    notes = _target_notes(t, has, status_only, use_T, status_year, T, t0, base, plan, sched_ok, scenario,
                          interval, capped, derived, logit, probability, projectable, n, qual, strict_equal,
                          pace_basis, future, series, s, degenerate_rows)
    out = pd.DataFrame({
        "region_code": t["region_code"], "indicator": t["indicator"], "school_level": t["school_level"],
        "scope": t["scope"], "target_owner": t["owner_code"], "target_kind": t["kind"],
        "target_source_id": t["target_source_id"], "target_also_in": t["target_also_in"],
        "target_year": t["target_year"].astype("int64"), "target_value": target,
        "target_qualifier": t["target_qualifier"],
        "n_actual": n.astype("int64"),
        "first_year": pd.array(np.where(has, first_year, np.nan), dtype="Float64").astype("Int64"),
        "latest_year": pd.array(np.where(has, latest_year, np.nan), dtype="Float64").astype("Int64"),
        "latest_value": latest_value,
        "rule": rule, "rule_reason": rule_reason,
        "status_year": pd.array(np.where(has, status_year, np.nan), dtype="Float64").astype("Int64"),
        "status_value": status_value, "status": status, "gap": gap,
        "category": category,
        "observed_pace": observed, "observed_pace_basis": pace_basis,
        "plan_base_year": pd.array(t0, dtype="Float64").astype("Int64"), "plan_base_value": base,
        "required_pace_plan": required_plan, "required_pace_now": required_now,
        "progress_ratio": ratio, "progress_ratio_basis": ratio_basis,
        "schedule_year": pd.array(np.where(sched_ok, sched_year, np.nan), dtype="Float64").astype("Int64"),
        "schedule_gap_share": gap_share, "schedule_time_share": time_share, "schedule_verdict": verdict,
        "projection": projection, "interval_lower": lower, "interval_upper": upper,
        "interval_kind": interval_kind,
        "probability": probability, "probability_band": probability_band(probability),
        "loo_projection_min": loo_min, "loo_projection_max": loo_max,
        "derived_inputs": derived, "notes": notes,
    })
    return out


def _target_notes(t, has, status_only, use_T, status_year, T, t0, base, plan, sched_ok, scenario, interval,
                  capped, derived, logit, probability, projectable, n, qual, strict_equal, pace_basis,
                  future, series, s, degenerate):
    notes = []
    scope = t["scope"].to_numpy()
    for i in range(len(t)):
        parts = []
        if not has[i]:
            parts.append("the region has no usable actual value of this indicator")
        else:
            if not use_T[i] and not status_only[i] and not future[i]:
                parts.append(f"no actual in {int(T[i])}: status from {int(status_year[i])}")
            elif future[i] and not status_only[i]:
                parts.append(f"target year ahead: status of the latest value ({int(status_year[i])})")
            if plan[i] and not np.isfinite(base[i]):
                parts.append(f"no actual in the plan base year {int(t0[i])}: no plan-consistent pace and no 序时进度")
            elif plan[i] and not sched_ok[i]:
                parts.append("no actual inside the plan period: no 序时进度")
            if not plan[i] and not status_only[i]:
                parts.append(f"{int(T[i])} is not a five-year-plan year: no plan base")
            if pace_basis[i] == "stated change (no levels)":
                r = series.iloc[s[i]]
                parts.append(f"pace from a stated change of {r['change_pp']:g} pp {int(r['change_base_year'])}–"
                             f"{int(r['change_year'])} ({r['change_source_id']}), not from levels")
            if projectable[i] and n[i] <= 2:
                parts.append("n ≤ 2: no projection")
            if scenario[i]:
                parts.append("n = 3–4: scenario band from the pairwise slopes, not a confidence interval; no probability")
            if interval[i]:
                parts.append("logit-scale model, back-transformed (projection is the median)" if logit[i]
                             else "linear model on the level")
                if not np.isfinite(probability[i]):
                    parts.append("no probability: " + (
                        "the values lie exactly on a line, so the interval is degenerate" if degenerate[i]
                        else "an exact '=' target has probability 0 under a continuous model" if strict_equal[i]
                        else "the logit model cannot reach 100"))
            if capped[i]:
                parts.append("projection or interval capped at the indicator's valid range")
        if qual[i] == ">" and has[i]:
            parts.append("'>' must be exceeded: a value equal to the target is not achieved")
        if derived[i]:
            parts.append("derived inputs (computed from other rows; see derivation)")
        if scope[i] == "quoted benchmark":
            parts.append("benchmark quoted in the region's own documents")
        notes.append("; ".join(parts))
    return np.array(notes, dtype=object)


def _curves_frame(panel, series, fits, targets_frame, alpha):
    """Fitted values and interval/band per year for charts (n ≥ 3 only)."""
    n = series["n"].to_numpy()
    horizon_end = targets_frame.loc[targets_frame["n_actual"] >= 3].groupby(SERIES_KEY)["target_year"].max()
    end = horizon_end.reindex(pd.MultiIndex.from_frame(series[SERIES_KEY])).to_numpy(dtype=float)
    latest = series["latest_year"].to_numpy(dtype=float)
    end = np.fmax(np.nan_to_num(end, nan=-np.inf), latest)
    first = series["first_year"].to_numpy(dtype=float)
    idx = np.flatnonzero(n >= 3)
    if not len(idx):
        return pd.DataFrame({
            "region_code": pd.Series(dtype="str"), "indicator": pd.Series(dtype="str"),
            "school_level": pd.Series(dtype="str"), "year": pd.Series(dtype="int64"),
            "fitted": pd.Series(dtype="float64"), "lower": pd.Series(dtype="float64"),
            "upper": pd.Series(dtype="float64"), "band_kind": pd.Series(dtype="str")})
    lengths = (end[idx] - first[idx] + 1).astype(int)
    rep = np.repeat(idx, lengths)
    year = np.concatenate([np.arange(first[i], end[i] + 1) for i in idx])
    lf = ols_closed_form(panel.years, panel.values, panel.mask)
    fitted = lf.predict(rep, year)
    anchor = lf.predict(rep, latest[rep])
    ahead = year > latest[rep]
    pmin = series["pairwise_slope_min"].to_numpy(dtype=float)[rep]
    pmax = series["pairwise_slope_max"].to_numpy(dtype=float)[rep]
    lower = np.where(ahead, anchor + pmin * (year - latest[rep]), np.nan)
    upper = np.where(ahead, anchor + pmax * (year - latest[rep]), np.nan)
    kind = np.where(ahead, "scenario band (pairwise slopes; not a confidence interval)", "none").astype(object)
    wide = n[rep] >= 5
    if wide.any():
        rows = np.flatnonzero(wide)
        y_hat, _, lo_m, hi_m = fits.predict(rep[rows], year[rows])
        lg = series["model_scale"].to_numpy(dtype=object)[rep[rows]] == "logit"
        back = lambda z: np.where(lg, expit100(z), z)  # noqa: E731
        fitted[rows], lower[rows], upper[rows] = back(y_hat), back(lo_m), back(hi_m)
        kind[rows] = _band_label(alpha)
    keys = series.iloc[rep][SERIES_KEY].reset_index(drop=True)
    return keys.assign(year=year.astype("int64"), fitted=fitted, lower=lower, upper=upper, band_kind=kind)


def evaluate_all(
    observations: pd.DataFrame,
    policy_year: int = 2021,
    tolerance: Tolerances | None = None,
    *,
    engine: str = "auto",
    registry: Registry | None = None,
    catalog: Catalog | None = None,
    validate: bool = True,
) -> EvaluationSet:
    """Evaluate every series and every target that applies to it.

    engine: "statsmodels" (one fit per series), "numpy" (vectorised closed forms, same
    numbers) or "auto" (statsmodels up to 300 series). validate: check the table against
    edueval.schema.Observations first (lazy: every failing row is reported).
    """
    tolerance = tolerance or Tolerances()
    registry = registry or load_regions()
    catalog = catalog or load_catalog()
    check_columns(observations)
    if validate:
        from ..schema import Observations
        observations = Observations.validate(observations, lazy=True)
    actual = actual_series(observations)
    panel = build_panel(actual)
    if engine == "auto":
        engine = "statsmodels" if len(panel) <= STATSMODELS_MAX_SERIES else "numpy"
    if engine not in ("statsmodels", "numpy"):
        raise ValueError(f"engine must be 'auto', 'statsmodels' or 'numpy', not {engine!r}")
    series, lo, hi = _series_frame(panel, catalog, change_rows(observations))
    interval = series["n"].to_numpy() >= 5
    logit = (series["model_scale"] == "logit").to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        model_values = np.where(logit[:, None], logit100(panel.values), panel.values)
    fits = _Fits(panel, model_values, interval, engine, tolerance.alpha)
    series["model_slope"] = np.where(interval, fits.line.slope, np.nan)
    series["model_resid_sd"] = np.where(interval, fits.line.resid_sd, np.nan)

    regions = pd.unique(pd.concat([series["region_code"], observations.loc[
        observations["kind"].isin(["target", "benchmark"]), "region_code"].astype(str)]))
    regions = [r for r in regions if r in registry]
    targets = collect_targets(observations, regions, registry)
    targets_frame = _targets_frame(panel, series, lo, hi, fits, targets, tolerance, catalog)
    policy_frame = _policy_frame(panel, series, registry, policy_year, tolerance.alpha, engine)
    curves = _curves_frame(panel, series, fits, targets_frame, tolerance.alpha)
    meta = {
        "policy_year": policy_year, "engine": engine,
        "tolerance_schedule": tolerance.schedule, "tolerance_about_relative": tolerance.about_relative,
        "tolerance_near_target_relative": tolerance.near_target_relative, "alpha": tolerance.alpha,
        "n_series": len(series), "n_targets": len(targets_frame),
    }
    return EvaluationSet(targets=targets_frame, series=series, policy=policy_frame, curves=curves, meta=meta)


def _candidate_models(years: np.ndarray, values: np.ndarray, bound: str, chosen_scale: str, rule: str,
                      horizon_year: int, policy_year: int, alpha: float) -> pd.DataFrame:
    """The models a researcher might consider for one series, with what the rules allow."""
    from scipy import stats as sps
    from . import policy as pol_
    n = len(years)
    rows = []
    if n >= 3:
        level = ols_statsmodels(years, values)
        pred = predict_statsmodels(level, [horizon_year], alpha).iloc[0]
        allowed = n >= 5
        rows.append({"model": "OLS on the level", "slope": level.params[1], "projection": pred["mean"],
                     "lower": pred["obs_ci_lower"] if allowed else np.nan,
                     "upper": pred["obs_ci_upper"] if allowed else np.nan,
                     "aic": level.aic, "chosen": chosen_scale == "level" and n >= 5,
                     "comment": "headline for n ≥ 5 unless near the bound" if allowed else
                     "n ≤ 4: slope only, no interval (GUIDE §5)"})
        if bound == "bounded_100" and ((values > 0) & (values < 100)).all():
            lg = ols_statsmodels(years, logit100(values))
            pred = predict_statsmodels(lg, [horizon_year], alpha).iloc[0]
            rows.append({"model": "OLS on the logit scale", "slope": np.nan,
                         "projection": float(expit100(pred["mean"])),
                         "lower": float(expit100(pred["obs_ci_lower"])) if allowed else np.nan,
                         "upper": float(expit100(pred["obs_ci_upper"])) if allowed else np.nan,
                         "aic": np.nan, "chosen": chosen_scale == "logit" and n >= 5,
                         "comment": "AIC not comparable with the level model (different response)"})
        ts = sps.theilslopes(values, years)
        rows.append({"model": "Theil–Sen", "slope": ts.slope,
                     "projection": ts.intercept + ts.slope * horizon_year, "lower": np.nan, "upper": np.nan,
                     "aic": np.nan, "chosen": False,
                     "comment": "robust slope; its pairwise spread is a scenario band, not an interval"})
    after = (years >= policy_year).sum()
    if n >= pol_.MIN_N_SEGMENTED and after >= pol_.MIN_SIDE and n - after >= pol_.MIN_SIDE:
        seg, ar1 = pol_.segmented_statsmodels(years, values, policy_year)
        x = pol_.segmented_design(np.array([float(horizon_year)]), policy_year)
        pf = seg.get_prediction(x).summary_frame(alpha=alpha).iloc[0]
        rows.append({"model": f"segmented at {policy_year}", "slope": seg.params[1] + seg.params[3],
                     "projection": pf["mean"], "lower": pf["obs_ci_lower"], "upper": pf["obs_ci_upper"],
                     "aic": seg.aic, "chosen": False,
                     "comment": "descriptive before/after; post-policy slope shown"})
        rows.append({"model": "segmented, AR(1) errors (GLSAR)", "slope": ar1.params[1] + ar1.params[3],
                     "projection": float((x @ ar1.params)[0]), "lower": np.nan, "upper": np.nan, "aic": np.nan,
                     "chosen": False, "comment": "sensitivity of the segmented fit to serial correlation"})
    frame = pd.DataFrame(rows, columns=["model", "slope", "projection", "lower", "upper", "aic", "chosen", "comment"])
    return frame.assign(projection_year=horizon_year, rule=rule)


def evaluate_series(
    observations: pd.DataFrame,
    region_code: str,
    indicator: str,
    school_level: str = "all",
    policy_year: int = 2021,
    tolerance: Tolerances | None = None,
    *,
    registry: Registry | None = None,
    catalog: Catalog | None = None,
    validate: bool = True,
):
    """One series, with the statsmodels results objects kept for inspection."""
    from .results import SeriesEvaluation
    tolerance = tolerance or Tolerances()
    catalog = catalog or load_catalog()
    same = (observations["indicator"] == indicator) & (observations["school_level"] == school_level)
    full = evaluate_all(observations[same].reset_index(drop=True), policy_year, tolerance, engine="statsmodels",
                        registry=registry, catalog=catalog, validate=validate)
    key = (full.series["region_code"] == region_code)
    if not key.any():
        raise KeyError(f"no usable actual series for {region_code} / {indicator} / {school_level}")
    series = full.series[key].iloc[0]
    actual = actual_series(observations[same])
    actual = actual[actual["region_code"] == region_code].reset_index(drop=True)
    years = actual["year"].to_numpy(float)
    values = actual["value"].to_numpy(float)
    targets = full.targets[full.targets["region_code"] == region_code].reset_index(drop=True)
    future = targets.loc[targets["target_year"] > series["latest_year"], "target_year"]
    horizon = int(future.max()) if len(future) else int(series["latest_year"]) + 1
    scale = series["model_scale"]
    trend = None
    if series["n"] >= 5:
        trend = ols_statsmodels(years, logit100(values) if scale == "logit" else values)
    seg = ar1 = None
    policy_row = full.policy[full.policy["region_code"] == region_code].iloc[0]
    if policy_row["segmented"]:
        seg, ar1 = pol.segmented_statsmodels(years, values, policy_year)
    candidates = _candidate_models(years, values, series["bound"], scale, series["rule"], horizon,
                                   policy_year, tolerance.alpha)
    curves = full.curves[full.curves["region_code"] == region_code].reset_index(drop=True)
    return SeriesEvaluation(region_code, indicator, school_level, actual, series, targets, policy_row, curves,
                            candidates, trend, seg, ar1, meta=full.meta)
