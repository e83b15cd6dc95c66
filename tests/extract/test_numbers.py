"""Property-based tests of the number and qualifier parsers."""
from __future__ import annotations

import cn2an
from hypothesis import given, settings
from hypothesis import strategies as st

from edueval.extract.matching import qualifier_of
from edueval.extract.normalize import normalize
from edueval.extract.numbers import format_number, parse_number
from edueval.extract.statements import tokens

values = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False).map(float)


@given(values)
def test_plain_and_grouped_numbers_round_trip(v):
    assert parse_number(format_number(v, "plain")) == round(v, 2)
    assert parse_number(format_number(v, "grouped")) == round(v, 2)


@given(values)
def test_full_width_digits_round_trip_through_normalisation(v):
    written = format_number(v, "fullwidth")
    assert parse_number(normalize(written).text) == round(v, 2)


@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_round_trip(n):
    assert parse_number(cn2an.an2cn(n)) == n


@given(st.decimals(min_value=0, max_value=9999, places=1, allow_nan=False).map(float), st.sampled_from(["万", "亿"]))
def test_wan_and_yi_multiply(v, unit):
    factor = 1e4 if unit == "万" else 1e8
    assert abs(parse_number(f"{v:.1f}{unit}") - v * factor) < 1e-6 * max(1.0, v * factor)


@given(st.decimals(min_value=0, max_value=200, places=2, allow_nan=False).map(float))
def test_percent_tokens_in_a_sentence(v):
    sentence = f"学前三年毛入园率{v:.2f}%，较上年提高{v:.1f}个百分点。"
    found = tokens(sentence)
    assert [t.unit for t in found] == ["%", "pp"]
    assert found[0].value == round(v, 2) and found[1].value == round(v, 1)


@given(st.from_regex(r"\*{1,3}(\.\*{1,2})?", fullmatch=True))
def test_masked_tokens_are_never_numbers(mask):
    found = tokens(f"毛入园率{mask}%")
    assert len(found) == 1 and found[0].masked and found[0].value is None


@settings(max_examples=50)
@given(st.sampled_from([("超过", ">"), ("不低于", ">="), ("不足", "<"), ("不高于", "<="), ("约", "~"), ("", "=")]),
       st.text(alphabet="的年达为", max_size=3))
def test_qualifier_words_before_the_number(pair, filler):
    word, symbol = pair
    assert qualifier_of(filler + word, "", "actual")[0] == symbol


@given(st.sampled_from([("以上", ">="), ("左右", "~"), ("余", ">"), ("以下", "<=")]))
def test_qualifier_words_after_the_number(pair):
    word, symbol = pair
    assert qualifier_of("达到", word + "。", "actual")[0] == symbol


def test_a_plain_reach_word_is_equal_in_a_target_too():
    # ../shared/ANNOTATION.md, Qualifier: 达到 → = also for targets; the evaluation reads = as a
    # floor in the good direction (edueval/models/pace.py), 以上 is what makes >=
    assert qualifier_of("达到", "。", "target")[0] == "="
    assert qualifier_of("达到", "以上。", "target")[0] == ">="


def test_a_level_held_takes_the_bound_after_it():
    # ANNOTATION.md: 稳定在 → ~, but 保持在…以上 → >=: the bound after a held level decides
    assert qualifier_of("稳定在", "。", "actual")[0] == "~"
    assert qualifier_of("稳定在", "以上。", "actual")[0] == ">="
    assert qualifier_of("约", "以上。", "actual")[0] == "~"  # an approximation is not a held level
    assert qualifier_of("达到", "。", "actual")[0] == "="
    assert qualifier_of("近五年提升", "", "change")[0] == "="  # 近五年 is a period, not 近 (about)
