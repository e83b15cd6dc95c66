"""Everything one region's page reads: its slice of the published tables.

The report never refits a model and never reads raw files: it reads the tables the stages
published (edueval/store.py). :class:`Tables` loads them once and indexes them by region,
so that :meth:`Tables.slice` gives one page's inputs in time proportional to the slice:
the region's own rows, its ancestors' and the nation's (the page compares with them), the
rows that quote a benchmark for it, its children (their names, whether they have a page,
and their latest value per indicator: the page lists them), its own evaluation rows and
balance rows, the sources of those rows and the input files with how many of the page's
rows each gave. The same slice is what a page's input digest is computed from
(report/pages.py), so a page is rendered again exactly when something it shows changed.

Nothing on a page depends on a neighbour's values, so a county's edit re-renders the county,
its parents and the index, never its neighbours (benchmarks/bench_incremental.py measures
it): the comparison of a region with its same-level peers (the difference-in-differences
rows of evaluation_policy, which move whenever a peer's values move) is shown on the page
of the province that holds the peer group (report/peers.py); the region's own page says
only that the comparison is there. An input file is listed with the page's row count, not
the file's digest, because one file holds many regions.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths, store
from ..catalog import load_catalog
from ..regions import NATIONAL, Region, load_regions
from .digests import NO_ROWS, HashedRows, slice_digest

# Tables a page reads, by the name of the slice entry → published table.
EVALUATION_TABLES = {"targets": "evaluation_targets", "series": "evaluation_series",
                     "policy": "evaluation_policy", "curves": "evaluation_curves"}
BALANCE_TABLES = {"balance": "balance_coefficients", "balance_failing": "balance_failing",
                  "balance_schools": "balance_schools"}
CHILD_UNITS = ("%", "years", "ratio")  # a parent page lists its children's rates, not their counts
CHILD_COLUMNS = ["region_code", "indicator", "school_level", "year", "value", "method", "qualifier", "source_id"]
# evaluation_policy columns that depend on a region's peers: shown on the province's page only
PEER_PREFIX = "did_"
PEER_ON = "did_on_province"  # what the region's own page keeps: the province whose page compares it


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
        registry = load_regions()
        own_policy, self._peers = split_peer_columns(frames["policy"], registry)
        self._own_policy = own_policy
        self._evaluation = {key: _by_region(own_policy if key == "policy" else frames[key])
                            for key in EVALUATION_TABLES}
        self._quality = _by_region(frames["quality"])
        self._balance = {key: _by_region(frames[key], "county_code") for key in BALANCE_TABLES if key in frames}
        self._sources = frames["sources"].set_index("source_id", drop=False)
        self._children: dict[str, list[str]] = defaultdict(list)
        for region in registry:
            if region.parent:
                self._children[region.parent].append(region.code)
        # a region has a page when it or a descendant has data (report/pages.py)
        self.with_page = {NATIONAL}
        for code in self._own:
            if code in registry:
                self.with_page.add(code)
                self.with_page.update(r.code for r in registry.ancestors(code))
        # the latest actual value of every region's series (what a parent page lists)
        catalog = load_catalog()
        rates = [c.code for c in catalog if c.unit in CHILD_UNITS]
        actual = obs[(obs["kind"] == "actual") & (obs["status"] == "ok") & obs["indicator"].isin(rates)]
        latest = actual.sort_values("year").drop_duplicates(["region_code", "indicator", "school_level"], keep="last")
        self._latest_frame = latest[CHILD_COLUMNS].sort_values(["region_code", "indicator", "school_level"])
        self._latest = _by_region(self._latest_frame)

    @classmethod
    def load(cls, layout: paths.Layout = paths.DEFAULT) -> Tables:
        frames = {"observations": store.read("observations", layout), "sources": store.read("sources", layout),
                  "quality": store.read("quality_log", layout)}
        for key, name in EVALUATION_TABLES.items():
            frames[key] = store.read(name, layout)
        if store.manifest("balance", layout):
            for key, name in BALANCE_TABLES.items():
                try:
                    frames[key] = store.read(name, layout)
                except store.MissingStageError:
                    pass
        manifests = {stage: store.manifest(stage, layout) for stage in ("clean", "evaluate", "balance")}
        return cls(frames, manifests)

    @cached_property
    def _rows(self) -> dict[str, HashedRows]:
        """Every row of each table a slice takes rows from, hashed once (pandas, 64 bits), and each
        region's row positions: a page's digest then hashes its rows' hashes, found by position,
        instead of building its frames, so it costs the same at 50 regions as at 3,000
        (benchmarks/bench_incremental.py)."""
        obs = self.frames["observations"]
        out = {"observations": HashedRows.of(obs, "region_code"),
               "applies": HashedRows.of(obs, "applies_to"),
               "quality": HashedRows.of(self.frames["quality"], "region_code"),
               "sources": HashedRows.of(self._sources, None),
               "children_latest": HashedRows.of(self._latest_frame, "region_code"),
               "peer_policy": HashedRows.of(self.frames["policy"], None,
                                             {k: self.frames["policy"].index.get_indexer(g.index)
                                              for k, g in self._peers.items()})}
        for key in EVALUATION_TABLES:
            out[key] = HashedRows.of(self._own_policy if key == "policy" else self.frames[key], "region_code")
        for key in self._balance:
            out[key] = HashedRows.of(self.frames[key], "county_code")
        return out

    @cached_property
    def _source_of_row(self) -> np.ndarray:
        """For each observation row, the position of its source in the sources table (-1: none)."""
        return self._sources.index.get_indexer(self.frames["observations"]["source_id"])

    def digest(self, code: str) -> str:
        """The digest of one region's slice (what report/pages.py compares), made from the hashes
        of the rows :meth:`slice` would take, without building its frames. Every part of the slice
        is covered (tests/report/test_slice.py checks the names): ``inputs`` counts the
        observation rows' input files, so the observations' hashes cover it."""
        rows, related = self._rows, self._related(code)
        obs = np.unique(np.concatenate([rows["observations"].at(c) for c in related] + [rows["applies"].at(code)]))
        sources = np.unique(self._source_of_row[obs])
        children, has_data, has_page = self._children_of(code)
        parts = {"observations": rows["observations"].hash(obs),
                 "sources": rows["sources"].hash(sources[sources >= 0]),
                 "children": hashlib.sha256(repr((children, has_data, has_page)).encode()).hexdigest(),
                 "children_latest": rows["children_latest"].hash(
                     np.concatenate([rows["children_latest"].at(c) for c in children] or [NO_ROWS]))}
        for key in ("quality", "peer_policy", *EVALUATION_TABLES, *self._balance):
            parts[key] = rows[key].hash(rows[key].at(code))
        return hashlib.sha256("\n".join(f"{k}:{v}" for k, v in sorted(parts.items())).encode()).hexdigest()

    def digest_parts(self) -> set[str]:
        """The slice entries a digest covers (with ``inputs``, implied by the observations)."""
        return {"observations", "sources", "children", "children_latest", "quality", "peer_policy", "inputs",
                *EVALUATION_TABLES, *self._balance}

    def _related(self, code: str) -> list[str]:
        related = [code, *(r.code for r in load_regions().ancestors(code))]
        return related if NATIONAL in related else [*related, NATIONAL]

    def _children_of(self, code: str) -> tuple[list[str], list[bool], list[bool]]:
        """A region's children a page lists (a former division only when it has a page of its own),
        whether each has data and whether each has a page."""
        registry = load_regions()
        children = sorted(c for c in self._children.get(code, [])
                          if c in self.with_page or not getattr(registry[c], "historical", False))
        return children, [c in self._own for c in children], [c in self.with_page for c in children]

    def codes_with_data(self) -> set[str]:
        """Regions with at least one observation row of their own."""
        return set(self._own)

    def slice(self, code: str) -> dict[str, pd.DataFrame]:
        """The rows one region's page depends on, and nothing else."""
        related = self._related(code)
        empty = self.frames["observations"].iloc[:0]
        obs = pd.concat([self._own.get(c, empty) for c in related] + [self._applies.get(code, empty)])
        obs = obs[~obs.index.duplicated()]
        used = pd.unique(obs["source_id"])
        parts = {"observations": obs.sort_index(),
                 "sources": self._sources.loc[[s for s in used if s in self._sources.index]].reset_index(drop=True),
                 "quality": self._quality.get(code, self.frames["quality"].iloc[:0])}
        for key in EVALUATION_TABLES:  # the region's own evaluation rows only
            parts[key] = self._evaluation[key].get(code, self.frames[key].iloc[:0])
        for key, index in self._balance.items():
            parts[key] = index.get(code, self.frames[key].iloc[:0])
        parts["peer_policy"] = self._peers.get(code, self.frames["policy"].iloc[:0])
        counts = obs["input_file"].dropna().value_counts().sort_index() if "input_file" in obs else pd.Series()
        parts["inputs"] = pd.DataFrame({"input_file": counts.index.astype(str), "rows": counts.to_numpy(int)})
        children, has_data, has_page = self._children_of(code)
        parts["children"] = pd.DataFrame({"code": children, "has_data": has_data, "has_page": has_page})
        empty_latest = pd.DataFrame(columns=CHILD_COLUMNS)
        latest = [self._latest[c] for c in children if c in self._latest]
        parts["children_latest"] = pd.concat(latest, ignore_index=True) if latest else empty_latest
        return parts


def split_peer_columns(policy: pd.DataFrame, registry) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """evaluation_policy without the peer-dependent columns (each region's own rows, with the
    province whose page compares it), and, by province code, the rows its page compares."""
    peer = [c for c in policy.columns if c.startswith(PEER_PREFIX)]
    if policy.empty or "did_estimate" not in policy.columns:
        return policy.drop(columns=peer), {}
    province = {c: (p.code if (p := registry.province_of(c)) is not None else "") if c in registry else ""
                for c in pd.unique(policy["region_code"])}
    compared = policy["did_estimate"].notna().to_numpy()
    where = policy["region_code"].map(province).fillna("").astype(str)
    own = policy.drop(columns=peer).assign(**{PEER_ON: where.where(compared, "")})
    peers = policy[compared & (where != "").to_numpy() & (where != policy["region_code"]).to_numpy()]
    by_province = {str(k): g.sort_values(["policy_id", "indicator", "school_level", "region_code"])
                   for k, g in peers.groupby(where[peers.index], sort=False)}
    return own, by_province


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
    national_curves: pd.DataFrame  # the nation's curves on the nation's page (other pages do not draw them)
    children: pd.DataFrame = field(default_factory=pd.DataFrame)  # code, has_data, has_page
    balance: pd.DataFrame = field(default_factory=pd.DataFrame)
    balance_failing: pd.DataFrame = field(default_factory=pd.DataFrame)
    inputs: pd.DataFrame = field(default_factory=pd.DataFrame)  # input_file, rows: where this page's rows came from
    peer_policy: pd.DataFrame = field(default_factory=pd.DataFrame)  # a province page: its regions against peers
    data_version: str = ""  # the digest of this page's inputs: the same inputs, the same version
    children_latest: pd.DataFrame = field(default_factory=pd.DataFrame)  # each child's latest value per series
    balance_schools: pd.DataFrame = field(default_factory=pd.DataFrame)
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def words(self):
        from .i18n import words

        return words(self.lang)

    @cached_property
    def used_rows(self) -> pd.DataFrame:
        """The observation rows this region's page shows (computed once per page)."""
        from .provenance import used_rows

        return used_rows(self)

    @cached_property
    def _lines(self):
        from .lines import build_lines

        return build_lines(self)

    @property
    def lines(self):
        """The page's target lines, one per target (report/lines.py)."""
        return self._lines[0]

    @property
    def standards(self):
        """The county evaluation standards, each judged on all its conditions."""
        return self._lines[1]

    @property
    def own(self) -> pd.DataFrame:
        return self.observations[self.observations["region_code"] == self.region.code]

    @cached_property
    def actuals(self) -> pd.DataFrame:
        own = self.own
        return own[(own["kind"] == "actual") & (own["status"] == "ok")]

    @cached_property
    def actual_index(self) -> dict[tuple[str, str, int], pd.Series]:
        """(indicator, school_level, year) → the region's actual row."""
        return {(r["indicator"], r["school_level"], int(r["year"])): r for _, r in self.actuals.iterrows()}

    def actuals_of(self, code: str) -> pd.DataFrame:
        obs = self.observations
        return obs[(obs["region_code"] == code) & (obs["kind"] == "actual") & (obs["status"] == "ok")]

    @cached_property
    def _series_index(self) -> dict[tuple[str, str, str], pd.DataFrame]:
        obs = self.observations
        actual = obs[(obs["kind"] == "actual") & (obs["status"] == "ok")].sort_values("year", kind="stable")
        return {k: g for k, g in actual.groupby(["region_code", "indicator", "school_level"], sort=False)}

    def series_of(self, code: str, indicator: str, level: str = "all") -> pd.DataFrame:
        """One region's actual values of one series, by year (any region of the slice)."""
        found = self._series_index.get((code, indicator, level))
        return found if found is not None else self.observations.iloc[:0]

    def memo(self, key: tuple, make):
        """A value computed once per page (charts, comparisons and the appendix share them)."""
        if key not in self.cache:
            self.cache[key] = make()
        return self.cache[key]

    def national_actuals(self) -> pd.DataFrame:
        return self.actuals_of(NATIONAL)

    def anchor(self, row) -> str:
        from .provenance import obs_anchor

        return obs_anchor(row)

    @cached_property
    def _titles(self) -> dict[str, str]:
        return dict(zip(self.sources["source_id"], self.sources["title"]))

    def source_title(self, source_id: str) -> str:
        return self._titles.get(source_id, source_id)

    def indicator_name(self, code: str) -> str:
        return self.words.name(load_catalog()[code])

    def series_name(self, indicator: str, school_level: str = "all") -> str:
        """Indicator name with its school level, e.g. 综合差异系数 · 小学."""
        name = self.indicator_name(indicator)
        if school_level == "all":
            return name
        return self.words("fmt.series_level", name=name, level=self.words.code("level", school_level))

    def region_name(self, region: Region | None = None) -> str:
        return self.words.name(region or self.region)


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
        inputs=parts.get("inputs", pd.DataFrame(columns=["input_file", "rows"])),
        peer_policy=parts.get("peer_policy", pd.DataFrame()),
        data_version=slice_digest(parts)[:12],
        children_latest=parts.get("children_latest", pd.DataFrame(columns=CHILD_COLUMNS)),
        balance_schools=parts.get("balance_schools", pd.DataFrame()),
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
    from .i18n import LANGS

    if lang not in LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    if layout is None:
        layout = paths.Layout(Path(processed).resolve().parents[1]) if processed is not None else paths.DEFAULT
    region = load_regions().resolve(region_code)
    if region is None:
        raise ValueError(f"unknown region {region_code!r}: not in the region registry")
    return context_from_slice(region, lang, tables_for(layout).slice(region.code))
