"""Simulations that check every stated interval (benchmarks/bench_coverage.py prints them).

- ``projection_coverage``: a straight line plus Gaussian noise (independent, or AR(1) with
  ρ = 0.3 / 0.6, or a random walk), n values, forecasts 1–5 years ahead by the methods of
  projection.py; coverage of the 95% interval and the share of misses below it.
- ``ar1_check``: the median-unbiased ρ of autocorr.py against the raw residual
  autocorrelation: median estimate, coverage of the 90% interval, share flagged positive.
- ``did_coverage``: one treated region and G comparison regions (region and year effects,
  AR(1) errors within regions): coverage of the region-level t interval, the size of the
  pre-trend check and of the permutation test, beside the former cluster-robust method.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .autocorr import ar1_errors, median_unbiased_rho, residual_rho
from .did import cluster_robust_numpy, did_numpy
from .projection import forecast, interval


def _noise(rng, reps: int, n: int, noise: str) -> np.ndarray:
    if noise == "iid":
        return rng.standard_normal((reps, n))
    if noise == "random_walk":
        return np.cumsum(rng.standard_normal((reps, n)), axis=1)
    if noise.startswith("ar1_"):
        return ar1_errors(rng, reps, n, float(noise[4:]))
    raise ValueError(f"unknown noise {noise!r}")


def projection_coverage(methods=("drift_recent", "line_all", "line_recent"), ns=(5, 7, 10, 15),
                        noises=("iid", "ar1_0.3", "ar1_0.6"), reps: int = 2000, horizon: int = 5,
                        alpha: float = 0.05, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for noise in noises:
        for n in ns:
            length = n + horizon
            years = np.broadcast_to(2000.0 + np.arange(length), (reps, length)).copy()
            values = 50.0 + 1.0 * np.arange(length) + _noise(rng, reps, length, noise)
            mask = np.ones((reps, length), bool)
            origin = np.full(reps, 2000.0 + n - 1)
            for method in methods:
                for h in range(1, horizon + 1):
                    y_hat, se, df = forecast(method, years, values, mask, origin, origin + h)
                    lo, hi = interval(y_hat, se, df, alpha)
                    truth = values[:, n - 1 + h]
                    rows.append({"method": method, "noise": noise, "n": n, "horizon": h, "reps": reps,
                                 "coverage": np.mean((truth >= lo) & (truth <= hi)),
                                 "below": np.mean(truth < lo), "above": np.mean(truth > hi)})
    return pd.DataFrame(rows)


def coverage_table(frame: pd.DataFrame) -> pd.DataFrame:
    """method × noise × n, coverage averaged over horizons (in %)."""
    return (frame.groupby(["method", "noise", "n"])["coverage"].mean().mul(100).round(1)
            .unstack("n").reset_index())


def ar1_check(ns=(8, 10, 15), rhos=(0.0, 0.3, 0.6), reps: int = 2000, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for n in ns:
        for rho in rhos:
            years = np.broadcast_to(np.arange(n, dtype=float), (reps, n))
            u = 0.5 * np.arange(n) + ar1_errors(rng, reps, n, rho)
            raw = residual_rho(years, u, np.ones((reps, n), bool))
            point, lo, hi = median_unbiased_rho(raw, np.full(reps, n))
            rows.append({"n": n, "rho": rho, "reps": reps, "raw_median": np.median(raw),
                         "mu_median": np.median(point), "interval_coverage": np.mean((lo <= rho) & (rho <= hi)),
                         "flagged_positive": np.mean(lo > 0), "median_width": np.median(hi - lo)})
    return pd.DataFrame(rows)


def did_coverage(peers=(3, 5, 10, 20), rhos=(0.0, 0.5), reps: int = 2000, effect: float = 2.0,
                 focal_sd: float = 1.0, years=tuple(range(2013, 2025)), policy_year: int = 2021,
                 alpha: float = 0.05, seed: int = 3) -> pd.DataFrame:
    """Region 0 is treated (effect from the policy year on); regions 1..G are peers."""
    rng = np.random.default_rng(seed)
    years = np.asarray(years, float)
    post = (years >= policy_year).astype(float)
    pre = years < policy_year
    rows = []
    for G in peers:
        for rho in rhos:
            hit = {k: 0 for k in ("t", "pre_t", "perm", "old", "old_pre")}
            perm_done = 0
            for _ in range(reps):
                u = ar1_errors(rng, G + 1, len(years), rho) * np.sqrt(1 - rho ** 2)  # unit variance
                u[0] *= focal_sd
                Y = rng.normal(0, 3, (G + 1, 1)) + rng.normal(0, 1, (1, len(years))).cumsum(axis=1) + u
                Y[0] += effect * post
                d = did_numpy(Y, years, policy_year, alpha)
                hit["t"] += d["lower"][0] <= effect <= d["upper"][0]
                hit["pre_t"] += d["pretrend_p"][0] < alpha
                if np.isfinite(d["perm_p"][0]):
                    perm_done += 1
                    null = did_numpy(Y - np.outer(np.eye(G + 1)[0], effect * post), years, policy_year, alpha)
                    hit["perm"] += null["perm_p"][0] <= alpha
                _, lo, hi, _ = cluster_robust_numpy(Y, post, alpha)
                hit["old"] += lo[0] <= effect <= hi[0]
                hit["old_pre"] += cluster_robust_numpy(Y[:, pre], years[pre], alpha)[3][0] < alpha
            rows.append({"peers": G, "rho": rho, "focal_sd": focal_sd, "reps": reps,
                         "t_interval_coverage": hit["t"] / reps, "pretrend_rejects": hit["pre_t"] / reps,
                         "permutation_rejects_true_null": hit["perm"] / perm_done if perm_done else np.nan,
                         "cluster_robust_coverage": hit["old"] / reps,
                         "cluster_robust_pretrend_rejects": hit["old_pre"] / reps})
    return pd.DataFrame(rows)
