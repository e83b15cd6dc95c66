"""Everything one region's report reads, loaded from the cached processed tables.

The report never refits a model: evaluation results come from the parquet files
written by ``edueval evaluate``; this module only selects the rows of one region.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import paths
from ..catalog import load_catalog
from ..regions import NATIONAL, Region, load_regions

EVALUATION_FILES = {
    "targets": "evaluation_targets.parquet",
    "series": "evaluation_series.parquet",
    "policy": "evaluation_policy.parquet",
    "curves": "evaluation_curves.parquet",
}


def load_tables(processed: Path = paths.PROCESSED) -> dict[str, pd.DataFrame]:
    missing = [name for name in ("observations.parquet", "sources.parquet", *EVALUATION_FILES.values())
               if not (processed / name).exists()]
    if missing:
        raise FileNotFoundError(f"{processed}: missing {missing}; run `make` (or `edueval clean` and `edueval evaluate`) first")
    tables = {
        "observations": pd.read_parquet(processed / "observations.parquet"),
        "sources": pd.read_parquet(processed / "sources.parquet"),
        "quality": pd.read_csv(processed / "quality_log.csv", dtype={"region_code": str}, keep_default_na=False,
                               na_values=[""]),
    }
    for key, name in EVALUATION_FILES.items():
        tables[key] = pd.read_parquet(processed / name)
    manifest = processed / "clean_manifest.json"
    tables["manifest"] = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else {}
    return tables


def _region_rows(frame: pd.DataFrame | None, code: str) -> pd.DataFrame:
    if frame is None or frame.empty or "region_code" not in frame.columns:
        return frame.iloc[:0] if frame is not None else pd.DataFrame()
    return frame[frame["region_code"] == code]


def for_region(tables: dict[str, pd.DataFrame], code: str) -> dict[str, pd.DataFrame]:
    """The rows one region's report depends on (its own, its ancestors', the nation's)."""
    registry = load_regions()
    related = [code, *(r.code for r in registry.ancestors(code))]
    obs = tables["observations"]
    own_or_related = obs[obs["region_code"].isin(related) | (obs["applies_to"] == code)]
    used_sources = set(own_or_related["source_id"])
    parts = {
        "observations": own_or_related,
        "sources": tables["sources"][tables["sources"]["source_id"].isin(used_sources)],
        "quality": _region_rows(tables["quality"], code),
    }
    for key in EVALUATION_FILES:
        frame = tables[key]
        parts[key] = frame[frame["region_code"].isin([code, NATIONAL])] if "region_code" in frame.columns else frame
    return parts


@dataclass
class RegionContext:
    region: Region
    lang: str
    policy_year: int
    observations: pd.DataFrame  # the region's own rows and the rows of its ancestors
    sources: pd.DataFrame
    quality: pd.DataFrame
    targets: pd.DataFrame
    series: pd.DataFrame
    policy: pd.DataFrame
    curves: pd.DataFrame
    national_curves: pd.DataFrame
    manifest: dict = field(default_factory=dict)

    @cached_property
    def used_rows(self) -> pd.DataFrame:
        """The observation rows this region's page shows (computed once per page)."""
        from .provenance import used_rows

        return used_rows(self)

    @property
    def own(self) -> pd.DataFrame:
        return self.observations[self.observations["region_code"] == self.region.code]

    @property
    def actuals(self) -> pd.DataFrame:
        own = self.own
        return own[(own["kind"] == "actual") & (own["status"] == "ok")]

    def national_actuals(self) -> pd.DataFrame:
        obs = self.observations
        return obs[(obs["region_code"] == NATIONAL) & (obs["kind"] == "actual") & (obs["status"] == "ok")]

    def indicator_name(self, code: str) -> str:
        ind = load_catalog()[code]
        return ind.name_zh if self.lang == "zh" else ind.name_en

    def series_name(self, indicator: str, school_level: str = "all") -> str:
        """Indicator name with its school level, e.g. 综合差异系数 · 小学."""
        from .i18n import SCHOOL_LEVEL, pick

        name = self.indicator_name(indicator)
        return name if school_level == "all" else f"{name} · {pick(SCHOOL_LEVEL, school_level, self.lang)}"

    def region_name(self, region: Region | None = None) -> str:
        region = region or self.region
        return region.name_zh if self.lang == "zh" else region.name_en


def load_context(region_code: str, lang: str = "zh", policy_year: int = 2021,
                 processed: Path | str = paths.PROCESSED) -> RegionContext:
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    registry = load_regions()
    region = registry.resolve(region_code)
    if region is None:
        raise ValueError(f"unknown region {region_code!r}: not in the region registry")
    tables = load_tables(Path(processed))
    parts = for_region(tables, region.code)
    curves = parts["curves"]
    return RegionContext(
        region=region, lang=lang, policy_year=policy_year,
        observations=parts["observations"], sources=parts["sources"], quality=parts["quality"],
        targets=_region_rows(parts["targets"], region.code), series=_region_rows(parts["series"], region.code),
        policy=_region_rows(parts["policy"], region.code), curves=_region_rows(curves, region.code),
        national_curves=_region_rows(curves, NATIONAL),
        manifest=tables["manifest"],
    )
