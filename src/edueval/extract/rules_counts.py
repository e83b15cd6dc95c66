"""Stocks: schools, pupils and teachers with their school level (幼儿园168所;
在校生…其中小学39091名)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .matching import LEVEL_RE, LEVEL_WORDS
from .numbers import ARABIC
from .tokens import CN_NUM, Token
from .vocabulary import longest_first, words

if TYPE_CHECKING:
    from .statements import SentenceRules

SCHOOL_NOUNS = words("school_noun")
_BOUNDARY = (r"(?:^|(?<=[,，、;；:：(（\s])|(?<=其中)|(?<=共有)|(?<=现有)|(?<=全国)|(?<=全市)|(?<=全区)|(?<=全县)"
             r"|(?<=全省)|(?<=各级各类)|(?<=共))")
COUNT_NUM = r"(?P<num>" + ARABIC + r"|" + CN_NUM + r"{1,8}?)"
SCHOOL_COUNT_RE = re.compile(
    _BOUNDARY + r"(?P<noun>" + "|".join(sorted(map(re.escape, SCHOOL_NOUNS), key=len, reverse=True)) + r")"
    r"(?:共计|共有|总数|总计|共|有|为|达)?" + COUNT_NUM + r"\s*(?P<mult>万|亿)?\s*所"
)
PERSON_NOUNS = words("person_noun")
# a stock of a subset (普惠性幼儿园在园幼儿, 公办园专任教师) is not the stock of the level
SUBSET_MODIFIER_RE = re.compile(r"(?:普惠性?|公办|民办|城区|农村|乡村|城镇|新增|新建|招聘|补充|引进|交流)$")
PERSON_COUNT_RE = re.compile(
    r"(?P<lead>" + LEVEL_RE.pattern + r")?(?:阶段)?(?:教育)?(?P<noun>" + "|".join(longest_first("person_noun")) + r")"
    r"(?:总数|总计|共计|共有|人数|数)?(?:为|达|有|共)?" + COUNT_NUM + r"\s*(?P<mult>万|亿)?\s*(?:人|名)"
)
UNSUPPORTED_STAGE_RE = re.compile(r"义务教育阶段")
PERSON_ITEM_RE = re.compile(
    r"[,，、;；]\s*(?:其中)?(?P<label>[^,，。;；、\d*]{1,14}?)(?P<num>" + ARABIC + r")\s*(?P<mult>万)?\s*(?:人|名)"
)


def _count_token(s: SentenceRules, start: int) -> Token | None:
    return next((t for t in s.tokens if t.start == start and t.start not in s.used), None)


def rule_counts(s: SentenceRules) -> None:
    for m in SCHOOL_COUNT_RE.finditer(s.text):
        tok = _count_token(s, m.start("num"))
        if tok is None:
            continue
        tok = Token(tok.start, tok.end, tok.value, tok.masked, "count", tok.raw)
        s.emit(code="school_count", level=SCHOOL_NOUNS[m.group("noun")], tok=tok,
                  kind_hint=s.cue_kind(tok.start), unit="count", anchor=m.start(),
                  qualifier_before=s.text[m.start():tok.start], confidence=0.85,
                  reasons=[f"stock of {m.group('noun')}"])
    for m in PERSON_COUNT_RE.finditer(s.text):
        tok = _count_token(s, m.start("num"))
        if tok is None:
            continue
        if SUBSET_MODIFIER_RE.search(s.text, 0, m.start()):
            continue
        if not m.group("lead") and UNSUPPORTED_STAGE_RE.search(s.text, 0, m.start()):
            s.skip(tok, "a stock of 义务教育阶段 (the contract has no such school level)")
            continue
        noun = m.group("noun")
        code = PERSON_NOUNS[noun]
        level = "preschool" if noun == "在园幼儿" else LEVEL_WORDS.get(m.group("lead") or "", "all")
        tok = Token(tok.start, tok.end, tok.value, tok.masked, "count", tok.raw)
        s.emit(code=code, level=level, tok=tok, kind_hint=s.cue_kind(tok.start), unit="count",
                  anchor=m.start(), qualifier_before=s.text[m.start():tok.start], confidence=0.85,
                  reasons=[f"stock of {noun}"])
        pos = m.end()
        while True:
            item = PERSON_ITEM_RE.match(s.text, pos)
            if not item:
                break
            levels = list(LEVEL_RE.finditer(item.group("label")))
            itok = _count_token(s, item.start("num"))
            if not levels or itok is None:
                break
            itok = Token(itok.start, itok.end, itok.value, itok.masked, "count", itok.raw)
            s.emit(code=code, level=LEVEL_WORDS[levels[-1].group()], tok=itok,
                      kind_hint=s.cue_kind(itok.start), unit="count", anchor=item.start("label"),
                      confidence=0.8, reasons=[f"item of a {noun} list ({item.group('label')})"])
            pos = item.end()
