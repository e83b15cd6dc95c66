"""Serial correlation that can be measured at 8–15 yearly values (docs/methods.md §6).

The lag-1 autocorrelation r of the residuals from a straight line is badly biased at
these lengths (about -0.4 at n = 5 whatever the true ρ). But its distribution depends
only on ρ and n (the residuals do not depend on the line's intercept, slope or the
error scale), so a table of its quantiles, simulated once under Gaussian AR(1) errors
around a line, turns r into an exactly median-unbiased ρ and a confidence interval by
inverting the quantile functions (Andrews 1993, Econometrica 61: 139–165).

The table lives in ``_ar1_table.py``; ``python -m edueval.models.autocorr --write``
regenerates it (seeded). Years with gaps: only pairs of consecutive years enter r, and
the table for consecutive years is used (an approximation, noted on the row).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from .trend import YEAR_ORIGIN

TABLE_QUANTILES = (0.025, 0.05, 0.5, 0.95, 0.975)
RHO_CAP = 0.95  # the stationary AR(1) covariance is used up to this ρ
CHECK_LEVEL = 0.90  # the autocorrelation check reports a 90% interval


def residual_rho(years: np.ndarray, values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Lag-1 autocorrelation of the OLS straight-line residuals, per row (consecutive-year pairs)."""
    x = np.where(mask, years - YEAR_ORIGIN, 0.0)
    y = np.where(mask, values, 0.0)
    n = mask.sum(axis=1).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        xm = x.sum(1) / n
        ym = y.sum(1) / n
        dx = np.where(mask, x - xm[:, None], 0.0)
        dy = np.where(mask, y - ym[:, None], 0.0)
        slope = (dx * dy).sum(1) / (dx * dx).sum(1)
        r = np.where(mask, dy - slope[:, None] * dx, 0.0)
        pair = mask[:, 1:] & mask[:, :-1] & (np.diff(years, axis=1) == 1)
        num = (r[:, 1:] * r[:, :-1] * pair).sum(1)
        den = (r * r).sum(1)
        return np.where((n > 2) & (den > 0), num / den, np.nan)  # a line through 2 points has no residual


def _table():
    from . import _ar1_table as t

    return np.asarray(t.NS), np.asarray(t.GRID), {q: np.asarray(v) for q, v in t.QUANTILES.items()}


def _invert(r: np.ndarray, n: np.ndarray, quantile: float) -> np.ndarray:
    """ρ at which the `quantile` of r (for n values) equals the observed r."""
    ns, grid, table = _table()
    curve = table[quantile]
    row = np.clip(np.asarray(n, int), ns[0], ns[-1]) - ns[0]
    out = np.full(len(r), np.nan)
    for k in np.unique(row):
        pick = (row == k) & np.isfinite(r)
        out[pick] = np.interp(r[pick], curve[k], grid)  # clamps at the grid ends
    return out


def median_unbiased_rho(r: np.ndarray, n: np.ndarray, level: float = CHECK_LEVEL):
    """(median-unbiased ρ, lower, upper) of a `level` interval from residual autocorrelations r."""
    r = np.asarray(r, float)
    tail = (1 - level) / 2
    if not any(np.isclose(tail, q) for q in TABLE_QUANTILES):
        raise ValueError(f"level {level} needs the {tail} and {1 - tail} quantiles, not in the table")
    point = _invert(r, n, 0.5)
    lower = _invert(r, n, round(1 - tail, 3))
    upper = _invert(r, n, round(tail, 3))
    return point, lower, upper


def ar1_verdict(lower: np.ndarray, upper: np.ndarray, checked: np.ndarray) -> np.ndarray:
    """Code per row: positive / negative / undetermined / not checked."""
    return np.select([~checked, lower > 0, upper < 0], ["not checked", "positive", "negative"],
                     default="undetermined").astype(object)


def ar1_correlation(years: np.ndarray, mask: np.ndarray, rho: np.ndarray) -> np.ndarray:
    """(rows, width, width) AR(1) correlation matrices ρ^|t_i − t_j| on the observed years."""
    gap = np.abs(np.where(mask, years, 0.0)[:, :, None] - np.where(mask, years, 0.0)[:, None, :])
    rho = np.clip(np.asarray(rho, float), 0.0, RHO_CAP)[:, None, None]
    both = mask[:, :, None] & mask[:, None, :]
    with np.errstate(invalid="ignore"):
        return np.where(both, rho ** gap, 0.0)


def ar1_ols_cov(X: np.ndarray, resid: np.ndarray, years: np.ndarray, mask: np.ndarray, rho: np.ndarray):
    """Covariance of OLS coefficients if the errors are AR(1) with ρ (capped at 0.95).

    Var(b) = s²·(X'X)⁻¹ X'RX (X'X)⁻¹ with s² = RSS / tr(M R), M = I − H: unbiased for the
    error variance under that ρ. X is (rows, width, k), zero where mask is False.
    """
    R = ar1_correlation(years, mask, rho)
    Xm = X * mask[..., None]
    xtx_inv = np.linalg.inv(np.einsum("spk,spm->skm", Xm, Xm))
    H = np.einsum("spk,skm,sqm->spq", Xm, xtx_inv, Xm)
    M = np.where(mask[:, :, None] & mask[:, None, :], np.eye(X.shape[1])[None] - H, 0.0)
    trace = np.einsum("spq,sqp->s", M, R)
    s2 = (np.where(mask, resid, 0.0) ** 2).sum(1) / trace
    meat = np.einsum("spk,spq,sqm->skm", Xm, R, Xm)
    return s2[:, None, None] * np.einsum("skm,smn,snj->skj", xtx_inv, meat, xtx_inv)


# ---- the simulated table ----------------------------------------------------------------

def ar1_errors(rng: np.random.Generator, reps: int, n: int, rho: float) -> np.ndarray:
    """Stationary Gaussian AR(1) errors with unit innovations (a random walk from 0 at ρ = 1)."""
    e = rng.standard_normal((reps, n))
    out = np.empty_like(e)
    out[:, 0] = e[:, 0] / np.sqrt(1 - rho ** 2) if abs(rho) < 1 else e[:, 0]
    for t in range(1, n):
        out[:, t] = rho * out[:, t - 1] + e[:, t]
    return out


def simulate_residual_rho(rng, reps: int, n: int, rho: float) -> np.ndarray:
    years = np.broadcast_to(np.arange(n, dtype=float), (reps, n))
    return residual_rho(years, ar1_errors(rng, reps, n, rho), np.ones((reps, n), bool))


def simulate_table(ns=range(5, 31), grid=None, reps: int = 40_000, seed: int = 20240601):
    grid = np.round(np.arange(-0.9, 1.0001, 0.05), 2) if grid is None else np.asarray(grid)
    rng = np.random.default_rng(seed)
    out = {q: np.zeros((len(ns), len(grid))) for q in TABLE_QUANTILES}
    for i, n in enumerate(ns):
        for j, rho in enumerate(grid):
            sample = simulate_residual_rho(rng, reps, n, rho)
            for q in TABLE_QUANTILES:
                out[q][i, j] = np.quantile(sample, q)
        for q in TABLE_QUANTILES:  # quantiles rise with ρ; remove Monte Carlo wiggles
            out[q][i] = np.maximum.accumulate(out[q][i] + np.arange(len(grid)) * 1e-7)
    return list(ns), grid, out


def write_table(path: Path, reps: int = 40_000, seed: int = 20240601) -> None:
    ns, grid, out = simulate_table(reps=reps, seed=seed)

    def fmt(row) -> str:
        return "[" + ", ".join(f"{v:.4f}" for v in row) + "]"

    lines = [
        '"""Quantiles of the lag-1 residual autocorrelation of a straight-line fit under AR(1) errors.',
        "",
        f"Generated by `python -m edueval.models.autocorr --write` ({reps} Gaussian replications per",
        f"cell, seed {seed}). QUANTILES[q][i][j]: quantile q for n = NS[i] values and ρ = GRID[j].",
        '"""',
        f"NS = {ns}",
        "GRID = " + fmt(grid),
        "QUANTILES = {",
    ]
    for q in TABLE_QUANTILES:
        lines.append(f"    {q}: [")
        lines += [f"        {fmt(row)}," for row in out[q]]
        lines.append("    ],")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="regenerate the AR(1) residual-autocorrelation table")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--reps", type=int, default=40_000)
    args = parser.parse_args(argv)
    if args.write:
        write_table(Path(__file__).with_name("_ar1_table.py"), reps=args.reps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
