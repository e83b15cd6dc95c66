"""The pupil-weighted 差异系数 (coefficient of variation) across a county's schools.

For one indicator, with X_i a school's per-pupil value and P_i its pupils, P = Σ P_i:

    X̄ = Σ P_i X_i / P          (the county value)
    S = sqrt( Σ (P_i / P) (X_i − X̄)² )
    CV = S / X̄

:func:`weighted_cv` computes it for one set of schools; :func:`group_coefficients`
for every (county, year, level) group and every indicator at once with vectorised
groupby sums (two passes: the mean, then the squared deviations, so that identical
schools give 0 up to rounding rather than a cancellation error).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

GROUP_KEYS = ["county_code", "year", "level"]


def weighted_cv(values: Sequence[float], pupils: Sequence[float]) -> float:
    """差异系数 of one indicator across schools: S / X̄ with pupil weights.

    NaN when the weighted mean is 0 (no school has any of the resource).
    """
    x = np.asarray(values, dtype=float)
    p = np.asarray(pupils, dtype=float)
    if x.shape != p.shape or x.ndim != 1 or len(x) == 0:
        raise ValueError("values and pupils must be non-empty 1-D sequences of equal length")
    if (p <= 0).any():
        raise ValueError("every school needs pupils > 0")
    w = p / p.sum()
    mean = float(np.sum(w * x))
    if mean == 0:
        return float("nan")
    std = float(np.sqrt(np.sum(w * (x - mean) ** 2)))
    return std / mean


def group_coefficients(units: pd.DataFrame, indicators: Sequence[str],
                       keys: Sequence[str] = GROUP_KEYS) -> pd.DataFrame:
    """差异系数 of each indicator column for each group of ``keys``.

    ``units`` has one row per school (part) with ``pupils`` and one column per
    indicator holding the per-pupil value. Returns a long frame: ``keys``,
    ``indicator``, ``n_schools``, ``pupils``, ``mean`` (X̄), ``std`` (S), ``cv``.
    """
    keys = list(keys)
    indicators = list(indicators)
    if units.empty:
        return pd.DataFrame(columns=[*keys, "indicator", "n_schools", "pupils", "mean", "std", "cv"])
    gid, uniques = _group_ids(units, keys)
    n_groups = len(uniques)
    p = units["pupils"].to_numpy(dtype=float)
    x = units[indicators].to_numpy(dtype=float)  # n × k

    p_sum = np.bincount(gid, weights=p, minlength=n_groups)
    counts = np.bincount(gid, minlength=n_groups)
    w = p / p_sum[gid]
    mean = _group_sum(gid, w[:, None] * x, n_groups)
    dev = x - mean[gid]
    var = _group_sum(gid, w[:, None] * dev * dev, n_groups)
    std = np.sqrt(var)
    with np.errstate(invalid="ignore", divide="ignore"):
        cv = np.where(mean == 0, np.nan, std / mean)

    k = len(indicators)
    out = uniques.loc[uniques.index.repeat(k)].reset_index(drop=True)
    out["indicator"] = np.tile(np.array(indicators, dtype=object), n_groups)
    out["indicator"] = out["indicator"].astype("string")
    out["n_schools"] = np.repeat(counts, k)
    out["pupils"] = np.repeat(p_sum, k)
    out["mean"] = mean.reshape(-1)
    out["std"] = std.reshape(-1)
    out["cv"] = cv.reshape(-1)
    return out


def _group_ids(df: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Dense group numbers (sorted by the keys) and the key values of each group."""
    codes = df.groupby(keys, sort=True, dropna=False).ngroup().to_numpy()
    first = pd.Series(np.arange(len(df))).groupby(codes).first().to_numpy()
    uniques = df.iloc[first][keys].reset_index(drop=True)
    return codes, uniques


def _group_sum(gid: np.ndarray, values: np.ndarray, n_groups: int) -> np.ndarray:
    """Column-wise sums of ``values`` (n × k) by group: an n_groups × k array."""
    out = np.empty((n_groups, values.shape[1]))
    for j in range(values.shape[1]):  # one bincount per indicator, not per county
        out[:, j] = np.bincount(gid, weights=values[:, j], minlength=n_groups)
    return out
