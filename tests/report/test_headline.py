"""The headline block answers "is it on track for its 2025 targets, and which lag?" — checked
row by row against the evaluation table, for a county, a prefecture, a province and the nation."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest

from edueval.report import cells, sections
from edueval.report.headline import headline_view, plan_lines
from edueval.report.i18n import words
from edueval.report.lines import TARGET_SCOPES
from edueval.report.status import SYMBOL, scorecard_rows, status_code

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
    year, _ = plan_lines(ctx)
    assert year == 2025
    rows = table_rows(sections.headline(ctx), "lines")
    evaluation = expected(ctx, year)
    with_value = evaluation[~evaluation["status"].isin(["no actual", "target masked"])]
    assert len(rows) == len(with_value), (code, rows)
    w = words("zh")
    for _, e in with_value.iterrows():
        name = ctx.series_name(e["indicator"], e["school_level"])
        target = cells.target_text(ctx, e)
        code_ = status_code(e)
        match = [r for r in rows if r[0] == name and r[1].startswith(target)]
        assert len(match) == 1, (name, target, rows)
        verdict = match[0][-1]
        assert verdict.startswith(f"{SYMBOL[code_]} {w.code('status', code_)}"), (name, target, verdict)
    # the targets without a value are named in one sentence
    empty = evaluation[evaluation["status"] == "no actual"]
    facts = " ".join(headline_view(ctx)["facts"])
    for _, e in empty.iterrows():
        assert ctx.series_name(e["indicator"], e["school_level"]) in facts


@pytest.mark.parametrize("code", PAGES)
def test_english_headline_carries_the_same_verdicts(context_of, code):
    zh = table_rows(sections.headline(context_of(code, "zh")), "lines")
    en = table_rows(sections.headline(context_of(code, "en")), "lines")
    assert [r[-1][0] for r in zh] == [r[-1][0] for r in en]  # the same symbols, row by row
    assert [r[3].split("（")[0] for r in zh] == [r[3].split(" (")[0] for r in en]  # the same numbers


def test_kongtong_says_its_latest_local_data_are_from_2020_and_why_it_cannot_be_judged(context_of):
    ctx = context_of("620802", "zh")
    view = headline_view(ctx)
    assert view["facts"][0] == "最新本地数据：2020年"
    assert any("规划期（2021–2025 年）内还没有本地数据" in f for f in view["facts"])
    local = next(r for r in view["rows"] if r["indicator"] == "学前三年毛入园率" and r["target"].startswith("≥95%"))
    assert local["verdict"]["word"] == "无法判断"
    assert local["reason"].startswith("规划基期 2020 年之后没有本地数据")
    assert "（" not in local["reason"].split("），")[-1]  # one reason, not two
    assert local["need"] == "+0.18 个百分点/年（2020–2025年）"
    assert local["achieved"] == "+4.72 个百分点/年（2015–2020年）（含推算值）"  # the pace is labelled with its period
    met = next(r for r in view["rows"] if r["indicator"] == "学前三年毛入园率" and r["target"].startswith("≥90%"))
    assert met["verdict"]["word"] == "已达成" and met["need"] == "已达成，无需"


def test_a_quoted_national_benchmark_is_not_a_second_target(context_of):
    ctx = context_of("140400", "zh")
    preschool = [ln for ln in ctx.lines if ln.key == ("preschool_ger", "all") and ln.row["target_owner"] == "000000"]
    values = sorted(float(ln.row["target_value"]) for ln in preschool)
    assert values == [85.0, 90.0]  # the 85% of 2020 once (seed-001 quotes it), and the 90% of 2025
    eighty_five = next(ln for ln in preschool if ln.row["target_value"] == 85)
    assert "seed-001" in eighty_five.also_in
    inclusive = [ln for ln in ctx.lines if ln.key == ("preschool_inclusive_share", "all")
                 and ln.row["target_owner"] == "000000"]
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


def test_nation_and_province(context_of):
    nation = {(r["indicator"], r["target"]): r for r in headline_view(context_of("000000", "zh"))["rows"]}
    retention = nation[("九年义务教育巩固率", "≥96%（2025）")]
    assert retention["verdict"]["word"] == "无法判断"
    assert retention["reason"].startswith("规划基期 2020 年的 95.2% 已接近目标")
    assert "（2020–2024年）" in retention["achieved"]
    assert nation[("高等教育毛入学率", "≥60%（2025）")]["verdict"]["word"] == "已达成"
    shanxi = headline_view(context_of("140000", "zh"))
    row = shanxi["rows"][0]
    assert row["latest"]["text"] == "89.7%（2018）" and row["verdict"]["word"] == "无法判断"
    assert row["reason"].startswith("规划基期 2020 年之后没有本地数据（最新为 2018 年）")


def test_ratios_show_numerator_and_denominator_and_met_targets_their_schedule(context_of):
    ctx = context_of("000000", "zh")
    line = next(ln for ln in ctx.lines if ln.key == ("preschool_ger", "all") and ln.row["target_year"] == 2020)
    assert cells.ratio_cell(ctx, line) == "进度比 = 实际 +2.03 个百分点/年 ÷ 所需 +2 个百分点/年 = 1.02"
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
