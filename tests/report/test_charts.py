"""Charts a reader can trust: the x-range from the data and targets only, no line across a
missing year or to a derived value, rates bounded at 100 never drawn above it, every mark in
the legend, the data downloadable, and the same bytes whatever was drawn before. Asserted on
the chart's model (figures.Chart), which the page's SVG and to_figure both draw
(tests/report/test_chart_svg.py checks that they draw it in the same places)."""
from __future__ import annotations

import base64
import dataclasses
import re

import pytest

from edueval.report import figures
from edueval.report.charts import chart_svg, chart_views

from .conftest import obs_row, synthetic_context


@pytest.fixture
def one_value(tables):
    """A county with exactly one value of each of three indicators, and no target."""
    rows = [obs_row("620821", "preschool_ger", 2022, 91.0), obs_row("620821", "primary_ner", 2022, 99.96),
            obs_row("620821", "years_schooling", 2021, 9.8, unit="years")]
    return synthetic_context(tables, "620821", rows)


@pytest.fixture
def gaps(tables):
    """A series with a derived first value, two missing-year gaps and an approximate last value."""
    rows = [obs_row("620821", "senior_ger", 2015, 80.0, method="derived"),
            obs_row("620821", "senior_ger", 2016, 81.0), obs_row("620821", "senior_ger", 2017, 82.0),
            obs_row("620821", "senior_ger", 2020, 85.0), obs_row("620821", "senior_ger", 2021, 86.0),
            obs_row("620821", "senior_ger", 2023, 87.0, qualifier="~")]
    return synthetic_context(tables, "620821", rows)


def marks_of(chart, kind):
    return [m for m in chart.marks if isinstance(m, kind)]


def test_one_value_per_indicator_gives_a_narrow_x_range_and_no_line(one_value):
    for indicator, level in figures.chartable_indicators(one_value):
        chart = figures.chart_model(one_value, indicator, level)
        year = int(one_value.series_of("620821", indicator)["year"].iloc[0])
        assert chart.xlim == (year - 1.6, year + 1.6)  # never 1925–2125
        assert [x for x, _ in chart.xticks] == [year - 1, year, year + 1]
        assert marks_of(chart, figures.Polyline) == []  # one value: a marker, no line
        markers = marks_of(chart, figures.Markers)
        assert len(markers) == 1 and len(markers[0].points) == 1 and not markers[0].hollow
        assert [e.label for e in chart.legend] == ["泾川县"] and chart.legend[0].line is None


def test_bounded_rates_stop_at_100(one_value):
    chart = figures.chart_model(one_value, "primary_ner", "all")
    assert chart.ylim[1] == 100.0
    assert max(y for y, _ in chart.yticks) <= 100.0
    chart = figures.chart_model(one_value, "preschool_ger", "all")  # a gross ratio may exceed 100
    assert chart.ylim[1] == pytest.approx(92.0)


def test_y_ticks_are_matplotlibs_inside_the_limits_with_the_same_decimals(one_value):
    from matplotlib.ticker import MaxNLocator

    chart = figures.chart_model(one_value, "years_schooling", "all")  # 9.8 ± 1 years: half-year ticks
    lo, hi = chart.ylim
    expected = [v for v in MaxNLocator(nbins=5).tick_values(lo, hi) if lo <= v <= hi]
    assert [v for v, _ in chart.yticks] == pytest.approx(expected)
    decimals = {len(label.partition(".")[2]) for _, label in chart.yticks}
    assert len(decimals) == 1 and decimals != {0}  # "9.0", not "9" beside "9.5"


def test_no_line_across_a_missing_year_or_to_a_derived_value(gaps):
    chart = figures.chart_model(gaps, "senior_ger", "all")
    segments = sorted(tuple(int(x) for x, _ in m.points) for m in marks_of(chart, figures.Polyline))
    assert segments == [(2016, 2017), (2020, 2021)]  # not 2015–16 (derived), not 2017–20 or 2021–23 (gaps)
    hollow = [m for m in marks_of(chart, figures.Markers) if m.hollow]
    assert len(hollow) == 1 and hollow[0].points == ((2015.0, 80.0),)
    solid = [p for m in marks_of(chart, figures.Markers) if not m.hollow for p in m.points]
    assert (2015.0, 80.0) not in solid
    texts = [m.text for m in marks_of(chart, figures.ValueLabel)]
    assert "≈87" in texts and "80" in texts  # the approximate value is marked
    labels = [e.label for e in chart.legend]
    assert labels == ["泾川县", "推算值（空心）", "约数"]


def test_a_value_near_the_top_is_labelled_below_its_marker(one_value):
    chart = figures.chart_model(one_value, "primary_ner", "all")  # 99.96 under a limit of 100
    (label,) = marks_of(chart, figures.ValueLabel)
    assert label.text == "99.96" and label.dy < 0
    chart = figures.chart_model(one_value, "preschool_ger", "all")  # 91 in 90–92: the middle
    assert [m.dy for m in marks_of(chart, figures.ValueLabel)] == [7]


def test_parents_and_nation_have_their_own_styles_and_stay_in_range(context_of):
    ctx = context_of("620802", "zh")
    chart = figures.chart_model(ctx, "preschool_ger", "all")
    assert chart.xlim == (2015 - 0.6, 2025 + 0.6)  # the county's values and targets, not the nation's 2010–2024
    nation = next(e for e in chart.legend if e.label == "全国")
    colour, dash, marker = figures.COMPARATOR_STYLE["national"]
    assert nation.marker == marker and nation.line == dash
    (line,) = [m for m in marks_of(chart, figures.Polyline) if m.colour == colour]
    assert line.dash == dash and all(chart.xlim[0] <= x <= chart.xlim[1] for x, _ in line.points)
    assert {m.marker for m in marks_of(chart, figures.Markers) if m.colour == colour} == {marker}
    assert {e.label for e in chart.legend} >= {"崆峒区", "推算值（空心）", "全国", "本地目标 ≥95%（2025）",
                                              "国家目标 ≥90%（2025）", "国家目标 ≥85%（2020）"}
    stars = [p for m in marks_of(chart, figures.Markers) if m.marker == "*" for p in m.points]
    assert sorted(stars) == [(2020.0, 85.0), (2025.0, 90.0), (2025.0, 95.0)]
    plans = [(m.x0, m.x1, m.y) for m in marks_of(chart, figures.HLine)]
    assert (2015.0, 2020.0, 85.0) in plans  # a plan period drawn dotted up to its target


def test_chart_svg_keeps_text_as_text_and_ids_unique(context_of):
    views = chart_views(context_of("620802", "zh"))
    page = "".join(str(v["svg"]) for v in views)
    ids = re.findall(r'id="([^"]+)"', page)
    assert ids and len(ids) == len(set(ids))
    refs = set(re.findall(r'(?:url\(#|href="#)([^")]+)', page))
    assert refs and refs <= set(ids)  # every reference points at this chart's own ids
    for v in views:
        svg = str(v["svg"])
        assert "<style" not in svg and "<text" in svg and 'viewBox="0 0 403.2 201.6"' in svg
        assert re.search(r">20\d\d</text>", svg)  # tick labels are text, not glyph outlines


def test_a_dollar_sign_in_a_name_is_not_mathtext(one_value):
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    one_value.region = dataclasses.replace(one_value.region, name_zh=r"县$\frac{$名")
    views = chart_views(one_value)
    assert views and all("<svg" in str(v["svg"]) for v in views)
    assert any(e["label"] == r"县$\frac{$名" for v in views for e in v["legend"])
    chart = figures.chart_model(one_value, "preschool_ger", "all")
    chart = dataclasses.replace(chart, ylabel=r"$\frac{$<&", marks=(
        *chart.marks, figures.ValueLabel(2022.0, 91.0, r"$x$<b>", "#000000", 7)))
    svg = chart_svg(chart, "d")
    assert r">$\frac{$&lt;&amp;</text>" in svg and r">$x$&lt;b&gt;</text>" in svg  # escaped, as written
    fig = figures.to_figure(chart)
    FigureCanvasAgg(fig).draw()  # a mathtext parse of "$\frac{" would raise here
    assert mpl.rcParams["text.parse_math"] is False
    assert fig.axes[0].get_ylabel() == r"$\frac{$<&"


def test_each_chart_carries_its_data_definition_source_and_last_year(context_of):
    ctx = context_of("620802", "zh")
    view = next(v for v in chart_views(ctx) if v["anchor"] == "chart-preschool_ger")
    data = base64.b64decode(view["csv_href"].split("base64,")[1]).decode("utf-8-sig")
    header, *rows = data.strip().split("\n")
    assert header == "series,region_code,indicator,school_level,year,value,kind,method,source_id"
    assert "崆峒区,620802,preschool_ger,all,2015,70.5,actual,derived,seed-004" in rows
    assert any(r.startswith("全国,000000,preschool_ger,all,2020,") for r in rows)
    assert view["definition"].startswith("在园幼儿数")
    assert "平凉市崆峒区“十四五”教育事业发展专项规划" in view["sources"]
    assert view["last"] == "本地数据最后年份：2020"


def test_a_chart_does_not_depend_on_the_one_drawn_before(context_of):
    a, b = context_of("620802", "zh"), context_of("000000", "en")
    first = chart_svg(figures.chart_model(a, "senior_ger", "all"), "x")
    for ind, level in figures.chartable_indicators(b):
        chart_svg(figures.chart_model(b, ind, level), "y")
        figures.to_figure(figures.chart_model(b, ind, level))
    assert chart_svg(figures.chart_model(a, "senior_ger", "all"), "x") == first


def test_a_whole_page_of_single_values_renders(one_value):
    from edueval.report import sections

    html = str(sections.page(one_value))
    assert html.count('class="chart"') == 3 and 'id="headline"' in html
    assert "最新本地数据：2022年" in html
