"""Difference-in-differences with one treated region, and inference that holds at 2–20 peers.

Each region g of a balanced comparison panel gives one number, its before/after change
D_g = mean(y after) − mean(y before). The two-way fixed-effects estimate for the focal
region f is D_f − mean of the comparison regions' D (exactly; tested), so its error is
the focal region's own deviation minus the peers' mean. Inference uses the spread of the
peers' own changes (docs/methods.md §6):

- interval: estimate ± t(G − 1) · s_D · sqrt(1 + 1/G), G comparison regions, s_D their
  standard deviation. Exact when the regions' deviations are independent, normal and
  equally variable (serial correlation within a region does not matter: each region is
  one number). With one treated region, cluster-robust standard errors are not valid
  (Conley & Taber 2011): they were replaced by this.
- permutation (placebo in space): each peer j in turn treated as the focal region and
  compared with the other peers; p = (1 + #{|placebo| ≥ |estimate|}) / (G + 1). The
  smallest possible p is 1/(G + 1), so it is reported only from G = 19 (p < 0.05 possible).
- pre-period checks: the same t test on each region's pre-period OLS slope (parallel
  trends), and the ratio of the region's pre-period deviations to its peers' (equal
  variability: a ratio above 1.5 is flagged, the interval may then be too narrow).

Both engines: numpy in closed form for every focal region at once; statsmodels with a
fixed-effects OLS for the estimate and an intercept-only OLS prediction interval of the
peers' changes for the interval.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf
from scipy import stats

PERMUTATION_MIN_PEERS = 19  # 1/(G + 1) < 0.05 needs G ≥ 20 − 1


@lru_cache(maxsize=256)
def _t_quantile(alpha: float, df: int) -> float:
    return float(stats.t.ppf(1 - alpha / 2, df))


def region_changes(Y: np.ndarray, years: np.ndarray, policy_year: int):
    """(D, pre-period slope) per row of a balanced (regions × years) panel."""
    post = years >= policy_year
    D = Y[:, post].mean(axis=1) - Y[:, ~post].mean(axis=1)
    x = years[~post] - years[~post].mean()
    slope = (Y[:, ~post] - Y[:, ~post].mean(axis=1, keepdims=True)) @ x / (x @ x)
    return D, slope


def versus_peers(D: np.ndarray, alpha: float, permutation: bool = True):
    """For every region f against all the others: (estimate, se, lower, upper, p, perm_p).

    perm_p is NaN where G = len(D) − 1 < PERMUTATION_MIN_PEERS (or permutation is False).
    """
    D = np.asarray(D, float)
    N = len(D)
    G = N - 1
    S, Q = D.sum(), (D ** 2).sum()
    peer_mean = (S - D) / G
    with np.errstate(invalid="ignore", divide="ignore"):
        peer_var = (Q - D ** 2 - G * peer_mean ** 2) / (G - 1)
        est = D - peer_mean
        se = np.sqrt(np.maximum(peer_var, 0.0) * (1 + 1 / G))
        q = _t_quantile(alpha, G - 1)
        p = 2 * stats.t.sf(np.abs(est / se), G - 1)
    perm = np.full(N, np.nan)
    if permutation and G >= PERMUTATION_MIN_PEERS:
        # placebo[f, j] = D_j − mean of D over the regions other than f and j
        placebo = D[None, :] - (S - D[:, None] - D[None, :]) / (G - 1)
        exceed = (np.abs(placebo) >= np.abs(est)[:, None] - 1e-12) & ~np.eye(N, dtype=bool)
        perm = (1 + exceed.sum(axis=1)) / (G + 1)
    return est, se, est - q * se, est + q * se, np.where(se > 0, p, np.nan), perm


def pre_fit_ratio(Y: np.ndarray, years: np.ndarray, policy_year: int) -> np.ndarray:
    """Pre-period check of the equal-variability assumption, per region: the RMS of its
    deviations from the pool's yearly mean (after its own level and slope) ÷ the median of
    the same figure for the other regions."""
    pre = years < policy_year
    dev = Y[:, pre] - Y[:, pre].mean(axis=0, keepdims=True)
    x = years[pre] - years[pre].mean()
    dev = dev - dev.mean(axis=1, keepdims=True)
    dev = dev - np.outer(dev @ x / (x @ x), x)
    rms = np.sqrt((dev ** 2).mean(axis=1))
    return rms / _median_of_others(rms)


def _median_of_others(x: np.ndarray) -> np.ndarray:
    """For each element, the median of the other elements (from one sort)."""
    order = np.argsort(x)
    s = x[order]
    rank = np.empty(len(x), int)
    rank[order] = np.arange(len(x))
    m = len(x) - 1
    lo, hi = (m - 1) // 2, m // 2

    def at(j):  # element j of the sorted array with the element of rank k removed
        return np.where(j < rank, s[j], s[np.minimum(j + 1, len(x) - 1)])

    return (at(lo) + at(hi)) / 2


def did_numpy(Y: np.ndarray, years: np.ndarray, policy_year: int, alpha: float) -> dict:
    """Every region of the panel as the focal one: estimates, intervals and pre-period checks."""
    D, slope = region_changes(Y, years, policy_year)
    e, se, lo, hi, p, perm = versus_peers(D, alpha)
    pe, _, _, _, pp, _ = versus_peers(slope, alpha, permutation=False)
    return {"estimate": e, "se": se, "lower": lo, "upper": hi, "p": p, "perm_p": perm,
            "pretrend_slope": pe, "pretrend_p": pp, "pre_fit_ratio": pre_fit_ratio(Y, years, policy_year)}


def did_statsmodels(Y: np.ndarray, years: np.ndarray, policy_year: int, focal: int, alpha: float) -> dict:
    """The same numbers for one focal region with statsmodels fits."""
    G, T = Y.shape
    post = (years >= policy_year).astype(float)
    long = pd.DataFrame({"y": Y.ravel(), "region": np.repeat(np.arange(G), T), "year": np.tile(np.arange(T), G)})
    long["treat_post"] = (long["region"] == focal) * np.tile(post, G)
    estimate = smf.ols("y ~ C(region) + C(year) + treat_post", data=long).fit().params["treat_post"]
    peers = np.arange(G) != focal

    def peer_interval(values: np.ndarray, own: float):
        fit = sm.OLS(values[peers], np.ones(peers.sum())).fit()
        frame = fit.get_prediction(np.ones((1, 1))).summary_frame(alpha=alpha).iloc[0]
        se = float(np.sqrt(frame["mean_se"] ** 2 + fit.scale))
        est = own - frame["mean"]
        return est, se, own - frame["obs_ci_upper"], own - frame["obs_ci_lower"], 2 * stats.t.sf(abs(est / se), fit.df_resid)

    D, _ = region_changes(Y, years, policy_year)
    _, se, lo, hi, p = peer_interval(D, D[focal])
    pre = years < policy_year
    slopes = np.array([sm.OLS(Y[g, pre], sm.add_constant(years[pre])).fit().params[1] for g in range(G)])
    pe, _, _, _, pp = peer_interval(slopes, slopes[focal])
    closed = did_numpy(Y, years, policy_year, alpha)  # the permutation and the fit check are the same arithmetic
    return {"estimate": estimate, "se": se, "lower": lo, "upper": hi, "p": p, "perm_p": closed["perm_p"][focal],
            "pretrend_slope": pe, "pretrend_p": pp, "pre_fit_ratio": closed["pre_fit_ratio"][focal]}


DID_KEYS = ("estimate", "se", "lower", "upper", "p", "perm_p", "pretrend_slope", "pretrend_p", "pre_fit_ratio")
NOISIER_THAN_PEERS = 1.5  # pre_fit_ratio above this: the interval's equal-variability premise is doubtful


def comparison_panels(panel, rows: np.ndarray, group_key: np.ndarray, eligible: np.ndarray, min_peers: int):
    """Yield (focal rows, balanced Y, years) per comparison pool.

    A pool is the series of ``rows`` sharing ``group_key``; each focal series (``eligible``)
    is compared with the pool members observed in every year it is (a balanced panel).
    """
    for _, members in pd.Series(rows).groupby(group_key[rows], sort=False):
        members = members.to_numpy()
        if len(members) - 1 < min_peers:
            continue
        all_years = np.unique(panel.years[members][panel.mask[members]])
        dense = np.full((len(members), len(all_years)), np.nan)
        r, c = np.nonzero(panel.mask[members])
        dense[r, np.searchsorted(all_years, panel.years[members][r, c])] = panel.values[members][r, c]
        observed = ~np.isnan(dense)
        _, pattern = np.unique(observed, axis=0, return_inverse=True)
        for code in np.unique(pattern):
            local = np.flatnonzero(pattern.ravel() == code)
            focal = local[eligible[members[local]]]
            if not len(focal):
                continue
            keep = observed[:, observed[focal[0]]].all(axis=1)
            if keep.sum() - 1 < min_peers:
                continue
            cols = observed[focal[0]]
            yield members[np.flatnonzero(keep)], np.searchsorted(np.flatnonzero(keep), focal), \
                dense[keep][:, cols], all_years[cols]


def cluster_robust_numpy(Y: np.ndarray, w: np.ndarray, alpha: float):
    """The former method (TWFE, region-clustered SEs, t(G − 1)), kept only for the simulation
    that shows why it was replaced (benchmarks/bench_coverage.py). Returns (est, lower, upper, p)."""
    G, T = Y.shape
    wc = np.asarray(w, float) - np.mean(w)
    S = (wc ** 2).sum()
    a = (Y - Y.mean(axis=1, keepdims=True) - Y.mean(axis=0, keepdims=True) + Y.mean()) @ wc
    shrink = 1 - 1 / G
    est = a / (S * shrink)
    c = est * S / G
    meat = ((a ** 2).sum() + G * c ** 2 - (a + c) ** 2) / G ** 2 + shrink ** 2 * (a - est * shrink * S) ** 2
    se = np.sqrt(G / (G - 1) * (G * T - 1) / (G * T - G - T) * meat) / (S * shrink)
    q = stats.t.ppf(1 - alpha / 2, G - 1)
    return est, est - q * se, est + q * se, 2 * stats.t.sf(np.abs(est / se), G - 1)
