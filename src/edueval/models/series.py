"""The series table: one row per region × indicator × school_level with its rule and pace.

The pace a rule uses (docs/methods.md §4): n = 2 the two-point change, n = 3–4 the OLS
slope, n ≥ 5 the drift of the last RECENT_WINDOW values (the same window and number the
projection uses). For n ≥ N_POLICY the autocorrelation check of autocorr.py runs on the
straight-line residuals of the whole series.
"""
from __future__ import annotations

import difflib

import numpy as np
import pandas as pd

from ..catalog import Catalog
from .autocorr import CHECK_LEVEL, ar1_verdict, median_unbiased_rho, residual_rho
from .inputs import SERIES_KEY
from .projection import drift_numpy, window_mask
from .rules import N_INTERVAL, N_PACE, N_POLICY, N_TREND, RECENT_WINDOW, choose_rules
from .trend import Panel, logit100, nullable_int, ols_closed_form, pairwise_slopes


def unknown_code_message(kind: str, codes, known) -> str:
    """'unknown indicator 'preschol_ger' (did you mean preschool_ger?)' for every code."""
    parts = []
    for code in codes:
        close = difflib.get_close_matches(str(code), [str(k) for k in known], n=3, cutoff=0.6)
        parts.append(f"{code!r}" + (f" (did you mean {', '.join(close)}?)" if close else ""))
    return f"unknown {kind}{'s' if len(parts) > 1 else ''} " + "; ".join(parts)


def catalog_arrays(indicators: pd.Series, catalog: Catalog):
    """(bound, direction, min, max, unit) arrays for a column of indicator codes."""
    codes = pd.unique(indicators)
    missing = sorted(c for c in codes if c not in catalog)
    if missing:
        raise KeyError(unknown_code_message("indicator code", missing, catalog.codes)
                       + " — not in the indicator catalog (reference/indicators.csv)")
    info = {c: catalog[c] for c in codes}

    def get(attr, dtype):
        return indicators.map(lambda c: getattr(info[c], attr)).to_numpy(dtype=dtype)

    return get("bound", object), get("direction", object), get("min", float), get("max", float), get("unit", object)


def pace_of(panel: Panel, idx: np.ndarray, end_year: np.ndarray):
    """(pace, basis, window start, window end, values used) for series idx up to end_year."""
    if len(panel) == 0:
        nan = np.full(len(idx), np.nan)
        return nan, np.full(len(idx), "", dtype=object), nan, nan.copy(), np.zeros(len(idx), int)
    years, values, mask = panel.years[idx], panel.values[idx], panel.mask[idx]
    window = window_mask(years, mask, end_year)
    k = window.sum(axis=1)
    drift = drift_numpy(years, values, window)
    line = ols_closed_form(years, values, window)
    pace = np.select([k >= N_INTERVAL, k >= N_TREND, k >= N_PACE], [drift.drift, line.slope, drift.drift],
                     default=np.nan)
    basis = np.select([k >= N_INTERVAL, k >= N_TREND, k >= N_PACE],
                      [f"drift of the last {RECENT_WINDOW} values", "OLS slope", "two-point change"],
                      default="").astype(object)
    start = np.where(k > 0, drift.start_year, np.nan)
    end = np.where(k > 0, drift.end_year, np.nan)
    return pace, basis, start, end, k


def autocorrelation(panel: Panel, checked: np.ndarray):
    """Median-unbiased ρ of the line residuals with its 90% interval, for rows ``checked``."""
    raw = np.where(checked, residual_rho(panel.years, panel.values, panel.mask), np.nan)
    rho, lower, upper = median_unbiased_rho(raw, panel.n)
    verdict = ar1_verdict(lower, upper, checked)
    level = f"{100 * CHECK_LEVEL:g}%"
    gaps = (np.diff(np.where(panel.mask, panel.years, np.nan), axis=1) > 1).any(axis=1)
    note = np.select(
        [~checked, verdict == "positive", verdict == "negative"],
        [f"not checked (n < {N_POLICY})",
         "positive serial correlation (median-unbiased ρ {r:.2f}, " + level + " interval {lo:.2f} to {hi:.2f}): "
         "deviations from a straight line persist, so a straight-line interval would be too narrow",
         "negative serial correlation (median-unbiased ρ {r:.2f}, " + level + " interval {lo:.2f} to {hi:.2f})"],
        default="serial correlation undetermined at this length (median-unbiased ρ {r:.2f}, " + level
        + " interval {lo:.2f} to {hi:.2f})").astype(object)
    note = np.array([s.format(r=a, lo=b, hi=c) if chk else s for s, a, b, c, chk in
                     zip(note, rho, lower, upper, checked)], dtype=object)
    note = np.where(checked & gaps, note + "; years with gaps: only consecutive-year pairs enter ρ", note)
    return raw, rho, lower, upper, verdict, note


def series_frame(panel: Panel, catalog: Catalog, changes: pd.DataFrame):
    """(series table, valid-range lows, valid-range highs, units) for every series of the panel."""
    keys = panel.keys.copy()
    n = panel.n
    bound, direction, lo, hi, unit = catalog_arrays(keys["indicator"], catalog)
    names, scales, reasons = choose_rules(n, bound, panel.values, panel.mask)
    rows = np.arange(len(keys))
    last = np.maximum(n - 1, 0)
    width_ok = len(keys) > 0
    latest_year = panel.years[rows, last] if width_ok else np.zeros(0)
    level = ols_closed_form(panel.years, panel.values, panel.mask)
    theil, pmin, pmax = pairwise_slopes(panel.years, panel.values, panel.mask)
    pace, basis, w_start, w_end, w_n = pace_of(panel, rows, latest_year)
    logit = scales == "logit"
    with np.errstate(invalid="ignore", divide="ignore"):
        model_values = np.where(logit[:, None], logit100(panel.values), panel.values)
    model = drift_numpy(panel.years, model_values, window_mask(panel.years, panel.mask, latest_year))
    interval = n >= N_INTERVAL
    raw, rho, rho_lo, rho_hi, verdict, ar_note = autocorrelation(panel, n >= N_POLICY)
    frame = keys.assign(
        n=n.astype("int64"),
        first_year=panel.years[:, 0].astype("int64") if width_ok else np.zeros(0, "int64"),
        latest_year=latest_year.astype("int64"),
        latest_value=panel.values[rows, last] if width_ok else np.zeros(0),
        rule=names, rule_reason=reasons, model_scale=scales, bound=bound, direction=direction,
        slope=np.where(n >= N_PACE, level.slope, np.nan),
        slope_kind=np.select([n == N_PACE, n >= N_TREND], ["two-point change per year", "OLS slope per year"],
                             default="").astype(object),
        pace=pace, pace_basis=basis,
        pace_window_start=nullable_int(w_start), pace_window_end=nullable_int(w_end), pace_window_n=w_n.astype("int64"),
        theil_sen_slope=np.where(n >= N_TREND, theil, np.nan),
        pairwise_slope_min=np.where(n >= N_TREND, pmin, np.nan),
        pairwise_slope_max=np.where(n >= N_TREND, pmax, np.nan),
        resid_sd=np.where(n >= N_TREND, level.resid_sd, np.nan),
        model_drift=np.where(interval, model.drift, np.nan),
        model_drift_sd=np.where(interval, np.sqrt(model.scale), np.nan),
        ar1_raw=raw, ar1_rho=rho, ar1_rho_lower=rho_lo, ar1_rho_upper=rho_hi, ar1_verdict=verdict,
        ar1_note=ar_note,
        derived_inputs=panel.derived.astype(bool),
    )
    frame = _with_changes(frame, changes)
    return frame, lo, hi, unit


def _with_changes(frame: pd.DataFrame, changes: pd.DataFrame) -> pd.DataFrame:
    """The latest stated change in pp of each series (a pace when the levels give none)."""
    cols = ["stated_pace", "change_pp", "change_base_year", "change_year", "change_source_id"]
    if changes.empty or frame.empty:
        return frame.assign(stated_pace=np.nan, change_pp=np.nan,
                            change_base_year=pd.array([pd.NA] * len(frame), dtype="Int64"),
                            change_year=pd.array([pd.NA] * len(frame), dtype="Int64"),
                            change_source_id=pd.array([pd.NA] * len(frame), dtype="str"))
    latest = changes.sort_values("year").drop_duplicates(SERIES_KEY, keep="last").rename(
        columns={"base_year": "change_base_year", "year": "change_year", "source_id": "change_source_id"})
    out = frame.merge(latest[SERIES_KEY + cols], on=SERIES_KEY, how="left")
    for c in ("change_base_year", "change_year"):
        out[c] = out[c].astype("Int64")
    return out
