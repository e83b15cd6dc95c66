"""Comparisons: the province and the nation in the same year as the region's value, the
plan's own aims where they are comparisons, and international benchmarks.

Benchmarks and aims are data (report/catalogue/benchmarks.csv: each with its document,
locator and quote), in one place. A comparison is only ever made in the same year; a
parent without a value that year is said to have none, not replaced by another year.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..catalog import load_catalog
from ..regions import NATIONAL, load_regions
from . import text as tx
from .figures import chartable_indicators

BENCHMARKS = Path(__file__).with_name("catalogue") / "benchmarks.csv"


@lru_cache(maxsize=1)
def benchmarks() -> tuple[dict, ...]:
    with open(BENCHMARKS, encoding="utf-8", newline="") as fh:
        return tuple(csv.DictReader(fh))


def comparators(ctx) -> list:
    """The regions a value is read against: the parent city, the province, the nation."""
    registry = load_regions()
    out = []
    for region in registry.ancestors(ctx.region.code):
        if region.level in ("city", "province", "national"):
            out.append(region)
    return out


def _same_year(ctx, code: str, indicator: str, level: str, year: int):
    # the series index (one small frame a series) instead of filtering every observation
    rows = ctx.series_of(code, indicator, level)
    rows = rows[rows["year"] == year]
    return rows.iloc[0] if not rows.empty else None


def _better(indicator: str, gap: float) -> bool:
    return gap <= 0 if load_catalog()[indicator].direction == "lower" else gap >= 0


def comparison_rows(ctx) -> list[dict]:
    """One row per series of the region: its latest value and each comparator's in that year.
    Computed once a page (the headline, the comparisons and the aims read them); each caller
    gets its own rows and cells, which it may change."""
    rows = ctx.memo(("comparison_rows",), lambda: _comparison_rows(ctx))
    return [{**r, "others": [dict(c) for c in r["others"]], "benchmarks": [dict(b) for b in r["benchmarks"]]}
            for r in rows]


def _comparison_rows(ctx) -> list[dict]:
    w = ctx.words
    out = []
    for ind, level in chartable_indicators(ctx):
        own = ctx.series_of(ctx.region.code, ind, level)
        last = own.sort_values("year").iloc[-1]
        year, unit = int(last["year"]), load_catalog()[ind].unit
        row = {"name": ctx.series_name(ind, level), "indicator": ind, "year": year, "anchor": ctx.anchor(last),
               "value_text": tx.with_year(tx.number(last["value"], unit, w, last["qualifier"]), year, w),
               "others": [], "nation_gap": None, "nation_better": None, "nation_text": "", "benchmarks": []}
        for region in comparators(ctx):
            other = _same_year(ctx, region.code, ind, level, year)
            cell = {"region": ctx.region_name(region), "text": w("word.no_same_year"), "gap": "", "anchor": None,
                    "better": None}
            if other is not None:
                gap = float(last["value"]) - float(other["value"])
                cell.update(text=tx.number(other["value"], unit, w, other["qualifier"]), gap=tx.difference(gap, unit, w),
                            anchor=ctx.anchor(other), better=_better(ind, gap))
                if region.code == NATIONAL:
                    row.update(nation_gap=gap, nation_better=_better(ind, gap), nation_text=cell["text"])
            row["others"].append(cell)
        row["benchmarks"] = [_benchmark_text(ctx, b, float(last["value"]), unit) for b in benchmarks()
                             if b["kind"] == "international" and b["indicator"] == ind]
        out.append(row)
    return out


def comparison_observations(ctx) -> list[pd.Series]:
    """The comparators' rows the comparisons show (for the provenance appendix)."""
    rows = []
    for ind, level in chartable_indicators(ctx):
        own = ctx.series_of(ctx.region.code, ind, level)
        year = int(own["year"].max())
        for region in comparators(ctx):
            other = _same_year(ctx, region.code, ind, level, year)
            if other is not None:
                rows.append(other)
    return rows


def _benchmark_text(ctx, bench: dict, value: float, unit: str) -> dict:
    w = ctx.words
    low, high = float(bench["low"]), float(bench["high"])
    where = "below" if value < low else ("above" if value > high else "within")
    return {"id": bench["id"], "title": bench["document"], "publisher": bench["publisher"], "url": bench["url"],
            "locator": bench["locator"], "quote": bench["quote"],
            "text": w("benchmark." + where, low=tx.number(low, unit, w), high=tx.number(high, unit, w)),
            "note": w("benchmark.note." + bench["id"]) if w.has("benchmark.note." + bench["id"]) else ""}


def plan_aims(ctx) -> list[dict]:
    """The region's plan aims that are comparisons, each checked where the data allow."""
    w = ctx.words
    rows = [r for r in comparison_rows(ctx) if r["nation_gap"] is not None]
    out = []
    for aim in benchmarks():
        if aim["kind"] != "plan_aim" or aim["region_code"] != ctx.region.code:
            continue
        common = {"quote": aim["quote"], "year": aim["year"], "source_id": aim["source_id"],
                  "title": ctx.source_title(aim["source_id"]), "locator": aim["locator"]}
        if aim["comparator"] == "national" and rows:
            years = sorted({r["year"] for r in rows})
            above = [r for r in rows if r["nation_better"]]
            finding = w("aim.national_checked", quote=aim["quote"], year=aim["year"], data_years=w.years(years),
                        n=len(rows), above=len(above),
                        below=w.join(r["name"] for r in rows if not r["nation_better"]) or w("word.none"))
        elif aim["comparator"] == "national":
            finding = w("aim.national_no_data", quote=aim["quote"], year=aim["year"])
        else:
            finding = w("aim.rank_unchecked", quote=aim["quote"], year=aim["year"],
                        province=ctx.region_name(load_regions().province_of(ctx.region.code)))
        out.append({**common, "finding": finding})
    # the same sentence for two aims of one quote is said once
    seen, unique = set(), []
    for a in out:
        if a["finding"] not in seen:
            seen.add(a["finding"])
            unique.append(a)
    return unique
