"""Stocks stated for several nouns at once (职业中学、特殊教育学校各2所) or through a back-reference
(…在园儿童人数仅为14万人，这个数字在2020年达到4818万); run after rule_counts (statements.py)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..vocabulary import longest_first
from .numbers import ARABIC
from .rules_counts import SCHOOL_NOUNS, count_token, subset_reason
from .tokens import Token

if TYPE_CHECKING:
    from .statements import SentenceRules

# 中等职业学校、教师学习与资源中心、特殊教育学校各1所: every school noun of the list takes the number
EACH_COUNT_RE = re.compile(r"(?P<items>[^,，;；。:：\d]{2,60}?)各\s*(?P<num>\d+)\s*所")
ITEM_SPLIT_RE = re.compile(r"[、和及与]")
EACH_LEAD_RE = re.compile(r"^.*?(?:全国|全省|全市|全区|全县|其中)?(?:现有|共有|拥有|另有|有|共)|^(?:全国|全省|全市|全区|全县|其中)")


def each_counts(s: SentenceRules) -> None:
    if "各" not in s.text:  # the pattern's lazy scan from every position costs; most sentences lack 各
        return
    for m in EACH_COUNT_RE.finditer(s.text):
        tok = count_token(s, m.start("num"))
        items = [item.strip() for item in ITEM_SPLIT_RE.split(m.group("items"))]
        if tok is None or len(items) < 2:
            continue
        if subset_reason(s, tok.start):  # 新建小学、初中各2所: the flow word is in the list's clause
            s.skip(tok, subset_reason(s, tok.start))
            continue
        items[0] = EACH_LEAD_RE.sub("", items[0])  # 全县有职业中学、…: the verb before the first noun
        for item in items:
            if item not in SCHOOL_NOUNS or SCHOOL_NOUNS[item] == "all":
                continue  # 教师学习与资源中心: a place of no contract level
            itok = Token(tok.start, tok.end, tok.value, tok.masked, "count", tok.raw)
            s.emit(code="school_count", level=SCHOOL_NOUNS[item], tok=itok, kind_hint=s.cue_kind(tok.start),
                   unit="count", anchor=m.start("items"), confidence=0.8,
                   reasons=[f"each of a list of schools ({item}, …各{m.group('num')}所)"])
        s.used.add(tok.start)


BACK_REFERENCE_RE = re.compile(r"(?:" + "|".join(map(re.escape, longest_first("back_reference"))) + r")"
                               r"[^,，。;；]{0,16}?(?:增至|增加到|上升到|提高到|达到|达|为)\s*(?P<num>" + ARABIC + r")")


def back_references(s: SentenceRules) -> None:
    """…在园儿童人数仅为14万人，这个数字在2020年达到4818万: the number a back-reference (这个数字) reaches
    is a stock of what the last stock before it in the sentence counted, in the year written by it."""
    for m in BACK_REFERENCE_RE.finditer(s.text):
        tok = count_token(s, m.start("num"))
        before = [c for c in s.out if c.unit == "count" and c.kind == "actual" and c.end - s.start <= m.start()]
        if tok is None or not before or tok.unit not in ("", "count"):
            continue
        referent = max(before, key=lambda c: c.end)
        count = Token(tok.start, tok.end, tok.value, tok.masked, "count", tok.raw)
        s.emit(code=referent.indicator, level=referent.school_level, tok=count, kind_hint=None, unit="count",
               anchor=m.start(), confidence=0.7,
               reasons=[f"{m.group()[:4]} refers to the stock before it ({s.text[referent.anchor - s.start:referent.end - s.start][:16]})"])


def rule_stock_references(s: SentenceRules) -> None:
    each_counts(s)
    back_references(s)
