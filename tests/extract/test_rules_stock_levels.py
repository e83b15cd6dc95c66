"""A stock named without a level takes the one level its sentence names before it, also across a
；and without a stock to inherit from (src/edueval/extract/statements.py, SentenceRules.level_carried);
on sentences written here."""
from __future__ import annotations

import pytest

from .extraction import one, rows

REGION = "620802"


@pytest.mark.parametrize("sentence", [
    "2022年，全区各种形式的特殊教育招生40人，在校生310人。",  # no stock of schools to inherit from
    "2022年，全区特殊教育招生40人；在校生310人。",  # across a ；
])
def test_a_stock_without_a_level_takes_the_one_level_named_before_it(tmp_path, sentence):
    t = rows(tmp_path, sentence, region=REGION)
    assert one(t, indicator="student_count")[["school_level", "value"]].tolist() == ["special", 310]


def test_two_levels_before_leave_the_stock_a_total(tmp_path):
    t = rows(tmp_path, "2022年，全区小学招生800人，初中招生700人；在校生12000人。", region=REGION)
    assert one(t, indicator="student_count")["school_level"] == "all"


def test_a_stock_marked_as_the_total_keeps_no_level(tmp_path):
    t = rows(tmp_path, "2022年，全区特殊教育招生40人；全区在校生15000人。", region=REGION)
    assert one(t, indicator="student_count")["school_level"] == "all"


def test_the_relative_change_of_a_count_named_without_its_stock(tmp_path):
    text = "截至2023年底，与2018年相比，全区幼儿园数量增加了12.5%，在园规模增长了8%，教职工数量增加了30%。"
    t = rows(tmp_path, text, region=REGION)
    schools = one(t, indicator="school_count")
    assert (schools["kind"], schools["school_level"], schools["value"], schools["base_year"]) == \
        ("change", "preschool", 12.5, 2018)
    assert one(t, indicator="student_count")[["school_level", "value", "unit"]].tolist() == ["preschool", 8, "%"]
    assert len(t) == 2  # 教职工 is no row


def test_a_count_change_of_a_flow_or_without_a_base_is_no_row(tmp_path):
    assert rows(tmp_path, "2023年，全区新建幼儿园数量增加了20%。", region=REGION).empty
    assert rows(tmp_path, "2023年，全区幼儿园数量增加了20%。", region=REGION).empty


def test_a_stock_after_jinwei(tmp_path):
    t = rows(tmp_path, "1980年，全区在园儿童人数仅为2100人。", region=REGION)
    assert one(t, indicator="student_count")[["school_level", "year", "value"]].tolist() == ["preschool", 1980, 2100]


def test_a_level_inside_a_rates_name_is_passed_to_no_stock(tmp_path):
    t = rows(tmp_path, "2022年，全区初中巩固率98%；在校生15000人。", region=REGION)
    assert one(t, indicator="student_count")["school_level"] == "all"


def test_label_and_value_lines_with_a_colon(tmp_path):
    text = "崆峒区2023年教育基本情况\n学校总数：58所\n在校学生：3.2万人\n学前三年毛入园率：93%\n"
    t = rows(tmp_path, text, region=REGION)
    assert dict(zip(t["indicator"], t["value"])) == {"school_count": 58, "student_count": 32000, "preschool_ger": 93}


def test_a_colon_before_other_words_still_ends_the_clause(tmp_path):
    t = rows(tmp_path, "2023年，全区学前三年毛入园率：较上年有所提高，达标学校93所。", region=REGION)
    assert not (t["indicator"] == "preschool_ger").any()


def test_approximate_counts_with_yu_or_duo(tmp_path):
    t = rows(tmp_path, "2021年，全区有学校80余所，在校学生2.4万余人，专任教师1900多名。", region=REGION)
    got = {r.indicator: (r.value, r.qualifier) for r in t.itertuples()}
    assert got == {"school_count": (80, ">"), "student_count": (24000, ">"), "teacher_count": (1900, ">")}


def test_a_level_in_an_aside_is_passed_to_no_stock(tmp_path):
    t = rows(tmp_path, "2021年，全区有学校86所（含教学点）；专任教师1900人。", region=REGION)
    assert one(t, indicator="teacher_count")["school_level"] == "all"


def test_an_aside_between_a_stocks_noun_and_its_number(tmp_path):
    t = rows(tmp_path, "2022年，全区共有中小学校（含教学点）98所，专任教师队伍达到3200人。", region=REGION)
    assert one(t, indicator="school_count")[["school_level", "value"]].tolist() == ["basic", 98]
    assert one(t, indicator="teacher_count")["value"] == 3200


def test_an_aside_naming_a_subset_makes_no_stock(tmp_path):
    t = rows(tmp_path, "2022年，全区幼儿园（民办）30所。", region=REGION)
    assert not (t["indicator"] == "school_count").any()
