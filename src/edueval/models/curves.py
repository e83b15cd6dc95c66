"""The curves table: fitted trend and band per year for the charts (n ≥ 3 only).

n = 3–4: the OLS line over the series and, after the latest year, the pairwise-slope
scenario band. n ≥ 5: the drift line of the last 5 values (from the window's first year)
and, after the latest year, the projection with its prediction interval; nothing is drawn
before the window, because the model says nothing about those years.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .inputs import SERIES_KEY
from .notes import INTERVAL_KIND, NO_INTERVAL, SCENARIO_KIND, band_labels
from .projection import DriftFit, interval
from .rules import N_INTERVAL, N_TREND
from .trend import Panel, from_model_scale, ols_closed_form

CURVE_COLUMNS = ["region_code", "indicator", "school_level", "year", "fitted", "lower", "upper", "band_kind",
                 "band_label_en", "band_label_zh"]


def curves_frame(panel: Panel, series: pd.DataFrame, fit: DriftFit, targets: pd.DataFrame, lo, hi,
                 alpha: float) -> pd.DataFrame:
    n = series["n"].to_numpy()
    idx = np.flatnonzero(n >= N_TREND)
    if not len(idx):
        from .tables import empty_frame
        return empty_frame("curves")
    ahead = targets.loc[targets["n_actual"] >= N_TREND].groupby(SERIES_KEY)["target_year"].max()
    end = ahead.reindex(pd.MultiIndex.from_frame(series[SERIES_KEY])).to_numpy(dtype=float)
    latest = series["latest_year"].to_numpy(dtype=float)
    end = np.fmax(np.nan_to_num(end, nan=-np.inf), latest)
    first = np.where(n >= N_INTERVAL, fit.start_year, series["first_year"].to_numpy(dtype=float))
    lengths = (end[idx] - first[idx] + 1).astype(int)
    rep = np.repeat(idx, lengths)
    year = np.concatenate([np.arange(first[i], end[i] + 1) for i in idx])
    after = year > latest[rep]

    line = ols_closed_form(panel.years, panel.values, panel.mask)
    fitted = line.predict(rep, year)
    anchor = line.predict(rep, latest[rep])
    pmin = series["pairwise_slope_min"].to_numpy(dtype=float)[rep]
    pmax = series["pairwise_slope_max"].to_numpy(dtype=float)[rep]
    lower = np.where(after, anchor + pmin * (year - latest[rep]), np.nan)
    upper = np.where(after, anchor + pmax * (year - latest[rep]), np.nan)
    kind = np.where(after, SCENARIO_KIND, NO_INTERVAL).astype(object)

    wide = n[rep] >= N_INTERVAL
    if wide.any():
        rows = np.flatnonzero(wide)
        y_hat, se = fit.predict(rep[rows], year[rows])
        lo_m, hi_m = interval(y_hat, se, fit.df[rep[rows]].astype(float), alpha)
        lg = series["model_scale"].to_numpy(dtype=object)[rep[rows]] == "logit"
        def back(z):
            return from_model_scale(z, lg)

        fut = after[rows]
        fitted[rows] = back(y_hat)
        lower[rows] = np.where(fut, back(lo_m), np.nan)
        upper[rows] = np.where(fut, back(hi_m), np.nan)
        kind[rows] = np.where(fut, INTERVAL_KIND.format(level=f"{100 * (1 - alpha):g}"), NO_INTERVAL)
    lo_r, hi_r = lo[rep], hi[rep]
    fitted, lower, upper = (np.clip(a, lo_r, hi_r) for a in (fitted, lower, upper))
    flat = (upper - lower <= 1e-9) & (kind != NO_INTERVAL)  # zero width: no band to draw
    lower[flat], upper[flat] = np.nan, np.nan
    kind[flat] = NO_INTERVAL
    label_en, label_zh = band_labels(kind, alpha)
    keys = series.iloc[rep][SERIES_KEY].reset_index(drop=True)
    return keys.assign(year=year.astype("int64"), fitted=fitted, lower=lower, upper=upper, band_kind=kind,
                       band_label_en=label_en, band_label_zh=label_zh)
