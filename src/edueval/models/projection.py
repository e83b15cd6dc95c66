"""Projections with prediction intervals: the default recent-pace model and the candidates.

The default (chosen by the backtest, docs/methods.md §5) is a random walk with drift on
the last ``RECENT_WINDOW`` (5) values at or before the evaluation year: yearly changes
Δ over a gap of k years are N(d·k, σ²·k), so

    d̂ = (y_last − y_first) / span,   s² = Σ (Δ − d̂k)²/k / (m − 1)   (m changes),
    ŷ(T) = y_last + d̂·h,   se² = s²·(h + h²/span),   t with m − 1 degrees of freedom,

h = T − last year. d̂ is also the pace shown for the series, so pace and projection come
from the same window. The candidates compared by the backtest (backtest.py) are the line
through every year, the line through the same window, the line with an AR(1) interval
and two state-space models fitted by maximum likelihood.

Both engines give the same numbers: numpy evaluates the closed forms for every row at
once; statsmodels fits WLS of the changes on their gaps (weights 1/k), one row at a time.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from .autocorr import RHO_CAP, ar1_correlation, median_unbiased_rho, residual_rho
from .rules import RECENT_WINDOW
from .trend import YEAR_ORIGIN, ols_closed_form, t_quantile

DEFAULT_METHOD = "drift_recent"
METHODS = {
    "drift_recent": f"random walk with drift on the last {RECENT_WINDOW} values (default)",
    "line_all": "OLS straight line through every year (the former default)",
    "line_recent": f"OLS straight line through the last {RECENT_WINDOW} values",
    "line_ar": "OLS line through every year, interval widened for AR(1) errors (median-unbiased ρ)",
    "local_linear_trend": "local linear trend state-space model (statsmodels UnobservedComponents, ML)",
    "damped_trend": "damped-trend exponential smoothing (statsmodels ETSModel, ML)",
}
NUMPY_METHODS = ("drift_recent", "line_all", "line_recent", "line_ar")

# Measured figures quoted on the page (tests/models/test_backtest.py re-measures them):
# the default method on the national series, every origin, horizons 1–5 (selection data).
BACKTEST_NATIONAL = {"forecasts": 203, "coverage": 0.911, "below": 12, "above": 6,
                     "mean_p": 0.611, "met_rate": 0.483, "brier": 0.194, "brier_base_rate": 0.190,
                     "line_all_coverage": 0.665}
# benchmarks/bench_coverage.py, straight line plus Gaussian noise, n = 5–15, h = 1–5.
SIMULATED_COVERAGE = {"iid": (0.983, 0.986), "ar1_0.3": (0.974, 0.979), "ar1_0.6": (0.965, 0.969)}


def window_mask(years: np.ndarray, mask: np.ndarray, end_year, width: int = RECENT_WINDOW) -> np.ndarray:
    """The last ``width`` observed values at or before ``end_year`` (per row)."""
    upto = mask & (years <= np.asarray(end_year, float)[:, None])
    from_end = upto.sum(axis=1)[:, None] - np.cumsum(upto, axis=1)  # 0 at the last value ≤ end
    return upto & (from_end < width)


@dataclass
class DriftFit:
    """Random walk with drift fitted on a window of each row (model scale)."""

    n: np.ndarray  # values in the window
    start_year: np.ndarray
    end_year: np.ndarray
    end_value: np.ndarray
    drift: np.ndarray  # d̂, per year; NaN for n < 2
    scale: np.ndarray  # s², per year; NaN for fewer than 2 changes
    span: np.ndarray

    @property
    def df(self) -> np.ndarray:
        return np.maximum(self.n - 2, 0)  # n − 1 changes, one drift estimated

    def predict(self, rows, year):
        """(ŷ, se of a new value) at ``year`` for ``rows``."""
        rows = np.asarray(rows, int)
        h = np.asarray(year, float) - self.end_year[rows]
        with np.errstate(invalid="ignore", divide="ignore"):
            se = np.sqrt(self.scale[rows] * (h + h ** 2 / self.span[rows]))
        return self.end_value[rows] + self.drift[rows] * h, se


def drift_numpy(years: np.ndarray, values: np.ndarray, window: np.ndarray) -> DriftFit:
    n = window.sum(axis=1)
    rows = np.arange(len(n))
    first = np.argmax(window, axis=1)
    last = np.where(n > 0, window.shape[1] - 1 - np.argmax(window[:, ::-1], axis=1), 0)
    start_year, end_year = years[rows, first], years[rows, last]
    start_value, end_value = values[rows, first], values[rows, last]
    span = end_year - start_year
    pair = window[:, 1:] & window[:, :-1]
    dx = np.where(pair, np.diff(np.where(window, years, 0.0), axis=1), 1.0)
    dy = np.where(pair, np.diff(np.where(window, values, 0.0), axis=1), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        drift = np.where(n >= 2, (end_value - start_value) / span, np.nan)
        dev = np.where(pair, (dy - drift[:, None] * dx) ** 2 / dx, 0.0)
        scale = np.where(n > 2, dev.sum(axis=1) / (n - 2), np.nan)
    return DriftFit(n, start_year, end_year, end_value, drift, scale, span)


def drift_statsmodels(years: np.ndarray, values: np.ndarray):
    """WLS of the yearly changes on their gaps (weights 1/gap): params[0] = d̂, scale = s²."""
    dx, dy = np.diff(np.asarray(years, float)), np.diff(np.asarray(values, float))
    return sm.WLS(dy, dx[:, None], weights=1.0 / dx).fit()


def drift_predict_statsmodels(result, last_year: float, last_value: float, year):
    h = np.asarray(year, float) - last_year
    return last_value + result.params[0] * h, np.sqrt(result.scale * h + (h * result.bse[0]) ** 2)


def drift_fit_rows(years, values, mask, end_year, engine: str = "numpy") -> DriftFit:
    """DriftFit over the recent window of each row; the statsmodels engine refits row by row."""
    window = window_mask(years, mask, end_year)
    fit = drift_numpy(years, values, window)
    if engine == "statsmodels":
        for i in np.flatnonzero(fit.n > 2):
            m = window[i]
            res = drift_statsmodels(years[i, m], values[i, m])
            fit.drift[i], fit.scale[i] = res.params[0], res.scale
    return fit


def leave_one_out(years, values, mask, end_year) -> np.ndarray:
    """(3, rows, width): end year, end value and drift with position k left out of the window
    (the window then reaches one value further back); NaN where k is not in the window."""
    window = window_mask(years, mask, end_year)
    out = np.full((3, *years.shape), np.nan)
    for k in range(years.shape[1]):
        rows = np.flatnonzero(window[:, k])
        if not len(rows):
            continue
        kept = mask[rows].copy()
        kept[:, k] = False
        fit = drift_numpy(years[rows], values[rows], window_mask(years[rows], kept, np.asarray(end_year)[rows]))
        out[:, rows, k] = fit.end_year, fit.end_value, fit.drift
    return out


def leave_one_out_range(loo: np.ndarray, rows, year):
    """(min, max) of the leave-one-value-out projections at ``year`` for ``rows``."""
    end_year, end_value, drift = loo[:, np.asarray(rows, int), :]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        pred = end_value + drift * (np.asarray(year, float)[:, None] - end_year)
        return np.nanmin(pred, axis=1), np.nanmax(pred, axis=1)


# ---- the candidates of the backtest ---------------------------------------------------

def forecast(method: str, years, values, mask, origin, target_year):
    """(ŷ, se, df) on the model scale for each row of a panel, fitted on values ≤ origin.

    df = inf for the state-space models (normal predictive distribution).
    """
    origin = np.asarray(origin, float)
    target_year = np.asarray(target_year, float)
    rows = np.arange(len(years))
    if method == "drift_recent":
        fit = drift_numpy(years, values, window_mask(years, mask, origin))
        y_hat, se = fit.predict(rows, target_year)
        return y_hat, se, fit.df.astype(float)
    if method in ("line_all", "line_recent", "line_ar"):
        use = window_mask(years, mask, origin, RECENT_WINDOW if method == "line_recent" else years.shape[1])
        line = ols_closed_form(years, values, use)
        y_hat, se = line.predict(rows, target_year), line.se_prediction(rows, target_year)
        if method == "line_ar":
            se = _ar1_line_se(years, values, use, line, target_year)
        return y_hat, se, (line.n - 2).astype(float)
    if method in ("local_linear_trend", "damped_trend"):
        out = np.full((3, len(rows)), np.nan)
        for i in rows:
            m = mask[i] & (years[i] <= origin[i])
            out[:, i] = _state_space(method, years[i, m], values[i, m], target_year[i])
        return out[0], out[1], out[2]
    raise ValueError(f"unknown projection method {method!r}; choose from {sorted(METHODS)}")


def _ar1_line_se(years, values, use, line, target_year) -> np.ndarray:
    """se of a new value for the OLS line if the errors are AR(1) with the median-unbiased ρ."""
    r = residual_rho(years, values, use)
    rho, _, _ = median_unbiased_rho(r, use.sum(axis=1))
    rho = np.clip(np.nan_to_num(rho, nan=0.0), 0.0, RHO_CAP)
    R = ar1_correlation(years, use, rho)
    x = np.where(use, years - YEAR_ORIGIN, 0.0)
    n = use.sum(axis=1).astype(float)
    dx = np.where(use, x - line.x_mean[:, None], 0.0)
    x0 = np.asarray(target_year, float) - YEAR_ORIGIN
    # prediction weights c (ŷ0 = c'y) and hat-matrix residual maker for the variance estimate
    c = np.where(use, 1 / n[:, None] + (x0 - line.x_mean)[:, None] * dx / line.sxx[:, None], 0.0)
    H = np.where(use[:, :, None] & use[:, None, :],
                 1 / n[:, None, None] + dx[:, :, None] * dx[:, None, :] / line.sxx[:, None, None], 0.0)
    M = np.where(use[:, :, None] & use[:, None, :], np.eye(years.shape[1])[None] - H, 0.0)
    resid = np.where(use, values - line.predict(np.arange(len(years))[:, None], years), 0.0)
    s2 = (resid ** 2).sum(1) / np.einsum("spq,sqp->s", M, R)
    gap = np.abs(np.where(use, years, 0.0) - np.asarray(target_year, float)[:, None])
    r0 = np.where(use, rho[:, None] ** gap, 0.0)
    var = s2 * (1 - 2 * (c * r0).sum(1) + np.einsum("sp,spq,sq->s", c, R, c))
    return np.sqrt(np.maximum(var, 0.0))


def _state_space(method: str, years: np.ndarray, values: np.ndarray, target_year: float):
    """(ŷ, se, inf) from a statsmodels state-space fit (yearly grid; gaps as missing)."""
    mean, se = _state_space_path(method, tuple(np.asarray(years, float)), tuple(np.asarray(values, float)))
    step = int(target_year - years[-1]) - 1
    if not 0 <= step < len(mean):
        return np.nan, np.nan, np.nan
    return mean[step], se[step], np.inf


@lru_cache(maxsize=4096)
def _state_space_path(method: str, years: tuple, values: tuple, steps: int = 10):
    years, values = np.asarray(years), np.asarray(values)
    y = pd.Series(np.nan, index=pd.RangeIndex(int(years[-1] - years[0]) + 1))
    y.iloc[(years - years[0]).astype(int)] = values
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if method == "local_linear_trend":
                res = sm.tsa.UnobservedComponents(y.to_numpy(), "lltrend").fit(disp=False)
                frame = res.get_forecast(steps).summary_frame(alpha=0.05)
                return frame["mean"].to_numpy(), frame["mean_se"].to_numpy()
            from statsmodels.tsa.exponential_smoothing.ets import ETSModel
            res = ETSModel(y.interpolate(), error="add", trend="add", damped_trend=True).fit(disp=False)
            pred = res.get_prediction(start=len(y), end=len(y) + steps - 1)
            return np.asarray(pred.predicted_mean, float), np.sqrt(np.asarray(pred.var_pred_mean, float))
    except (ValueError, np.linalg.LinAlgError):
        return np.full(steps, np.nan), np.full(steps, np.nan)


def interval(y_hat, se, df, alpha: float):
    q = np.where(np.isinf(df), stats.norm.ppf(1 - alpha / 2), t_quantile(alpha, np.where(np.isinf(df), 1, df)))
    return y_hat - q * se, y_hat + q * se


def chance(y_hat, se, df, lower, upper) -> np.ndarray:
    """P(lower ≤ Y ≤ upper) under the predictive t (normal where df is inf)."""
    y_hat, se, df, lower, upper = (np.asarray(a, float) for a in (y_hat, se, df, lower, upper))
    ok = (se > 0) & np.isfinite(y_hat) & ((df > 0) | np.isinf(df)) & ~(np.isnan(lower) | np.isnan(upper))
    s = np.where(ok, se, 1.0)
    d = np.where(ok & np.isfinite(df), df, 1.0)
    with np.errstate(invalid="ignore"):
        t_p = stats.t.cdf((upper - y_hat) / s, d) - stats.t.cdf((lower - y_hat) / s, d)
        n_p = stats.norm.cdf((upper - y_hat) / s) - stats.norm.cdf((lower - y_hat) / s)
    return np.where(ok, np.where(np.isinf(df), n_p, t_p), np.nan)

