"""The extractor's shortcuts change no output: the number pattern's look-ahead finds the
matches of the pattern without it, as does every pattern given an opening look-ahead
(matching.opened), and the sentences skipped for want of a number give no row and no skip."""
from __future__ import annotations

import re

import pytest

from edueval import paths
from edueval.extract.corpus_scoring import CORPUS
from edueval.extract.normalize import normalize
from edueval.extract.pipeline import SENTENCE_END
from edueval.extract.tokens import NUM_RE, NUMBER

CRAFTED = ["翻了两番", "翻一番", "百分之九十五点六", "85,905人", "2 401 918名", "**.*%", "20**年", "三百五十七所",
           "x12", "a.5", "高于国家85%和省政府90%", "增长1.2个百分点", "十四五", "幼儿园168所", "９５％",
           "党的十八大以来", "与十八大前相比", "全县有小学阶段学校12所", "其中专任教师1200人", "在校生2.4万，",
           "与2010年相比，幼儿园数量增加了77.3%", "均高于全省平均水平", "去年，全区", "截至今年底",
           "小学入学率、巩固率均达100%", "“十三五”期间"]


def _sentences() -> list[str]:
    found = list(CRAFTED)
    for folder in (paths.SHARED_SEEDS, CORPUS / "docs"):
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                if f.suffix in (".txt", ".md"):
                    text = normalize(f.read_text(encoding="utf-8", errors="replace")).text
                    found += [s for line in text.split("\n") for s in SENTENCE_END.split(line) if s]
    return found


def test_the_look_ahead_finds_the_same_numbers():
    plain = re.compile(NUMBER)
    sentences = _sentences()
    if len(sentences) == len(CRAFTED):
        pytest.skip("no seed or corpus documents to read")
    matches = 0
    for sentence in sentences:
        ours = [(m.span(), m.groupdict()) for m in NUM_RE.finditer(sentence)]
        assert ours == [(m.span(), m.groupdict()) for m in plain.finditer(sentence)], sentence
        matches += len(ours)
    assert matches > 1000


def test_a_sentence_without_a_number_gives_nothing(tmp_path):
    from edueval.extract import extract_paths

    # numbers in Arabic, Chinese and masked digits, between sentences without any
    text = ("2021年，崆峒区九年义务教育巩固率达到97.5%。全区教育事业稳步发展。全区共有小学三十所。"
            "学前教育毛入园率达到**.*%。普及程度进一步提高。")
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    rows = extract_paths([tmp_path], region="崆峒区").observations
    assert list(rows["indicator"]) == ["compulsory_retention", "school_count", "preschool_ger"]
    assert list(rows["status"]) == ["ok", "ok", "masked"] and list(rows["value"][:2]) == [97.5, 30.0]


def test_each_opened_pattern_finds_the_matches_of_its_body():
    import edueval.extract.pipeline  # noqa: F401 (imports every rule module: every opened pattern is made)
    from edueval.extract.matching import OPENED

    sentences = _sentences()
    if len(sentences) == len(CRAFTED):
        pytest.skip("no seed or corpus documents to read")
    assert OPENED
    for pattern, body in OPENED:
        plain = re.compile(body)
        matches = 0
        for sentence in sentences:
            ours = [(m.span(), m.groupdict()) for m in pattern.finditer(sentence)]
            assert ours == [(m.span(), m.groupdict()) for m in plain.finditer(sentence)], (body[:60], sentence)
            matches += len(ours)
        assert matches, f"no sentence has a match of {body[:60]}: the check would test nothing"


def test_the_year_patterns_need_the_characters_find_years_looks_for_first():
    from edueval.extract.years import ERA_RE, ERA_WORD_RE, PLAN_RE, YEAR_RE

    sentences = _sentences()
    found = {"年": 0, "五": 0, "era": 0}
    for sentence in sentences:
        for m in YEAR_RE.finditer(sentence):
            assert "年" in m.group(), sentence
            found["年"] += 1
        for m in PLAN_RE.finditer(sentence):
            assert "五" in m.group(), sentence
            found["五"] += 1
        for m in ERA_RE.finditer(sentence):
            assert ERA_WORD_RE.search(m.group()), sentence
            found["era"] += 1
    assert all(found.values()), found


def test_a_sentence_has_the_years_of_its_paragraph_that_lie_inside_it():
    # statements._sentence_years takes a sentence's year mentions from its paragraph's (found once
    # per paragraph) instead of looking again: the two must be the same, context-dependent roles
    # (较2015年, 成立于2002年, 到2025年) included
    from edueval.extract.pipeline import _paragraphs
    from edueval.extract.statements import _sentence_years
    from edueval.extract.years import find_years

    texts = ["较2015年提高3个百分点。到2025年达到95%！成立于2002年9月。2019—2020学年，二〇二一年底达到。十三五末"]
    for folder in (paths.SHARED_SEEDS, CORPUS / "docs"):
        if folder.is_dir():
            texts += [normalize(f.read_text(encoding="utf-8", errors="replace")).text
                      for f in sorted(folder.iterdir()) if f.suffix in (".txt", ".md")]
    compared = 0
    for text in texts:
        for para in _paragraphs(text):
            start = 0
            for m in [*SENTENCE_END.finditer(para.text), None]:
                end = m.end() if m else len(para.text)
                got = _sentence_years(para, para.start + start, para.start + end)
                assert got == find_years(para.text[start:end]), para.text[start:end]
                compared += len(got)
                start = end
    assert compared > (5 if len(texts) == 1 else 1000)
    # a span outside its paragraph (a table's cells across lines) is looked at afresh
    para = _paragraphs("2020年，小学12所。")[0]
    assert _sentence_years(para, 0, 40) is None
