"""Provenance: every number traceable to a source row and a document.

Each observation row gets a stable anchor (``obs-…``) derived from its key, so a cell can
link to the row it shows, and each document one (``src-…``). The appendix lists exactly
the rows the page shows (:func:`used_rows`), grouped by document, with the official page
(``url``) and the copy read (``read_at``) as links.
"""
from __future__ import annotations

import hashlib
import subprocess
from importlib import metadata

import pandas as pd

from .. import paths
from ..schema import KEY
from .text import year_runs

PACKAGES = ("edueval", "pandas", "numpy", "scipy", "statsmodels", "matplotlib", "jinja2", "papermill",
            "nbconvert", "pandera", "fonttools")
KIND_ORDER = {"actual": 0, "change": 1, "target": 2, "benchmark": 3}


def obs_anchor(row) -> str:
    """A stable anchor for one observation row (same row, same anchor, build after build)."""
    parts = [str(row[k]) for k in (*KEY, "source_id")]
    return "obs-" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]


def src_anchor(source_id: str) -> str:
    return "src-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in str(source_id))


def used_rows(ctx) -> pd.DataFrame:
    """The rows the page shows: the region's own, the rows stating its targets, standards and
    quoted benchmarks, and the parents' values its comparisons and charts draw."""
    from .comparisons import comparison_observations
    from .figures import chartable_indicators, comparator_series
    from .headline import target_observation

    obs = ctx.observations
    keep = set(obs.index[(obs["region_code"] == ctx.region.code) | (obs["applies_to"] == ctx.region.code)])
    for line in ctx.lines:
        row = target_observation(ctx, line.row)
        if row is not None:
            keep.add(row.name)
        for other in line.also_in:
            keep.update(_statements(ctx, line.row, other))
    for standard in ctx.standards:
        keep.update(obs.index[(obs["source_id"] == standard.source_id) & (obs["applies_to"] == "county")
                              & (obs["kind"] == "benchmark")])
    keep.update(r.name for r in comparison_observations(ctx))
    for ind, level in chartable_indicators(ctx):
        for _, rows in comparator_series(ctx, ind, level):
            keep.update(rows.index)
    return obs.loc[sorted(keep)]


def _statements(ctx, row, source_id: str) -> list:
    obs = ctx.observations
    hit = obs[(obs["source_id"] == source_id) & (obs["indicator"] == row["indicator"])
              & (obs["school_level"] == row["school_level"]) & obs["kind"].isin(["target", "benchmark"])]
    return list(hit.index)


def value_text(row, w) -> str:
    from . import text as tx

    if row["status"] == "masked":
        return w("word.masked")
    return tx.number(row["value"], row["unit"], w, row["qualifier"])


def appendix_view(ctx) -> dict:
    w = ctx.words
    rows = ctx.used_rows
    own_sources = set(ctx.own["source_id"])
    sources = ctx.sources[ctx.sources["source_id"].isin(rows["source_id"])]
    sources = sources.assign(_own=~sources["source_id"].isin(own_sources)).sort_values(["_own", "date", "source_id"],
                                                                                       ascending=[True, False, True])
    # one sort of every row, documents first, then each document's order (a stable sort, so
    # rows tied on every key keep the order a sort of each document's rows alone gives them)
    place = {sid: i for i, sid in enumerate(sources["source_id"])}
    ranked = rows.assign(_doc=rows["source_id"].map(place), _self=rows["region_code"] != ctx.region.code,
                         _k=rows["kind"].map(KIND_ORDER).fillna(9))
    ranked = ranked[ranked["_doc"].notna()].sort_values(
        ["_doc", "_self", "indicator", "school_level", "_k", "year", "region_code"], kind="stable")
    by_doc: dict[int, list[dict]] = {}
    names = _RowNames(ctx)
    columns = list(rows.columns)
    for doc, values in zip(ranked["_doc"], ranked[columns].values):
        by_doc.setdefault(int(doc), []).append(_row_view(ctx, dict(zip(columns, values)), names))
    documents = []
    for i, s in enumerate(sources.to_dict("records")):
        url, read_at = _text(s.get("url")), _text(s.get("read_at"))
        documents.append({
            "id": s["source_id"], "anchor": src_anchor(s["source_id"]), "title": s["title"], "publisher": s["publisher"],
            "date": s["date"], "kind": w.code("source_kind", s["kind"]), "note": _text(s.get("note")),
            "url": url if url.startswith(("http://", "https://")) else "",
            "read_at": read_at, "read_at_href": read_at.startswith(("http://", "https://")),
            "rows": by_doc.get(i, []),
        })
    headers = [w("col.indicator"), w("col.region"), w("col.year"), w("col.kind"), w("col.value"), w("col.locator"),
               w("col.quote")]
    summary = w("sources.summary", documents=len(documents), rows=len(rows))
    return {"documents": documents, "headers": headers, "summary": summary}


class _RowNames:
    """A page's region and series names, each looked up once (a page's appendix repeats them)."""

    def __init__(self, ctx):
        from ..regions import load_regions

        self.ctx, self.registry = ctx, load_regions()
        self.regions: dict[tuple, str] = {}
        self.series: dict[tuple, str] = {}

    def region(self, code, fallback) -> str:
        key = (code, fallback)
        if key not in self.regions:
            self.regions[key] = self.ctx.region_name(self.registry[code]) if code in self.registry else fallback
        return self.regions[key]

    def series_name(self, indicator, level) -> str:
        key = (indicator, level)
        if key not in self.series:
            self.series[key] = self.ctx.series_name(indicator, level)
        return self.series[key]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _row_view(ctx, r, names: _RowNames) -> dict:
    w = ctx.words
    method = ""
    if r["method"] == "derived":
        method = w("sources.derived", how=_text(r["derivation"]))
    elif r["method"] == "extracted":
        method = w("flag.extracted")
    return {"anchor": obs_anchor(r), "indicator": names.series_name(r["indicator"], r["school_level"]),
            "region": names.region(r["region_code"], r["region_name"]),
            "year": "" if pd.isna(r["year"]) else int(r["year"]), "kind": w.code("kind", r["kind"]),
            "value": value_text(r, w), "locator": _text(r["locator"]), "quote": _text(r["quote"]), "method": method}


def quality_view(ctx) -> dict:
    """Issues of the region's rows by kind (masked, conflicting, derived…), and missing years."""
    w = ctx.words
    q = ctx.quality
    issues = []
    if q is not None and not q.empty:
        for issue, group in q.groupby("issue", sort=True):
            items = [w("quality.item", name=ctx.series_name(r["indicator"], r["school_level"]),
                       year="" if pd.isna(r["year"]) else int(r["year"]), source=r["source_id"])
                     for _, r in group.sort_values(["indicator", "year", "source_id"]).iterrows()]
            issues.append({"title": w("quality.issue_count", issue=w.code("issue", issue), n=len(group)),
                           "text": w.join(dict.fromkeys(items))})
    same: dict[tuple, list[str]] = {}  # series with the same missing years are named together
    for (ind, level), g in ctx.actuals.groupby(["indicator", "school_level"]):
        years = sorted(int(y) for y in g["year"])
        missing = tuple(sorted(set(range(years[0], years[-1] + 1)) - set(years)))
        if missing:
            same.setdefault((years[0], years[-1], missing), []).append(ctx.series_name(ind, level))
    gaps = [w("quality.missing_years", name=w.join(names), first=first, last=last, years=compress_years(missing, w))
            for (first, last, missing), names in sorted(same.items())]
    return {"issues": issues, "gaps": gaps}


def compress_years(years, w) -> str:
    """2016–2019 for a run of three or more years, else the years one by one."""
    return w.join(f"{r[0]}–{r[-1]}" if len(r) > 2 else w.years(r) for r in year_runs(years))


def git_revision() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=paths.ROOT, capture_output=True,
                             text=True, timeout=10, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=paths.ROOT,
                               capture_output=True, text=True, timeout=10, check=False).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "unknown (not a git checkout)"


def build_view(ctx) -> dict:
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    inputs = [(name, int(rows)) for name, rows in zip(ctx.inputs["input_file"], ctx.inputs["rows"])]
    return {"git": git_revision(), "version": ctx.data_version, "packages": " · ".join(versions), "inputs": inputs}
