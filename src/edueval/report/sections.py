"""The sections of a region's page, each a function of the region's context returning HTML.

The report notebook calls :func:`page` (every section in order, one kernel round trip);
a researcher can call any section alone in JupyterLab. Each section fills a template of
src/edueval/templates/report/ with values prepared here; docs/report.md says how to read
the page.
"""
from __future__ import annotations

from ..regions import load_regions
from . import cells
from . import text as tx
from .html import Markup, render
from .i18n import HTML_LANG, INDEX_FILE, other_lang


def page_file(region, lang: str) -> str:
    from .pages import report_name

    return report_name(region, lang)


def index_file(lang: str) -> str:
    return INDEX_FILE[lang]


def _nav(ctx) -> dict:
    w, registry = ctx.words, load_regions()
    crumbs = [{"name": ctx.region_name(r), "href": page_file(r, ctx.lang)}
              for r in reversed(registry.ancestors(ctx.region.code))]
    crumbs.append({"name": ctx.region_name(), "href": None})
    other = other_lang(ctx.lang)
    return {"index": index_file(ctx.lang), "crumbs": crumbs, "other": page_file(ctx.region, other),
            "other_label": w("nav.other_language"), "other_html_lang": HTML_LANG[other]}


TOC = (("headline", "h.headline"), ("scorecard", "h.scorecard"), ("comparisons", "h.comparisons"),
       ("charts", "h.charts"), ("policy", "h.policy"), ("peers", "h.peers"), ("balance", "h.balance"), ("children", "h.children"),
       ("quality", "h.quality"), ("sources", "h.sources"))


def header(ctx, present: list[str] | None = None) -> Markup:
    """Title, navigation and what the page rests on; ``present``: the sections to list."""
    w, region = ctx.words, ctx.region
    ancestors = load_regions().ancestors(region.code)
    parents = w.join(ctx.region_name(r) for r in ancestors)
    facts = []
    actual = ctx.actuals
    if not actual.empty:
        facts.append(w("header.years", period=tx.period(actual["year"].min(), actual["year"].max(), w),
                       n=actual["indicator"].nunique()))
    local = ctx.sources[ctx.sources["source_id"].isin(ctx.actuals["source_id"])].sort_values(["date", "source_id"])
    if len(local) <= 3:
        for _, s in local.iterrows():
            facts.append(w("header.local_document", title=s["title"], date=s["date"]))
    else:  # a long series (the nation's bulletins): the count and the newest
        newest = local.iloc[-1]
        facts.append(w("header.local_documents", n=len(local), title=newest["title"], date=newest["date"]))
    used = ctx.used_rows["source_id"].nunique()
    facts.append(w("header.documents", n=used, version=ctx.data_version) if used else
                 w("header.no_documents", version=ctx.data_version))
    toc = [{"anchor": a, "title": w(k)} for a, k in TOC if present is None or a in present]
    return render("header.html.j2", w=w, nav=_nav(ctx), title=w("page.title", name=ctx.region_name()),
                  meta=w("header.meta" if ancestors else "header.meta_top", code=region.code,
                         level=w.code("region_level", region.level), parents=parents),
                  pseudo=w("header.pseudo") if region.pseudo else "", facts=facts, toc=toc)


HEADLINE_COLUMNS = ("col.indicator", "col.target", "col.base", "col.latest", "col.gap", "col.need", "col.achieved",
                    "col.verdict")


def headline(ctx) -> Markup:
    from .headline import headline_view

    w = ctx.words
    view = headline_view(ctx)
    title = w("h.headline_year", year=view["year"]) if view["year"] else w("h.headline")
    return render("headline.html.j2", w=w, view=view, title=title, headers=[w(k) for k in HEADLINE_COLUMNS])


SCORECARD_COLUMNS = ("col.indicator", "col.target_document", "col.base", "col.latest", "col.verdict", "col.reason",
                     "col.schedule", "col.projection")


def scorecard(ctx) -> Markup:
    from .headline import line_view

    w = ctx.words
    groups: dict[tuple, list] = {}
    without = []
    for line in ctx.lines:
        if not line.has_value:
            without.append(line)
            continue
        key = (0, -int(line.row["target_year"])) if line.is_target else (1, 0)
        view = line_view(ctx, line)
        view.update(ratio=cells.ratio_cell(ctx, line), schedule=cells.schedule_cell(ctx, line),
                    projection=cells.projection_cell(ctx, line),
                    rule=w.column(line.row, "rule_label") or w.code("rule", line.row["rule"]))
        groups.setdefault(key, []).append(view)
    titled = [{"title": w("scorecard.group_year", year=-k[1]) if k[0] == 0 else w("scorecard.group_quoted"),
               "rows": rows} for k, rows in sorted(groups.items())]
    standards = [_standard_view(ctx, s) for s in ctx.standards if s.has_value]
    empty_standards = [s for s in ctx.standards if not s.has_value]
    items = [f"{ctx.series_name(*ln.key)} {cells.target_text(ctx, ln.row)}" for ln in without]
    items += [ctx.source_title(s.source_id) for s in empty_standards]
    without_view = {"title": w("scorecard.without", n=len(items)), "names": w.join(items)} if items else None
    return render("scorecard.html.j2", w=w, groups=titled, headers=[w(k) for k in SCORECARD_COLUMNS],
                  standards=standards, without=without_view,
                  standard_headers=[w("col.standard"), w("col.conditions"), w("col.verdict")])


def _standard_view(ctx, standard) -> dict:
    from .provenance import src_anchor

    w = ctx.words
    conditions = []
    for c in standard.conditions:
        unit = cells.unit_of(c.indicator)
        from . import text as tx

        latest = None
        if c.row is not None:
            latest = cells.value_cell(ctx, c.indicator, c.school_level, c.row.get("status_value"), c.row.get("status_year"))
        conditions.append({"name": ctx.series_name(c.indicator, c.school_level), "verdict": cells.verdict(ctx, c.code),
                           "target": tx.number(c.value, unit, w, c.qualifier), "latest": latest})
    code = standard.code
    if code == "achieved":
        reason = w("standard.all_met", n=len(standard.conditions))
    elif code == "not achieved":
        reason = w("standard.some_not_met", names=w.join(ctx.series_name(c.indicator, c.school_level)
                                                          for c in standard.conditions if c.code == "not achieved"))
    else:
        reason = w("standard.missing", names=w.join(ctx.series_name(c.indicator, c.school_level) for c in standard.missing))
    ids = [standard.source_id, *standard.also_in]
    return {"title": ctx.source_title(standard.source_id), "conditions": conditions,
            "verdict": cells.verdict(ctx, code), "reason": reason,
            "documents": [{"id": s, "anchor": src_anchor(s), "title": ctx.source_title(s)} for s in ids]}


def comparisons(ctx) -> Markup:
    from .comparisons import comparators, comparison_rows, plan_aims

    w = ctx.words
    rows = comparison_rows(ctx)
    benches = []
    for r in rows:
        for b in r["benchmarks"]:
            benches.append({**b, "name": r["name"], "value": r["value_text"]})
    aims: dict[str, dict] = {}  # one paragraph per quote, with every finding on it
    for a in plan_aims(ctx):
        aims.setdefault(a["quote"], {**a, "anchor": _src(a["source_id"]), "findings": []})["findings"].append(a["finding"])
    # a parent without any value in the region's years is named once, not shown as an empty column
    shown = [i for i, c in enumerate(comparators(ctx)) if any(r["others"][i]["anchor"] for r in rows)]
    absent = [ctx.region_name(c) for i, c in enumerate(comparators(ctx)) if i not in shown]
    for r in rows:
        r["others"] = [r["others"][i] for i in shown]
    columns = [ctx.region_name(comparators(ctx)[i]) for i in shown]
    return render("comparisons.html.j2", w=w, rows=rows if columns else [], columns=columns,
                  region=ctx.region_name(), benchmarks=benches, aims=list(aims.values()),
                  absent=w("comparisons.absent", names=w.join(absent)) if absent and rows else "")


def _src(source_id: str) -> str:
    from .provenance import src_anchor

    return src_anchor(source_id)


def charts(ctx) -> Markup:
    from .charts import chart_views

    return render("charts.html.j2", w=ctx.words, charts=chart_views(ctx))


def policy(ctx) -> Markup:
    from .narrative import policy_view

    return render("policy.html.j2", w=ctx.words, view=policy_view(ctx))


def peers(ctx) -> Markup | None:
    """A province's regions against their same-level peers (report/peers.py)."""
    from .peers import peers as peers_section

    return peers_section(ctx)


def balance(ctx, data=None) -> Markup | None:
    """The school-balance section, present only when the balance stage published rows for
    the county (``data``: a BalanceResult to show instead, for researchers)."""
    from ..balance.section import balance_view

    view = balance_view(ctx, data)
    return None if view is None else render("balance.html.j2", w=ctx.words, **view)


def children(ctx) -> Markup | None:
    """The region's children: a link to each child's page and its latest values."""
    w = ctx.words
    kids = ctx.children
    if kids is None or kids.empty:
        return None
    registry = load_regions()
    latest = ctx.children_latest
    keys = list(dict.fromkeys(zip(latest["indicator"], latest["school_level"]))) if not latest.empty else []
    keys = sorted(keys, key=lambda k: (cells.load_catalog().codes.index(k[0]), k[1]))[:6]
    rows, without = [], []
    for _, kid in kids.iterrows():
        region = registry[kid["code"]]
        if not bool(kid["has_page"]):
            without.append(ctx.region_name(region))
            continue
        mine = latest[latest["region_code"] == region.code] if not latest.empty else latest
        row_cells = []
        for ind, level in keys:
            hit = mine[(mine["indicator"] == ind) & (mine["school_level"] == level)]
            row_cells.append("–" if hit.empty else cells.tx.with_year(
                cells.tx.number(hit.iloc[0]["value"], cells.unit_of(ind), w, hit.iloc[0]["qualifier"]),
                hit.iloc[0]["year"], w))
        rows.append({"name": ctx.region_name(region), "href": page_file(region, ctx.lang), "cells": row_cells})
    return render("children.html.j2", w=w, rows=rows, columns=[ctx.series_name(*k) for k in keys],
                  without=w("children.without", names=w.join(without)) if without else "")


def quality(ctx) -> Markup:
    from .provenance import quality_view

    return render("quality.html.j2", w=ctx.words, **quality_view(ctx))


def provenance(ctx) -> Markup:
    from .provenance import appendix_view

    return render("appendix.html.j2", w=ctx.words, **appendix_view(ctx))


def methods(ctx) -> Markup:
    from .narrative import methods_items

    return render("methods.html.j2", w=ctx.words, items=methods_items(ctx))


def build(ctx) -> Markup:
    from .provenance import build_view

    return render("build.html.j2", w=ctx.words, **build_view(ctx))


def page(ctx) -> Markup:
    """The whole page body: every section that has something to say, in order (a region
    without data of its own shows its headline, its children and where they come from)."""
    from .figures import chartable_indicators

    own = not ctx.own.empty
    parts = {"headline": headline(ctx),
             "scorecard": scorecard(ctx) if (ctx.lines or ctx.standards) else None,
             "comparisons": comparisons(ctx) if own else None,
             "charts": charts(ctx) if chartable_indicators(ctx) else None,
             "policy": policy(ctx) if own else None,
             "peers": peers(ctx),
             "balance": balance(ctx), "children": children(ctx),
             "quality": quality(ctx) if own else None,
             "sources": provenance(ctx) if not ctx.used_rows.empty else None}
    present = [k for k, v in parts.items() if v is not None]
    body = [header(ctx, present), *(v for v in parts.values() if v is not None), methods(ctx), build(ctx)]
    return Markup(f'<div class="report" lang="{HTML_LANG[ctx.lang]}">') + Markup("\n").join(body) + Markup("</div>")


__all__ = [
    "balance",
    "build",
    "charts",
    "children",
    "comparisons",
    "header",
    "headline",
    "methods",
    "page",
    "peers",
    "policy",
    "provenance",
    "quality",
    "scorecard",
]
