"""One chart per indicator that a reader can trust (docs/report.md, "Charts").

- The x-range comes from the region's values and its targets only; a parent's series is
  drawn inside that range, never widening it.
- Rates bounded at 100 are never drawn above 100.
- Lines join only values of consecutive years, neither of them derived: a derived value
  is a hollow marker, an approximate one is marked ≈, and no line crosses a missing year.
- Every mark is in the legend; the province and the nation have their own line styles.

Plain matplotlib on a Figure without pyplot, a cached style, fixed margins (no
tight_layout), SVG with text kept as text (the page's embedded font draws it) and fixed
metadata and ids, so the same data give the same bytes. Text from data is never parsed
as mathtext (``text.parse_math`` is off).
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, MaxNLocator

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


def _draw_points(ax, rows, colour, linestyle, marker, label, size, legend, annotate=False):
    runs = segments(rows)
    for seg in runs:
        ax.plot(seg["year"], seg["value"], color=colour, linestyle=linestyle, linewidth=1.8 if size > 5 else 1.3,
                zorder=3)
    derived = rows["method"] == "derived"
    solid = rows[~derived]
    if not solid.empty:
        ax.scatter(solid["year"], solid["value"], s=size ** 2, marker=marker, color=colour, zorder=4, clip_on=False)
    if derived.any():
        d = rows[derived]
        ax.scatter(d["year"], d["value"], s=size ** 2, marker=marker, facecolor="white", edgecolor=colour,
                   linewidth=1.4, zorder=5, clip_on=False)
    legend.append(Entry(label, colour, linestyle if runs else None, marker, hollow=solid.empty))
    if annotate:
        for _, r in rows.iterrows():
            prefix = "≈" if r["qualifier"] == "~" else ""
            ax.annotate(prefix + fmt_number(r["value"]), (r["year"], r["value"]), textcoords="offset points",
                        xytext=(0, 7), ha="center", fontsize=8, color=colour)


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


@lru_cache(maxsize=1)
def _canvas() -> tuple[Figure, object]:
    fig = Figure(figsize=(WIDTH, HEIGHT))
    ax = fig.add_axes((LEFT / WIDTH, BOTTOM / HEIGHT, 1 - (LEFT + RIGHT) / WIDTH, 1 - (TOP + BOTTOM) / HEIGHT))
    return fig, ax


def canvas() -> tuple[Figure, object]:
    """One figure and axes for every chart of a process, emptied of the last chart's marks:
    creating axes and their ticks is most of a chart's cost. Everything a chart sets (limits,
    ticks, label) is set again by every chart, so a chart's bytes never depend on the one
    before (tests/report/test_charts.py). The figure is valid until the next chart is drawn."""
    fig, ax = _canvas()
    for artist in [*ax.lines, *ax.collections, *ax.texts, *ax.patches]:
        artist.remove()
    ax.relim()
    return fig, ax


def _ticks(lo: float, hi: float) -> list[int]:
    first, last = int(lo + 0.6), int(hi - 0.6)
    step = 1 if last - first <= 8 else (2 if last - first <= 16 else 5)
    return list(range(first, last + 1, step))


def draw(ctx, indicator: str, level: str = "all") -> tuple[Figure, list[Entry]]:
    """The chart of one series (a matplotlib Figure, no pyplot state) and its legend."""
    style()
    w = ctx.words
    ind = load_catalog()[indicator]
    own = ctx.series_of(ctx.region.code, indicator, level)
    lines = chart_lines(ctx, indicator, level)
    lo, hi = x_range(own, lines)
    legend: list[Entry] = []
    values: list[float] = [float(v) for v in own["value"]]
    fig, ax = canvas()

    _draw_points(ax, own, REGION_COLOUR, "-", "o", ctx.region_name(), 6.5, legend, annotate=len(own) <= 8)
    if (own["method"] == "derived").any():
        legend.append(Entry(w("chart.derived"), REGION_COLOUR, None, "o", hollow=True))
    if (own["qualifier"] == "~").any():
        legend.append(Entry(w("chart.approx"), REGION_COLOUR))
    for region, rows in comparator_series(ctx, indicator, level):
        colour, dash, marker = COMPARATOR_STYLE.get(region.level, COMPARATOR_STYLE["national"])
        _draw_points(ax, rows, colour, dash, marker, ctx.region_name(region), 4.5, legend)
        values += [float(v) for v in rows["value"]]

    curves = _series(ctx.curves, indicator, level)
    curves = curves[(curves["year"] >= lo) & (curves["year"] <= hi)]
    if not curves.empty and curves["fitted"].notna().any():
        band = curves.dropna(subset=["lower", "upper"])
        if not band.empty:
            ax.fill_between(band["year"], band["lower"], band["upper"], color=REGION_COLOUR, alpha=0.12, linewidth=0)
            label = w.column(band.iloc[0], "band_label") or w.code("interval", _kind(band["band_kind"].iloc[0]))
            legend.append(Entry(label, REGION_COLOUR, band=True))
            values += [float(v) for v in band["lower"]] + [float(v) for v in band["upper"]]
        fitted = curves.dropna(subset=["fitted"])
        ax.plot(fitted["year"], fitted["fitted"], color=REGION_COLOUR, linestyle="--", linewidth=1.1, zorder=2)
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
            ax.axhline(value, color=colour, linestyle=":", linewidth=1.2)
            legend.append(Entry(label, colour, ":"))
            continue
        start = row["plan_base_year"] if pd.notna(row.get("plan_base_year")) and ln.is_target else row["target_year"]
        if start != row["target_year"]:
            ax.hlines(value, start, row["target_year"], colors=colour, linestyles=":", linewidth=1.1)
        ax.scatter([row["target_year"]], [value], marker="*", s=110, color=colour, zorder=6, clip_on=False)
        legend.append(Entry(label, colour, ":" if start != row["target_year"] else None, "*"))

    for bench in _benchmarks(indicator):
        low, high = float(bench["low"]), float(bench["high"])
        ax.axhspan(low, high, color=TARGET_COLOUR["standard"], alpha=0.08, linewidth=0)
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
    ax.set_ylim(ymin, ymax)
    for label in ax.texts:  # value labels (the only texts): at the top of the axes, below the marker
        if label.xy[1] > ymax - 0.08 * (ymax - ymin):
            label.set_position((0, -13))
    ax.set_xlim(lo, hi)
    ax.xaxis.set_major_locator(FixedLocator(_ticks(lo, hi)))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.set_ylabel(w.code("axis_unit", ind.unit, default=""))
    ax.tick_params(length=0, left=False, bottom=False)  # no tick marks (they had no length): less to draw
    return fig, legend


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


def png(fig: Figure, dpi: int = 110) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": None}, pil_kwargs={"compress_level": 1})
    return buf.getvalue()
