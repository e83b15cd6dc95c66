"""reports/index.html (Chinese), reports/index.en.html (English) and reports/manifest.json.

The index lists every page with its headline verdicts, compares regions with the nation
in the same year, shows which years each region has of each indicator, and lists the
rows set aside by extraction (table ``set_aside``) and rejected by cleaning
(``quality_log`` issue ``rejected``). Its tables sort offline: a few lines of inline
JavaScript, nothing fetched.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from .. import atomic, paths, store
from ..catalog import load_catalog
from ..regions import NATIONAL, Region, load_regions
from . import text as tx
from .fonts import font_face_css
from .html import fmt_number, render
from .i18n import HTML_LANG, INDEX_FILE, LANGS, other_lang, words
from .status import CSS, ORDER, SYMBOL, scorecard_rows, status_code

CSS_FILE = Path(__file__).with_name("style.css")
TARGET_SCOPES = ("local", "provincial", "national")
CHART_UNITS = ("%", "years", "ratio")


def _actual(obs: pd.DataFrame) -> pd.DataFrame:
    return obs[(obs["kind"] == "actual") & (obs["status"] == "ok")]


def _columns(frame: pd.DataFrame, *names: str) -> list[tuple]:
    """The rows of a few columns as plain tuples: one pass, no per-row pandas indexing (the index
    lists every region, so anything per region and per table row would be quadratic)."""
    return list(zip(*(frame[n].tolist() for n in names))) if len(frame) else []


def _newest(obs: pd.DataFrame) -> dict[str, int]:
    years = obs.groupby("region_code")["year"].max()
    return {code: int(y) for code, y in years.items() if pd.notna(y)}


def headline_counts(tables, codes: list[str]) -> dict[str, Counter]:
    """Per region, the status counts of its headline year's targets (as report/headline.py)."""
    wanted = set(codes)
    targets = scorecard_rows(tables.frames["targets"])
    targets = targets[targets["scope"].isin(TARGET_SCOPES) & targets["region_code"].isin(wanted)]
    obs = tables.frames["observations"]
    newest = _newest(obs[obs["kind"] == "actual"])
    by_region: dict[str, list[dict]] = defaultdict(list)
    for row in targets.to_dict("records"):
        by_region[row["region_code"]].append(row)
    registry, out = load_regions(), {}
    for code in sorted(by_region):
        rows = by_region[code]
        related = [code, *(r.code for r in registry.ancestors(code)), NATIONAL]
        latest = max((newest[c] for c in related if c in newest), default=None)
        years = sorted({int(r["target_year"]) for r in rows})
        ahead = [y for y in years if latest is None or y >= latest]
        year = ahead[0] if ahead else years[-1]
        out[code] = Counter(status_code(r) for r in rows if int(r["target_year"]) == year)
        out[code]["_year"] = year
    return out


def _latest(obs: pd.DataFrame) -> pd.DataFrame:
    rates = [c.code for c in load_catalog() if c.unit in CHART_UNITS]
    actual = _actual(obs)
    actual = actual[actual["indicator"].isin(rates)]
    return actual.sort_values("year").drop_duplicates(["region_code", "indicator", "school_level"], keep="last")


class IndexFacts:
    """What the index shows, in both languages, gathered once from the tables."""

    def __init__(self, tables, codes: list[str]):
        obs = tables.frames["observations"]
        catalog = load_catalog()
        self.counts = headline_counts(tables, codes)
        self.newest = _newest(_actual(obs))
        latest = _latest(obs)
        latest = latest[latest["school_level"] == "all"]
        self.latest: dict[str, dict[str, tuple]] = defaultdict(dict)
        for code, ind, year, value, qualifier, method in _columns(
                latest, "region_code", "indicator", "year", "value", "qualifier", "method"):
            self.latest[code][ind] = (int(year), float(value), qualifier, method)
        present = set(latest["indicator"].tolist())
        self.latest_indicators = [c for c in catalog.codes if c in present]
        nation = _actual(obs[obs["region_code"] == NATIONAL])
        self.national = {(ind, int(year)): float(value)
                         for ind, year, value in _columns(nation, "indicator", "year", "value")}
        actual = _actual(obs)
        actual = actual[actual["indicator"].isin([c.code for c in catalog if c.unit in CHART_UNITS])]
        present = set(actual["indicator"].tolist())
        self.year_indicators = [c for c in catalog.codes if c in present]
        years: dict[tuple[str, str], set[int]] = defaultdict(set)
        for code, ind, year in _columns(actual, "region_code", "indicator", "year"):
            years[(code, ind)].add(int(year))
        self.years = {key: sorted(ys) for key, ys in years.items()}


def _comparison(facts: IndexFacts, regions: list[Region], w) -> dict:
    """Each region's latest value beside the nation's value of the same year."""
    catalog = load_catalog()
    rows = []
    for region in regions:
        mine = facts.latest.get(region.code)
        if not mine:
            continue
        cells = []
        for ind in facts.latest_indicators:
            if ind not in mine:
                cells.append({"text": "–", "sort": "", "gap": "", "derived": False})
                continue
            year, value, qualifier, method = mine[ind]
            text = tx.with_year(tx.number(value, catalog[ind].unit, w, qualifier), year, w)
            gap = ""
            if region.code != NATIONAL and (ind, year) in facts.national:
                gap = w("index.vs_nation", gap=tx.difference(value - facts.national[(ind, year)], catalog[ind].unit, w))
            cells.append({"text": text, "sort": fmt_number(value, 4), "gap": gap, "derived": method == "derived"})
        rows.append({"region": w.name(region), "code": region.code, "cells": cells})
    return {"columns": [w.name(catalog[c]) for c in facts.latest_indicators], "rows": rows}


def _availability(facts: IndexFacts, regions: list[Region], w) -> dict:
    """Which years each region has of each indicator (actual values)."""
    catalog = load_catalog()
    rows = []
    for region in regions:
        cells = []
        for ind in facts.year_indicators:
            ys = facts.years.get((region.code, ind), [])
            cells.append({"text": compress(ys), "sort": str(len(ys))})
        if any(c["text"] for c in cells):
            rows.append({"region": w.name(region), "code": region.code, "cells": cells})
    return {"columns": [w.name(catalog[c]) for c in facts.year_indicators], "rows": rows}


def compress(years: list[int]) -> str:
    """2010–2015, 2018, 2020–2024."""
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in tx.year_runs(years))


def _set_aside(tables, layout: paths.Layout, w) -> dict:
    try:
        aside = store.read("set_aside", layout)
    except (store.MissingStageError, KeyError):
        aside = pd.DataFrame(columns=["document", "offset", "quote", "reason"])
    quality = tables.frames["quality"]
    rejected = quality[quality["issue"] == "rejected"] if not quality.empty else quality
    return {"aside": [{"document": document, "offset": "" if pd.isna(offset) else int(offset),
                       "quote": quote, "reason": reason}
                      for document, offset, quote, reason in _columns(aside, "document", "offset", "quote", "reason")],
            "rejected": [{"region": region, "indicator": indicator, "year": "" if pd.isna(year) else int(year),
                          "source": source, "detail": detail}
                         for region, indicator, year, source, detail in _columns(
                             rejected, "region_code", "indicator", "year", "source_id", "detail")]}


def _pages(regions, statuses, facts: IndexFacts, lang, w) -> list[dict]:
    registry = load_regions()
    by_key = {(s["code"], s.get("lang", LANGS[0])): s for s in statuses}
    rows = []
    for region in regions:
        mine, other = by_key.get((region.code, lang), {}), by_key.get((region.code, other_lang(lang)), {})
        count = facts.counts.get(region.code, Counter())
        verdicts = [{"symbol": SYMBOL[c], "word": w.code("status", c), "n": count[c], "css": CSS[c]}
                    for c in ORDER if count.get(c)]
        judged = sum(v["n"] for v in verdicts if v["css"] != "no_data")
        rows.append({"code": region.code, "name": w.name(region), "level": w.code("region_level", region.level),
                     "level_sort": ("national", "province", "city", "county").index(region.level),
                     "parent": w.join(w.name(r) for r in registry.ancestors(region.code)) or "–",
                     "href": mine.get("report") if mine.get("ok") else None,
                     "other_href": other.get("report") if other.get("ok") else None,
                     "error": "" if mine.get("ok", False) else str(mine.get("error", "not built"))[:300],
                     "latest": facts.newest.get(region.code, ""),
                     "year": count.get("_year", ""), "verdicts": verdicts, "judged": judged})
    return rows


def write_index(regions: list[Region], statuses: list[dict], tables, layout: paths.Layout = paths.DEFAULT) -> None:
    facts = IndexFacts(tables, [r.code for r in regions])
    failed: dict[str, list[dict]] = {lang: [] for lang in LANGS}
    for s in statuses:
        if not s.get("ok"):
            failed.setdefault(s.get("lang", LANGS[0]), []).append(s)
    for lang in LANGS:
        w = words(lang)
        body = render("index.html.j2", w=w, pages=_pages(regions, statuses, facts, lang, w),
                      comparison=_comparison(facts, regions, w), availability=_availability(facts, regions, w),
                      quality=_set_aside(tables, layout, w), other=INDEX_FILE[other_lang(lang)],
                      other_lang=HTML_LANG[other_lang(lang)],
                      failures=failed[lang])
        page = (f"<!DOCTYPE html>\n<html lang=\"{HTML_LANG[lang]}\"><head><meta charset=\"utf-8\"/>"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"/>"
                f"<title>{w('index.title')}</title>"
                f"<style>{font_face_css(str(body))}</style><style>{CSS_FILE.read_text(encoding='utf-8')}</style>"
                f"</head><body class=\"index\"><main>{body}</main>{render('sort.html.j2')}</body></html>\n")
        atomic.write_text(layout.reports / INDEX_FILE[lang], page)
    by_code = {s["code"]: s for s in statuses if s.get("lang", LANGS[0]) == LANGS[0]}
    manifest = {
        "regions": [{k: v for k, v in by_code.get(r.code, {"code": r.code, "ok": False, "error": "not built"}).items()
                     if k != "traceback" or not by_code.get(r.code, {}).get("ok")}
                    for r in regions],
        "built": sum(1 for s in statuses if s.get("ok")),
        "failed": sum(1 for s in statuses if not s.get("ok")),
    }
    atomic.write_text(layout.reports / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
