"""Everything one region's page reads: its slice of the published tables.

The report never refits a model and never reads raw files: it reads the tables the stages
published (edueval/store.py). :class:`Tables` loads them once and indexes them by region,
so that :meth:`Tables.slice` gives one page's inputs — the region's own rows, its
ancestors' and the nation's, its children's names, and the evaluation results of the
region alone — in time proportional to the slice. The same slice is what a page's input
digest is computed from (report/pages.py), so a page is rendered again exactly when
something it shows changed.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .. import paths, store
from ..catalog import load_catalog
from ..regions import NATIONAL, Region, load_regions

# Tables a page reads, by the name of the slice entry → published table.
EVALUATION_TABLES = {"targets": "evaluation_targets", "series": "evaluation_series",
                     "policy": "evaluation_policy", "curves": "evaluation_curves"}
BALANCE_TABLES = {"balance": "balance_coefficients", "balance_failing": "balance_failing"}


def _by_region(frame: pd.DataFrame, column: str = "region_code") -> dict[str, pd.DataFrame]:
    if frame.empty or column not in frame.columns:
        return {}
    return {str(k): g for k, g in frame.groupby(column, sort=False, observed=True)}


class Tables:
    """The published tables, loaded once and indexed by region (cheap slices for many pages)."""

    def __init__(self, frames: dict[str, pd.DataFrame], manifests: dict[str, dict] | None = None):
        self.frames = frames
        self.manifests = manifests or {}
        obs = frames["observations"]
        self._own = _by_region(obs)
        self._applies = _by_region(obs[obs["applies_to"].notna()], "applies_to")
        self._evaluation = {key: _by_region(frames[key]) for key in EVALUATION_TABLES}
        self._quality = _by_region(frames["quality"])
        self._balance = {key: _by_region(frames[key], "county_code") for key in BALANCE_TABLES if key in frames}
        self._sources = frames["sources"].set_index("source_id", drop=False)

    @classmethod
    def load(cls, layout: paths.Layout = paths.DEFAULT) -> "Tables":
        frames = {"observations": store.read("observations", layout), "sources": store.read("sources", layout),
                  "quality": store.read("quality_log", layout)}
        for key, name in EVALUATION_TABLES.items():
            frames[key] = store.read(name, layout)
        if store.manifest("balance", layout):
            for key, name in BALANCE_TABLES.items():
                frames[key] = store.read(name, layout)
        manifests = {stage: store.manifest(stage, layout) for stage in ("clean", "evaluate", "balance")}
        return cls(frames, manifests)

    def codes_with_data(self) -> set[str]:
        """Regions with at least one observation row of their own."""
        return set(self._own)

    def slice(self, code: str) -> dict[str, pd.DataFrame]:
        """The rows one region's page depends on, and nothing else."""
        registry = load_regions()
        related = [code, *(r.code for r in registry.ancestors(code))]
        if NATIONAL not in related:
            related.append(NATIONAL)
        empty = self.frames["observations"].iloc[:0]
        obs = pd.concat([self._own.get(c, empty) for c in related] + [self._applies.get(code, empty)])
        obs = obs[~obs.index.duplicated()]
        used = pd.unique(obs["source_id"])
        parts = {"observations": obs.sort_index(),
                 "sources": self._sources.loc[[s for s in used if s in self._sources.index]].reset_index(drop=True),
                 "quality": self._quality.get(code, self.frames["quality"].iloc[:0])}
        for key in EVALUATION_TABLES:
            frame = self.frames[key]
            rows = [self._evaluation[key].get(c, frame.iloc[:0]) for c in dict.fromkeys([code, NATIONAL])]
            parts[key] = pd.concat(rows)
        for key, index in self._balance.items():
            parts[key] = index.get(code, self.frames[key].iloc[:0])
        digests = self.manifests.get("clean", {}).get("inputs", {})
        files = sorted(set(obs["input_file"].dropna())) if "input_file" in obs else []
        parts["inputs"] = pd.DataFrame({"input_file": files, "sha256": [digests.get(f, "") for f in files]})
        children = sorted(r.code for r in registry.children(code))
        parts["children"] = pd.DataFrame({"code": children, "has_data": [c in self._own for c in children]})
        return parts


def frame_digest(frame: pd.DataFrame) -> str:
    """A digest of a frame's content (column order and row order as given)."""
    buf = io.StringIO()
    frame.sort_index(axis=1).to_csv(buf, index=False)
    return hashlib.sha256(buf.getvalue().encode("utf-8")).hexdigest()


def slice_digest(parts: dict[str, pd.DataFrame]) -> str:
    return hashlib.sha256("".join(f"{k}:{frame_digest(v)}\n" for k, v in sorted(parts.items())).encode()).hexdigest()


@dataclass
class RegionContext:
    region: Region
    lang: str
    observations: pd.DataFrame  # the region's own rows, its ancestors' and the nation's
    sources: pd.DataFrame
    quality: pd.DataFrame
    targets: pd.DataFrame
    series: pd.DataFrame
    policy: pd.DataFrame
    curves: pd.DataFrame
    national_curves: pd.DataFrame
    children: pd.DataFrame = field(default_factory=pd.DataFrame)
    balance: pd.DataFrame = field(default_factory=pd.DataFrame)
    balance_failing: pd.DataFrame = field(default_factory=pd.DataFrame)
    inputs: pd.DataFrame = field(default_factory=pd.DataFrame)  # the input files this page's rows came from
    data_version: str = ""  # the digest of this page's inputs: the same inputs, the same version

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


def context_from_slice(region: Region, lang: str, parts: dict[str, pd.DataFrame]) -> RegionContext:
    def own(frame: pd.DataFrame, code: str) -> pd.DataFrame:
        return frame[frame["region_code"] == code].reset_index(drop=True) if "region_code" in frame else frame

    curves = parts["curves"]
    return RegionContext(
        region=region, lang=lang, observations=parts["observations"], sources=parts["sources"],
        quality=parts["quality"], targets=own(parts["targets"], region.code), series=own(parts["series"], region.code),
        policy=own(parts["policy"], region.code), curves=own(curves, region.code),
        national_curves=own(curves, NATIONAL), children=parts.get("children", pd.DataFrame()),
        balance=parts.get("balance", pd.DataFrame()), balance_failing=parts.get("balance_failing", pd.DataFrame()),
        inputs=parts.get("inputs", pd.DataFrame(columns=["input_file", "sha256"])),
        data_version=slice_digest(parts)[:12],
    )


_LOADED: dict[tuple, Tables] = {}


def tables_for(layout: paths.Layout) -> Tables:
    """The published tables of ``layout``, loaded once per process and per published version
    (a warm kernel renders many pages from one load)."""
    key = (str(layout.root), *(store.manifest(s, layout).get("version") for s in ("clean", "evaluate", "balance")))
    if key not in _LOADED:
        _LOADED.clear()
        _LOADED[key] = Tables.load(layout)
    return _LOADED[key]


def load_context(region_code: str, lang: str = "zh", processed: Path | str | None = None,
                 layout: paths.Layout | None = None) -> RegionContext:
    """The context of one region's page, from the published tables (``processed`` or ``layout``
    point at another checkout's data)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    if layout is None:
        layout = paths.Layout(Path(processed).resolve().parents[1]) if processed is not None else paths.DEFAULT
    region = load_regions().resolve(region_code)
    if region is None:
        raise ValueError(f"unknown region {region_code!r}: not in the region registry")
    return context_from_slice(region, lang, tables_for(layout).slice(region.code))
