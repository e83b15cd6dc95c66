"""A stock named without a level takes the one level its sentence names before it, also across a
；and without a stock to inherit from (src/edueval/extract/statements.py, SentenceRules.level_carried);
on sentences written here."""
from __future__ import annotations

import pytest

from .extraction import one, rows

REGION = "620802"


@pytest.mark.parametrize("sentence", [
    "2022年，全区各种形式的特殊教育招生40人，在校生310人。",  # no stock of schools to inherit from
    "2022年，全区有特殊教育学校2所，比上年增加1所；在校生310人。",  # across a ；
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
