"""The charts section: each chart with its definition, its sources, the data's last year,
and its data as a CSV file inside the page (a data: URI, so it works offline)."""
from __future__ import annotations

import io

import pandas as pd

from .figures import (
    Entry,
    chart_lines,
    chartable_indicators,
    comparator_series,
    draw,
    svg,
)
from .html import Markup, data_uri, escape

CSV_COLUMNS = ["series", "region_code", "indicator", "school_level", "year", "value", "kind", "method", "source_id"]


def chart_data(ctx, indicator: str, level: str) -> pd.DataFrame:
    """Every value the chart draws, one row each (region, comparators, targets, fitted trend)."""
    own = ctx.series_of(ctx.region.code, indicator, level)  # indexed once a page, not filtered per chart
    frames = [own.assign(series=ctx.region_name())]
    for region, rows in comparator_series(ctx, indicator, level):
        frames.append(rows.assign(series=ctx.region_name(region)))
    rows = []
    for frame in frames:  # column by column: iterrows was most of the chart's data cost
        f = frame.sort_values("year")
        for series, code, year, value, method, source in zip(f["series"], f["region_code"], f["year"], f["value"],
                                                             f["method"], f["source_id"]):
            rows.append({"series": series, "region_code": code, "indicator": indicator, "school_level": level,
                         "year": int(year), "value": value, "kind": "actual", "method": method, "source_id": source})
    for ln in chart_lines(ctx, indicator, level):
        rows.append({"series": ctx.words.code("scope", ln.row["scope"]), "region_code": ln.row["target_owner"],
                     "indicator": indicator, "school_level": level, "year": int(ln.row["target_year"]),
                     "value": ln.row["target_value"], "kind": "target" if ln.is_target else ln.row["scope"],
                     "method": "", "source_id": ln.row["target_source_id"]})
    curves = ctx.curves[(ctx.curves["indicator"] == indicator) & (ctx.curves["school_level"] == level)]
    fitted = ctx.words("chart.fitted")
    for c in curves.sort_values("year")[["year", "fitted", "lower", "upper"]].to_dict("records"):
        for kind in ("fitted", "lower", "upper"):
            if pd.notna(c[kind]):
                rows.append({"series": fitted, "region_code": ctx.region.code, "indicator": indicator,
                             "school_level": level, "year": int(c["year"]), "value": c[kind], "kind": kind,
                             "method": "model", "source_id": ""})
    return pd.DataFrame(rows, columns=CSV_COLUMNS)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    buf = io.StringIO()
    frame.to_csv(buf, index=False, lineterminator="\n", float_format="%.6g")
    return "\ufeff".encode("utf-8") + buf.getvalue().encode("utf-8")  # BOM: spreadsheets read UTF-8


def _sources(ctx, indicator: str, level: str) -> str:
    w = ctx.words
    own = ctx.series_of(ctx.region.code, indicator, level)  # indexed once a page, not filtered per chart
    titles = list(dict.fromkeys(ctx.source_title(s) for s in own.sort_values("year")["source_id"]))
    if len(titles) <= 3:
        parts = [w("chart.sources_own", titles=w.join(titles))]
    else:  # a long series: how many documents, and the newest
        parts = [w("chart.sources_many", n=len(titles), title=titles[-1])]
    for region, rows in comparator_series(ctx, indicator, level):
        parts.append(w("chart.sources_other", region=ctx.region_name(region), n=rows["source_id"].nunique()))
    return " ".join(parts)


def chart_views(ctx) -> list[dict]:
    w = ctx.words
    out = []
    for ind, level in chartable_indicators(ctx):
        name = ctx.series_name(ind, level)
        anchor = f"chart-{ind}" + ("" if level == "all" else f"-{level}")
        fig, legend = draw(ctx, ind, level)
        own = ctx.series_of(ctx.region.code, ind, level)
        definition = w("def." + ind) if w.has("def." + ind) else ctx.indicator_name(ind)
        out.append({"anchor": anchor, "title": name, "svg": Markup(svg(fig, anchor)),
                    "alt": w("chart.alt", name=name, n=len(own), last=int(own["year"].max())),
                    "legend": [{"label": e.label, "swatch": swatch(e)} for e in legend], "definition": definition, "sources": _sources(ctx, ind, level),
                    "last": w("chart.last_year", year=int(own["year"].max())),
                    "csv_name": f"{ctx.region.code}-{ind}-{level}.csv",
                    "csv_href": data_uri(csv_bytes(chart_data(ctx, ind, level)), "text/csv;charset=utf-8")})
    return out


DASHES = {"-": "", "--": "5,3", ":": "1.5,2", "-.": "6,2,1.5,2"}
MARKERS = {"o": '<circle cx="15" cy="7" r="4"/>', "s": '<rect x="11.5" y="3.5" width="7" height="7"/>',
           "^": '<polygon points="15,2.5 19.5,10.5 10.5,10.5"/>', "D": '<polygon points="15,2 20,7 15,12 10,7"/>',
           "*": '<polygon points="15,1 16.8,5.2 21.2,5.5 17.8,8.3 18.9,12.6 15,10.2 11.1,12.6 12.2,8.3 8.8,5.5 13.2,5.2"/>'}


def _dash(line) -> str:
    if isinstance(line, tuple):  # (offset, (on, off, …)) as matplotlib takes it
        return ",".join(f"{v:g}" for v in line[1])
    return DASHES.get(line, "")


def swatch(entry: Entry) -> Markup:
    """A small SVG key for a legend entry, in the chart's own colour, line and marker."""
    colour = escape(entry.colour)
    parts = []
    if entry.band:
        parts.append(f'<rect x="1" y="2" width="28" height="10" fill="{colour}" fill-opacity="0.15"/>')
    if entry.line is not None:
        dash = _dash(entry.line)
        parts.append(f'<line x1="1" y1="7" x2="29" y2="7" stroke="{colour}" stroke-width="1.6"'
                     + (f' stroke-dasharray="{dash}"' if dash else "") + "/>")
    if entry.marker in MARKERS:
        fill = "white" if entry.hollow else colour
        parts.append(f'<g fill="{fill}" stroke="{colour}" stroke-width="1.3">{MARKERS[entry.marker]}</g>')
    if not parts:  # a note such as "≈ approximate": no mark of its own
        parts.append(f'<text x="15" y="11" text-anchor="middle" font-size="12" fill="{colour}">≈</text>')
    return Markup('<svg class="key" width="30" height="14" viewBox="0 0 30 14" aria-hidden="true">'
                  + "".join(parts) + "</svg>")
