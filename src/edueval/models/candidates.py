"""Candidate models for one series, side by side (``SeriesEvaluation.candidate_models()``).

Every method of projection.METHODS, Theil–Sen and the segmented fits at each policy
year, each with its projection for the furthest future target year (or the next year),
with intervals only where the rules allow them and the one the rules chose marked.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .policy import segmented_design, segmented_statsmodels
from .projection import (
    DEFAULT_METHOD,
    METHODS,
    drift_statsmodels,
    forecast,
    interval,
    window_mask,
)
from .rules import N_INTERVAL, N_TREND, RECENT_WINDOW
from .trend import expit100, logit100

CANDIDATE_COLUMNS = ["model", "method", "window", "pace", "projection", "lower", "upper", "chosen",
                     "projection_year", "rule", "comment"]
WINDOWED = ("drift_recent", "line_recent")


def _model_values(actual: pd.DataFrame, series: pd.Series):
    years = actual["year"].to_numpy(float)
    values = actual["value"].to_numpy(float)
    logit = series["model_scale"] == "logit"
    return years, values, (logit100(values) if logit else values), logit


def series_results(actual: pd.DataFrame, series: pd.Series, policy: pd.DataFrame):
    """(statsmodels WLS of the drift model or None, {policy_id: segmented OLS result})."""
    years, _, z, _ = _model_values(actual, series)
    trend = None
    if series["n"] >= N_INTERVAL:
        keep = window_mask(years[None], np.ones((1, len(years)), bool), [years[-1]])[0]
        trend = drift_statsmodels(years[keep], z[keep])
    segmented = {r["policy_id"]: segmented_statsmodels(years, actual["value"].to_numpy(float), int(r["policy_year"]))
                 for _, r in policy.iterrows() if r["segmented"]}
    return trend, segmented


def candidate_models(actual: pd.DataFrame, series: pd.Series, targets: pd.DataFrame, policy: pd.DataFrame,
                     alpha: float) -> pd.DataFrame:
    years, values, z, logit = _model_values(actual, series)
    n = len(years)
    future = targets.loc[targets["target_year"] > series["latest_year"], "target_year"]
    horizon = int(future.max()) if len(future) else int(series["latest_year"]) + 1
    back = (lambda a: float(expit100(a))) if logit else float
    rows = []
    if n >= N_TREND:
        allowed = n >= N_INTERVAL
        ones = np.ones((1, n), bool)
        for method, label in METHODS.items():
            if method in ("local_linear_trend", "damped_trend") and not allowed:
                continue
            y_hat, se, df = forecast(method, years[None], z[None], ones, [years[-1]], [float(horizon)])
            before, _, _ = forecast(method, years[None], z[None], ones, [years[-1]], [float(horizon - 1)])
            before = np.where(np.isfinite(before), before, z[-1])  # state space: no forecast 0 years ahead
            lo, hi = interval(y_hat, se, df, alpha)
            rows.append({"model": label, "method": method, "pace": back(y_hat[0]) - back(before[0]),
                         "projection": back(y_hat[0]), "lower": back(lo[0]) if allowed else np.nan,
                         "upper": back(hi[0]) if allowed else np.nan,
                         "chosen": allowed and method == DEFAULT_METHOD,
                         "window": f"last {RECENT_WINDOW} values" if method in WINDOWED else "every year",
                         "comment": ("headline: chosen by the backtest (docs/methods.md §5)"
                                     if method == DEFAULT_METHOD else "backtest candidate")
                         if allowed else "n ≤ 4: projection only, no interval"})
        ts = stats.theilslopes(values, years)
        rows.append({"model": "Theil–Sen", "method": "theil_sen", "pace": ts.slope,
                     "projection": ts.intercept + ts.slope * horizon, "lower": np.nan, "upper": np.nan,
                     "chosen": False, "window": "every year",
                     "comment": "robust slope; its pairwise spread is a scenario band, not an interval"})
    for _, p in policy.iterrows():
        if not p["segmented"]:
            continue
        fit = segmented_statsmodels(years, values, int(p["policy_year"]))
        frame = fit.get_prediction(segmented_design(np.array([float(horizon)]), int(p["policy_year"]))).summary_frame(
            alpha=alpha).iloc[0]
        rows.append({"model": f"segmented at {int(p['policy_year'])} ({p['policy_id']})", "method": "segmented",
                     "pace": fit.params[1] + fit.params[3], "projection": frame["mean"],
                     "lower": frame["obs_ci_lower"], "upper": frame["obs_ci_upper"], "chosen": False,
                     "window": "every year", "comment": "descriptive before/after; post-policy slope shown; interval assumes independent errors"})
    frame = pd.DataFrame(rows, columns=[c for c in CANDIDATE_COLUMNS if c not in ("projection_year", "rule")])
    return frame.assign(projection_year=horizon, rule=series["rule"])[CANDIDATE_COLUMNS]
