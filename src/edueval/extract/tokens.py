"""Numbers of a sentence as tokens: value, unit, and whether the digits are masked."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import longest_first, words
from .numbers import ARABIC, apply_multiplier, parse_arabic, parse_chinese

UNIT_ALT = "|".join(map(re.escape, longest_first("unit")))
CN_NUM = "[零〇○一二两三四五六七八九十百千万亿点]"
NUMBER = (
    r"百分之(?P<cnpct>[零〇○一二两三四五六七八九十百点]+)"
    r"|翻了?(?P<fan>[一两二三四1-4])番"
    # (88.9%.77.6%: a full stop after a per cent sign is a lost 、, and the next value starts after it)
    r"|(?<![\d*A-Za-z])(?<!(?<!%)\.)(?P<num>" + ARABIC + r")(?:\s*[余多](?=\s*[万亿]))?\s*(?P<mult>万|亿)?\s*(?P<unit>" + UNIT_ALT + r")?"
    r"|(?<!" + CN_NUM + r")(?P<cn>" + CN_NUM + r"{1,12})(?P<cnunit>个百分点|所|人|名)"
)
# the characters a NUMBER can begin with, as a look-ahead: the same matches, and a position that
# cannot begin one is passed over without trying each alternative (about 2.5x faster);
# tests/extract/test_prefilters.py checks the matches against NUMBER's own
NUMBER_START = r"(?=[\d*翻" + CN_NUM[1:-1] + r"])"
NUM_RE = re.compile(NUMBER_START + "(?:" + NUMBER + ")")
UNIT_CODES = words("unit")
CHANGE_VERB = r"(?:" + "|".join(longest_first("cue_change")) + r")了?"
CHANGE_VERB_RE = re.compile(CHANGE_VERB + r"$")
NEGATIVE_VERBS = tuple(w for w, way in words("cue_change").items() if way == "down")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    value: float | None
    masked: bool
    unit: str  # % | pp | x | years | count | permille | '' (bare)
    raw: str


# 140余万人: a bound written between the digits and their 万 (qualifier_after reads it)
INNER_BOUND_RE = re.compile(r"\d\s*([余多])\s*[万亿]")
# 巩固率[3]92.3%: a footnote marker glued to a name is not a number of the text
FOOTNOTE_RE = re.compile(r"[\[［〔](?:\d{1,2}|[一二三四五六七八九十]{1,2})[\]］〕]")


def footnote_spans(sentence: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in FOOTNOTE_RE.finditer(sentence)]


_FAN_TIMES = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}


def tokens(sentence: str) -> list[Token]:
    out = []
    notes = footnote_spans(sentence) if "[" in sentence or "［" in sentence or "〔" in sentence else ()
    for m in NUM_RE.finditer(sentence):
        start, end = m.span()
        if notes and any(a <= start < b for a, b in notes):
            continue
        # one call for the groups: a sentence has tens of numbers, and each group() is a call
        cnpct, fan, num, mult, unit, cn, cnunit = m.group("cnpct", "fan", "num", "mult", "unit", "cn", "cnunit")
        try:
            if num is not None:
                code = UNIT_CODES.get(unit or "", "")
                if "*" in num:
                    out.append(Token(start, end, None, True, code, m.group()))
                else:
                    out.append(Token(start, end, apply_multiplier(parse_arabic(num), mult or ""), False, code, m.group()))
            elif cnpct:
                out.append(Token(start, end, parse_chinese(cnpct), False, "%", m.group()))
            elif fan:
                times = _FAN_TIMES.get(fan) or int(fan)
                out.append(Token(start, end, float(2 ** times), False, "x", m.group()))
            elif cn:
                out.append(Token(start, end, parse_chinese(cn), False, UNIT_CODES[cnunit], m.group()))
        except ValueError:
            continue
    return _elided_points(sentence, out) if "个" in sentence else out


# 分别提高2.1个、0.8个百分点: a list of changes writes 百分点 once, after its last value
ELIDED_POINTS_RE = re.compile(r"个\s*[、和及与,，]\s*")


def _elided_points(sentence: str, out: list[Token]) -> list[Token]:
    for i in range(len(out) - 2, -1, -1):
        tok, after = out[i], out[i + 1]
        m = ELIDED_POINTS_RE.match(sentence, tok.end)
        if tok.unit == "" and not tok.masked and m and m.end() == after.start and after.unit == "pp":
            out[i] = Token(tok.start, tok.end + 1, tok.value, False, "pp", tok.raw + "个")
    return out
