"""Policy-year analysis: segmented regression, AR(1) sensitivity, difference-in-differences.

A single region's before/after is described, never attributed (GUIDE §5). The segmented
model is y = b0 + b1·(year − 2000) + b2·D + b3·time_since·D with D = 1 from the policy
year on and time_since = year − policy_year (0 in the policy year): b2 is the level
change at the policy year, b3 the slope change.

Both engines give the same numbers: numpy solves every series' normal equations at once
(and replicates statsmodels' GLSAR iterative Cochrane–Orcutt fit); statsmodels fits one
series at a time. The difference-in-differences uses two-way fixed effects on a balanced
panel with region-clustered standard errors; with one treated region the closed form
from Frisch–Waugh–Lovell gives every focal region's estimate at once.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

from .trend import YEAR_ORIGIN, t_quantile

MIN_SIDE = 3  # points needed on each side of the policy year
MIN_N_SEGMENTED = 8  # GUIDE §5
AR1_ITERATIONS = 10  # fixed number of Cochrane–Orcutt rounds (statsmodels GLSAR, rtol=0)
MIN_COMPARISON_REGIONS = 2
FEW_CLUSTERS = 10

DESCRIPTIVE = ("Descriptive only: one region's before/after at {p} shows what changed, not why; "
               "other things changed in {p} too, so no effect is attributed to a policy.")


def segmented_design(years: np.ndarray, policy_year: int) -> np.ndarray:
    """(…, 4) design: const, year − 2000, D (year ≥ policy year), (year − policy year)·D."""
    years = np.asarray(years, float)
    after = (years >= policy_year).astype(float)
    return np.stack([np.ones_like(years), years - YEAR_ORIGIN, after, (years - policy_year) * after], axis=-1)


def _batched_ols(X: np.ndarray, y: np.ndarray, w: np.ndarray):
    """Per-row OLS on masked (rows × positions × k) designs: params, cov, df."""
    Xw = X * w[..., None]
    xtx = np.einsum("spk,spm->skm", Xw, X)
    xty = np.einsum("spk,sp->sk", Xw, np.where(w > 0, y, 0.0))
    params = np.linalg.solve(xtx, xty[..., None])[..., 0]
    resid = np.where(w > 0, y - np.einsum("spk,sk->sp", X, params), 0.0)
    df = w.sum(axis=1) - X.shape[-1]
    scale = (resid ** 2).sum(axis=1) / df
    cov = np.linalg.inv(xtx) * scale[:, None, None]
    return params, cov, df


def segmented_numpy(years: np.ndarray, values: np.ndarray, mask: np.ndarray, policy_year: int):
    """Segmented OLS and AR(1) (GLSAR) fits for every row of a left-aligned masked panel."""
    X = segmented_design(np.where(mask, years, policy_year), policy_year)
    y = np.where(mask, values, 0.0)
    w = mask.astype(float)
    params, cov, df = _batched_ols(X, y, w)
    # AR(1): iterate Cochrane–Orcutt exactly as GLSAR.iterative_fit (first point dropped)
    pair = mask[:, 1:] & mask[:, :-1]
    n = mask.sum(axis=1)
    rho = np.zeros(len(y))
    for _ in range(AR1_ITERATIONS):
        Xw = X[:, 1:] - rho[:, None, None] * X[:, :-1]
        yw = y[:, 1:] - rho[:, None] * y[:, :-1]
        ar_params, ar_cov, ar_df = _batched_ols(Xw, yw, pair.astype(float))
        if _ == AR1_ITERATIONS - 1:
            break
        resid = np.where(mask, y - np.einsum("spk,sk->sp", X, ar_params), 0.0)
        resid = np.where(mask, resid - resid.sum(axis=1, keepdims=True) / n[:, None], 0.0)
        r0 = (resid ** 2).sum(axis=1) / n
        r1 = (resid[:, 1:] * resid[:, :-1] * pair).sum(axis=1) / (n - 1)
        rho = r1 / r0
    return {
        "params": params, "cov": cov, "df": df,
        "ar1_params": ar_params, "ar1_cov": ar_cov, "ar1_df": ar_df, "ar1_rho": rho,
    }


def segmented_statsmodels(years: np.ndarray, values: np.ndarray, policy_year: int):
    """(OLS result, GLSAR AR(1) result) for one series."""
    X = segmented_design(years, policy_year)
    ols = sm.OLS(np.asarray(values, float), X).fit()
    ar1 = sm.GLSAR(np.asarray(values, float), X, rho=1).iterative_fit(maxiter=AR1_ITERATIONS, rtol=0)
    return ols, ar1


def segmented_table(params, cov, df, ar1_params, ar1_cov, ar1_df, ar1_rho, alpha: float) -> pd.DataFrame:
    """Tidy columns from stacked segmented fits (either engine)."""
    se = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
    ar_se = np.sqrt(np.diagonal(ar1_cov, axis1=1, axis2=2))
    q = t_quantile(alpha, df)
    with np.errstate(invalid="ignore"):
        p_level = 2 * stats.t.sf(np.abs(params[:, 2] / se[:, 2]), np.maximum(df, 1))
        p_slope = 2 * stats.t.sf(np.abs(params[:, 3] / se[:, 3]), np.maximum(df, 1))
    return pd.DataFrame({
        "pre_slope": params[:, 1],
        "post_slope": params[:, 1] + params[:, 3],
        "level_change": params[:, 2],
        "level_change_lower": params[:, 2] - q * se[:, 2],
        "level_change_upper": params[:, 2] + q * se[:, 2],
        "level_change_p": p_level,
        "slope_change": params[:, 3],
        "slope_change_lower": params[:, 3] - q * se[:, 3],
        "slope_change_upper": params[:, 3] + q * se[:, 3],
        "slope_change_p": p_slope,
        "segmented_df": df,
        "ar1_rho": ar1_rho,
        "ar1_level_change": ar1_params[:, 2],
        "ar1_level_change_se": ar_se[:, 2],
        "ar1_slope_change": ar1_params[:, 3],
        "ar1_slope_change_se": ar_se[:, 3],
    })


# ---- difference-in-differences -------------------------------------------------------

def _two_way_demean(Y: np.ndarray) -> np.ndarray:
    return Y - Y.mean(axis=1, keepdims=True) - Y.mean(axis=0, keepdims=True) + Y.mean()


def single_unit_fe_numpy(Y: np.ndarray, w: np.ndarray, alpha: float):
    """Coefficient of 1[region = f]·w_t in y ~ region FE + year FE, for every f at once.

    Y is a balanced (regions × years) array; w a per-year regressor (the post-policy
    dummy, or the year for a pre-trend). Standard errors are clustered by region with
    statsmodels' small-sample correction G/(G−1)·(N−1)/(N−K) and t(G−1) inference.
    Returns (estimate, se, lower, upper, p) arrays over f.
    """
    G, T = Y.shape
    wc = np.asarray(w, float) - np.mean(w)
    S = (wc ** 2).sum()
    a = _two_way_demean(Y) @ wc  # a_g = Σ_t (w_t − w̄) ỹ_gt; Σ_g a_g = 0
    shrink = 1 - 1 / G
    est = a / (S * shrink)
    c = est * S / G
    others = (a ** 2).sum() + G * c ** 2 - (a + c) ** 2  # Σ_{g≠f} (a_g + δS/G)²
    own = shrink ** 2 * (a - est * shrink * S) ** 2
    meat = others / G ** 2 + own
    N, K = G * T, G + T
    correction = G / (G - 1) * (N - 1) / (N - K)
    se = np.sqrt(correction * meat) / (S * shrink)
    q = stats.t.ppf(1 - alpha / 2, G - 1)
    p = 2 * stats.t.sf(np.abs(est / se), G - 1)
    return est, se, est - q * se, est + q * se, p


def single_unit_fe_statsmodels(Y: np.ndarray, w: np.ndarray, focal: int, alpha: float):
    """The same estimate with statsmodels OLS and cluster-robust SEs (one focal region)."""
    G, T = Y.shape
    long = pd.DataFrame({
        "y": Y.ravel(),
        "region": np.repeat(np.arange(G), T),
        "year": np.tile(np.arange(T), G),
    })
    long["treat_w"] = (long["region"] == focal) * np.tile(np.asarray(w, float), G)
    fit = smf.ols("y ~ C(region) + C(year) + treat_w", data=long).fit(
        cov_type="cluster", cov_kwds={"groups": long["region"].to_numpy()}, use_t=True)
    lo, hi = fit.conf_int(alpha=alpha).loc["treat_w"]
    return fit.params["treat_w"], fit.bse["treat_w"], lo, hi, fit.pvalues["treat_w"]
