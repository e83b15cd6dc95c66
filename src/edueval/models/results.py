"""Results objects: the tidy tables of a whole evaluation and one series' view of them."""
from __future__ import annotations

import html
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import paths
from ..atomic import atomic_path
from .rules import N_PACE, N_TREND

TABLES = ("targets", "series", "policy", "curves")
SUMMARY_COLUMNS = ["region_code", "indicator", "school_level", "scope", "target_qualifier", "target_value",
                   "target_year", "status", "category", "observed_pace", "progress_ratio", "projection",
                   "interval_lower", "interval_upper", "probability_band"]


def processed_dir() -> Path:
    """Where the evaluate stage publishes its tables (edueval/store.py)."""
    return paths.DEFAULT.stage("evaluate")


def table_path(folder: str | os.PathLike, table: str) -> Path:
    return Path(folder) / f"evaluation_{table}.parquet"


def _counts(frame: pd.DataFrame, column: str) -> str:
    if frame.empty or column not in frame:
        return "none"
    return ", ".join(f"{k} {v}" for k, v in frame[column].value_counts().items())


@dataclass
class EvaluationSet:
    """Every evaluation table: ``targets``, ``series``, ``policy``, ``curves`` and ``meta``."""

    targets: pd.DataFrame
    series: pd.DataFrame
    policy: pd.DataFrame
    curves: pd.DataFrame
    meta: dict = field(default_factory=dict)

    def save(self, folder: str | os.PathLike | None = None) -> list[Path]:
        """Write ``evaluation_<table>.parquet`` for each table (atomically) and the metadata."""
        folder = Path(folder) if folder is not None else processed_dir()
        written = []
        for name in TABLES:
            target = table_path(folder, name)
            frame = getattr(self, name).copy()
            frame.attrs = {}
            with atomic_path(target) as tmp:
                frame.to_parquet(tmp, index=False)
            written.append(target)
        meta_path = folder / "evaluation_meta.json"
        with atomic_path(meta_path) as tmp:
            tmp.write_text(json.dumps(self.meta, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
        written.append(meta_path)
        return written

    @classmethod
    def load(cls, folder: str | os.PathLike | None = None) -> EvaluationSet:
        """Read the cached tables (the report build reads these and never refits)."""
        folder = Path(folder) if folder is not None else processed_dir()
        missing = [str(table_path(folder, n)) for n in TABLES if not table_path(folder, n).is_file()]
        if missing:
            raise FileNotFoundError(f"evaluation tables missing: {missing}; run `edueval evaluate` (or `make`)")
        frames = {n: pd.read_parquet(table_path(folder, n)) for n in TABLES}
        meta_path = folder / "evaluation_meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.is_file() else {}
        return cls(**frames, meta=meta)

    def validate(self) -> EvaluationSet:
        """Check every table against its schema in models/tables.py (lazy: all failures at once)."""
        from .tables import SCHEMAS
        for name in TABLES:
            SCHEMAS[name].validate(getattr(self, name), lazy=True)
        return self

    def region(self, region: str) -> EvaluationSet:
        """The tables restricted to one region, given by code or by name (e.g. "长治市")."""
        from ..regions import load_regions
        from .lookup import region_code

        present = set(self.series["region_code"]) | set(self.targets["region_code"])
        code = region_code(region, present, load_regions())
        frames = (getattr(self, n) for n in TABLES)
        return EvaluationSet(*(f[f["region_code"] == code].reset_index(drop=True) for f in frames),
                             meta=dict(self.meta))

    def to_frame(self) -> pd.DataFrame:
        """One row per target with the columns a reader looks at first."""
        return self.targets[[c for c in SUMMARY_COLUMNS if c in self.targets]].copy()

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(getattr(self, n))}" for n in TABLES)
        return (f"EvaluationSet({sizes}; engine={self.meta.get('engine')}, "
                f"projection={self.meta.get('projection_method')}, policies={self.meta.get('policies')})\n"
                f"  status:   {_counts(self.targets, 'status')}\n"
                f"  category: {_counts(self.targets, 'category')}\n"
                f"  rules:    {_counts(self.series, 'rule')}")


def _fmt(x, digits: int = 2) -> str:
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


@dataclass
class SeriesEvaluation:
    """One region × indicator × school_level: its data, rule, targets, policy rows and models.

    ``trend_result`` is the statsmodels fit of the projection model (WLS of the yearly
    changes of the last 5 values; None for n < 5); ``segmented_result`` maps policy_id to
    the statsmodels segmented OLS fit; ``candidate_models()`` compares the models a
    researcher might consider, with the one the rules chose marked.
    """

    region_code: str
    indicator: str
    school_level: str
    actual: pd.DataFrame
    series: pd.Series
    targets: pd.DataFrame
    policy: pd.DataFrame
    curves: pd.DataFrame
    candidates: pd.DataFrame
    trend_result: object = None
    segmented_result: dict = field(default_factory=dict)
    meta: dict = field(default_factory=dict)

    @property
    def rule(self) -> str:
        return str(self.series["rule"])

    def candidate_models(self) -> pd.DataFrame:
        return self.candidates

    def to_frame(self) -> pd.DataFrame:
        """The series' target rows (the columns a reader looks at first)."""
        return self.targets[[c for c in SUMMARY_COLUMNS if c in self.targets]].copy()

    def summary(self) -> str:
        s = self.series
        lines = [
            f"{self.region_code} · {self.indicator} · {self.school_level}",
            f"actual values: n = {s['n']} ({s['first_year']}–{s['latest_year']}), latest {_fmt(s['latest_value'])}"
            + (" [includes derived values]" if s["derived_inputs"] else ""),
            f"rule: {s['rule']} — {s['rule_reason']}",
        ]
        if s["n"] >= N_PACE:
            lines.append(f"pace: {_fmt(s['pace'])} per year ({s['pace_basis']}, "
                         f"{s['pace_window_start']}–{s['pace_window_end']})")
        if s["n"] >= N_TREND:
            lines.append(f"OLS slope over the series {_fmt(s['slope'])}; Theil–Sen {_fmt(s['theil_sen_slope'])}; "
                         f"pairwise slopes {_fmt(s['pairwise_slope_min'])} to {_fmt(s['pairwise_slope_max'])}")
        lines.append(f"autocorrelation: {s['ar1_note']}")
        lines += ["", "targets:"]
        if self.targets.empty:
            lines.append("  (none apply)")
        for _, t in self.targets.iterrows():
            when = (f"(standard issued {t['target_year']})" if t["scope"] == "standard"
                    else f"in {t['target_year']}" if t["scope"] == "quoted benchmark" else f"by {t['target_year']}")
            lines.append(f"  [{t['scope']}] {t['target_qualifier']} {_fmt(t['target_value'])} {when} "
                         f"({t['target_source_id']}): {t['status']}, category {t['category']}")
            detail = []
            if pd.notna(t["progress_ratio"]):
                detail.append(f"pace {_fmt(t['observed_pace'])} vs required {_fmt(t['required_pace_plan'])} "
                              f"(plan) / {_fmt(t['required_pace_now'])} (now), ratio {_fmt(t['progress_ratio'])}")
            if t["schedule_verdict"] != "no 序时进度":
                detail.append(f"序时进度: {t['schedule_verdict']} (gap {_fmt(t['schedule_gap_share'])} vs time "
                              f"{_fmt(t['schedule_time_share'])})")
            if t["interval_kind"] != "none":
                detail.append(f"projection {_fmt(t['projection'])}, {t['interval_label_en']} "
                              f"[{_fmt(t['interval_lower'])}, {_fmt(t['interval_upper'])}]")
            if pd.notna(t["probability"]):
                detail.append(f"chance of meeting the target: {t['probability_band']}")
            if t["notes"]:
                detail.append(f"notes: {t['notes']}")
            lines.extend(f"      {d}" for d in detail)
        for _, p in self.policy.iterrows():
            lines += ["", (f"policy {p['policy_id']} ({p['policy_name_en']}, first full year {p['policy_year']}): "
                           f"{p['reason']}")]
            if p["segmented"]:
                lines.append(f"  level change {_fmt(p['level_change'])} [{_fmt(p['level_change_lower'])}, "
                             f"{_fmt(p['level_change_upper'])}] (AR(1): [{_fmt(p['ar1_level_change_lower'])}, "
                             f"{_fmt(p['ar1_level_change_upper'])}]), slope change {_fmt(p['slope_change'])} "
                             f"[{_fmt(p['slope_change_lower'])}, {_fmt(p['slope_change_upper'])}]")
            lines.append(f"  {p['interpretation']}")
            lines.append(f"  difference-in-differences: {p['did_note']}")
            if p["did_n_comparison"] > 0:
                lines.append(f"  estimate {_fmt(p['did_estimate'])} [{_fmt(p['did_lower'])}, {_fmt(p['did_upper'])}]"
                             f" — {p['did_label_en']}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()

    def _repr_html_(self) -> str:
        def esc(x) -> str:
            return html.escape(_fmt(x))

        s = self.series
        head = (f"<h4>{esc(self.region_code)} · {esc(self.indicator)} · {esc(self.school_level)}</h4>"
                f"<p>n = {esc(s['n'])} ({esc(s['first_year'])}–{esc(s['latest_year'])}); "
                f"rule <b>{esc(s['rule'])}</b>: {esc(s['rule_reason'])}</p>")
        cols = ["scope", "target_source_id", "target_qualifier", "target_value", "target_year", "status", "category",
                "progress_ratio", "schedule_verdict", "projection", "interval_lower", "interval_upper",
                "interval_label_en", "probability_band", "notes"]
        table = self.targets[cols].to_html(index=False, escape=True, na_rep="—", float_format=lambda v: f"{v:.2f}")
        policy = "".join(f"<p>{esc(p['policy_name_en'])} ({esc(p['policy_year'])}): {esc(p['reason'])}. "
                         f"{esc(p['interpretation'])} {esc(p['did_note'])}</p>" for _, p in self.policy.iterrows())
        return head + table + policy
