"""Backtest: re-forecast every real series from its own past and score each method.

For every series of the observation table, every origin with at least N_INTERVAL (5)
values up to it, and every later observed value 1–BACKTEST_HORIZON (5) years ahead, each
method forecasts from the values up to the origin (on the scale the rules would use at
that origin). Scored per method (docs/methods.md §5):

- coverage of the 95% prediction interval, misses below and above, bias (truth − ŷ),
  mean absolute error and median width;
- the chance of meeting a target, for two targets set at the origin: the latest value
  plus ½ or 1 times the series' whole-history OLS pace up to the origin, per year ahead
  (the kind of target a plan sets by extending past progress). Brier score, beside the
  Brier score of the base rate (the observed share of such targets met, a forecast that
  knows the answer's frequency), and reliability by the page's probability bands.

Series of region 000000 form the group "national", others "regional", so series that
arrive later (provinces, counties) are scored apart from the ones the default was chosen on.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..atomic import atomic_path
from ..catalog import load_catalog
from ..regions import NATIONAL
from .inputs import SERIES_KEY, actual_series
from .pace import PROBABILITY_BANDS, probability_band
from .projection import DEFAULT_METHOD, METHODS, chance, forecast, interval
from .rules import BACKTEST_HORIZON, N_INTERVAL, model_scale
from .trend import build_panel, from_model_scale, logit100, ols_closed_form

EVENT_MULTIPLIERS = (0.5, 1.0)
BACKTEST_TABLES = ("forecasts", "summary", "by_horizon", "reliability")


def _origins(panel, horizon: int, min_train: int) -> pd.DataFrame:
    """One row per series × origin position × later position within the horizon."""
    rows = []
    for i in range(len(panel)):
        years = panel.years[i, panel.mask[i]]
        for o in range(min_train - 1, len(years) - 1):
            for j in range(o + 1, len(years)):
                if years[j] - years[o] > horizon:
                    break
                rows.append((i, o, j))
    return pd.DataFrame(rows, columns=["series", "origin_pos", "target_pos"])


def run_backtest(observations: pd.DataFrame, methods=None, horizon: int = BACKTEST_HORIZON,
                 min_train: int = N_INTERVAL, alpha: float = 0.05, catalog=None) -> BacktestResult:
    """Backtest ``methods`` (default: all of projection.METHODS) on every series of the table."""
    methods = list(METHODS) if methods is None else list(methods)
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise ValueError(f"unknown backtest methods {unknown}; choose from {sorted(METHODS)}")
    if not 1 <= horizon <= 10:
        raise ValueError(f"horizon must be 1–10 years, got {horizon}")
    if min_train < N_INTERVAL:
        raise ValueError(f"min_train must be at least {N_INTERVAL} (the interval rule), got {min_train}")
    catalog = catalog or load_catalog()
    panel = build_panel(actual_series(observations))
    plan = _origins(panel, horizon, min_train)
    if plan.empty:
        return BacktestResult.empty(methods, horizon, min_train)
    i, o, j = (plan[c].to_numpy() for c in ("series", "origin_pos", "target_pos"))
    years, values, mask = panel.years[i], panel.values[i], panel.mask[i]
    origin = years[np.arange(len(i)), o]
    target_year = years[np.arange(len(i)), j]
    truth = values[np.arange(len(i)), j]
    train = mask & (years <= origin[:, None])
    keys = panel.keys.iloc[i].reset_index(drop=True)
    bound = keys["indicator"].map(lambda c: catalog[c].bound).to_numpy()
    direction = keys["indicator"].map(lambda c: catalog[c].direction).to_numpy()
    scale = np.array([model_scale(b, values[r, train[r]])[0] for r, b in enumerate(bound)], dtype=object)
    logit = scale == "logit"
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(logit[:, None], logit100(values), values)
    latest = values[np.arange(len(i)), o]
    pace = ols_closed_form(years, values, train).slope
    h = target_year - origin
    frames = []
    for method in methods:
        y_hat, se, df = forecast(method, years, z, train, origin, target_year)
        lower, upper = interval(y_hat, se, df, alpha)
        base = keys.assign(method=method, origin_year=origin.astype(int), target_year=target_year.astype(int),
                           horizon=h.astype(int), n_train=train.sum(axis=1), model_scale=scale, truth=truth,
                           projection=from_model_scale(y_hat, logit), lower=from_model_scale(lower, logit),
                           upper=from_model_scale(upper, logit))
        for m in EVENT_MULTIPLIERS:
            goal = np.where(direction == "lower", -1.0, 1.0)
            threshold = latest + goal * m * np.abs(pace) * h
            bad = logit & ((threshold >= 100) | (threshold <= 0))
            with np.errstate(invalid="ignore", divide="ignore"):
                thr = np.where(logit, logit100(np.clip(threshold, 1e-9, 100 - 1e-9)), threshold)
            lo_t = np.where(goal > 0, thr, -np.inf)
            hi_t = np.where(goal > 0, np.inf, thr)
            p = np.where(bad, np.nan, chance(y_hat, se, df, lo_t, hi_t))
            met = np.where(goal > 0, truth >= threshold, truth <= threshold)
            frames.append(base.assign(event_multiplier=m, event_threshold=threshold, p_meet=p,
                                      met=np.where(np.isnan(p), np.nan, met.astype(float))))
    long = pd.concat(frames, ignore_index=True)
    long["group"] = np.where(long["region_code"] == NATIONAL, "national", "regional")
    long["covered"] = (long["truth"] >= long["lower"]) & (long["truth"] <= long["upper"])
    long["miss"] = np.select([long["truth"] < long["lower"], long["truth"] > long["upper"]],
                             ["below", "above"], default="")
    return BacktestResult.from_long(long, methods, horizon, min_train, alpha)


def _score(fc: pd.DataFrame, ev: pd.DataFrame) -> dict:
    """Interval and probability scores of one group × method (fc: forecasts, ev: events)."""
    err = fc["truth"] - fc["projection"]
    below, above = int((fc["miss"] == "below").sum()), int((fc["miss"] == "above").sum())
    ev = ev[ev["p_meet"].notna()]
    base = ev.groupby("event_multiplier")["met"].transform("mean")
    return {
        "forecasts": len(fc), "coverage": fc["covered"].mean(), "below": below, "above": above,
        "share_below": below / (below + above) if below + above else np.nan,
        "bias": err.mean(), "mae": err.abs().mean(), "median_width": (fc["upper"] - fc["lower"]).median(),
        "events": len(ev), "met_rate": ev["met"].mean(), "mean_p": ev["p_meet"].mean(),
        "brier": ((ev["p_meet"] - ev["met"]) ** 2).mean(), "brier_base_rate": ((base - ev["met"]) ** 2).mean(),
    }


@dataclass
class BacktestResult:
    """Backtest tables: ``forecasts`` (one row per series × origin × year ahead × method ×
    target multiplier), ``summary`` (group × method), ``by_horizon`` and ``reliability``."""

    forecasts: pd.DataFrame
    summary: pd.DataFrame
    by_horizon: pd.DataFrame
    reliability: pd.DataFrame
    meta: dict = field(default_factory=dict)

    @classmethod
    def from_long(cls, long: pd.DataFrame, methods, horizon, min_train, alpha) -> BacktestResult:
        first = long[long["event_multiplier"] == EVENT_MULTIPLIERS[0]]
        groups = [("all", first, long), *((g, first[first["group"] == g], long[long["group"] == g])
                                          for g in sorted(long["group"].unique()))]
        summary, by_h, rel = [], [], []
        for name, fc, ev in groups:
            for method in methods:
                f, e = fc[fc["method"] == method], ev[ev["method"] == method]
                summary.append({"group": name, "method": method, **_score(f, e)})
                for hz, fh in f.groupby("horizon"):
                    s = _score(fh, e[e["horizon"] == hz])
                    by_h.append({"group": name, "method": method, "horizon": int(hz),
                                 **{k: s[k] for k in ("forecasts", "coverage", "below", "above", "bias", "mae")}})
                e = e[e["p_meet"].notna()]
                bands = probability_band(e["p_meet"].to_numpy())
                for _, label in PROBABILITY_BANDS:
                    pick = bands == label
                    rel.append({"group": name, "method": method, "band": label, "events": int(pick.sum()),
                                "mean_p": e["p_meet"][pick].mean() if pick.any() else np.nan,
                                "observed": e["met"][pick].mean() if pick.any() else np.nan})
        meta = {"methods": list(methods), "horizon": horizon, "min_train": min_train, "alpha": alpha,
                "default_method": DEFAULT_METHOD, "event_multipliers": list(EVENT_MULTIPLIERS),
                "series": int(long[SERIES_KEY].drop_duplicates().shape[0])}
        out = long.drop(columns=["covered"]).reset_index(drop=True)
        return cls(out, pd.DataFrame(summary), pd.DataFrame(by_h), pd.DataFrame(rel), meta)

    @classmethod
    def empty(cls, methods, horizon, min_train) -> BacktestResult:
        from .tables import empty_frame
        return cls(*(empty_frame(f"backtest_{t}") for t in BACKTEST_TABLES),
                   meta={"methods": list(methods), "horizon": horizon, "min_train": min_train, "series": 0})

    def to_frame(self) -> pd.DataFrame:
        return self.summary.copy()

    def method(self, name: str, group: str = "all") -> pd.Series:
        """The summary row of one method."""
        row = self.summary[(self.summary["method"] == name) & (self.summary["group"] == group)]
        if row.empty:
            raise KeyError(f"no backtest row for method {name!r} in group {group!r}")
        return row.iloc[0]

    def table(self, group: str = "all") -> str:
        """The summary as aligned text (percentages for coverage)."""
        s = self.summary[self.summary["group"] == group]
        head = (f"{'method':<20}{'n':>5}{'cover':>7}{'below':>6}{'above':>6}{'bias':>7}{'MAE':>6}"
                f"{'width':>7}{'Brier':>7}{'base':>7}")
        lines = [head]
        for _, r in s.iterrows():
            lines.append(f"{r['method']:<20}{r['forecasts']:>5}{100 * r['coverage']:>6.1f}%{r['below']:>6}"
                         f"{r['above']:>6}{r['bias']:>7.2f}{r['mae']:>6.2f}{r['median_width']:>7.2f}"
                         f"{r['brier']:>7.3f}{r['brier_base_rate']:>7.3f}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        groups = sorted(self.summary["group"].unique()) if not self.summary.empty else []
        parts = [(f"BacktestResult({self.meta.get('series', 0)} series, horizons 1–{self.meta.get('horizon')}, "
                  f"default {DEFAULT_METHOD})")]
        parts += [f"[{g}]\n{self.table(g)}" for g in groups]
        return "\n".join(parts)

    def save(self, folder: str | os.PathLike) -> list[Path]:
        folder = Path(folder)
        written = []
        for name in BACKTEST_TABLES:
            target = folder / f"backtest_{name}.parquet"
            with atomic_path(target) as tmp:
                getattr(self, name).to_parquet(tmp, index=False)
            written.append(target)
        meta = folder / "backtest_meta.json"
        with atomic_path(meta) as tmp:
            tmp.write_text(json.dumps(self.meta, ensure_ascii=False, indent=2), encoding="utf-8")
        return [*written, meta]

    @classmethod
    def load(cls, folder: str | os.PathLike) -> BacktestResult:
        folder = Path(folder)
        meta = folder / "backtest_meta.json"
        return cls(*(pd.read_parquet(folder / f"backtest_{n}.parquet") for n in BACKTEST_TABLES),
                   meta=json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {})
