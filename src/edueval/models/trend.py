"""Trend models: OLS on the level or the logit scale, prediction intervals, pairwise slopes.

The closed forms of simple linear regression evaluated for every series at once on a
padded (series × position) array (tests/models/test_closed_forms.py checks them against
statsmodels). The default projection lives in projection.py; these lines serve the
scenario band (n = 3–4), the backtest candidates and the charts.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .inputs import SERIES_KEY

YEAR_ORIGIN = 2000  # x = year − 2000 keeps the design well conditioned


def logit100(p):
    p = np.asarray(p, dtype=float)
    return np.log(p / (100.0 - p))


def expit100(z):
    z = np.asarray(z, dtype=float)
    return 100.0 / (1.0 + np.exp(-z))


def from_model_scale(z, logit):
    """Values fitted on the model scale back to levels: expit100 where ``logit`` is true."""
    return np.where(logit, expit100(z), z)


def nullable_int(a) -> pd.arrays.IntegerArray:
    """Whole numbers (years, counts) with NaN and ±inf as missing, as pandas Int64."""
    return pd.array(np.where(np.isfinite(a), a, np.nan), dtype="Float64").astype("Int64")


@dataclass
class Panel:
    """Actual series packed left-aligned into (series × position) arrays, NaN-padded."""

    keys: pd.DataFrame  # one row per series: region_code, indicator, school_level
    years: np.ndarray  # float, NaN padding
    values: np.ndarray
    mask: np.ndarray
    derived: np.ndarray  # (series,) any derived input

    @property
    def n(self) -> np.ndarray:
        return self.mask.sum(axis=1)

    def __len__(self) -> int:
        return len(self.keys)


def build_panel(actual: pd.DataFrame) -> Panel:
    """Pack a sorted actual-series frame (inputs.actual_series) into a Panel."""
    if actual.empty:
        empty = np.zeros((0, 1))
        return Panel(pd.DataFrame(columns=SERIES_KEY), empty, empty, empty.astype(bool), np.zeros(0, bool))
    group = actual.groupby(SERIES_KEY, sort=False, observed=True)
    sid = group.ngroup().to_numpy()
    pos = group.cumcount().to_numpy()
    n_series, width = sid.max() + 1, pos.max() + 1
    years = np.full((n_series, width), np.nan)
    values = np.full((n_series, width), np.nan)
    years[sid, pos] = actual["year"].to_numpy(dtype=float)
    values[sid, pos] = actual["value"].to_numpy(dtype=float)
    keys = actual.loc[pos == 0, SERIES_KEY].reset_index(drop=True)
    derived = np.zeros(n_series, bool)
    np.logical_or.at(derived, sid, actual["derived"].to_numpy(dtype=bool))
    return Panel(keys, years, values, ~np.isnan(years), derived)


@dataclass
class LineFit:
    """Simple linear regression y = intercept + slope·(year − 2000), per series."""

    n: np.ndarray
    slope: np.ndarray
    intercept: np.ndarray
    resid_sd: np.ndarray  # s = sqrt(RSS / (n − 2)); NaN for n ≤ 2
    x_mean: np.ndarray
    sxx: np.ndarray

    def predict(self, idx, year) -> np.ndarray:
        return self.intercept[idx] + self.slope[idx] * (np.asarray(year, float) - YEAR_ORIGIN)

    def se_prediction(self, idx, year) -> np.ndarray:
        """Standard error of a new observation at ``year``: s·sqrt(1 + 1/n + (x0 − x̄)²/Sxx)."""
        x0 = np.asarray(year, float) - YEAR_ORIGIN
        n = self.n[idx]
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.resid_sd[idx] * np.sqrt(1 + 1 / n + (x0 - self.x_mean[idx]) ** 2 / self.sxx[idx])


def ols_closed_form(years: np.ndarray, values: np.ndarray, mask: np.ndarray) -> LineFit:
    """OLS slope, intercept and residual SD for every row of a masked array at once."""
    x = np.where(mask, years - YEAR_ORIGIN, 0.0)
    y = np.where(mask, values, 0.0)
    n = mask.sum(axis=1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        x_mean = x.sum(axis=1) / n
        y_mean = y.sum(axis=1) / n
        dx = np.where(mask, x - x_mean[:, None], 0.0)
        dy = np.where(mask, y - y_mean[:, None], 0.0)
        sxx = (dx * dx).sum(axis=1)
        slope = (dx * dy).sum(axis=1) / sxx
        intercept = y_mean - slope * x_mean
        resid = np.where(mask, dy - slope[:, None] * dx, 0.0)
        rss = (resid * resid).sum(axis=1)
        resid_sd = np.where(n > 2, np.sqrt(rss / (n - 2)), np.nan)
    slope = np.where(n >= 2, slope, np.nan)
    return LineFit(n.astype(int), slope, np.where(n >= 2, intercept, np.nan), resid_sd, x_mean, sxx)


def pairwise_slopes(years: np.ndarray, values: np.ndarray, mask: np.ndarray):
    """(Theil–Sen median slope, min pairwise slope, max pairwise slope) per series."""
    dx = years[:, None, :] - years[:, :, None]
    dy = values[:, None, :] - values[:, :, None]
    width = years.shape[1]
    upper = np.triu(np.ones((width, width), bool), k=1)
    valid = mask[:, None, :] & mask[:, :, None] & upper[None] & (dx != 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        slopes = np.where(valid, dy / dx, np.nan).reshape(len(years), width * width)
    has = valid.reshape(len(years), width * width).any(axis=1)
    out = np.full((3, len(years)), np.nan)
    if has.any():
        s = slopes[has]
        out[0, has] = np.nanmedian(s, axis=1)
        out[1, has] = np.nanmin(s, axis=1)
        out[2, has] = np.nanmax(s, axis=1)
    return out[0], out[1], out[2]


def t_quantile(alpha: float, df) -> np.ndarray:
    df = np.asarray(df, float)
    with np.errstate(invalid="ignore"):
        return np.where(df > 0, stats.t.ppf(1 - alpha / 2, np.where(df > 0, df, 1)), np.nan)
