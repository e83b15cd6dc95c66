"""The charts section: each chart with its definition, its sources, the data's last year,
and its data as a CSV file inside the page (a data: URI, so it works offline)."""
from __future__ import annotations

import html
import io
import math
from functools import lru_cache

import pandas as pd

from .figures import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RIGHT,
    TOP,
    WIDTH,
    Band,
    Chart,
    Entry,
    HLine,
    HSpan,
    Markers,
    Polyline,
    ValueLabel,
    chart_lines,
    chart_model,
    chartable_indicators,
    comparator_series,
)
from .fonts import FONT_FAMILY, font_path
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
        chart = chart_model(ctx, ind, level)
        own = ctx.series_of(ctx.region.code, ind, level)
        definition = w("def." + ind) if w.has("def." + ind) else ctx.indicator_name(ind)
        out.append({"anchor": anchor, "title": name, "svg": Markup(chart_svg(chart, anchor)),
                    "alt": w("chart.alt", name=name, n=len(own), last=int(own["year"].max())),
                    "legend": [{"label": e.label, "swatch": swatch(e)} for e in chart.legend], "definition": definition, "sources": _sources(ctx, ind, level),
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


# --- the chart as SVG, written from its model (figures.Chart) in points, as matplotlib would
# place it at 72 dpi: the same size, margins, fonts, colours, dashes and markers as the
# matplotlib charts it replaces, for a fraction of their cost (docs/performance.md).
FIG_W, FIG_H = WIDTH * 72, HEIGHT * 72
AX_X0, AX_X1, AX_Y0, AX_Y1 = LEFT * 72, (WIDTH - RIGHT) * 72, TOP * 72, (HEIGHT - BOTTOM) * 72  # y0 is the top
TICK_SIZE, LABEL_SIZE, TICK_PAD, LABEL_PAD = 8.5, 9.0, 3.5, 4.0  # matplotlib's: figures.STYLE and its defaults
GRID, SPINE = ("#e3e6ea", 0.8), ("#8c959f", 0.8)
# matplotlib's named dash patterns (rcParams lines.*_pattern), which it scales by the line width
DASH_PATTERNS = {"--": (3.7, 1.6), "-.": (6.4, 1.6, 1.0, 1.6), ":": (1.0, 1.65)}
SQUARE_CAP = ' style="stroke-linecap: square"'  # inline: style.css sets butt caps on chart elements


def _n(value: float) -> str:
    """A coordinate to 2 decimals, without trailing zeros (the same bytes for the same data)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _marker_path(marker: str, size: float) -> str:
    """matplotlib's marker shapes (MarkerStyle) for a marker ``size`` points wide, centred on 0."""
    r = size / 2
    if marker == "o":
        return f"M {_n(-r)} 0 A {_n(r)} {_n(r)} 0 1 0 {_n(r)} 0 A {_n(r)} {_n(r)} 0 1 0 {_n(-r)} 0 Z"
    if marker == "s":
        corners = [(-r, -r), (r, -r), (r, r), (-r, r)]
    elif marker == "^":
        corners = [(0, -r), (r, r), (-r, r)]
    elif marker == "D":  # the square turned by 45°
        d = r * math.sqrt(2)
        corners = [(0, -d), (d, 0), (0, d), (-d, 0)]
    elif marker == "*":  # a five-pointed star, inner radius 0.381966 of the outer (unit_regular_star)
        corners = [((r if k % 2 == 0 else r * 0.381966) * math.cos(math.pi / 2 + k * math.pi / 5),
                    -(r if k % 2 == 0 else r * 0.381966) * math.sin(math.pi / 2 + k * math.pi / 5)) for k in range(10)]
    else:
        raise ValueError(f"chart_svg: no SVG shape for marker {marker!r} (known: o s ^ D *)")
    return "M " + " L ".join(f"{_n(x)} {_n(y)}" for x, y in corners) + " Z"


def _dasharray(dash, width: float) -> str:
    if dash in (None, "-", "solid"):
        return ""
    if isinstance(dash, tuple):  # (offset, (on, off, …)) as matplotlib takes it
        pattern = dash[1]
    elif dash in DASH_PATTERNS:
        pattern = DASH_PATTERNS[dash]
    else:
        raise ValueError(f"chart_svg: unknown line style {dash!r}")
    return ' stroke-dasharray="' + ",".join(_n(v * width) for v in pattern) + '"'


@lru_cache(maxsize=1)
def _font_metrics() -> tuple[dict[int, str], object, float, float, float]:
    """The page font's character map, advance widths, units per em, ascent and descent (its
    typographic ones, as matplotlib aligns text on them): to place the y label beside the
    widest tick label, as matplotlib does."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path()), lazy=True)
    upm, os2 = font["head"].unitsPerEm, font["OS/2"]
    return font.getBestCmap(), font["hmtx"], upm, os2.sTypoAscender / upm, -os2.sTypoDescender / upm


def _text_width(text: str, size: float) -> float:
    cmap, hmtx, upm, _, _ = _font_metrics()
    return sum(hmtx[cmap.get(ord(c), ".notdef")][0] for c in text) * size / upm


def _text(x: float, y: float, text: str, size: float, anchor: str, fill: str = "", rotate: bool = False) -> str:
    extra = (f' fill="{fill}"' if fill else "") + (f' transform="rotate(-90 {_n(x)} {_n(y)})"' if rotate else "")
    return (f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" text-anchor="{anchor}"{extra}>'
            f"{html.escape(text)}</text>")


def chart_svg(chart: Chart, prefix: str) -> str:
    """The chart as inline SVG: text as text in the page's font, ids starting with ``prefix``
    (unique on the page), a viewBox so that style.css can scale it to the column."""
    (xlo, xhi), (ylo, yhi) = chart.xlim, chart.ylim

    def px(x: float) -> float:
        return AX_X0 + (x - xlo) / (xhi - xlo) * (AX_X1 - AX_X0)

    def py(y: float) -> float:
        return AX_Y1 - (y - ylo) / (yhi - ylo) * (AX_Y1 - AX_Y0)

    _, _, _, ascent, descent = _font_metrics()
    clip = f' clip-path="url(#{prefix}-clip)"'
    defs = [f'<clipPath id="{prefix}-clip"><rect x="{_n(AX_X0)}" y="{_n(AX_Y0)}" width="{_n(AX_X1 - AX_X0)}" '
            f'height="{_n(AX_Y1 - AX_Y0)}"/></clipPath>']
    shapes: dict[tuple[str, float], str] = {}

    def mark(m) -> str:
        if isinstance(m, Polyline):
            d = "M " + " L ".join(f"{_n(px(x))} {_n(py(y))}" for x, y in m.points)
            cap = "" if _dasharray(m.dash, m.width) else SQUARE_CAP
            return (f'<path d="{d}" fill="none" stroke="{m.colour}" stroke-width="{_n(m.width)}"'
                    f"{_dasharray(m.dash, m.width)}{cap}{clip}/>")
        if isinstance(m, Markers):
            key = (m.marker, m.size)
            if key not in shapes:
                shapes[key] = f"{prefix}-m{len(shapes)}"
                defs.append(f'<path id="{shapes[key]}" d="{_marker_path(m.marker, m.size)}"/>')
            uses = "".join(f'<use xlink:href="#{shapes[key]}" x="{_n(px(x))}" y="{_n(py(y))}"/>' for x, y in m.points)
            fill = "#ffffff" if m.hollow else m.colour
            return f'<g fill="{fill}" stroke="{m.colour}" stroke-width="{_n(m.edge_width)}">{uses}</g>'
        if isinstance(m, Band):
            outline = [*zip(m.xs, m.highs), *reversed(list(zip(m.xs, m.lows)))]
            d = "M " + " L ".join(f"{_n(px(x))} {_n(py(y))}" for x, y in outline) + " Z"
            return f'<path d="{d}" fill="{m.colour}" fill-opacity="{_n(m.alpha)}"{clip}/>'
        if isinstance(m, HLine):
            x0 = AX_X0 if m.x0 is None else px(m.x0)
            x1 = AX_X1 if m.x1 is None else px(m.x1)
            return (f'<path d="M {_n(x0)} {_n(py(m.y))} L {_n(x1)} {_n(py(m.y))}" fill="none" stroke="{m.colour}" '
                    f'stroke-width="{_n(m.width)}"{_dasharray(m.dash, m.width)}{clip}/>')
        if isinstance(m, HSpan):
            top, bottom = py(m.high), py(m.low)
            return (f'<rect x="{_n(AX_X0)}" y="{_n(top)}" width="{_n(AX_X1 - AX_X0)}" height="{_n(bottom - top)}" '
                    f'fill="{m.colour}" fill-opacity="{_n(m.alpha)}"{clip}/>')
        if isinstance(m, ValueLabel):  # dy points above the marker's centre, to the text's baseline
            return _text(px(m.x), py(m.y) - m.dy, m.text, m.size, "middle", m.colour)
        raise TypeError(f"chart_svg: unknown chart mark {m!r}")

    # the axis (grid and tick labels) under every mark, the spines between the marks below
    # zorder 2.5 and those above, as matplotlib orders them (axes.axisbelow)
    grid = [f"M {_n(px(x))} {_n(AX_Y1)} L {_n(px(x))} {_n(AX_Y0)}" for x, _ in chart.xticks]
    grid += [f"M {_n(AX_X0)} {_n(py(y))} L {_n(AX_X1)} {_n(py(y))}" for y, _ in chart.yticks]
    body = [f'<rect width="{_n(FIG_W)}" height="{_n(FIG_H)}" fill="#ffffff"/>']
    if grid:
        body.append(f'<path d="{" ".join(grid)}" fill="none" stroke="{GRID[0]}" stroke-width="{_n(GRID[1])}"'
                    f"{SQUARE_CAP}{clip}/>")
    body += [_text(px(x), AX_Y1 + TICK_PAD + ascent * TICK_SIZE, label, TICK_SIZE, "middle") for x, label in chart.xticks]
    body += [_text(AX_X0 - TICK_PAD, py(y) + ascent * TICK_SIZE / 2, label, TICK_SIZE, "end") for y, label in chart.yticks]
    if chart.y_offset:
        body.append(_text(AX_X0, AX_Y0 - descent * TICK_SIZE - 2, chart.y_offset, TICK_SIZE, "start"))
    if chart.ylabel:
        widest = max((_text_width(label, TICK_SIZE) for _, label in chart.yticks), default=0.0)
        x = AX_X0 - TICK_PAD - widest - LABEL_PAD - descent * LABEL_SIZE
        body.append(_text(x, (AX_Y0 + AX_Y1) / 2, chart.ylabel, LABEL_SIZE, "middle", rotate=True))
    marks = sorted(chart.marks, key=lambda m: m.zorder)  # stable: equal zorders keep their order
    body += [mark(m) for m in marks if m.zorder < 2.5]
    body.append(f'<path d="M {_n(AX_X0)} {_n(AX_Y0)} L {_n(AX_X0)} {_n(AX_Y1)} L {_n(AX_X1)} {_n(AX_Y1)}" '
                f'fill="none" stroke="{SPINE[0]}" stroke-width="{_n(SPINE[1])}"{SQUARE_CAP}/>')
    body += [mark(m) for m in marks if m.zorder >= 2.5]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{_n(FIG_W)}pt" height="{_n(FIG_H)}pt" viewBox="0 0 {_n(FIG_W)} {_n(FIG_H)}" '
            f'font-family="\'{FONT_FAMILY}\', sans-serif"><defs>{"".join(defs)}</defs>{"".join(body)}</svg>')
