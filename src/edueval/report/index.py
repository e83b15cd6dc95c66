"""reports/index.html (Chinese), reports/index.en.html (English) and reports/manifest.json.

The index lists every page with its headline verdicts, compares regions with the nation
in the same year, shows which years each region has of each indicator, and lists the
rows set aside by extraction (table ``set_aside``) and rejected by cleaning
(``quality_log`` issue ``rejected``). Its tables sort offline: a few lines of inline
JavaScript, nothing fetched.
"""
from __future__ import annotations

import json
from collections import Counter
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


def headline_counts(tables, codes: list[str]) -> dict[str, Counter]:
    """Per region, the status counts of its headline year's targets (as report/headline.py)."""
    targets = scorecard_rows(tables.frames["targets"])
    targets = targets[targets["scope"].isin(TARGET_SCOPES)]
    obs = tables.frames["observations"]
    newest = obs[obs["kind"] == "actual"].groupby("region_code")["year"].max().to_dict()
    registry, out = load_regions(), {}
    for code, rows in targets.groupby("region_code"):
        if code not in codes:
            continue
        related = [code, *(r.code for r in registry.ancestors(code)), NATIONAL]
        latest = max((int(newest[c]) for c in related if c in newest and pd.notna(newest[c])), default=None)
        years = sorted({int(y) for y in rows["target_year"]})
        ahead = [y for y in years if latest is None or y >= latest]
        year = ahead[0] if ahead else years[-1]
        chosen = rows[rows["target_year"] == year]
        out[code] = Counter(status_code(r) for _, r in chosen.iterrows())
        out[code]["_year"] = year
    return out


def _latest(obs: pd.DataFrame) -> pd.DataFrame:
    rates = [c.code for c in load_catalog() if c.unit in CHART_UNITS]
    actual = obs[(obs["kind"] == "actual") & (obs["status"] == "ok") & obs["indicator"].isin(rates)]
    return actual.sort_values("year").drop_duplicates(["region_code", "indicator", "school_level"], keep="last")


def _comparison(tables, regions: list[Region], w) -> dict:
    """Each region's latest value beside the nation's value of the same year."""
    obs = tables.frames["observations"]
    latest = _latest(obs)
    latest = latest[latest["school_level"] == "all"]
    nation = obs[(obs["region_code"] == NATIONAL) & (obs["kind"] == "actual") & (obs["status"] == "ok")]
    national = {(r["indicator"], int(r["year"])): float(r["value"]) for _, r in nation.iterrows()}
    catalog = load_catalog()
    indicators = [c for c in catalog.codes if c in set(latest["indicator"])]
    rows = []
    for region in regions:
        mine = latest[latest["region_code"] == region.code].set_index("indicator")
        if mine.empty:
            continue
        cells = []
        for ind in indicators:
            if ind not in mine.index:
                cells.append({"text": "–", "sort": "", "gap": "", "derived": False})
                continue
            r = mine.loc[ind]
            year, value = int(r["year"]), float(r["value"])
            text = tx.with_year(tx.number(value, catalog[ind].unit, w, r["qualifier"]), year, w)
            gap = ""
            if region.code != NATIONAL and (ind, year) in national:
                gap = w("index.vs_nation", gap=tx.difference(value - national[(ind, year)], catalog[ind].unit, w))
            cells.append({"text": text, "sort": fmt_number(value, 4), "gap": gap,
                          "derived": r["method"] == "derived"})
        rows.append({"region": w.name(region), "code": region.code, "cells": cells})
    return {"columns": [w.name(catalog[c]) for c in indicators], "rows": rows}


def _availability(tables, regions: list[Region], w) -> dict:
    """Which years each region has of each indicator (actual values)."""
    obs = tables.frames["observations"]
    catalog = load_catalog()
    actual = obs[(obs["kind"] == "actual") & (obs["status"] == "ok")]
    actual = actual[actual["indicator"].map(lambda c: catalog[c].unit in CHART_UNITS)]
    indicators = [c for c in catalog.codes if c in set(actual["indicator"])]
    years = actual.groupby(["region_code", "indicator"])["year"].agg(lambda s: sorted({int(y) for y in s}))
    rows = []
    for region in regions:
        cells = []
        for ind in indicators:
            ys = years.get((region.code, ind), [])
            cells.append({"text": compress(ys), "sort": str(len(ys))})
        if any(c["text"] for c in cells):
            rows.append({"region": w.name(region), "code": region.code, "cells": cells})
    return {"columns": [w.name(catalog[c]) for c in indicators], "rows": rows}


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
    return {"aside": [{"document": r["document"], "offset": "" if pd.isna(r["offset"]) else int(r["offset"]),
                       "quote": r["quote"], "reason": r["reason"]} for _, r in aside.iterrows()],
            "rejected": [{"region": r["region_code"], "indicator": r["indicator"],
                          "year": "" if pd.isna(r["year"]) else int(r["year"]), "source": r["source_id"],
                          "detail": r["detail"]} for _, r in rejected.iterrows()]}


def _pages(regions, statuses, counts, tables, lang, w) -> list[dict]:
    registry = load_regions()
    by_key = {(s["code"], s.get("lang", LANGS[0])): s for s in statuses}
    obs = tables.frames["observations"]
    actual = obs[(obs["kind"] == "actual") & (obs["status"] == "ok")]
    newest = actual.groupby("region_code")["year"].max().to_dict()
    rows = []
    for region in regions:
        mine, other = by_key.get((region.code, lang), {}), by_key.get((region.code, other_lang(lang)), {})
        count = counts.get(region.code, Counter())
        verdicts = [{"symbol": SYMBOL[c], "word": w.code("status", c), "n": count[c], "css": CSS[c]}
                    for c in ORDER if count.get(c)]
        judged = sum(v["n"] for v in verdicts if v["css"] != "no_data")
        rows.append({"code": region.code, "name": w.name(region), "level": w.code("region_level", region.level),
                     "level_sort": ("national", "province", "city", "county").index(region.level),
                     "parent": w.join(w.name(r) for r in registry.ancestors(region.code)) or "–",
                     "href": mine.get("report") if mine.get("ok") else None,
                     "other_href": other.get("report") if other.get("ok") else None,
                     "error": "" if mine.get("ok", False) else str(mine.get("error", "not built"))[:300],
                     "latest": int(newest[region.code]) if region.code in newest else "",
                     "year": count.get("_year", ""), "verdicts": verdicts, "judged": judged})
    return rows


def write_index(regions: list[Region], statuses: list[dict], tables, layout: paths.Layout = paths.DEFAULT) -> None:
    codes = [r.code for r in regions]
    counts = headline_counts(tables, codes)
    failed: dict[str, list[dict]] = {lang: [] for lang in LANGS}
    for s in statuses:
        if not s.get("ok"):
            failed.setdefault(s.get("lang", LANGS[0]), []).append(s)
    for lang in LANGS:
        w = words(lang)
        body = render("index.html.j2", w=w, pages=_pages(regions, statuses, counts, tables, lang, w),
                      comparison=_comparison(tables, regions, w), availability=_availability(tables, regions, w),
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
