"""One chart per indicator that a reader can trust (docs/report.md, "Charts").

- The x-range comes from the region's values and its targets only; a parent's series is
  drawn inside that range, never widening it.
- Rates bounded at 100 are never drawn above 100.
- Lines join only values of consecutive years, neither of them derived: a derived value
  is a hollow marker, an approximate one is marked ≈, and no line crosses a missing year.
- Every mark is in the legend; the province and the nation have their own line styles.

A chart is first a model (``chart_model`` → ``Chart``: limits, ticks and marks in data
units, and the legend); the page's SVG is written from it directly (charts.chart_svg, no
matplotlib drawing: it cost most of the charts section), and ``to_figure`` draws the same
model with matplotlib for notebooks and as the writer's reference in the tests. Ticks and
their labels are matplotlib's own (MaxNLocator, ScalarFormatter), without an axes.
``svg``/``style`` still serve matplotlib figures (the balance section's): text kept as text,
fixed metadata and ids, and text from data never parsed as mathtext.
"""
from __future__ import annotations

import dataclasses
import io
import re
from dataclasses import dataclass
from functools import lru_cache

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, MaxNLocator, ScalarFormatter

from ..catalog import load_catalog
from .fonts import register_matplotlib_font
from .html import fmt_number

CHART_UNITS = {"%", "years", "ratio"}
REGION_COLOUR = "#0b3d91"
# comparator regions by level: colour, line style, marker (distinct, and grey for the nation)
COMPARATOR_STYLE = {"city": ("#2a7f62", "-.", "D"), "province": ("#7b3fb0", (0, (5, 2)), "^"),
                    "national": ("#6b6b6b", (0, (1.5, 1.5)), "s")}
TARGET_COLOUR = {"local": "#d35400", "provincial": "#7b3fb0", "national": "#c0392b", "quoted benchmark": "#8d6e00",
                 "standard": "#2e7d32"}
STYLE = {"text.parse_math": False, "svg.fonttype": "none", "svg.hashsalt": "edueval", "axes.unicode_minus": False,
         "font.size": 9, "axes.titlesize": 10, "axes.labelsize": 9, "legend.fontsize": 8.5, "xtick.labelsize": 8.5,
         "ytick.labelsize": 8.5, "axes.spines.top": False, "axes.spines.right": False, "axes.grid": True,
         "grid.color": "#e3e6ea", "grid.linewidth": 0.8, "axes.edgecolor": "#8c959f", "axes.axisbelow": True,
         "path.simplify": False}
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 5.6, 2.8, 0.55, 0.2, 0.15, 0.35  # inches: fixed margins


def chartable_indicators(ctx) -> list[tuple[str, str]]:
    """(indicator, school_level) pairs with at least one actual value of the region, rates only
    (a chart of targets alone says nothing the scorecard does not)."""
    catalog = load_catalog()
    keys = {(i, lv) for i, lv in ctx.actuals[["indicator", "school_level"]].drop_duplicates().itertuples(index=False)
            if catalog[i].unit in CHART_UNITS}
    order = {c: i for i, c in enumerate(catalog.codes)}
    return sorted(keys, key=lambda k: (order[k[0]], k[1]))


@lru_cache(maxsize=1)
def style() -> None:
    """The chart style, set once per process (after the font, which sets its own defaults)."""
    register_matplotlib_font()
    mpl.rcParams.update(STYLE)


def _series(frame: pd.DataFrame, indicator: str, level: str) -> pd.DataFrame:
    return frame[(frame["indicator"] == indicator) & (frame["school_level"] == level)].sort_values("year")


def x_range(own: pd.DataFrame, lines: list) -> tuple[float, float]:
    """From the region's values and its targets only (never 1925–2125 for one value)."""
    years = [int(y) for y in own["year"]]
    for ln in lines:
        if ln.row["scope"] != "standard":
            years.append(int(ln.row["target_year"]))
        if pd.notna(ln.row.get("plan_base_year")) and ln.is_target:
            years.append(int(ln.row["plan_base_year"]))
    lo, hi = min(years), max(years)
    if hi - lo < 2:
        lo, hi = lo - 1, hi + 1
    return lo - 0.6, hi + 0.6


def segments(frame: pd.DataFrame) -> list[pd.DataFrame]:
    """Runs of consecutive years with no derived value: the only places a line is drawn."""
    solid = frame[frame["method"] != "derived"].sort_values("year")
    years = solid["year"].astype(int).to_numpy()
    starts = [0, *(np.flatnonzero(np.diff(years) != 1) + 1), len(years)]
    return [solid.iloc[a:b] for a, b in zip(starts, starts[1:]) if b - a >= 2]


def chart_lines(ctx, indicator: str, level: str) -> list:
    """The page's target lines for this series that have a value to draw."""
    return ctx.memo(("chart_lines", indicator, level), lambda: [
        ln for ln in ctx.lines if ln.key == (indicator, level) and pd.notna(ln.row["target_value"])])


def comparator_series(ctx, indicator: str, level: str) -> list[tuple]:
    """(region, rows within the x-range) for each parent region with values of this series."""
    from .comparisons import comparators

    def make():
        lo, hi = x_range(ctx.series_of(ctx.region.code, indicator, level), chart_lines(ctx, indicator, level))
        out = []
        for region in comparators(ctx):
            rows = ctx.series_of(region.code, indicator, level)
            rows = rows[(rows["year"] >= lo) & (rows["year"] <= hi)]
            if not rows.empty:
                out.append((region, rows))
        return out

    return ctx.memo(("comparators", indicator, level), make)


@dataclass(frozen=True)
class Entry:
    """One legend entry (drawn in HTML under the chart: cheaper than a matplotlib legend,
    and it wraps on a phone)."""

    label: str
    colour: str
    line: object = None  # a matplotlib line style, or None for markers only
    marker: str | None = None
    hollow: bool = False
    band: bool = False


# The marks of a chart, in data units; ``dash`` is a matplotlib line style ("-", ":", (0, (5, 2))…)
# and sizes and widths are in points, as matplotlib takes them.
@dataclass(frozen=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    colour: str
    dash: object
    width: float
    zorder: float


@dataclass(frozen=True)
class Markers:  # unclipped (a value on the axes' edge stays whole); size: width in points
    points: tuple[tuple[float, float], ...]
    marker: str
    size: float
    colour: str
    hollow: bool
    zorder: float
    edge_width: float = 1.0


@dataclass(frozen=True)
class Band:
    xs: tuple[float, ...]
    lows: tuple[float, ...]
    highs: tuple[float, ...]
    colour: str
    alpha: float
    zorder: float = 1.0


@dataclass(frozen=True)
class HLine:  # from x0 to x1, or across the whole axes when they are None
    y: float
    colour: str
    dash: object
    width: float
    x0: float | None = None
    x1: float | None = None
    zorder: float = 2.0


@dataclass(frozen=True)
class HSpan:
    low: float
    high: float
    colour: str
    alpha: float
    zorder: float = 1.0


@dataclass(frozen=True)
class ValueLabel:  # written dy points above its marker (below when dy is negative)
    x: float
    y: float
    text: str
    colour: str
    dy: float
    size: float = 8.0
    zorder: float = 3.0


@dataclass(frozen=True)
class Chart:
    """Everything one chart shows, in data units: what the SVG writer (charts.chart_svg) and
    matplotlib (to_figure) both draw. Ticks are (value, label) pairs inside the limits."""

    xlim: tuple[float, float]
    ylim: tuple[float, float]
    xticks: tuple[tuple[float, str], ...]
    yticks: tuple[tuple[float, str], ...]
    ylabel: str
    y_offset: str  # ScalarFormatter's offset text ("" but for a narrow range of large values)
    marks: tuple
    legend: tuple[Entry, ...]


def _xy(xs, ys) -> tuple[tuple[float, float], ...]:
    return tuple((float(x), float(y)) for x, y in zip(xs, ys))


def _points(rows, colour, linestyle, marker, label, size, legend, marks, annotate=False) -> None:
    runs = segments(rows)
    for seg in runs:
        marks.append(Polyline(_xy(seg["year"], seg["value"]), colour, linestyle, 1.8 if size > 5 else 1.3, 3))
    derived = rows["method"] == "derived"
    solid = rows[~derived]
    if not solid.empty:
        marks.append(Markers(_xy(solid["year"], solid["value"]), marker, size, colour, False, 4))
    if derived.any():
        d = rows[derived]
        marks.append(Markers(_xy(d["year"], d["value"]), marker, size, colour, True, 5, edge_width=1.4))
    legend.append(Entry(label, colour, linestyle if runs else None, marker, hollow=solid.empty))
    if annotate:
        for year, value, qualifier in zip(rows["year"], rows["value"], rows["qualifier"]):
            prefix = "≈" if qualifier == "~" else ""
            marks.append(ValueLabel(float(year), float(value), prefix + fmt_number(value), colour, 7))


def _ticks(lo: float, hi: float) -> list[int]:
    first, last = int(lo + 0.6), int(hi - 0.6)
    step = 1 if last - first <= 8 else (2 if last - first <= 16 else 5)
    return list(range(first, last + 1, step))


def tick_labels(locs, lo: float, hi: float) -> tuple[tuple[tuple[float, str], ...], str]:
    """The ticks inside [lo, hi] labelled as matplotlib's ScalarFormatter labels them (it
    formats all the locator's ticks, so every label of an axis has the same decimals), and
    its offset text."""
    formatter = ScalarFormatter()
    formatter.create_dummy_axis()
    formatter.axis.set_view_interval(lo, hi)
    # the page's minus is ASCII whatever the process's rcParams say (axes.unicode_minus)
    labels = [t.replace("\u2212", "-") for t in formatter.format_ticks(list(locs))]
    slack = 1e-10 * max(abs(lo), abs(hi), 1.0)  # matplotlib's own tolerance at the limits
    ticks = tuple((float(v), t) for v, t in zip(locs, labels) if lo - slack <= v <= hi + slack)
    return ticks, formatter.get_offset()


def chart_model(ctx, indicator: str, level: str = "all") -> Chart:
    """The chart of one series, as data (no matplotlib drawing), with its legend."""
    w = ctx.words
    ind = load_catalog()[indicator]
    own = ctx.series_of(ctx.region.code, indicator, level)
    lines = chart_lines(ctx, indicator, level)
    lo, hi = x_range(own, lines)
    legend: list[Entry] = []
    marks: list = []
    values: list[float] = [float(v) for v in own["value"]]

    _points(own, REGION_COLOUR, "-", "o", ctx.region_name(), 6.5, legend, marks, annotate=len(own) <= 8)
    if (own["method"] == "derived").any():
        legend.append(Entry(w("chart.derived"), REGION_COLOUR, None, "o", hollow=True))
    if (own["qualifier"] == "~").any():
        legend.append(Entry(w("chart.approx"), REGION_COLOUR))
    for region, rows in comparator_series(ctx, indicator, level):
        colour, dash, marker = COMPARATOR_STYLE.get(region.level, COMPARATOR_STYLE["national"])
        _points(rows, colour, dash, marker, ctx.region_name(region), 4.5, legend, marks)
        values += [float(v) for v in rows["value"]]

    curves = _series(ctx.curves, indicator, level)
    curves = curves[(curves["year"] >= lo) & (curves["year"] <= hi)]
    if not curves.empty and curves["fitted"].notna().any():
        band = curves.dropna(subset=["lower", "upper"])
        if not band.empty:
            marks.append(Band(tuple(float(x) for x in band["year"]), tuple(float(v) for v in band["lower"]),
                              tuple(float(v) for v in band["upper"]), REGION_COLOUR, 0.12))
            label = w.column(band.iloc[0], "band_label") or w.code("interval", _kind(band["band_kind"].iloc[0]))
            legend.append(Entry(label, REGION_COLOUR, band=True))
            values += [float(v) for v in band["lower"]] + [float(v) for v in band["upper"]]
        fitted = curves.dropna(subset=["fitted"])
        marks.append(Polyline(_xy(fitted["year"], fitted["fitted"]), REGION_COLOUR, "--", 1.1, 2))
        legend.append(Entry(w("chart.fitted"), REGION_COLOUR, "--"))
        values += [float(v) for v in fitted["fitted"]]

    drawn = set()
    for ln in lines:
        row = ln.row
        value, scope = float(row["target_value"]), row["scope"]
        colour = TARGET_COLOUR.get(scope, "#444444")
        label = w("chart.target", scope=w.code("scope", scope), target=_target(row, ind.unit, w))
        if (label, value) in drawn:
            continue
        drawn.add((label, value))
        values.append(value)
        if scope == "standard":
            marks.append(HLine(value, colour, ":", 1.2))
            legend.append(Entry(label, colour, ":"))
            continue
        start = row["plan_base_year"] if pd.notna(row.get("plan_base_year")) and ln.is_target else row["target_year"]
        if start != row["target_year"]:
            marks.append(HLine(value, colour, ":", 1.1, float(start), float(row["target_year"])))
        marks.append(Markers(((float(row["target_year"]), value),), "*", 110 ** 0.5, colour, False, 6))
        legend.append(Entry(label, colour, ":" if start != row["target_year"] else None, "*"))

    for bench in _benchmarks(indicator):
        low, high = float(bench["low"]), float(bench["high"])
        marks.append(HSpan(low, high, TARGET_COLOUR["standard"], 0.08))
        legend.append(Entry(w("chart.benchmark", name=w("benchmark.short." + bench["id"]),
                              low=fmt_number(low), high=fmt_number(high)), TARGET_COLOUR["standard"], band=True))
        values += [low, high]

    ymin, ymax = min(values), max(values)
    pad = max((ymax - ymin) * 0.1, 0.02 if ind.unit == "ratio" else 1.0)
    ymin, ymax = ymin - pad, ymax + pad
    if ind.bound == "bounded_100":
        ymax, ymin = min(ymax, 100.0), max(ymin, 0.0)
    elif ind.min >= 0:
        ymin = max(ymin, 0.0)
    # a value label near the top of the axes goes below its marker, not out of the chart
    marks = [dataclasses.replace(m, dy=-13) if isinstance(m, ValueLabel) and m.y > ymax - 0.08 * (ymax - ymin)
             else m for m in marks]
    xticks, _ = tick_labels(_ticks(lo, hi), lo, hi)
    yticks, y_offset = tick_labels(MaxNLocator(nbins=5).tick_values(ymin, ymax), ymin, ymax)
    return Chart((lo, hi), (ymin, ymax), xticks, yticks, w.code("axis_unit", ind.unit, default=""), y_offset,
                 tuple(marks), tuple(legend))


def to_figure(chart: Chart) -> Figure:
    """The chart drawn by matplotlib on a new Figure (no pyplot state): for notebooks, and the
    independent reference of the SVG writer's geometry (tests/report/test_chart_svg.py).
    Its y ticks come from matplotlib's own locator, not from ``chart.yticks``."""
    style()
    fig = Figure(figsize=(WIDTH, HEIGHT))
    ax = fig.add_axes((LEFT / WIDTH, BOTTOM / HEIGHT, 1 - (LEFT + RIGHT) / WIDTH, 1 - (TOP + BOTTOM) / HEIGHT))
    for m in chart.marks:
        if isinstance(m, Polyline):
            xs, ys = zip(*m.points)
            ax.plot(xs, ys, color=m.colour, linestyle=m.dash, linewidth=m.width, zorder=m.zorder)
        elif isinstance(m, Markers):
            xs, ys = zip(*m.points)
            face = "white" if m.hollow else m.colour
            ax.scatter(xs, ys, s=m.size ** 2, marker=m.marker, facecolor=face, edgecolor=m.colour,
                       linewidth=m.edge_width, zorder=m.zorder, clip_on=False)
        elif isinstance(m, Band):
            ax.fill_between(m.xs, m.lows, m.highs, color=m.colour, alpha=m.alpha, linewidth=0, zorder=m.zorder)
        elif isinstance(m, HLine) and m.x0 is None:
            ax.axhline(m.y, color=m.colour, linestyle=m.dash, linewidth=m.width, zorder=m.zorder)
        elif isinstance(m, HLine):
            ax.hlines(m.y, m.x0, m.x1, colors=m.colour, linestyles=m.dash, linewidth=m.width, zorder=m.zorder)
        elif isinstance(m, HSpan):
            ax.axhspan(m.low, m.high, color=m.colour, alpha=m.alpha, linewidth=0, zorder=m.zorder)
        elif isinstance(m, ValueLabel):
            ax.annotate(m.text, (m.x, m.y), textcoords="offset points", xytext=(0, m.dy), ha="center",
                        fontsize=m.size, color=m.colour, zorder=m.zorder)
        else:
            raise TypeError(f"to_figure: unknown chart mark {m!r}")
    ax.set_xlim(*chart.xlim)
    ax.set_ylim(*chart.ylim)
    ax.xaxis.set_major_locator(FixedLocator([x for x, _ in chart.xticks]))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.set_ylabel(chart.ylabel)
    ax.tick_params(length=0, left=False, bottom=False)  # no tick marks, as on the page
    return fig


def _benchmarks(indicator: str) -> list[dict]:
    from .comparisons import benchmarks

    return [b for b in benchmarks() if b["kind"] == "international" and b["indicator"] == indicator]


def _target(row, unit, w) -> str:
    from . import text as tx

    text = tx.number(row["target_value"], unit, w, row["target_qualifier"])
    return text if row["scope"] == "standard" else tx.with_year(text, row["target_year"], w)


def _kind(kind) -> str:
    kind = str(kind or "")
    return "scenario" if "scenario" in kind else ("prediction" if "prediction" in kind else "other")


_ID = re.compile(r'(id="|url\(#|href="#)')
_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL)


def svg(fig: Figure, prefix: str) -> str:
    """The figure as inline SVG: text as text, no date, ids unique to this chart."""
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    # matplotlib's <style>*{…}</style> would apply to the whole page; style.css scopes it to charts
    text = _STYLE.sub("", text)
    return _ID.sub(lambda m: m.group(1) + prefix + "-", text)

