"""The page's SVG writer (charts.chart_svg) places every marker and line vertex where
matplotlib puts it when it draws the same chart model (figures.to_figure): same figure size,
margins and 72 dpi, so matplotlib's display coordinates are the SVG's points (y flipped)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex

from edueval.report import charts, figures

from .conftest import obs_row, synthetic_context

SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
TOLERANCE = 0.05  # points (= px at 72 dpi)


@pytest.fixture
def contexts(context_of, tables):
    """Real pages (a district with targets and parents, the nation with fitted lines and
    bands) and made-up ones: single values, and a series with gaps and a derived value."""
    single = [obs_row("620821", "preschool_ger", 2022, 91.0), obs_row("620821", "primary_ner", 2022, 99.96),
              obs_row("620821", "years_schooling", 2021, 9.8, unit="years")]
    gaps = [obs_row("620821", "senior_ger", 2015, 80.0, method="derived"),
            obs_row("620821", "senior_ger", 2016, 81.0), obs_row("620821", "senior_ger", 2017, 82.0),
            obs_row("620821", "senior_ger", 2020, 85.0), obs_row("620821", "senior_ger", 2021, 86.0),
            obs_row("620821", "senior_ger", 2023, 87.0, qualifier="~")]
    return [context_of("620802", "zh"), context_of("000000", "en"), synthetic_context(tables, "620821", single),
            synthetic_context(tables, "620821", gaps)]


def _vertices(d: str) -> list[tuple[float, float]]:
    assert re.fullmatch(r"M [-\d. L]+", d), d  # only straight lines outside the marker shapes
    numbers = [float(v) for v in d.replace("M", " ").replace("L", " ").split()]
    return list(zip(numbers[::2], numbers[1::2]))


def svg_geometry(svg: str) -> tuple[list, list]:
    """(fill, x, y) of each marker, and the vertices of each stroked line (not the grid or
    the spines), as the SVG places them."""
    root = ET.fromstring(svg)
    markers = [(group.get("fill"), float(use.get("x")), float(use.get("y")))
               for group in root.iter(SVG + "g") for use in group.iter(SVG + "use")]
    lines = [_vertices(p.get("d")) for p in root.findall(SVG + "path")
             if p.get("fill") == "none" and p.get("stroke") not in (charts.GRID[0], charts.SPINE[0])]
    return markers, lines


def matplotlib_geometry(fig) -> tuple[list, list]:
    """The same, where matplotlib draws them (display coordinates at 72 dpi, the SVG's
    points, y measured from the top)."""
    fig.set_dpi(72)
    FigureCanvasAgg(fig).draw()
    assert (fig.bbox.width, fig.bbox.height) == pytest.approx((charts.FIG_W, charts.FIG_H))
    ax = fig.axes[0]
    height = fig.bbox.height

    def flip(points):
        return [(float(x), float(height - y)) for x, y in points]

    markers, lines = [], []
    for coll in ax.collections:
        if isinstance(coll, PathCollection):
            fill = to_hex(coll.get_facecolor()[0])
            markers += [(fill, x, y) for x, y in flip(coll.get_offset_transform().transform(coll.get_offsets()))]
        elif isinstance(coll, LineCollection):
            lines += [flip(coll.get_transform().transform(seg)) for seg in coll.get_segments()]
    lines += [flip(line.get_transform().transform(line.get_xydata())) for line in ax.lines]
    return markers, lines


def _close(a, b) -> bool:
    return len(a) == len(b) and all(abs(p - q) <= TOLERANCE for u, v in zip(a, b) for p, q in zip(u, v))


def test_markers_and_lines_are_where_matplotlib_puts_them(contexts):
    checked = 0
    for ctx in contexts:
        for indicator, level in figures.chartable_indicators(ctx):
            chart = figures.chart_model(ctx, indicator, level)
            svg = charts.chart_svg(chart, "t")
            got_markers, got_lines = svg_geometry(svg)
            want_markers, want_lines = matplotlib_geometry(figures.to_figure(chart))
            assert got_markers and len(got_markers) == len(want_markers), (indicator, len(want_markers))
            for (fill_a, *a), (fill_b, *b) in zip(sorted(got_markers), sorted(want_markers)):
                assert fill_a == fill_b and _close([a], [b]), (indicator, a, b)
            assert len(got_lines) == len(want_lines), indicator
            for a, b in zip(sorted(got_lines), sorted(want_lines)):
                assert _close(a, b), (indicator, a, b)
            checked += len(got_markers) + sum(map(len, got_lines))
    assert checked > 200  # the contexts do have many marks


def _shown_tick_labels(fig, axis: str) -> list[str]:
    """The tick labels matplotlib's own SVG shows for an axis ("x" or "y")."""
    root = ET.fromstring(figures.svg(fig, "mpl"))
    return [group.find(f".//{SVG}text").text for group in root.iter(SVG + "g")
            if re.fullmatch(f"mpl-{axis}tick_\\d+", group.get("id", ""))]


def test_tick_labels_are_those_matplotlib_shows(contexts):
    for ctx in contexts:
        for indicator, level in figures.chartable_indicators(ctx):
            chart = figures.chart_model(ctx, indicator, level)
            fig = figures.to_figure(chart)  # its y ticks are its own MaxNLocator's, on its axes
            assert [label for _, label in chart.yticks] == _shown_tick_labels(fig, "y"), indicator
            assert [label for _, label in chart.xticks] == _shown_tick_labels(fig, "x"), indicator
            svg = charts.chart_svg(chart, "t")
            assert all(f">{label}</text>" in svg for _, label in (*chart.xticks, *chart.yticks))


def test_svg_numbers_have_two_decimals_and_the_same_bytes_each_time(context_of):
    ctx = context_of("620802", "zh")
    chart = figures.chart_model(ctx, "preschool_ger", "all")
    svg = charts.chart_svg(chart, "chart-preschool_ger")
    assert svg == charts.chart_svg(figures.chart_model(ctx, "preschool_ger", "all"), "chart-preschool_ger")
    assert not re.search(r"\d\.\d{3}", svg)
    assert all(i.startswith("chart-preschool_ger-") for i in re.findall(r'id="([^"]+)"', svg))


def test_an_unknown_mark_or_marker_is_a_clear_error(context_of):
    import dataclasses
    from types import SimpleNamespace

    chart = figures.chart_model(context_of("620802", "zh"), "preschool_ger", "all")
    odd = dataclasses.replace(chart, marks=(figures.Markers(((2020.0, 80.0),), "X", 5.0, "#000000", False, 4),))
    with pytest.raises(ValueError, match="marker 'X'"):
        charts.chart_svg(odd, "t")
    with pytest.raises(TypeError, match="unknown chart mark"):
        charts.chart_svg(dataclasses.replace(chart, marks=(SimpleNamespace(zorder=3),)), "t")
