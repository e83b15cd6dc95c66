"""The policy table: one row per series × registered policy that concerns its indicator.

For each row (docs/methods.md §6):
- segmented regression at the policy's first full year Y (n ≥ N_POLICY and ≥ MIN_SIDE
  values on each side): y = b0 + b1·(year − 2000) + b2·D + b3·(year − Y)·D, D = 1 from Y
  on; b2 the level change, b3 the slope change, OLS t intervals (df n − 4), and the same
  intervals if the errors are AR(1) with the series' median-unbiased ρ (autocorr.py);
- difference-in-differences against the same-level regions of the same province with the
  same series (did.py), with region-level inference valid for one treated region.
A single region's before/after is described, never attributed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

from .autocorr import RHO_CAP, ar1_ols_cov
from .did import (
    DID_KEYS,
    NOISIER_THAN_PEERS,
    PERMUTATION_MIN_PEERS,
    comparison_panels,
    did_numpy,
    did_statsmodels,
)
from .inputs import SERIES_KEY
from .notes import did_labels
from .policy_registry import concerns
from .rules import MIN_COMPARISON_REGIONS, MIN_SIDE, N_POLICY
from .trend import YEAR_ORIGIN, Panel, t_quantile

DESCRIPTIVE = ("Descriptive only: one region's before/after at {p} shows what changed, not why; "
               "other things changed in {p} too, so no effect is attributed to a policy.")
SEGMENTED_COLUMNS = [
    "pre_slope", "post_slope", "level_change", "level_change_lower", "level_change_upper", "level_change_p",
    "slope_change", "slope_change_lower", "slope_change_upper", "slope_change_p", "segmented_df",
    "ar1_level_change_se", "ar1_level_change_lower", "ar1_level_change_upper",
    "ar1_slope_change_se", "ar1_slope_change_lower", "ar1_slope_change_upper",
]


def segmented_design(years: np.ndarray, policy_year: int) -> np.ndarray:
    """(…, 4) design: const, year − 2000, D (year ≥ policy year), (year − policy year)·D."""
    years = np.asarray(years, float)
    after = (years >= policy_year).astype(float)
    return np.stack([np.ones_like(years), years - YEAR_ORIGIN, after, (years - policy_year) * after], axis=-1)


def segmented_numpy(years: np.ndarray, values: np.ndarray, mask: np.ndarray, policy_year: int):
    """(params, cov, df, residuals) of the segmented OLS for every row of a masked panel."""
    X = segmented_design(np.where(mask, years, policy_year), policy_year) * mask[..., None]
    y = np.where(mask, values, 0.0)
    xtx = np.einsum("spk,spm->skm", X, X)
    params = np.linalg.solve(xtx, np.einsum("spk,sp->sk", X, y)[..., None])[..., 0]
    resid = np.where(mask, y - np.einsum("spk,sk->sp", X, params), 0.0)
    df = mask.sum(axis=1) - X.shape[-1]
    cov = np.linalg.inv(xtx) * ((resid ** 2).sum(axis=1) / df)[:, None, None]
    return params, cov, df, resid


def segmented_statsmodels(years: np.ndarray, values: np.ndarray, policy_year: int):
    """One statsmodels OLS fit of the segmented model."""
    return sm.OLS(np.asarray(values, float), segmented_design(years, policy_year)).fit()


def segmented_table(params, cov, df, ar_cov, alpha: float) -> pd.DataFrame:
    """Tidy columns from stacked segmented fits (either engine)."""
    se = np.sqrt(np.diagonal(cov, axis1=1, axis2=2))
    ar_se = np.sqrt(np.diagonal(ar_cov, axis1=1, axis2=2))
    q = t_quantile(alpha, df)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = 2 * stats.t.sf(np.abs(params / se), np.maximum(df, 1)[:, None])
    out = {"pre_slope": params[:, 1], "post_slope": params[:, 1] + params[:, 3], "segmented_df": df}
    for name, k in (("level_change", 2), ("slope_change", 3)):
        out.update({name: params[:, k], f"{name}_lower": params[:, k] - q * se[:, k],
                    f"{name}_upper": params[:, k] + q * se[:, k], f"{name}_p": p[:, k],
                    f"ar1_{name}_se": ar_se[:, k], f"ar1_{name}_lower": params[:, k] - q * ar_se[:, k],
                    f"ar1_{name}_upper": params[:, k] + q * ar_se[:, k]})
    return pd.DataFrame(out)[SEGMENTED_COLUMNS]


def _segmented(panel: Panel, idx: np.ndarray, policy_year: int, rho: np.ndarray, alpha: float,
               engine: str) -> pd.DataFrame:
    years, values, mask = panel.years[idx], panel.values[idx], panel.mask[idx]
    params, cov, df, resid = segmented_numpy(years, values, mask, policy_year)
    if engine == "statsmodels":
        for r, i in enumerate(idx):
            m = panel.mask[i]
            fit = segmented_statsmodels(panel.years[i, m], panel.values[i, m], policy_year)
            params[r], cov[r], df[r] = fit.params, fit.cov_params(), fit.df_resid
            resid[r, m] = fit.resid
    X = segmented_design(np.where(mask, years, policy_year), policy_year)
    ar_cov = ar1_ols_cov(X, resid, years, mask, np.clip(np.nan_to_num(rho, nan=0.0), 0.0, RHO_CAP))
    return segmented_table(params, cov, df, ar_cov, alpha)


def _did(panel: Panel, rows: np.ndarray, group_key: np.ndarray, eligible: np.ndarray, policy_year: int,
         alpha: float, engine: str):
    """DiD results (dict of arrays over all panel series) and the number of comparison regions."""
    est = {k: np.full(len(panel), np.nan) for k in DID_KEYS}
    n_comp = np.zeros(len(panel), int)
    for kept, focal, Y, years in comparison_panels(panel, rows, group_key, eligible, MIN_COMPARISON_REGIONS):
        if engine == "numpy":
            res = did_numpy(Y, years, policy_year, alpha)
            values = {k: res[k][focal] for k in DID_KEYS}
        else:
            each = [did_statsmodels(Y, years, policy_year, f, alpha) for f in focal]
            values = {k: np.array([e[k] for e in each]) for k in DID_KEYS}
        for k in DID_KEYS:
            est[k][kept[focal]] = values[k]
        n_comp[kept[focal]] = len(kept) - 1
    return est, n_comp


def _did_notes(n_comp, pre_p, fit_ratio, policy_year: int, alpha: float, enough_sides) -> np.ndarray:
    notes = []
    for g, p, ratio, sides in zip(n_comp, pre_p, fit_ratio, enough_sides):
        if not sides:
            notes.append(f"not done: fewer than {MIN_SIDE} values on a side of {policy_year}")
        elif g <= 0:
            notes.append("no comparison group available: no other region of the same level in the same province "
                         f"has this series in every year of this one with ≥ {MIN_SIDE} years on each side of "
                         f"{policy_year}")
        else:
            pre = (f"pre-trends differ (p = {p:.3f}): the comparison is not credible" if p < alpha else
                   f"no evidence of differing pre-trends (p = {p:.3f}; absence of evidence, not proof)")
            perm = ("" if g >= PERMUTATION_MIN_PEERS else
                    f"; too few comparison regions for a permutation p-value below {alpha:g}")
            if ratio > NOISIER_THAN_PEERS:
                pre += (f"; before {policy_year} this region deviated {ratio:.1f} times as much as its peers, "
                        "so the interval (which assumes similar variability) may be too narrow")
            notes.append(f"difference-in-differences vs {g} same-level regions of the same province, inference "
                         f"from the spread of their own before/after changes (t with {g - 1} df){perm}; {pre}. "
                         "A national policy reaches every region, so this is the region's deviation from its peers "
                         f"after {policy_year}, causal only if the region alone had a distinct treatment and "
                         "trends were parallel.")
    return np.array(notes, dtype=object)


def policy_frame(panel: Panel, series: pd.DataFrame, registry, policies: pd.DataFrame, alpha: float,
                 engine: str) -> pd.DataFrame:
    pairs = concerns(policies, series["indicator"])
    parts = [_one_policy(panel, series, registry, policies.iloc[p], rows["row"].to_numpy(), alpha, engine)
             for p, rows in pairs.groupby("policy", sort=True)]
    if not parts:
        from .tables import empty_frame
        return empty_frame("policy")
    return pd.concat(parts, ignore_index=True)


def _group_keys(series: pd.DataFrame, registry) -> np.ndarray:
    def province_and_level(code):
        if code not in registry:
            return "", ""
        province = registry.province_of(code)
        return (province.code if province is not None else ""), registry[code].level

    info = {c: "|".join(province_and_level(c)) for c in pd.unique(series["region_code"])}
    return (series["indicator"].astype(str) + "|" + series["school_level"].astype(str) + "|"
            + series["region_code"].map(info).astype(str)).to_numpy()


def _one_policy(panel: Panel, series: pd.DataFrame, registry, policy: pd.Series, rows: np.ndarray,
                alpha: float, engine: str) -> pd.DataFrame:
    year = int(policy["first_full_year"])
    n = panel.n[rows]
    before = (panel.mask[rows] & (panel.years[rows] < year)).sum(axis=1)
    after = (panel.mask[rows] & (panel.years[rows] >= year)).sum(axis=1)
    sides = (before >= MIN_SIDE) & (after >= MIN_SIDE)
    eligible = (n >= N_POLICY) & sides
    reason = np.select(
        [n < N_POLICY, before < MIN_SIDE, after < MIN_SIDE],
        [f"not done: n < {N_POLICY} yearly values", f"not done: fewer than {MIN_SIDE} values before {year}",
         f"not done: fewer than {MIN_SIDE} values from {year} on"],
        default=f"segmented OLS at {year} (level and slope change), intervals also under AR(1) errors",
    ).astype(object)
    ar = series.iloc[rows]
    out = series.iloc[rows][SERIES_KEY].reset_index(drop=True).assign(
        policy_id=policy["policy_id"], policy_name_zh=policy["name_zh"], policy_name_en=policy["name_en"],
        policy_date=policy["date"], policy_year=year, n=n.astype("int64"), n_before=before.astype("int64"),
        n_after=after.astype("int64"), segmented=eligible, reason=reason)
    for c in SEGMENTED_COLUMNS:
        out[c] = np.nan
    for c in ("ar1_rho", "ar1_rho_lower", "ar1_rho_upper", "ar1_verdict"):
        out[c] = ar[c].to_numpy()
    if eligible.any():
        local = np.flatnonzero(eligible)
        table = _segmented(panel, rows[local], year, ar["ar1_rho"].to_numpy()[local], alpha, engine)
        out.loc[local, SEGMENTED_COLUMNS] = table.to_numpy()
    out["interpretation"] = np.where(eligible, DESCRIPTIVE.format(p=year),
                                     "No policy-year model; " + DESCRIPTIVE.format(p=year))
    flag = np.zeros(len(panel), bool)
    flag[rows[sides]] = True
    est, n_comp = _did(panel, rows, _group_keys(series, registry), flag, year, alpha, engine)
    for k in DID_KEYS:
        out[f"did_{k}" if k != "estimate" else "did_estimate"] = est[k][rows]
    out["did_n_comparison"] = n_comp[rows].astype("int64")
    out["did_interval_level"] = np.where(n_comp[rows] > 0, 1 - alpha, np.nan)
    out["did_method"] = np.where(n_comp[rows] > 0, "region-level t and placebo permutation", "").astype(object)
    out["did_note"] = _did_notes(n_comp[rows], est["pretrend_p"][rows], est["pre_fit_ratio"][rows], year, alpha,
                                 sides)
    out["did_label_en"], out["did_label_zh"] = did_labels(n_comp[rows], alpha, est["perm_p"][rows])
    return out
