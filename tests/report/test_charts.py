"""Charts a reader can trust: the x-range from the data and targets only, no line across a
missing year or to a derived value, rates bounded at 100 never drawn above it, every mark in
the legend, the data downloadable, and the same bytes whatever was drawn before."""
from __future__ import annotations

import base64
import dataclasses
import re

import matplotlib as mpl
import pytest

from edueval.report import figures
from edueval.report.charts import chart_views

from .conftest import obs_row, synthetic_context


@pytest.fixture
def one_value(tables):
    """A county with exactly one value of each of three indicators, and no target."""
    rows = [obs_row("620821", "preschool_ger", 2022, 91.0), obs_row("620821", "primary_ner", 2022, 99.96),
            obs_row("620821", "years_schooling", 2021, 9.8, unit="years")]
    return synthetic_context(tables, "620821", rows)


def own_lines(ax):
    return [ln for ln in ax.lines if len(ln.get_xdata()) > 1]


def test_one_value_per_indicator_gives_a_narrow_x_range_and_no_line(one_value):
    for indicator, level in figures.chartable_indicators(one_value):
        fig, legend = figures.draw(one_value, indicator, level)
        ax = fig.axes[0]
        lo, hi = ax.get_xlim()
        year = int(one_value.series_of("620821", indicator)["year"].iloc[0])
        assert (lo, hi) == (year - 1.6, year + 1.6)  # never 1925–2125
        assert own_lines(ax) == []  # one value: a marker, no line
        assert len(ax.collections) == 1 and len(ax.collections[0].get_offsets()) == 1
        assert [e.label for e in legend] == ["泾川县"] and legend[0].line is None


def test_bounded_rates_stop_at_100(one_value):
    fig, _ = figures.draw(one_value, "primary_ner", "all")
    assert fig.axes[0].get_ylim()[1] == 100.0
    fig, _ = figures.draw(one_value, "preschool_ger", "all")  # a gross ratio may exceed 100
    assert fig.axes[0].get_ylim()[1] == pytest.approx(92.0)


def test_no_line_across_a_missing_year_or_to_a_derived_value(tables):
    rows = [obs_row("620821", "senior_ger", 2015, 80.0, method="derived"),
            obs_row("620821", "senior_ger", 2016, 81.0), obs_row("620821", "senior_ger", 2017, 82.0),
            obs_row("620821", "senior_ger", 2020, 85.0), obs_row("620821", "senior_ger", 2021, 86.0),
            obs_row("620821", "senior_ger", 2023, 87.0, qualifier="~")]
    ctx = synthetic_context(tables, "620821", rows)
    fig, legend = figures.draw(ctx, "senior_ger", "all")
    segments = sorted(tuple(int(x) for x in ln.get_xdata()) for ln in own_lines(fig.axes[0]))
    assert segments == [(2016, 2017), (2020, 2021)]  # not 2015–16 (derived), not 2017–20 or 2021–23 (gaps)
    hollow = [c for c in fig.axes[0].collections if tuple(c.get_facecolor()[0]) == (1.0, 1.0, 1.0, 1.0)]
    assert len(hollow) == 1 and [tuple(p) for p in hollow[0].get_offsets()] == [(2015.0, 80.0)]
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "≈87" in texts  # the approximate value is marked
    labels = [e.label for e in legend]
    assert labels == ["泾川县", "推算值（空心）", "约数"]


def test_parents_and_nation_have_their_own_styles_and_stay_in_range(context_of):
    ctx = context_of("620802", "zh")
    fig, legend = figures.draw(ctx, "preschool_ger", "all")
    lo, hi = fig.axes[0].get_xlim()
    assert (lo, hi) == (2015 - 0.6, 2025 + 0.6)  # the county's values and targets, not the nation's 2010–2024
    nation = next(e for e in legend if e.label == "全国")
    assert nation.marker == "s" and nation.line == figures.COMPARATOR_STYLE["national"][1]
    assert {e.label for e in legend} >= {"崆峒区", "推算值（空心）", "全国", "本地目标 ≥95%（2025）",
                                        "国家目标 ≥90%（2025）", "国家目标 ≥85%（2020）"}


def test_chart_svg_keeps_text_as_text_and_ids_unique(context_of):
    views = chart_views(context_of("620802", "zh"))
    ids = [i for v in views for i in re.findall(r'id="([^"]+)"', str(v["svg"]))]
    assert len(ids) == len(set(ids))
    assert all("<text" in str(v["svg"]) and "<style" not in str(v["svg"]) for v in views)
    assert mpl.rcParams["svg.fonttype"] == "none" and mpl.rcParams["text.parse_math"] is False


def test_a_dollar_sign_in_a_name_is_not_mathtext(one_value):
    one_value.region = dataclasses.replace(one_value.region, name_zh=r"县$\frac{$名")
    views = chart_views(one_value)
    assert views and all("<svg" in str(v["svg"]) for v in views)


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
    first = figures.svg(figures.draw(a, "senior_ger", "all")[0], "x")
    for ind, level in figures.chartable_indicators(b):
        figures.svg(figures.draw(b, ind, level)[0], "y")
    assert figures.svg(figures.draw(a, "senior_ger", "all")[0], "x") == first


def test_a_whole_page_of_single_values_renders(one_value):
    from edueval.report import sections

    html = str(sections.page(one_value))
    assert html.count('class="chart"') == 3 and 'id="headline"' in html
    assert "最新本地数据：2022年" in html
