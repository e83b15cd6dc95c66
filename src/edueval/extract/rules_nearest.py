"""Rules for single values: a value before the thing it measures (不低于15%的专任教师…
交流), and every other number taking the nearest indicator named before it."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..regions import load_regions
from ..vocabulary import longest_first
from .matching import CLAUSE_BREAK, LEVEL_RE, LEVEL_WORDS, REVERSE_PATTERNS
from .regions import place_names
from .rules_counts import LEVEL_PARTS
from .tokens import CHANGE_VERB, CHANGE_VERB_RE
from .years import PLAUSIBLE_YEARS, YEARS_BACK_RE, years_back

if TYPE_CHECKING:
    from .statements import SentenceRules

# 初中不大于0.45: a clause naming only a level and a comparison repeats the indicator before it
ELLIPSIS_RE = re.compile(r"\s*(?P<level>" + LEVEL_RE.pattern + r")(?:的|阶段)?"
                         r"(?:不大于|不高于|不低于|不少于|不超过|达到|为|是|达|低于|高于|超过|约)?\s*")
# 到2025年达到95% / 2025年要提高到98%以上: a clause of a year and a reach verb, naming no indicator
# (到“十三五”末提高到92%: a plan period's end, too)
YEAR_ELLIPSIS_RE = re.compile(r"\s*(?:到|至|在)?\s*(?:(?:19|20)\d{2}\s*年(?:底|末)?|[“\"]?十[一二三四五]五[”\"]?(?:期)?末)\s*[,，]?"
                              r"\s*(?:要|将|力争|争取|确保)?\s*"
                              r"(?:达到|提高到|提升到|提高至|提升至|达|为)\s*")
# 由2010年的86.76%提高到2015年的96.4% / 从91.84%提高到95.66% / 从3.1%到100.9%: two measured values, not a target
# (由目前的75%提升至85%: the first value is of the time of writing)
FROM_TO_RE = re.compile(r"(?:由|从)\s*(?:(?P<first_year>\d{4}年(?:底|末)?的?)|(?P<first_now>目前|当前|现在|现)的)?\s*(?P<first>[\d.]+\s*(?:%|年))\s*"
                        + r"(?:" + CHANGE_VERB + r")?(?:到|至)\s*(?P<second_year>\d{4}年(?:底|末)?的?)?\s*(?P<second>[\d.]+\s*(?:%|年))")
YEARS_COMPARED_RE = re.compile(r"(?P<y1>\d{4})年(?:和|与|同)(?P<y2>\d{4})年[^。,，;；]{0,16}?(?:比较|对比|相比)")
# …毛入园率从97.67%提高到99.39%，预计今年可达100%以上: an expected value of the indicator named before
EXPECTED_RE = re.compile(r"预计(?P<when>今年|年内|年底|今年底|明年)?(?:底)?(?:可|将|能|有望)?(?:达到|达|超过|突破|提高到|提升到)\s*$")
WHEN_OFFSET = {"今年": 0, "年内": 0, "年底": 0, "今年底": 0, "明年": 1}
EACH_RE = re.compile("(?:" + "|".join(map(re.escape, longest_first("each"))) + ")(?!衡)")
LIST_JOIN_RE = re.compile(r"\s*(?:、|和|及|与|以及)\s*")
LIST_JOIN_WITH_UNNAMED_RE = re.compile(r"\s*(?:、|和|及|与|以及)\s*(?:[\u4e00-\u9fff]{1,8}?\s*(?:、|和|及|与|以及)\s*)?")
REACH_CLAUSE_RE = re.compile(r"\s*[,，]\s*(?:已|均|更)?(?:" + "|".join(map(re.escape, longest_first("reach"))) + r")\s*$")
# 我县为93.5% / 全市达到95%: a clause of a place's own pronoun and a verb, naming no indicator
PRONOUN_ELLIPSIS_RE = re.compile(r"\s*(?:我|全|本)(?:县|市|区|省|州|旗)(?:的|则|也)?(?:为|是|达到|达|约)\s*")
# 兰州市学前三年毛入园率达到96.2%，天水市达到93.5%: a clause of another place's name and a verb goes on the same way
PLACE_ELLIPSIS_RE = re.compile(r"\s*(?P<place>[\u4e00-\u9fff]{1,10}?(?:省|市|区|县|州|旗|盟))(?:的|则|也)?(?:为|是|达到|达|约)\s*")
# the noun of another quantity opening a clause after a rate's value (vocabulary ``other_subject``)
OTHER_SUBJECT_RE = re.compile("|".join(map(re.escape, longest_first("other_subject"))))
LABEL_GAP_RE = re.compile(r"\s*[:：]\s*(?:为|达|达到|约|近)?\s*")
VALUE_ALTERNATIVE_RE = re.compile(r"\s*(?:或|和|、|至|-|~|到)\s*")


def rule_reverse(s: SentenceRules) -> None:
    for pattern, code in REVERSE_PATTERNS:
        if code not in s.catalog:
            continue
        for m in pattern.finditer(s.text):
            tok = next((t for t in s.tokens if t.start == m.start("num")), None)
            if tok is None or tok.start in s.used:
                continue
            unit = s.unit_fits(code, tok, change=False)
            if unit is None:
                continue
            s.emit(code=code, level="all", tok=tok, kind_hint=s.cue_kind(tok.start), unit=unit,
                      anchor=max(0, tok.start - 8), qualifier_before=s.text[max(0, tok.start - 6):tok.start],
                      confidence=0.7, reasons=[f"value before the thing it measures ({m.group()[:20]})"])
            _change_after(s, code, m)


# …占全国在园幼儿的比例87.78%，比上年提高3.05个百分点: the change written right after a share that has
# no name of its own to be found by (rule_nearest finds changes after named indicators)
CHANGE_AFTER_RE = re.compile(r"\s*[,，]?\s*(?:比|较)(?:上年|去年|\d{4}年(?:底|末)?)" + CHANGE_VERB
                             + r"了?\s*(?P<num>\d+(?:\.\d+)?)\s*个百分点")


def _change_after(s: SentenceRules, code: str, value: re.Match) -> None:
    m = CHANGE_AFTER_RE.match(s.text, value.end())
    tok = next((t for t in s.tokens if m and t.start == m.start("num") and t.start not in s.used), None)
    if tok is None or s.unit_fits(code, tok, change=True) is None:
        return
    s.emit(code=code, level="all", tok=tok, kind_hint=None, unit=s.unit_fits(code, tok, change=True),
           anchor=max(0, value.start("num") - 8), change=True, confidence=0.7,
           reasons=[f"change written after the share ({m.group().strip()[:16]})"])


def _listed_before(s: SentenceRules, group: list) -> list:
    """The names listed before ``group`` with only 、/和/及 between them, and ``group`` (a name of no
    catalogue indicator may stand between two: 学前三年毛入园率、义务教育和高中阶段教育毛入学率均…)."""
    listed, first = list(group), group[0]
    for m in reversed([m for m in s.mentions if m.end <= first.start]):
        if m.end < first.start and LIST_JOIN_WITH_UNNAMED_RE.fullmatch(s.text[m.end:first.start]):
            listed.insert(0, m)
            first = m
        elif m.end != first.end:
            break
    return listed


# 首次突破70%，达71.2%: a milestone bound, then the value reached
PASSED_BOUND_RE = re.compile(r"(?:首次|首度|历史性地?)?(?:突破|超过|超)\s*$")
RESTATED_RE = re.compile(r"\s*[,，]\s*(?:达到|达|为|至)\s*")
ACTUAL_AGAINST_GOAL_RE = re.compile(r"\s*实际(?:上)?(?:已经|已)?(?:完成|达到|达|为|是)了?\s*")


def _registered_place(m: re.Match | None) -> bool:
    """The clause ``m`` opens on the name of a registered place (天水市, not 城市 or 全区)."""
    return m is not None and any(p.start == 0 and p.end == len(m["place"])
                                 for p in place_names(load_regions(), m["place"]))


def rule_nearest(s: SentenceRules) -> None:
    for tok in s.tokens:
        if tok.start in s.used or tok.unit in ("count", "permille"):
            continue
        candidates = [m for m in s.mentions if m.end <= tok.start]
        if not candidates:
            continue
        last_end = max(m.end for m in candidates)
        group = [m for m in candidates if m.end == last_end]
        subject = group[0]
        gap = s.text[subject.end:tok.start]
        if EACH_RE.search(gap) and not CLAUSE_BREAK.search(gap):
            group = _listed_before(s, group)  # 小学入学率、初中入学率均保持在100%: each name takes the value
        if len(gap) > 40:
            continue
        if len({m.level for m in group}) > 1 and "分别" in gap:
            # 小学、初中、高中教师学历合格率分别达到88.9%.77.6%,44.9% with a value lost to the page: 分别
            # pairs names and values one by one, so no name takes a value it may not own
            s.skip(tok, f"分别 after {len(group)} names whose values do not pair with them one by one")
            continue
        change = tok.unit in ("pp", "x") or (
            tok.unit in ("%", "years") and bool(CHANGE_VERB_RE.search(gap)) and bool(re.search(r"较|比|同比", s.text[:tok.start]))
        )
        if change and re.search(r"[;；]", gap):
            continue  # …入学率达98.99%；普通高校招生录取率同比增长5%: a change after ；is of another clause
        if change and any(subject.end <= t.start for t in s.tokens if t.end <= tok.start) and \
                OTHER_SUBJECT_RE.search(CLAUSE_BREAK.split(gap)[-1]):
            continue  # 一本上线率达41.2%，重点大学录取人数同比增长23%: the clause's change is of its own subject
        level_override, reasons, confidence, qualifier_before = None, [], 0.9, gap
        kind_override = None
        between = [t for t in s.tokens if subject.end <= t.start < tok.start]
        if not change:
            if between and s.goal_after(tok) and CLAUSE_BREAK.search(gap) and \
                    not any(m.start >= s.clause_start(tok.start) for m in s.mentions if m.end <= tok.start):
                # 毛入园率达76.5%，远超预定的60%的目标: a clause naming only a goal is the goal of
                # the indicator valued before it; its 超 compares the two values, no qualifier of the goal
                reasons.append("the goal of the indicator valued in the clause before")
                confidence, qualifier_before = 0.75, ""
            elif between:
                prev = between[-1]
                alt = VALUE_ALTERNATIVE_RE.fullmatch(s.text[prev.end:tok.start])
                seg = CLAUSE_BREAK.split(s.text[prev.end:tok.start])[-1]
                # …合格率高中95.06%、初中95.93%: a level listed after a value (、) takes the indicator too
                lead = ELLIPSIS_RE.fullmatch(seg.rsplit("、", 1)[-1])
                if alt:
                    reasons.append("an alternative value of the same indicator")
                    confidence = 0.75
                elif PASSED_BOUND_RE.search(s.text, max(0, prev.start - 8), prev.start) and \
                        RESTATED_RE.fullmatch(s.text[prev.end:tok.start]) and prev.unit == tok.unit:
                    # 本科上线率首次突破70%，达71.2%: the bound passed, then the value it was passed with; the
                    # bound is a milestone, not a second value of the year
                    s.out[:] = [c for c in s.out if c.start != s.start + prev.start]
                    reasons.append(f"the value a bound ({prev.raw}) was passed with")
                    confidence, qualifier_before = 0.8, s.text[prev.end:tok.start]
                elif ACTUAL_AGAINST_GOAL_RE.fullmatch(seg) and CLAUSE_BREAK.search(s.text[prev.end:tok.start]):
                    # 覆盖率全年任务目标数是78.9%，实际已完成95.31%: what was reached against the goal before
                    reasons.append("the value reached against the goal of the indicator before")
                    confidence, kind_override = 0.75, "actual"
                elif lead and re.search(r"[,，;；:：、]", s.text[prev.end:tok.start]) and \
                        all(s.catalog[m.code].needs_school_level for m in group):
                    level_override = LEVEL_WORDS[lead.group("level")]
                    reasons.append(f"ellipsis: {lead.group('level')} … takes the indicator named before")
                    confidence = 0.75
                elif (PRONOUN_ELLIPSIS_RE.fullmatch(seg) or _registered_place(PLACE_ELLIPSIS_RE.fullmatch(seg))) \
                        and CLAUSE_BREAK.search(s.text[prev.end:tok.start]) and len(group) == 1:
                    # 全国高中阶段毛入学率为91.2%，我县为93.5%: a place's pronoun (or its name) and a verb go on
                    # with the indicator valued before, for that place (rules_places.py reads whose)
                    reasons.append(f"{seg.strip()}… goes on with the indicator valued before")
                    confidence = 0.75
                elif YEAR_ELLIPSIS_RE.fullmatch(re.split(r"[;；]", s.text[prev.end:tok.start])[-1].lstrip(",， ")) \
                        and CLAUSE_BREAK.search(s.text[prev.end:tok.start]) and len(group) == 1:
                    # …毛入园率达到92%，到2025年达到95%: a clause of a year and a reach verb goes on with the
                    # indicator valued before it, for that year
                    reasons.append("a later year's value of the indicator valued before")
                    confidence = 0.75
                elif len(between) == 1 and prev.unit == "pp" and REACH_CLAUSE_RE.fullmatch(s.text, prev.end, tok.start):
                    # 毛入园率较上年提高1.5个百分点，达到92%: the change first, then the value it brought the rate to
                    reasons.append("the value reached after the change of the indicator named before")
                    confidence = 0.8
                else:
                    continue
            elif (first := ELLIPSIS_RE.fullmatch(gap)) and all(s.catalog[m.code].needs_school_level for m in group) \
                    and all(m.level == "all" or (m.level == "compulsory" and LEVEL_WORDS[first.group("level")]
                                                 in LEVEL_PARTS["compulsory"]) for m in group):
                # (义务教育学校校际综合差异系数小学为0.412: a part of the stage the name was of)
                # 教师学历合格率高中95.06%、…: a level right after a rate of each level is the value's level
                level_override = LEVEL_WORDS[first.group("level")]
                reasons.append(f"the level written after the name ({first.group('level')})")
            elif CLAUSE_BREAK.search(gap) and not LABEL_GAP_RE.fullmatch(gap):
                # 学前三年毛入园率：93%: a label and its value is one clause; 巩固率稳居全市前列，达99.1%:
                # a clause of a reach verb and the value only goes on with the indicator before it
                if not (len(CLAUSE_BREAK.findall(gap)) == 1 and REACH_CLAUSE_RE.search(gap)):
                    continue
                reasons.append("a clause of a reach verb and a value goes on with the indicator before")
                confidence = 0.75
        for m in group:
            unit = s.unit_fits(m.code, tok, change)
            if unit is None:
                continue
            ind = s.catalog[m.code]
            level = level_override if (level_override and ind.needs_school_level) else m.level
            if ind.needs_school_level and level == "all" and not s.default_level and \
                    m.code.startswith("balance_cv_"):
                s.skip(tok, f"{m.code} without a school level")
                continue
            conf = confidence - {"context": 0.15, "coordination": 0.05, "ocr": 0.2}.get(m.via, 0.0)
            why = reasons + ([f"{m.name} named via {m.via}"] if m.via != "name" else [])
            s.emit(code=m.code, level=level, tok=tok, kind_hint=s.cue_kind(tok.start), unit=unit,
                      anchor=m.start, change=change, qualifier_before=qualifier_before, confidence=conf, reasons=why,
                      kind=kind_override)


def rule_from_to(s: SentenceRules) -> None:
    """由X提高到Y: both values take the year written before them; each is a target only when that
    year lies after the document's own time (plans: 由2020年的X提高到2025年的Y)."""
    years_before: tuple[int, int] | None = None  # the years written in the sentence's last full 从…到…
    # 1949年和2018年两个年份的统计数据比较显示：小学净入学率从20%提高到99.95%…: the years compared
    compared = YEARS_COMPARED_RE.search(s.text)
    if compared and all(int(compared.group(g)) in PLAUSIBLE_YEARS for g in ("y1", "y2")):
        years_before = (int(compared.group("y1")), int(compared.group("y2")))
    for m in FROM_TO_RE.finditer(s.text):
        subject = next((x for x in reversed(s.mentions) if x.end <= m.start()), None)
        if subject is None or m.start() - subject.end > 12 or CLAUSE_BREAK.search(s.text, subject.end, m.start()):
            continue
        written = [int(m.group(g)[:4]) if m.group(g) else None for g in ("first_year", "second_year")]
        # A占比从2015年的25.15%提升至2020年的55.53%，B占比从65%提升至95.21%: a parallel pair that writes no
        # year of its own takes the years of the pair before it
        parallel = years_before if not m.group("first_year") and not m.group("second_year") else None
        if None not in written and all(y in PLAUSIBLE_YEARS for y in written):
            years_before = (written[0], written[1])
        for group in ("first", "second"):
            tok = next((t for t in s.tokens if t.start == m.start(group) and t.start not in s.used), None)
            if tok is None:
                continue
            unit = s.unit_fits(subject.code, tok, change=False)
            if unit is None:
                continue
            # a value without its own year takes the year governing the whole phrase, never the
            # other value's (由2010年的52.8%提高到78.56%: 78.56 is not of 2010)
            year_pos = tok.start if m.group(group + "_year") else m.start()
            not_after = None if m.group(group + "_year") else m.end()
            if parallel:
                year = parallel[0 if group == "first" else 1]
                s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit=unit, anchor=subject.start,
                       kind=s.kind_for(tok.start, year, "point", None), confidence=0.8, year_override=year,
                       reasons=[f"the {group} value of 由…到…, of the year of the parallel pair before it ({year})"])
                continue
            if group == "first" and m.group("first_now"):
                now = s.ctx.writing_year or s.ctx.date_year
                if now is None:
                    s.skip(tok, f"the value of {m.group('first_now')} in a document that tells no date")
                    continue
                s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit=unit, anchor=subject.start,
                       kind="actual", confidence=0.75, year_override=now,
                       reasons=[f"the first value of 由…到…, of {m.group('first_now')}: the year the document was written"])
                continue
            year, role, _how, _penalty = s.resolve_year(year_pos, None, not_after)
            base = s.stated_base_year() if group == "first" and not m.group("first_year") else None
            if base is None and group == "first" and not m.group("first_year") and year is not None:
                # “十三五”期间…由85%提高到92%: the first value is of the year before the period
                base = s.period_of(m.start(), year, spans_of_years=True)
            if base is None and group == "first" and not m.group("first_year") and year is not None and \
                    (past := next(reversed(list(YEARS_BACK_RE.finditer(s.text, 0, m.start()))), None)):
                base = year - years_back(past)  # 过去五年，…由88.5%提高到94.2%: the first is of the span's start
            if base is not None and year is not None and base < year:
                # 与2015年相比，截至2019年底…从91.84%提高到95.66%: the first value is of the base year
                s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit=unit,
                       anchor=subject.start, kind="actual", confidence=0.8, year_override=base,
                       reasons=[f"the first value of 由…到… is of the base year {base}"])
                continue
            # (到2020年，…由目前的75%提升至85%: the deadline's role, as the year's own)
            kind = s.kind_for(tok.start, year, "to" if role == "to" else "point", None) if year is not None else None
            reasons = [f"the {group} value of 由…到…"]
            goal = s.goal_in_clause(m.start()) if group == "second" else None
            if goal and kind == "actual":
                kind = "target"
                reasons.append(f"a goal: {goal} before 由…到…")
            s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit=unit, anchor=subject.start,
                   kind=kind, confidence=0.85, reasons=reasons, year_pos=year_pos, year_not_after=not_after)


def rule_expected(s: SentenceRules) -> None:
    """预计今年可达95%以上: a target of the indicator named before it in the clause, for the year
    the document is written (明年: the next one)."""
    for tok in s.tokens:
        m = EXPECTED_RE.search(s.text, max(0, tok.start - 12), tok.start)
        if tok.start in s.used or m is None or s.ctx.date_year is None:
            continue
        clause_start = max(s.text.rfind(c, 0, tok.start) for c in "。;；") + 1
        subject = next((x for x in reversed(s.mentions) if clause_start <= x.start and x.end <= m.start()), None)
        if subject is None:
            continue
        unit = s.unit_fits(subject.code, tok, change=False)
        if unit is None:
            continue
        now = s.ctx.writing_year or s.ctx.date_year
        written = [y.year for y in s.years if y.end <= m.start() and y.year and y.role in ("point", "to")]
        if m.group("when") is None and written:
            # 2023年，全区学前三年毛入园率预计达到92% (written in January 2024): the year it names; an
            # estimate of a year already ended is its measured value, not a goal
            year = written[-1]
            kind, why = ("actual", "an estimate of a year already ended") if year < now else ("target", "of the year it names")
        else:
            year, kind, why = now + WHEN_OFFSET.get(m.group("when") or "今年", 0), "target", "the year the document is written"
        s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint="target", unit=unit, anchor=subject.start,
               kind=kind, qualifier_before=m.group(), confidence=0.75, year_override=year,
               reasons=[f"expected value ({m.group()}) of {subject.name}, {why}"])


# …力争达到60%以上(2022年为54%): an aside after a value gives the same indicator's value of another year
ASIDE_YEAR_RE = re.compile(r"[(（]\s*(?P<year>(?:19|20)\d{2})\s*年(?:底|末)?\s*(?:为|是|达到|达|已达到|已达)?\s*$")
ASIDE_CLOSE_RE = re.compile(r"\s*[)）]")


def rule_aside_value(s: SentenceRules) -> None:
    """公办园在园幼儿占比力争达到60%以上(2022年为54%): the value in the aside is the indicator's, of the
    year the aside names (tests/extract/corpus yb06; ../shared/ANNOTATION.md's 分别 lists with an aside)."""
    if "(" not in s.text and "（" not in s.text:
        return
    for tok in s.tokens:
        m = ASIDE_YEAR_RE.search(s.text, max(0, tok.start - 12), tok.start)
        if tok.start in s.used or m is None or not ASIDE_CLOSE_RE.match(s.text, tok.end):
            continue
        clause_start = max(s.text.rfind(c, 0, m.start()) for c in "。;；,，") + 1
        subject = next((x for x in reversed(s.mentions) if clause_start <= x.start and x.end <= m.start()), None)
        unit = s.unit_fits(subject.code, tok, change=False) if subject is not None else None
        if unit is None:
            continue
        s.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit=unit, anchor=subject.start,
               confidence=0.75, year_override=int(m["year"]),
               reasons=[f"the value of {m['year']} in an aside after {subject.name}'s"])
