"""reports/index.html (every region, its status counts, a link) and reports/manifest.json."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .. import atomic, paths
from ..catalog import load_catalog
from ..regions import NATIONAL, Region, load_regions
from . import html as h
from .fonts import font_face_css
from .i18n import STATUS, level_label, status_label

CSS = Path(__file__).with_name("style.css")
NATIONAL_INDICATORS = ("preschool_ger", "preschool_inclusive_share", "compulsory_retention", "senior_ger", "higher_ger")


def _status_counts(targets: pd.DataFrame, code: str) -> dict[str, int]:
    from .status import scorecard_rows, status_code

    rows = scorecard_rows(targets[targets["region_code"] == code]) if not targets.empty else targets
    return rows.apply(status_code, axis=1).value_counts().to_dict() if not rows.empty else {}


def national_comparison(tables) -> h.Raw:
    """The latest national value of each headline indicator beside each region's latest value."""
    obs = tables.frames["observations"]
    actual = obs[(obs["kind"] == "actual") & (obs["status"] == "ok") & (obs["school_level"] == "all")]
    catalog, registry = load_catalog(), load_regions()
    headers = ["地区 Region"] + [f"{catalog[c].name_zh}" for c in NATIONAL_INDICATORS]
    rows = []
    order = sorted(set(actual["region_code"]), key=lambda c: (c != NATIONAL, registry[c].level != "province", c))
    for code in order:
        sub = actual[actual["region_code"] == code]
        cells = []
        for ind in NATIONAL_INDICATORS:
            s = sub[sub["indicator"] == ind].sort_values("year")
            if s.empty:
                cells.append("–")
            else:
                last = s.iloc[-1]
                cells.append(f"{h.fmt_number(last['value'])} ({last['year']})" + (" *" if last["method"] == "derived" else ""))
        if any(c != "–" for c in cells):
            rows.append([registry[code].name_zh, *cells])
    return h.table(headers, rows, numeric=range(1, len(headers)))


def write_index(regions: list[Region], statuses: list[dict], tables, layout: paths.Layout = paths.DEFAULT) -> None:
    targets = tables.frames["targets"]
    obs = tables.frames["observations"]
    registry = load_regions()
    by_code = {s["code"]: s for s in statuses if s.get("lang", "zh") == "zh"}
    english = {s["code"]: s for s in statuses if s.get("lang") == "en" and s.get("ok")}
    rows = []
    for region in regions:
        status = by_code.get(region.code, {})
        n_ind = obs[(obs["region_code"] == region.code)]["indicator"].nunique()
        counts = _status_counts(targets, region.code)
        summary = ", ".join(f"{status_label(k, 'zh')[0]} {status_label(k, 'zh')[1]} {v}"
                            for k, v in sorted(counts.items(), key=lambda kv: list(STATUS).index(kv[0]) if kv[0] in STATUS else 99))
        parents = " / ".join(r.name_zh for r in registry.ancestors(region.code)) or "–"
        if status.get("ok"):
            link = h.link(status["report"], f"{region.name_zh}")
            if region.code in english:
                link = h.Raw(f"{link} · {h.link(english[region.code]['report'], 'English')}")
        else:
            link = h.Raw(f"{h.esc(region.name_zh)} <strong>（生成失败 failed）</strong>")
        rows.append([region.code, link, level_label(region.level, "zh"), parents, n_ind, summary or "–"])
    table = h.table(["代码 Code", "地区 Region", "级别 Level", "上级 Parent", "指标数 Indicators", "目标评估 Target status"],
                    rows, numeric=[4])
    failures = [s for s in statuses if not s.get("ok")]
    fail_html = ""
    if failures:
        fail_html = h.section("生成失败的地区 Failed regions", h.bullets(
            [f"{s['code']} {s.get('name', '')}: {str(s.get('error', ''))[:300]}" for s in failures]))
    body = (
        "<div class=\"ee\"><h1>edueval · 教育发展评估报告索引</h1>"
        + h.para("每个地级市和县区一份报告。状态符号与文字一起表达含义：✓ 已达成，↗ 按进度推进，⚠ 需加快或进展有限，▼ 倒退，× 未达到，? 无法判断。")
        + h.para("One report per city or district. Symbols carry the meaning with the words: ✓ achieved, ↗ on track, ⚠ acceleration needed or limited progress, ▼ deterioration, × not met, ? cannot be judged.", css="note")
        + "</div>"
        + h.section("地区 Regions", table)
        + h.section("与全国比较（最新年份） National comparison (latest year)",
                    national_comparison(tables) + h.para("* 推算值 derived value", css="small"))
        + fail_html
    )
    page = (
        "<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"/>"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\"/>"
        "<title>edueval · 报告索引</title>"
        f"<style>{font_face_css(body)}</style><style>{CSS.read_text(encoding='utf-8')}</style>"
        f"</head><body><main>{body}</main></body></html>\n"
    )
    atomic.write_text(layout.reports / "index.html", page)
    manifest = {
        "regions": [{k: v for k, v in by_code.get(r.code, {"code": r.code, "ok": False, "error": "not built"}).items()
                     if k != "traceback" or not by_code.get(r.code, {}).get("ok")}
                    for r in regions],
        "built": sum(1 for s in statuses if s.get("ok")),
        "failed": len(failures),
    }
    atomic.write_text(layout.reports / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
