"""The headline block answers "is it on track for its 2025 targets, and which lag?" — checked
row by row against the evaluation table, for a county, a prefecture, a province and the nation."""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from edueval.report import cells, sections
from edueval.report.headline import headline_view, plan_lines
from edueval.report.i18n import words
from edueval.report.lines import TARGET_SCOPES
from edueval.report.status import (
    SYMBOL,
    observed_period,
    ratio_parts,
    scorecard_rows,
    status_code,
)

PAGES = ("620802", "140400", "000000", "140000")


class Rows(HTMLParser):
    """The text of every cell of every body row of the first table with class ``cls``."""

    def __init__(self, cls: str):
        super().__init__()
        self.cls, self.rows, self._in, self._cell, self._depth = cls, [], False, None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and self.cls in (attrs.get("class") or "").split() and not self.rows:
            self._in = True
        if self._in and tag == "tr":
            self.rows.append([])
        if self._in and tag in ("td", "th") and self.rows:
            self._cell = []

    def handle_endtag(self, tag):
        if self._in and tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        if tag == "table" and self._in:
            self._in = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def table_rows(html: str, cls: str) -> list[list[str]]:
    parser = Rows(cls)
    parser.feed(str(html))
    return [r for r in parser.rows if r][1:]  # without the header row


def expected(ctx, year):
    t = scorecard_rows(ctx.targets)
    t = t[t["scope"].isin(TARGET_SCOPES) & (t["target_year"] == year)]
    return t


@pytest.mark.parametrize("code", PAGES)
def test_every_2025_target_has_one_headline_row_with_the_evaluation_verdict(context_of, code):
    ctx = context_of(code, "zh")
    year, lines = plan_lines(ctx)
    assert year == 2025
    rows = table_rows(sections.headline(ctx), "lines")
    evaluation = expected(ctx, year)
    with_value = evaluation[~evaluation["status"].isin(["no actual", "target masked"])]
    shown = [ln for ln in lines if ln.has_value]
    assert len(rows) == len(shown)
    w = words("zh")
    for _, e in with_value.iterrows():
        # the row's own line, or the line it is folded into (the same level, year and verdict)
        line = next(ln for ln in shown if ln.key == (e["indicator"], e["school_level"])
                    and e["target_source_id"] in (ln.row["target_source_id"], *ln.also_in)
                    and ln.row["target_value"] == e["target_value"])
        assert line.code == status_code(e)
        name, target = ctx.series_name(*line.key), cells.target_text(ctx, line.row)
        match = [r for r in rows if r[0] == name and r[1].startswith(target)]
        assert len(match) == 1, (name, target, rows)
        verdict = match[0][-1]
        assert verdict.startswith(f"{SYMBOL[line.code]} {w.code('status', line.code)}"), (name, target, verdict)
        assert cells.reason_text(ctx, line).replace(" ", "") in verdict.replace(" ", "")  # with its one reason
    # the targets without a value are named in one sentence
    empty = evaluation[evaluation["status"] == "no actual"]
    facts = " ".join(headline_view(ctx)["facts"])
    for _, e in empty.iterrows():
        assert ctx.series_name(e["indicator"], e["school_level"]) in facts


def numbers(text: str) -> list[str]:
    return re.findall(r"[−+-]?\d[\d,]*(?:\.\d+)?", text)


@pytest.mark.parametrize("code", PAGES)
def test_english_headline_carries_the_same_verdicts_and_numbers(context_of, code):
    zh = table_rows(sections.headline(context_of(code, "zh")), "lines")
    en = table_rows(sections.headline(context_of(code, "en")), "lines")
    assert [r[-1][0] for r in zh] == [r[-1][0] for r in en]  # the same symbols, row by row
    for a, b in zip(zh, en):
        assert [numbers(x) for x in a[1:7]] == [numbers(x) for x in b[1:7]]  # target, base, latest, gap, paces


def test_kongtong_says_its_latest_local_data_are_from_2020_and_labels_every_pace(context_of):
    ctx = context_of("620802", "zh")
    view = headline_view(ctx)
    assert view["facts"][0] == "最新本地数据：2020年"
    assert any("规划期（2021–2025 年）内还没有本地数据" in f for f in view["facts"])
    local = next(ln for ln in ctx.lines if ln.key == ("preschool_ger", "all") and ln.row["scope"] == "local")
    row = next(r for r in view["rows"] if r["indicator"] == "学前三年毛入园率" and r["target"].startswith("≥95%"))
    assert row["verdict"]["word"] == words("zh").code("status", local.code)
    assert row["reason"] == cells.reason_text(ctx, local) and row["reason"].count("；") == 0  # one reason
    assert row["need"] == "+0.18 个百分点/年（2020–2025年）"
    assert row["achieved"].startswith("+4.72 个百分点/年（2015–2020年）")  # the pace carries its period
    assert row["achieved"].endswith("（含推算值）")  # and says it rests on the derived 2015 value
    met = next(r for r in view["rows"] if r["indicator"] == "学前三年毛入园率" and r["target"].startswith("≥90%"))
    assert met["verdict"]["word"] == "已达成" and met["need"] == "已达成，无需"


def test_a_quoted_national_benchmark_is_not_a_second_target(context_of):
    ctx = context_of("140400", "zh")
    preschool = [ln for ln in ctx.lines if ln.key == ("preschool_ger", "all") and ln.row["target_owner"] == "000000"]
    pairs = [(int(ln.row["target_year"]), float(ln.row["target_value"])) for ln in preschool]
    assert len(pairs) == len(set(pairs))  # no national level is listed twice for one year
    eighty_five = next(ln for ln in preschool if ln.row["target_value"] == 85)
    assert "seed-001" in eighty_five.also_in  # seed-001 quotes the national 85%: the same target
    inclusive = [ln for ln in ctx.lines if ln.key == ("preschool_inclusive_share", "all")
                 and ln.row["target_owner"] == "000000" and ln.row["target_value"] == 80]
    assert len(inclusive) == 1 and "seed-001" in inclusive[0].also_in


def test_the_county_preschool_standard_needs_all_three_conditions(context_of):
    ctx = context_of("620802", "zh")
    standard = next(s for s in ctx.standards if s.source_id == "moe-county-preschool-eval-2020")
    assert [c.indicator for c in standard.conditions] == ["preschool_ger", "preschool_inclusive_share",
                                                          "preschool_public_share"]
    assert [c.code for c in standard.conditions] == ["achieved", "no actual", "no actual"]
    assert standard.code == "not assessable"  # one condition met is not the standard met
    html = str(sections.scorecard(ctx))
    assert "缺少数据，无法判断：普惠性幼儿园覆盖率、公办园在园幼儿占比" in html
    assert "≥85%（2020）" not in table_rows(html, "standards")[0][1]  # a standard has no deadline year


@pytest.mark.parametrize("code", ["000000", "140000"])
def test_nation_and_province_rows_follow_their_evaluation_rows(context_of, code):
    ctx = context_of(code, "zh")
    _, lines = plan_lines(ctx)
    view = {(r["indicator"], r["target"]): r for r in headline_view(ctx)["rows"]}
    for line in (ln for ln in lines if ln.has_value):
        r = line.row
        row = view[(ctx.series_name(*line.key), cells.target_text(ctx, r))]
        assert row["latest"]["text"].startswith(cells.tx.number(r["status_value"], cells.unit_of(r["indicator"]),
                                                                 words("zh")))
        assert row["latest"]["text"].endswith(f"（{int(r['status_year'])}）")
        period = observed_period(r)
        if period:
            assert f"（{cells.tx.period(*period, words('zh'))}）" in row["achieved"]
        assert row["reason"] == cells.reason_text(ctx, line)


def test_ratios_show_numerator_and_denominator_and_met_targets_their_schedule(context_of):
    ctx = context_of("000000", "zh")
    w = words("zh")
    with_ratio = [ln for ln in ctx.lines if ratio_parts(ln.row) is not None]
    assert with_ratio
    for line in with_ratio:
        observed, needed, ratio = ratio_parts(line.row)
        unit = cells.unit_of(line.row["indicator"])
        assert cells.ratio_cell(ctx, line) == (f"进度比 = 实际 {cells.tx.pace(observed, unit, w)} ÷ "
                                               f"所需 {cells.tx.pace(needed, unit, w)} = {cells.fmt_number(ratio)}")
        if line.code == "achieved":
            assert cells.schedule_cell(ctx, line) == "已达成"
    kongtong = context_of("620802", "zh")
    special = next(ln for ln in kongtong.lines if ln.key == ("special_enrolment", "all") and ln.row["scope"] == "local")
    assert special.code == "achieved" and cells.schedule_cell(kongtong, special) == "已达成"


def test_scorecard_has_one_line_per_target_and_gathers_those_without_data(context_of):
    ctx = context_of("620802", "zh")
    html = str(sections.scorecard(ctx))
    rows = [r for r in table_rows(html, "scorecard") if len(r) > 1]
    with_value = [ln for ln in ctx.lines if ln.has_value]
    assert len(rows) == len(with_value)
    empty = [ln for ln in ctx.lines if not ln.has_value] + [s for s in ctx.standards if not s.has_value]
    assert len(empty) == 15  # 13 targets of the 2025 plan, the balance and the teacher-rotation standards
    assert "没有数据的目标（15 项）" in html
    assert html.count("无实际值") == 0


def test_a_verdict_on_the_previous_plans_pace_says_so(context_of):
    """When the observed pace ends at or before the plan base year, the ratio compares the previous
    plan's pace with this plan's need: the reason must say so."""
    from edueval.report.lines import Line

    ctx = context_of("620802", "zh")
    local = next(ln for ln in ctx.lines if ln.key == ("preschool_ger", "all") and ln.row["scope"] == "local")
    row = local.row.copy()
    row["category"], row["progress_ratio"] = "on track", 25.6
    row["progress_ratio_basis"] = "observed ÷ plan-consistent required pace"
    row["trend_window_start"], row["trend_window_end"] = 2015, 2020
    text = cells.reason_text(ctx, Line(row))
    assert text.startswith("实际 +4.72 个百分点/年（2015–2020年）÷ 所需 +0.18 个百分点/年（2020–2025年）= 25.6")
    assert text.endswith("实际进度全部在 2020 年以前（上一规划期）")
    row["trend_window_start"], row["trend_window_end"] = 2020, 2023
    assert "上一规划期" not in cells.reason_text(ctx, Line(row))
