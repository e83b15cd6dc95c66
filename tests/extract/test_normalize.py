"""The matching text of a document: a PDF's hard-wrapped paragraphs read on across the break,
spaces inside a prose line's words closed, tables left as they are, and every offset mapping
back to the original. Sentences written for the tests."""
from __future__ import annotations

import random
import unicodedata

from edueval.extract.normalize import _deleted, normalize

from .extraction import rows

REGION = "620802"



def _broken(paragraph: str, measure: int) -> str:
    """``paragraph`` broken at ``measure`` display columns, as a PDF's text layer gives it."""
    lines, line, width = [], "", 0
    for ch in paragraph:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if width + w > measure:
            lines.append(line)
            line, width = "", 0
        line, width = line + ch, width + w
    return "\n".join(lines + [line]) + "\n"


# broken at 47 columns: inside words (提|高, 教|育, 在园|幼儿) and inside a number (92|.3%)
PARAGRAPH = ("2021年，全县学前三年毛入园率达到91.5%，比上年提高2.1个百分点；小学在校生30.89万人。"
             "九年义务教育巩固率2021年达到96.8%，高中阶段毛入学率达到92.3%，均高于上年。"
             "年末全县共有幼儿园128所，在园幼儿18 246人。")
WRAPPED = _broken(PARAGRAPH, 47)


def test_a_page_broken_at_its_measure_is_read_as_one_paragraph(tmp_path):
    assert "92\n.3%" in WRAPPED and "提\n高" in WRAPPED
    t = rows(tmp_path, WRAPPED, region=REGION)
    got = {(r.indicator, r.school_level, r.kind): r.value for r in t.itertuples()}
    assert got == {("preschool_ger", "all", "actual"): 91.5, ("preschool_ger", "all", "change"): 2.1,
                   ("student_count", "primary", "actual"): 308_900,
                   ("compulsory_retention", "all", "actual"): 96.8, ("senior_ger", "all", "actual"): 92.3,
                   ("school_count", "preschool", "actual"): 128, ("student_count", "preschool", "actual"): 18246}
    assert set(t["year"]) == {2021}


def test_the_quote_of_a_joined_line_is_the_original_text():
    norm = normalize(WRAPPED)
    assert norm.text.count("\n") == 1
    start = norm.text.index("提高2.1")
    assert norm.original_span(start, start + len("提高2.1")) == "提\n高2.1"
    assert "毛入学率达到92.3%" in norm.text and "在园幼儿18 246人" in norm.text


def test_a_sentence_end_a_heading_or_a_short_line_ends_the_paragraph():
    text = ("一、基本情况\n"
            + _broken("全县共有小学40所，初中12所，高中3所，幼儿园60所，特殊教育学校1所，"
                      "职业高中2所，各类学校共计118所，全县共有教职工5200人。", 48)
            + "（一）学前教育\n"
            + _broken("全县学前三年毛入园率达到91.5%，普惠性幼儿园覆盖率达到86.2%，公办园在园幼儿占比达到52.1%。", 48)
            + "二、义务教育\n")
    assert text.count("\n") == 8
    joined = normalize(text).text
    assert "一、基本情况\n全县" in joined and "5200人。\n(一)学前教育\n全县" in joined
    assert "52.1%。\n二、义务教育" in joined and joined.count("\n") == 5


def test_rows_of_a_table_as_wide_as_each_other_are_not_joined():
    text = ("地区 专任教师数 在校生数\n"
            "  福州市 8685 17253 29046 108062 212842 551035\n"
            "    福州市辖区 3172 5366 10069 43157 79238 210524\n"
            "      鼓楼区 1348 1641 2711 18183 25221 53144\n"
            "      台江区 4581 6831 1227 6694 10235 24915\n")
    assert normalize(text).text == text


def test_spaces_in_a_prose_line_are_closed_and_a_header_keeps_its_cells(tmp_path):
    text = ("2021年，全县学 前 三年毛入 园率达到91.5%，普惠性幼儿园覆 盖率达到86.2%。\n"
            "学段 学校数 在校生\n"
            "小学 40 9000\n")
    norm = normalize(text)
    assert "学前三年毛入园率达到91.5%,普惠性幼儿园覆盖率" in norm.text
    assert "学段 学校数 在校生\n小学 40 9000" in norm.text
    t = rows(tmp_path, text, region=REGION)
    assert {r.indicator: r.value for r in t.itertuples() if r.unit == "%"} == {
        "preschool_ger": 91.5, "preschool_inclusive_share": 86.2}


def test_thousands_parted_by_a_space_do_not_make_a_prose_line_a_table():
    text = _broken("截至2003年底，全省共有幼儿园2 181所。幼儿园和学前班共有幼儿345 116人；小学11 400所，"
                   "在校生2 401 918人，毕业生438 212人，招生405 337人；教职工204 820人，其中专任教师178 122人。"
                   "普通中学2 719所，其中普通初中2 238所，普通高中481所；普通中学在校生2 473 923人。", 44)
    assert text.count("\n") >= 4
    joined = normalize(text).text
    assert joined.count("\n") == 1 and "小学11 400所" in joined and "其中专任教师178 122人" in joined


def test_deletions_keep_every_offset_mapping_back():
    rng = random.Random(7)
    for _ in range(200):
        original = "".join(rng.choice("学前毛入园率、。 \n12") for _ in range(rng.randint(1, 40)))
        norm = normalize(original)
        positions = sorted(rng.sample(range(len(norm.text)), k=rng.randint(0, len(norm.text))))
        cut = _deleted(norm, positions)
        assert cut.text == "".join(ch for i, ch in enumerate(norm.text) if i not in set(positions))
        for pos, ch in enumerate(cut.text):
            assert original[cut.to_original(pos)] == ch


def test_display_width_counts_wide_characters_as_unicodedata_does():
    # display_width counts with character classes built from unicodedata; it must agree
    # with the per-character reading on any text (ASCII, CJK, full-width, astral planes)
    import random
    import unicodedata

    from edueval.extract.display_width import display_width

    rng = random.Random(7)
    for _ in range(3000):
        picks = [rng.choice((rng.randrange(0x20, 0x3000), rng.randrange(0x3000, 0xD800),
                             rng.randrange(0xE000, 0x10000), rng.randrange(0x10000, 0x110000)))
                 for _ in range(rng.randrange(0, 30))]
        line = "".join(map(chr, picks))
        assert display_width(line) == sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
    assert display_width("毛入园率 95%") == 12 and display_width("ＡＢ") == 4


def test_romanisation_with_a_stray_symbol_inside_its_brackets_is_dropped_too(tmp_path):
    # a mirror's noise reaches inside the brackets: 在校(xiào®)生, 增長(chánσg) (tests/extract/corpus zb02)
    assert normalize("特殊教育在校(xiào®)生(shēng)88.1萬人").text == "特殊教育在校生88.1万人"
    assert normalize("增長(chánσg)10.8%").text == "增长10.8%"
    # a bracket of Latin letters around a word that is no romanisation stays: (HTML) is six capitals
    assert normalize("网页(HTML)").text == "网页(HTML)"
    text = "某县2021年教育统计\n2021年，全县在校(xiào®)生(shēng)3.5萬人。"
    assert list(rows(tmp_path, text, region=REGION)["value"]) == [35000]


def test_a_blank_beside_a_decimal_point_inside_a_rate_is_noise():
    # noisy copies: 高中階段毛入學率92. 5% / 增長(cháng)8 .7% (tests/extract/corpus zb02)
    assert normalize("高中阶段毛入学率92. 5%,").text == "高中阶段毛入学率92.5%,"
    assert normalize("在校生增长8 .7%。其中").text == "在校生增长8.7%。其中"
    assert normalize("在园幼儿1. 23万人,").text == "在园幼儿1.23万人,"
    # a numbered item before a count keeps its blank: no fraction of a school
    assert normalize("2. 35所学校完成改造,").text == "2. 35所学校完成改造,"
