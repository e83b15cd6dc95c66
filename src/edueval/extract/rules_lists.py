"""Rules over lists: 分别 lists pairing named indicators with values in order, and
comparisons naming other jurisdictions (高于国家85%和省政府90%) as their benchmarks."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..vocabulary import longest_first
from .matching import LEVEL_RE, LEVEL_WORDS, Mention, indicator_named
from .regions import other_jurisdiction
from .rules_counts import NO_ROW_CODES, PERSON_NOUNS
from .rules_nearest import WHEN_OFFSET
from .tokens import CHANGE_VERB, NEGATIVE_VERBS, Token

if TYPE_CHECKING:
    from .statements import SentenceRules

JUR_WORDS = r"国家|全国|全省|省政府|省定|省级|省|全市|市政府|市级|市"
COMPARE_RE = re.compile(r"(?:均|分别|略|明显|远|均已)?(?:高于|高出|低于|超过|超出|优于|好于|接近|持平于|等于)")
# (高于国家“十四五”规划85%的目标: the jurisdiction's plan named between it and its value)
JUR_ITEM_RE = re.compile(r"\s*(?:的)?(?P<jur>" + JUR_WORDS + r")(?:[“\"《]?[^，。；,;“”\"《》\d*＊%％和、及与]{0,12}?[”\"]?(?:规划|纲要|计划|方案)"
                         r"[”\"》]?(?:提出的|确定的|要求的|的)?)?(?:平均水平|平均|规划指标|的规划指标|目标)?\s*[(（]?")
JUR_SEP_RE = re.compile(r"\s*(?:和|、|及|与|以及)\s*")
# 比全省平均水平高2.1个百分点: a gap written with the jurisdiction first and a bare 高/低 after it
GAP_AFTER_RE = re.compile(r"(?:比|较)\s*(?P<jur>" + JUR_WORDS + r")(?:平均水平|平均|水平)?\s*(?:均|还|约)?"
                          r"(?P<way>高出|高了|高|低了|低|多|少)\s*(?=\d)")
# 分别提高至53.12%、95.33%: a change verb with 到/至 reaches the values (no change of them)
REACH_TO_RE = re.compile(CHANGE_VERB + r"(?:到|至)$")
FENBIE_RE = re.compile(
    r"分别\s*(?:(?:(?:较|比)[^,，。;；]{0,14}?)?(?P<verb>" + CHANGE_VERB + r"(?:到|至)|" + CHANGE_VERB
    + r"|为|是|达到了?|达|占|(?:控制|保持|稳定|维持)在)|(?=\d)(?!\d{4}\s*年))\s*"  # 分别100%、100.9%: the values may follow 分别 at once
)
RATE_NAME_RE = re.compile(r"[\u4e00-\u9fff]{0,12}(?:" + "|".join(longest_first("rate_stem")) + ")")

# a value already given (…毛入园率为91.57%，…；小学、初中…入学率分别为…): the names before it are not the list's
# (人均受教育年限达到10年: a value in years, not a year, nor the span of 学前3年 or a 9年制 school)
VALUE_GIVEN_RE = re.compile(r"\d[\d.]*\s*(?:%|％|个百分点|万|亿|人|所|名)|(?<![\d.])(?<!学前)\d{1,2}(?:\.\d+)?\s*年(?![代级制])")


def _named_mentions_before(s: SentenceRules, pos: int) -> list[Mention]:
    seen, out = set(), []
    for m in s.mentions:
        if m.end <= pos and (m.start, m.end) not in seen and m.via != "coordination":
            seen.add((m.start, m.end))
            out.append(m)
    # names after the last value given are the list's own; when there are none, the list speaks of
    # names given values before it (…分别为a、b，较十二五末分别提高c、d个百分点)
    given = [m.end() for m in VALUE_GIVEN_RE.finditer(s.text, 0, pos)]
    own = [m for m in out if given and m.start >= given[-1]]
    item = s.text[max(s.text.rfind("；", 0, pos), s.text.rfind(";", 0, pos)) + 1:pos]
    if not own and given and len(item) < pos - given[-1] and RATE_NAME_RE.search(item):
        # …入学率为99.25%；普通初中和小学学生辍学率分别为1.25%和0.17%: past a ；a list of values (not of
        # changes) that names a rate of its own is of that rate, not of the names valued before it
        # (…；到2025年分别达到95%和90% names none, and goes on with them)
        fm = FENBIE_RE.match(s.text, pos)
        if fm is None or not _changes(fm.group("verb") or ""):
            return []
    return own or out


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


# 初中阶段、高中阶段、高等教育毛入学率: a level named without its rate word, which it shares with the name after it
LEVEL_PHRASE_RE = re.compile(r"(?:全国|全省|全市|全区|全县|我省|我市|我区|我县)?(?:" + LEVEL_RE.pattern + r")(?:阶段)?(?:教育)?")
RATE_STEM_RE = re.compile(r"(?:毛|净)?(?:" + "|".join(longest_first("rate_stem")) + r")$")
# the items of a list: 及 only where it is no part of a name (普及率)
PERSON_NOUN_IN_RE = re.compile("|".join(sorted(map(re.escape, PERSON_NOUNS), key=len, reverse=True)))
# 幼儿在园人数、…毛入园率将由2010年末的49.2万人、93%分别提高至58万人、95%: a list of values from a year to a goal
FROM_LIST_RE = re.compile(r"(?:将|要|预计将?|力争)?\s*由\s*(?:(?P<year>\d{4})\s*年(?:末|底|初)?\s*的?)?\s*(?=\d)")
WHEN_RE = re.compile("|".join(sorted(WHEN_OFFSET, key=len, reverse=True)))
TO_LIST_RE = re.compile(r"\s*分别\s*(?:" + CHANGE_VERB + r")(?:到|至)\s*")
# between two 分别 lists of the same names: separators, or the base of the second one's changes
SECOND_LIST_GAP_RE = re.compile(r"[\s,，]*(?:(?:较|比|与|同)\s*(?:\d{4}\s*年(?:末|底)?|上年|去年)(?:相比)?[\s,，]*)?")
# 学前一年 / 二年 (of 学前一年、二年、三年毛入园率): a span of pre-primary years, the place before it allowed
PRESCHOOL_YEARS_RE = re.compile(r"(?:[\u4e00-\u9fff]{0,8}?学前)?(?P<years>[一二三两123]年)")
ITEM_SEP_RE = re.compile(r"\s*(?:、|,|，|和|与|及(?!率))\s*")


def _listed_names(s: SentenceRules, pos: int, n: int) -> list[Mention | None] | None:
    """学前教育毛入园率,小学净入学率,初中阶段、高中阶段、高等教育毛入学率分别为…: the ``n`` names listed
    just before 分别, read back from it, each a mention (None: a rate the catalog does not have). A level
    named without a rate word (初中阶段、高中阶段) takes the rate word of the name after it
    (高等教育毛入学率 → 初中阶段毛入学率). None unless ``n`` names of rates or levels stand there."""
    clause_start = max(s.text.rfind(c, 0, pos) for c in ";；:：。") + 1
    items, end = [], pos
    for sep in [*reversed(list(ITEM_SEP_RE.finditer(s.text, clause_start, pos))), None]:
        start = sep.end() if sep is not None else clause_start
        if sep is not None and sep.end() > end:
            continue
        items.append((start, end))
        if len(items) == n or sep is None:
            break
        end = sep.start()
    if len(items) != n:
        return None
    before = [sep for sep in ITEM_SEP_RE.finditer(s.text, clause_start, items[-1][0]) if sep.end() == items[-1][0]]
    if before and "、" in before[0].group():
        previous = max((sep.end() for sep in ITEM_SEP_RE.finditer(s.text, clause_start, before[0].start())),
                       default=clause_start)
        if LEVEL_PHRASE_RE.fullmatch(s.text[previous:before[0].start()]):
            return None  # 小学、初中、高中…分别达到88.9%,44.9%: more names than values (one lost): no pairing
    named = {m.end: m for m in s.mentions if m.via == "name"}
    slots: list[Mention | None] = []
    stem = None
    by_level: Mention | None = None  # a rate of each school level (学历合格率): the levels before it are its
    for start, end in items:  # right to left: a rate's word passes to the levels before it
        text = s.text[start:end]
        rate = RATE_STEM_RE.search(text)
        if rate is not None and RATE_NAME_RE.fullmatch(text):
            stem = text[rate.start():]
            found = named.get(end)
            ind = indicator_named(text) if found is None else None
            slot = found or (Mention(start, end, ind.code, text, "all", "coordination") if ind else None)
            by_level = slot if slot is not None and s.catalog[slot.code].needs_school_level else None
            slots.append(slot)
        elif by_level is not None and LEVEL_PHRASE_RE.fullmatch(text):
            # 小学、初中、普通高中的专任教师学历达标率分别为100%、99.99%、99.36% (tests/extract/corpus zk05)
            slots.append(Mention(start, end, by_level.code, text, LEVEL_WORDS[LEVEL_RE.search(text).group()],
                                 "coordination"))
        elif (person := _count_name(start, end, text)) is not None:
            slots.append(person)
        elif stem is not None and (years := PRESCHOOL_YEARS_RE.fullmatch(text)):
            # 学前一年、二年、三年毛入园率分别达到…: the rate of each span of pre-primary years
            name = "学前" + years.group("years") + stem
            ind = indicator_named(name)
            slots.append(Mention(start, end, ind.code, name, "all", "coordination") if ind else None)
        elif stem is not None and LEVEL_PHRASE_RE.fullmatch(text):
            level = LEVEL_RE.search(text)
            name = text[level.start():] + stem
            ind = indicator_named(name)
            slots.append(Mention(start, end, ind.code, name, "all", "coordination") if ind else None)
        else:
            return None
    slots.reverse()
    return slots


def _count_name(start: int, end: int, text: str) -> Mention | None:
    """幼儿在园人数 / 小学在校生: a list item naming a stock of pupils or teachers, at its level (在园: the
    kindergartens'), as a mention; None when the item names no stock or one that is no row (教职工)."""
    noun = PERSON_NOUN_IN_RE.search(text)
    if noun is None or not re.fullmatch(r"[\u4e00-\u9fff]+", text) or PERSON_NOUNS[noun.group()] in NO_ROW_CODES:
        return None
    levels = {LEVEL_WORDS[m.group()] for m in LEVEL_RE.finditer(text)}
    level = "preschool" if "在园" in text else levels.pop() if len(levels) == 1 else "all" if not levels else None
    return None if level is None else Mention(start, end, PERSON_NOUNS[noun.group()], text, level, "coordination")


def _goal_year(s: SentenceRules, pos: int) -> int | None:
    """The year a from-to list's goals are for: the last year the sentence writes before the list
    (到2015年, …), else 今年 / 明年 before it against the document's date; None when neither."""
    years = [y for y in s.years if y.end <= pos and y.year is not None and y.role not in ("base", "since", "plan", "event")]
    if years:
        return years[-1].year
    when = [m for m in WHEN_RE.finditer(s.text, 0, pos)]
    return s.ctx.date_year + WHEN_OFFSET[when[-1].group()] if when and s.ctx.date_year else None


def _from_to_lists(s: SentenceRules) -> None:
    """幼儿在园人数、学前三年毛入园率将由2010年末的49.2万人、50.6%分别提高至58万人、68%: the names before
    由, each with a value of the year after 由 (actual) and a value after 分别提高至 (the goal: a target of
    the year the sentence gives it, 今年 or 到2015年)."""
    for m in FROM_LIST_RE.finditer(s.text):
        before = s.value_run(m.end())
        to = TO_LIST_RE.match(s.text, before[-1].end) if len(before) >= 2 else None
        after = s.value_run(to.end()) if to else []
        if len(after) != len(before):
            continue
        names = _listed_names(s, m.start(), len(before))
        if names is None or not any(names):
            for tok in before + after:
                s.skip(tok, f"from-to 分别 list of {len(before)} values whose names cannot be read before it")
            continue
        year = int(m["year"]) if m["year"] else None
        goal_year = _goal_year(s, m.start())
        for subject, old, new in zip(names, before, after):
            if subject is None:
                for tok in (old, new):
                    s.skip(tok, "分别 value of a name that is no indicator of the catalog")
                continue
            for tok, kind_hint in ((old, "actual"), (new, "target")):
                unit = s.unit_fits(subject.code, tok, False)
                if kind_hint == "target" and goal_year is None:
                    s.skip(tok, "the goal of a from-to 分别 list whose year the sentence does not give")
                elif unit is None:
                    s.skip(tok, f"分别 value {tok.raw} does not fit the unit of {subject.code}")
                else:
                    s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=kind_hint, unit=unit,
                           anchor=subject.start, confidence=0.8, qualifier_before="",
                           year_override=year if kind_hint == "actual" else goal_year, carry_level=False,
                           reasons=[f"from-to 分别 list: {subject.name} ↔ {tok.raw} ({kind_hint})"])


def _list_year_pos(s: SentenceRules, subject: Mention, fm: re.Match) -> int:
    """Where the year of a 分别 list's value is read: at its name, unless a year stands between the names and
    the list (…达到92%；到2025年分别达到95%和90%: the list's own year, tests/extract/test_rules_goals.py)."""
    own = any(subject.end <= y.start and y.end <= fm.start() and y.role not in ("base", "since", "plan", "event")
              for y in s.years)
    return fm.start() if own else subject.end


def _emit_slots(s: SentenceRules, fm: re.Match, slots: list[Mention | None], values: list[Token],
                change: bool, by: str) -> None:
    for subject, tok in zip(slots, values):
        if subject is None:
            s.skip(tok, "分别 value of a name that is no indicator of the catalog")
            continue
        unit = s.unit_fits(subject.code, tok, change)
        if unit is None:
            s.skip(tok, f"分别 value {tok.raw} does not fit the unit of {subject.code}")
            continue
        s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=s.cue_kind(subject.start),
               unit=unit, anchor=subject.start, change=change, confidence=0.8, qualifier_before="",
               reasons=[f"分别 list: {subject.name} ↔ {tok.raw} ({by})"], year_pos=_list_year_pos(s, subject, fm),
               qualifier_at=values[-1].end)


# 公办园在园幼儿和普惠性幼儿园在园幼儿占比分别…: two names sharing the share word written once
SHARED_SHARE_WORD_RE = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,14})(?:和|与|及|、)(?P<b>[\u4e00-\u9fff]{2,14}?)"
                                  r"(?P<word>占比|比例|比重)\s*$")


def _sharing_a_share_word(s: SentenceRules, pos: int) -> list[Mention] | None:
    """The two shares a 分别 list names when only the second writes the share word, or None."""
    clause_start = max(s.text.rfind(c, 0, pos) for c in ",，;；。") + 1
    m = SHARED_SHARE_WORD_RE.search(s.text, clause_start, pos)
    if m is None:
        return None
    named = []
    for group, suffix in (("a", m.group("word")), ("b", m.group("word"))):
        start, end = m.start(group), m.end(group) if group == "a" else m.end("word")
        words = s.text[start:m.end(group)]
        # the longest tail of the words that, with the share word, is an indicator's name
        found = next(((k, ind) for k in range(len(words) - 1) if (ind := indicator_named(words[k:] + suffix))), None)
        if found is None or found[1].unit != "%":
            return None
        named.append(Mention(start + found[0], end, found[1].code, words[found[0]:] + suffix, "all", "coordination"))
    return named if named[0].code != named[1].code else None


def _changes(verb: str) -> bool:
    return bool(re.match(CHANGE_VERB, verb)) and not REACH_TO_RE.match(verb)


YEAR_JOIN_RE = re.compile(r"\s*(?:年)?\s*(?:、|和|与|及|,|，)\s*")


def _years_listed_before(s: SentenceRules, pos: int, n: int) -> list[int] | None:
    """The ``n`` years of one list before ``pos`` in the sentence (2023年和2025年 / 2021、2022年), in order,
    or None."""
    found = [y for y in s.years if y.end <= pos and y.year is not None and y.role in ("point", "to")]
    for k in range(len(found) - n + 1):
        run = found[k:k + n]
        if all(YEAR_JOIN_RE.fullmatch(s.text, a.end, b.start) for a, b in zip(run, run[1:])) and \
                len({y.year for y in run}) == n and not any(y.end <= pos and y.start > run[-1].end
                                                             for y in s.years):
            return [y.year for y in run]
    return None


def rule_fenbie(s: SentenceRules) -> None:
    last: tuple[int, list[Mention | None]] | None = None  # the end of the last list read by place, its names
    if "由" in s.text:
        _from_to_lists(s)
    for fm in FENBIE_RE.finditer(s.text):
        values = s.value_run(fm.end())
        if len(values) < 2:
            continue
        if all(t.unit == "count" for t in values) and not _named_mentions_before(s, fm.start()):
            continue  # 普通高中、初中、小学在校生分别达…人、…人: counts of levels (rules_counts._levels_fenbie)
        unit_tok = values[-1].unit
        values = [Token(t.start, t.end, t.value, t.masked, t.unit or unit_tok, t.raw) for t in values]
        subjects = _named_mentions_before(s, fm.start())
        shared = _sharing_a_share_word(s, fm.start()) if len(values) == 2 else None
        if shared is not None:
            subjects = shared
        # a slot may be a name sharing the prefix of the name before it (义务教育入学率、巩固率: 义务教育巩固率)
        slots = _slots_before(s, fm.start(), [*subjects, *(m for m in s.mentions
                                                          if m.via == "coordination" and m.end <= fm.start())])
        # 初中入学率和辍学率分别为100.6%和0.9%: a name outside the catalog keeps its place, also when
        # names of an earlier list make up the count
        if slots is not None and len(slots) == len(values) and (len(subjects) < len(values) or None in slots):
            # 小学入学率和小学生毕业率分别达到100%和98.8%: a name outside the catalog keeps its place
            for subject, tok in zip(slots, values):
                if subject is None:
                    s.skip(tok, "分别 value of a name that is no indicator of the catalog")
                    continue
                unit = s.unit_fits(subject.code, tok, False)
                if unit is not None and not _changes(fm.group("verb") or ""):
                    s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=s.cue_kind(subject.start),
                           unit=unit, anchor=subject.start, confidence=0.8, qualifier_before="",
                           reasons=[f"分别 list: {subject.name} ↔ {tok.raw} (by place)"],
                           year_pos=_list_year_pos(s, subject, fm))
            continue
        change = _changes(fm.group("verb") or "")
        if len(subjects) < len(values):
            listed = _listed_names(s, fm.start(), len(values))
            if listed is None and last is not None and len(last[1]) == len(values) \
                    and SECOND_LIST_GAP_RE.fullmatch(s.text, last[0], fm.start()):
                # …分别为a、b，分别比2012年提高c、d / …，较2010年分别提高c、d: the second list speaks of the
                # first one's names
                listed = last[1]
            if listed is not None and any(listed):
                _emit_slots(s, fm, listed, values, change, "by place, names sharing a rate word")
                last = (values[-1].end, listed)
                continue
            years = _years_listed_before(s, fm.start(), len(values)) if len(subjects) == 1 else None
            if years is not None:
                # 到2023年和2025年，…毛入园率分别达到90%和95%: one indicator, a value for each year listed
                subject = subjects[0]
                for year, tok in zip(years, values):
                    unit = s.unit_fits(subject.code, tok, change)
                    if unit is None or change:
                        s.skip(tok, f"分别 value {tok.raw} of a list of years that does not fit {subject.code}")
                        continue
                    s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=s.cue_kind(subject.start),
                           unit=unit, anchor=subject.start, confidence=0.8, qualifier_before="",
                           reasons=[f"分别 list: {year}年 ↔ {tok.raw} (years listed before one name)"],
                           year_override=year, qualifier_at=values[-1].end)
                continue
            for t in values:
                s.skip(t, f"分别 list of {len(values)} values but only {len(subjects)} named indicators before it")
            continue
        penalty = 0.0 if len(subjects) == len(values) else 0.2
        for subject, tok in zip(subjects[-len(values):], values):
            unit = s.unit_fits(subject.code, tok, change)
            if unit is None:
                s.skip(tok, f"分别 value {tok.raw} does not fit the unit of {subject.code}")
                continue
            s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=s.cue_kind(subject.start),
                      unit=unit, anchor=subject.start, change=change, confidence=0.85 - penalty,
                      qualifier_before="", reasons=[f"分别 list: {subject.name} ↔ {tok.raw}"],
                      year_pos=_list_year_pos(s, subject, fm), qualifier_at=values[-1].end)


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
