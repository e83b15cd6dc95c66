"""Yearbook tables with single spaces between columns, English glosses and section rows
(src/edueval/extract/rules_yearbook.py), on tables written here."""
from __future__ import annotations

import pytest

from edueval.extract.rules_yearbook import header_years

from .extraction import one, rows

REGION = "620802"

BILINGUAL = (
    "某区教育统计 (2019-2020)\n"
    "单位:人、所 (person, unit)\n"
    "         Item 2019 2020\n"
    "学校数 Number of Schools\n"
    "普通中学 Regular Secondary Schools 14 13\n"
    "  初 中     Junior 9 9\n"
    "小 学 Primary Schools 31 30\n"
    "专任教师 Full-time Teachers\n"
    "  初 中     Junior 402 2031\n"
    "小 学 Primary Schools 610 598\n"
    "招生数 New Student Enrollment\n"
    "小 学 Primary Schools 1210 1175\n"
)


def test_bilingual_yearbook_sections_say_what_rows_and_columns_count(tmp_path):
    t = rows(tmp_path, BILINGUAL, region=REGION)
    assert one(t, indicator="school_count", school_level="primary", year=2019)["value"] == 31
    assert one(t, indicator="school_count", school_level="junior", year=2020)["value"] == 9
    assert one(t, indicator="teacher_count", school_level="primary", year=2020)["value"] == 598
    # a cell that looks like a year (2031 teachers) is a value in a table whose columns are years
    assert one(t, indicator="teacher_count", school_level="junior", year=2020)["value"] == 2031
    # 普通中学 is no contract level; an intake (招生数) is no stock
    assert len(t) == 8 and set(t["kind"]) == {"actual"}


def test_chinese_header_of_years_with_a_stub_word(tmp_path):
    text = "某县教育事业\n项目 2020年 2021年\n在校学生数\n高 中 2310 2402\n幼儿园 5120 4980\n"
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="student_count", school_level="senior", year=2021)["value"] == 2402
    assert one(t, indicator="student_count", school_level="preschool", year=2020)["value"] == 5120
    assert len(t) == 4


def test_a_row_with_more_numbers_than_year_columns_is_not_guessed(tmp_path):
    # 2 473 923 may be one number in thin-space groups or several cells: neither is guessed
    text = "某县教育事业\n项目 2020年 2021年\n在校学生数\n小 学 2 473 923\n初 中 3310 3402\n"
    t = rows(tmp_path, text, region=REGION)
    assert set(t["school_level"]) == {"junior"} and len(t) == 2


def test_header_years_needs_two_years_and_nothing_but_a_stub():
    assert header_years("Item 2006 2007") == [2006, 2007]
    assert header_years("指标 2019年 2020年 2021年") == [2019, 2020, 2021]
    assert header_years("2021年 全县共有小学 31所") is None
    assert header_years("截至2021年 2022年") is None
    assert header_years("2021") is None


def test_a_unit_column_gives_each_rows_unit_and_multiplier(tmp_path):
    text = ("某县统计年鉴\n指标 单位 2020年 2021年\n小学学校数 所 31 30\n初中在校学生数 万人 1.25 1.31\n"
            "小学专任教师 人 610 598\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="student_count", school_level="junior", year=2021)["value"] == 13100
    assert one(t, indicator="school_count", school_level="primary", year=2020)["value"] == 31
    assert one(t, indicator="teacher_count", school_level="primary", year=2021)["value"] == 598
    assert len(t) == 6


def test_one_cell_per_line_with_english_glosses(tmp_path):
    cells = ["学校类别", "Type", "学校数(所)", "Schools", "在校生数(人)", "Enrolment",
             "小 学 Primary", "31", "16200", "初 中 Junior", "12", "8100"]
    t = rows(tmp_path, "某县2020年各级学校基本情况\n" + "\n".join(cells) + "\n", region=REGION)
    assert one(t, indicator="student_count", school_level="junior")["value"] == 8100
    assert one(t, indicator="school_count", school_level="primary")["value"] == 31
    assert len(t) == 4


def test_a_single_latin_letter_in_a_label_is_no_gloss():
    from edueval.extract.rules_yearbook import unglossed

    assert unglossed("二本B类以上达线率(%)") == "二本B类以上达线率(%)"
    assert unglossed("小 学 Primary Schools") == "小 学"


def test_a_plan_tables_section_lines_name_the_stage_of_the_rows_under_them(tmp_path):
    # shape of a 十三五 plan's table of indicators (tests/extract/corpus o01): a section line per
    # stage, its rows a bare count or a bare rate, the base year's column and the target year's
    text = ("“十三五”期间全省教育事业主要预期指标\n"
            "指 标\n"
            "单位 2015年 2020年\n"
            "九年义务教育\n"
            "在校生 万人 505 535\n"
            "巩固率 % 99 100\n"
            "高中段教育\n"
            "在校生 万人 142 160\n"
            "毛入学率 % 95.9 98\n"
            "高等教育\n"
            "在学总规模 万人 148 159\n"
            "其中:研究生 万人 6.35 8\n"
            "毛入学率 % 56 62\n")
    t = rows(tmp_path, "某省教育事业发展“十三五”规划\n" + text, region="330000")
    got = {(r.indicator, r.school_level, r.year, r.kind): r.value for r in t.itertuples()}
    assert got == {
        ("student_count", "compulsory", 2015, "actual"): 5_050_000, ("student_count", "compulsory", 2020, "target"): 5_350_000,
        ("compulsory_retention", "all", 2015, "actual"): 99, ("compulsory_retention", "all", 2020, "target"): 100,
        ("student_count", "upper_secondary", 2015, "actual"): 1_420_000,
        ("student_count", "upper_secondary", 2020, "target"): 1_600_000,
        ("senior_ger", "all", 2015, "actual"): 95.9, ("senior_ger", "all", 2020, "target"): 98,
        ("student_count", "higher", 2015, "actual"): 1_480_000, ("student_count", "higher", 2020, "target"): 1_590_000,
        ("higher_ger", "all", 2015, "actual"): 56, ("higher_ger", "all", 2020, "target"): 62}


# a plan's table of main indicators (the shape of the 十四五 plans' 主要指标 tables): a stub (one or two
# words), a 单位 column, the base and goal years and a 属性 column that says whether a goal binds
PLAN_TABLES = {
    "one space": ("指标 单位 2020年 2025年 属性\n学前三年毛入园率 % 85.2 90 预期性\n"
                  "九年义务教育巩固率 % 95.3 96 约束性\n高中阶段毛入学率 % 91.0 ≥92 预期性\n"),
    "group stub": ("类别 指标 2020年 2025年 指标属性\n学前教育 学前三年毛入园率(%) 85.2 90 预期性\n"
                   "义务教育 九年义务教育巩固率(%) 95.3 96 约束性\n高中阶段教育 高中阶段毛入学率(%) 91.0 ≥92 预期性\n"),
    "year words": ("指标 单位 2020年基期值 2025年目标值 属性\n学前三年毛入园率 % 85.2 90 预期性\n"
                   "九年义务教育巩固率 % 95.3 96 约束性\n高中阶段毛入学率 % 91.0 ≥92 预期性\n"),
    "one cell a line": "\n".join(["指标", "单位", "2020年基期值", "2025年目标值", "属性",
                                  "学前三年毛入园率", "%", "85.2", "90", "预期性",
                                  "九年义务教育巩固率", "%", "95.3", "96", "约束性",
                                  "高中阶段毛入学率", "%", "91.0", "≥92", "预期性"]) + "\n",
}


@pytest.mark.parametrize("layout", sorted(PLAN_TABLES))
def test_a_plans_table_of_main_indicators_gives_its_base_and_its_goals(tmp_path, layout):
    text = "某省“十四五”教育事业发展规划\n表1 “十四五”教育事业发展主要指标\n" + PLAN_TABLES[layout]
    t = rows(tmp_path, text, region="620000")
    got = set(zip(t["indicator"], t["year"], t["kind"], t["value"]))
    assert got == {("preschool_ger", 2020, "actual", 85.2), ("preschool_ger", 2025, "target", 90),
                   ("compulsory_retention", 2020, "actual", 95.3), ("compulsory_retention", 2025, "target", 96),
                   ("senior_ger", 2020, "actual", 91.0), ("senior_ger", 2025, "target", 92)}, layout
    assert one(t, indicator="senior_ger", year=2025)["qualifier"] == ">="


def test_a_goal_column_of_a_past_year_in_a_one_space_table_stays_a_goal(tmp_path):
    # a review written after the plan ended, its table copied with single spaces
    text = ("某区“十三五”教育规划实施情况（2021年3月）\n指标 单位 2020年目标值 2020年完成值 属性\n"
            "学前三年毛入园率 % 90 92.4 预期性\n")
    t = rows(tmp_path, text, region="620802")
    assert one(t, value=90)["kind"] == "target" and one(t, value=92.4)["kind"] == "actual"
