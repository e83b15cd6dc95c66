"""Rules over lists: 分别 lists pairing named indicators with values in order, and
comparisons naming other jurisdictions (高于国家85%和省政府90%) as their benchmarks."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..vocabulary import longest_first
from .matching import Mention
from .regions import other_jurisdiction
from .tokens import CHANGE_VERB, NEGATIVE_VERBS, Token

if TYPE_CHECKING:
    from .statements import SentenceRules

JUR_WORDS = r"国家|全国|全省|省政府|省定|省级|省|全市|市政府|市级|市"
COMPARE_RE = re.compile(r"(?:均|分别|略|明显|远|均已)?(?:高于|高出|低于|超过|超出|优于|好于|接近|持平于|等于)")
JUR_ITEM_RE = re.compile(r"\s*(?:的)?(?P<jur>" + JUR_WORDS + r")(?:平均水平|平均|规划指标|的规划指标|目标)?\s*[(（]?")
JUR_SEP_RE = re.compile(r"\s*(?:和|、|及|与|以及)\s*")
# 比全省平均水平高2.1个百分点: a gap written with the jurisdiction first and a bare 高/低 after it
GAP_AFTER_RE = re.compile(r"(?:比|较)\s*(?P<jur>" + JUR_WORDS + r")(?:平均水平|平均|水平)?\s*(?:均|还|约)?"
                          r"(?P<way>高出|高了|高|低了|低|多|少)\s*(?=\d)")
FENBIE_RE = re.compile(
    r"分别\s*(?:(?:较|比)[^,，。;；]{0,14}?)?(?P<verb>" + CHANGE_VERB + r"|为|是|达到了?|达|占)\s*"
)
RATE_NAME_RE = re.compile(r"[\u4e00-\u9fff]{0,12}(?:" + "|".join(longest_first("rate_stem")) + ")")
LIST_SEP_RE = re.compile(r"\s*(?:、|,|，|和|及|与)\s*")

def _named_mentions_before(s: SentenceRules, pos: int) -> list[Mention]:
    seen, out = set(), []
    for m in s.mentions:
        if m.end <= pos and (m.start, m.end) not in seen and m.via != "coordination":
            seen.add((m.start, m.end))
            out.append(m)
    return out


def _slots_before(s: SentenceRules, pos: int, named: list[Mention]) -> list[Mention | None] | None:
    """The names of rates listed just before 分别 (A率和B率、C率), each the catalog's mention ending
    there or None, or None when the list is not one of rates."""
    clause = re.split(r"[,，;；:：。]", s.text[:pos])[-1]
    offset = pos - len(clause)
    slots, at = [], offset
    for part in re.split(r"(和|、|及|与)", clause):
        if part in ("和", "、", "及", "与"):
            at += len(part)
            continue
        if not RATE_NAME_RE.fullmatch(part):
            return None
        end = at + len(part)
        slots.append(next((m for m in named if m.end == end), None))
        at = end
    return slots


def rule_fenbie(s: SentenceRules) -> None:
    for fm in FENBIE_RE.finditer(s.text):
        values: list[Token] = []
        pos = fm.end()
        for tok in s.tokens:
            if tok.start < pos or tok.start in s.used:
                continue
            if tok.start != pos:
                break
            values.append(tok)
            sep = LIST_SEP_RE.match(s.text, tok.end)
            if not sep:
                break
            pos = sep.end()
        if len(values) < 2:
            continue
        unit_tok = values[-1].unit
        values = [Token(t.start, t.end, t.value, t.masked, t.unit or unit_tok, t.raw) for t in values]
        subjects = _named_mentions_before(s, fm.start())
        slots = _slots_before(s, fm.start(), subjects)
        # 初中入学率和辍学率分别为100.6%和0.9%: a name outside the catalog keeps its place, also when
        # names of an earlier list make up the count
        if slots is not None and len(slots) == len(values) and (len(subjects) < len(values) or None in slots):
            # 小学入学率和小学生毕业率分别达到100%和98.8%: a name outside the catalog keeps its place
            for subject, tok in zip(slots, values):
                if subject is None:
                    s.skip(tok, "分别 value of a name that is no indicator of the catalog")
                    continue
                unit = s.unit_fits(subject.code, tok, False)
                if unit is not None and not re.match(CHANGE_VERB, fm.group("verb")):
                    s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=s.cue_kind(subject.start),
                           unit=unit, anchor=subject.start, confidence=0.8, qualifier_before="",
                           reasons=[f"分别 list: {subject.name} ↔ {tok.raw} (by place)"], year_pos=subject.end)
            continue
        if len(subjects) < len(values):
            for t in values:
                s.skip(t, f"分别 list of {len(values)} values but only {len(subjects)} named indicators before it")
            continue
        penalty = 0.0 if len(subjects) == len(values) else 0.2
        change = bool(re.match(CHANGE_VERB, fm.group("verb")))
        for subject, tok in zip(subjects[-len(values):], values):
            unit = s.unit_fits(subject.code, tok, change)
            if unit is None:
                s.skip(tok, f"分别 value {tok.raw} does not fit the unit of {subject.code}")
                continue
            s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=s.cue_kind(subject.start),
                      unit=unit, anchor=subject.start, change=change, confidence=0.85 - penalty,
                      qualifier_before="", reasons=[f"分别 list: {subject.name} ↔ {tok.raw}"],
                      year_pos=subject.end)


def _gaps_after(s: SentenceRules, by_start: dict[int, Token]) -> None:
    for m in GAP_AFTER_RE.finditer(s.text):
        tok = by_start.get(m.end())
        subject = next((x for x in reversed(s.mentions) if x.end <= m.start()), None)
        if tok is None or tok.unit != "pp" or tok.start in s.used or subject is None or m.start() - subject.end > 40:
            continue
        code, why = other_jurisdiction(m.group("jur"), s.ctx.region)
        if code is None or code == s.ctx.region.code:
            continue
        s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit="pp", anchor=subject.start,
               change=True, gap_to=code, confidence=0.8, negative=m.group("way")[0] in "低少",
               reasons=[f"gap to {m.group('jur')} ({code}): {why}"], year_pos=subject.end)


def rule_jurisdictions(s: SentenceRules) -> None:
    by_start = {t.start: t for t in s.tokens}
    _gaps_after(s, by_start)
    for cm in COMPARE_RE.finditer(s.text):
        pos, pending, pairs = cm.end(), [], []
        while True:
            jm = JUR_ITEM_RE.match(s.text, pos)
            if not jm:
                break
            pending.append(jm.group("jur"))
            pos = jm.end()
            tok = by_start.get(pos)
            if tok is not None and tok.start not in s.used:
                pairs.extend((j, tok) for j in pending)
                pending = []
                pos = tok.end
                close = re.match(r"\s*[)）]", s.text[pos:])
                if close:
                    pos += close.end()
            sep = JUR_SEP_RE.match(s.text, pos)
            if not sep:
                break
            pos = sep.end()
        if not pairs:
            continue
        subject = next((m for m in reversed(s.mentions) if m.end <= cm.start()), None)
        for word, tok in pairs:
            if subject is None or cm.start() - subject.end > 40:
                s.skip(tok, f"{word} figure with no indicator named before it")
                continue
            unit = s.unit_fits(subject.code, tok, change=False)
            code, why = other_jurisdiction(word, s.ctx.region)
            if tok.unit == "pp" and code is not None and code != s.ctx.region.code:
                # 高出全国17.9个百分点: a change row of the document's own region; the other
                # jurisdiction's value is never worked out from it (../shared/ANNOTATION.md)
                s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit="pp",
                       anchor=subject.start, change=True, gap_to=code, confidence=0.8,
                       negative=any(v in cm.group() for v in NEGATIVE_VERBS),
                       reasons=[f"gap to {word} ({code}): {why}"], year_pos=subject.end)
                continue
            if unit is None:
                s.skip(tok, f"{word} figure {tok.raw} does not fit the unit of {subject.code}")
            elif code is None:
                s.skip(tok, why)
            elif code == s.ctx.region.code:
                s.skip(tok, f"{word} is the document's own region")
            else:
                s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit=unit,
                       anchor=subject.start, region=code, kind="benchmark", confidence=0.85,
                       reasons=[f"{word} → {code}: {why}"], year_pos=subject.end)
