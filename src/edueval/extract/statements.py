"""Statements of fact in one document: each number tied to an indicator, a
year, a kind, a qualifier and a region, or skipped with a reason.

Rules, in the order they claim numbers of a sentence:
1. 分别 lists (A、B、C … 分别为/提高 x、y、z) pair names and values in order;
2. comparisons with other jurisdictions (高于国家85%和省政府90%) become their benchmarks;
3. reverse phrasings (不低于15%的专任教师…交流);
4. stocks with their school level (幼儿园168所, 在校生…其中小学39091名);
5. expected values (预计今年可达95%) are targets of the year of writing;
6. every other number takes the nearest indicator named before it in the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from ..catalog import load_catalog
from ..regions import load_regions
from ..vocabulary import longest_first, words
from .dating import SectionYear
from .matching import CLAUSE_BREAK, LEVEL_RE, LEVEL_WORDS, UNNAMED_PLACES, bare_gross_rates, find_mentions, qualifier_of
from .regions import COUNTY_OWN_PRONOUNS, LEVEL_PRONOUNS, RegionDecision
from .rules_counts import rule_counts
from .rules_lists import rule_fenbie, rule_jurisdictions
from .rules_nearest import FROM_TO_RE, rule_aside_value, rule_expected, rule_from_to, rule_nearest, rule_reverse
from .rules_places import place_of_figure
from .rules_stock_refs import rule_stock_references
from .rules_yardsticks import rule_plan_goals
from .tokens import INNER_BOUND_RE, NEGATIVE_VERBS, Token, tokens
from .years import PLAUSIBLE_YEARS, YEARS_BACK_RE, YearMention, find_years, relative_years, years_back

__all__ = ["Candidate", "DocContext", "Paragraph", "SentenceRules", "Skip", "Token", "tokens"]

# a sentence that opens with a level (小学阶段教育专任教师…; 普通小学招生…) sets it for its stocks and rates
SENTENCE_LEVEL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十\d]+[、.]|[(（][一二三四五六七八九十\d]+[)）])?\s*"
                               r"(?:全国|全省|全市|全区|全县)?(?:共有)?(?:普通)?(?P<level>" + LEVEL_RE.pattern + r")")
TARGET_CUES = tuple(words("cue_target"))
BENCHMARK_CUES = tuple(words("cue_benchmark"))
# indicators of the catalogue that a document's sentence never makes a row of (../shared/ANNOTATION.md,
# "Not rows"): read, then set aside with the reason for a reviewer to accept into a curated table
NOT_DOCUMENT_ROWS = {"preschool_inclusive_kg_share":
                     "the share of kindergartens that are 普惠 is no row: it is not the share of children (ANNOTATION.md)"}
REACH_WORDS = frozenset(words("reach"))
# 比全国平均增长率高出了3.44个百分点: a comparison of two changes, not a change of the indicator
# a、b和c: the separators of a run of listed values (SentenceRules.value_run)
# 分别100%100.9%104.7% (a page that lost its 、): a percent sign ends a value as a 、 would
LIST_SEP_RE = re.compile(r"\s*(?:、|,|，|和|及|与|(?<=[%％])\.(?=\d)|(?<=[%％])(?=\d))\s*")
GAP_OF_CHANGES_RE = re.compile(r"(?:比|较|高于|低于|超过)[^,，。;；]{0,12}(?:增长率|增幅|增速|增长幅度|提高幅度)")
# 将 / 要 / 计划 …提高到: a reach verb that speaks of the future (vocabulary ``cue_future``; 主要 and
# 重要 are no 要; the goal cues 力争, 确保 … are goal_in_clause's)
FUTURE_WORD_RE = re.compile("|".join(f"(?<!主)(?<!重){re.escape(w)}" if w == "要" else re.escape(w)
                                     for w in longest_first("cue_future")))
# a year's enrolment rates are counted in its autumn and published the next spring; the gaokao's come
# out in late June: a rate of the year written before June cannot be measured yet
EARLY_MONTHS = 5
# 教育部基础教育司 / 职业教育处: a level's word naming an office of a body is no subject of the sentence
BODY_SUFFIXES = ("司", "处", "科", "股")
# the most pupils, teachers and schools a region of each level can count (vocabulary ``count_ceiling``)
COUNT_CEILINGS = {key: float(value) for key, value in words("count_ceiling").items()}
# 县一中 / 第二中学 / 实验中学本科上线率: a school named before the figure's name
SCHOOL_SUBJECT_RE = re.compile(r"(?:[县市区州]?(?:第?[一二三四五六七八九十]{1,3})中|(?P<stem>[\u4e00-\u9fff]{2,8}?)"
                               r"(?:高级中学|中学|实验学校))(?:的)?$")
# words before 中学 that name a level or a scope, not one school (全县中学, 普通中学; vocabulary ``not_school_stem``)
NOT_SCHOOL_STEMS = tuple(words("not_school_stem"))
# 年均增长2.5个百分点 / 平均每年提高…: a change per year over a span, no change between two years
AVERAGE_CHANGE_RE = re.compile(r"(?:年均|年平均|平均每年|每年平均)[^,，;；。]{0,6}$")
# 目前 / 截至目前: a value that stands at the time of writing (vocabulary ``now_word``)
NOW_WORD_RE = re.compile("|".join(map(re.escape, longest_first("now_word"))))
# 要达到90%，还需提高0.5个百分点: what is still to be gained toward a goal is no change that happened
STILL_NEEDED_RE = re.compile("(?:" + "|".join(map(re.escape, longest_first("still_needed"))) + r")[^,，。;；]{0,4}$")
# 目标完成 / 目标任务顺利完成 / 目标已实现: a goal word that says the goal was met
MET_AFTER_RE = re.compile(r"已|完成|达成")
GOAL_MET_RE = re.compile(r"(?:任务)?\s*(?:已|均|已经|全面|顺利|如期|基本|圆满|提前)*(?:完成|实现|达成)")
# 我市 / 本县: the document's own place, in its own words (the 我 and 本 forms of the regions' pronouns)
OWN_PLACE_RE = re.compile("|".join(sorted({w for pronouns in (*LEVEL_PRONOUNS.values(), COUNTY_OWN_PRONOUNS)
                                           for w in pronouns if w[0] in "我本"})))
# …的市县有4个 / 达到50%的有3个市县: a bound that sorts places or schools into groups
GROUPED = r"(?:县市区|市县区|县市|市县|县区|市州|地区|乡镇|县|区|市|学校|幼儿园|中小学)"
GROUP_THRESHOLD_RE = re.compile(r"\s*(?:及以上|及以下|以上|以下|以内|之间)?\s*的\s*(?:" + GROUPED + r"(?:有|达到?|共|占)"
                                r"|有\s*[\d一二两三四五六七八九十]+\s*[个所家]\s*" + GROUPED + "?)")
OWN_VALUE_RE = re.compile(r"\s*\d[\d.]*\s*(?:%|万|亿|所|人|名|个百分点|年)?")
CUE_RE = re.compile("|".join(sorted(TARGET_CUES + BENCHMARK_CUES, key=len, reverse=True)))
# 2011—2016年 (not 2010年至2014年 or 从1949年到2018年): a span written as a run of years (SentenceRules.period_of)
DASH_SPAN_RE = re.compile(r"\d{4}\s*年?\s*[—–\-~～－]{1,2}\s*\d{4}")
# …已达到90% / 均已提高到: the reach verb of a value that has been reached
REACH_ALT = "|".join(map(re.escape, sorted(words("reach"), key=len, reverse=True)))
REACH_BEFORE_RE = re.compile(r"(?P<verb>" + REACH_ALT + r")了?\s*$")
REACHED_RE = re.compile(r"(?P<word>已经|业已|均已|已)\s*(?:" + REACH_ALT + r")\s*(?:了)?\s*$")
# 其中城区学前三年毛入园率: a part of the region before a rate's name (vocabulary ``sub_area``)
SUB_AREA_RE = re.compile(r"(?P<area>" + "|".join(map(re.escape, longest_first("sub_area"))) + r")(?:地区|学校|的)?\s*$")
# …达到11.3年目标 / 远超预定的60%的目标: a goal word right after the value (and its 以上, quote or 的)
TARGET_AFTER_RE = re.compile(r"\s*(?:" + "|".join(map(re.escape, sorted(words("qualifier_after"), key=len, reverse=True)))
                             + r")?\s*[”\"’」』]?\s*的?\s*(?:" + "|".join(sorted(words("cue_target_after"), key=len, reverse=True))
                             + ")(?!任务)")  # 完成95%的目标任务: a share of the tasks, no goal's value
YARDSTICK_RE = re.compile("|".join(map(re.escape, longest_first("yardstick"))))
TOTAL_BEFORE_RE = re.compile("(?:" + "|".join(map(re.escape, longest_first("total_marker"))) + ")$")
YEAR_IN_ASIDE_RE = re.compile(r"(?:19|20)\d{2}\s*年")
ASIDE_RE = re.compile(r"[(（][^)）]*[)）]?")
RATE_NAME_TAIL_RE = re.compile(r"[\u4e00-\u9fff]{0,8}?率")
SCHOOL_STOCK_RE = re.compile(r"[^,，;；。]{0,8}?\d[\d.]*\s*万?\s*所")
PERIOD_SPAN_RE = re.compile(r"(?:期间|时期|以来)$")


@dataclass
class Candidate:
    indicator: str
    school_level: str
    year: int | None
    value: float | None
    unit: str
    kind: str
    qualifier: str
    base_year: int | None
    region_code: str
    applies_to: str
    status: str
    start: int  # offsets in the normalised text
    end: int
    sentence_start: int
    sentence_end: int
    anchor: int  # where the quote starts (the indicator's name when known)
    confidence: float
    reasons: list[str] = field(default_factory=list)
    year_fallback: bool = False  # the year came from the document's date or latest year


@dataclass(frozen=True)
class Paragraph:
    start: int
    text: str
    heading: bool
    bullet: bool
    years: tuple[YearMention, ...]  # positions relative to the paragraph


# 在校学生3.91万人，增长3.2%: a stock followed at once by its growth in %
GROWTH_RUN_RE = re.compile(r"\d\s*万?\s*(?:人|所)\s*[,，]\s*(?:增长|下降|减少|增加)了?\s*\d[\d.]*\s*%")
GROWTH_RUN_MIN = 3
YEAR_ON_YEAR_RE = re.compile(r"同比|比上年|较上年|比去年|较去年")


@dataclass
class DocContext:
    text: str
    region: RegionDecision
    date_year: int | None
    plan: tuple[int, int] | None
    latest_year: int | None
    paragraphs: list[Paragraph]
    # the year the document was written (its date), when known: 去年/今年 count from it, while the
    # reference year (a bulletin's, 2024 in news of 2025-05 on the 2024 bulletin) dates what is undated
    writing_year: int | None = None
    writing_month: int | None = None  # the month of its date, when the date gives one
    # the year whose goals the title says the document sets out (dating.py goal_year), and how
    goal_year: int | None = None
    goal_reason: str = ""
    # per paragraph, the year of the section it stands in: a year's plan of work or the year it reviews
    # (dating.py section_years)
    section_years: tuple[SectionYear | None, ...] = ()


@dataclass
class Skip:
    start: int
    end: int
    reason: str


def _sentence_years(para: Paragraph, start: int, end: int) -> list[YearMention] | None:
    """The year mentions of the sentence at ``start:end`` of the text, taken from its paragraph's
    (pipeline._paragraphs finds them once): no year expression holds a sentence's end (。！？),
    so they are the ones find_years finds in the sentence (tests/extract/test_prefilters.py).
    None when the span is not inside the paragraph (a table's cells)."""
    offset = start - para.start
    if offset < 0 or end - para.start > len(para.text):
        return None
    stop = end - para.start
    return [replace(y, start=y.start - offset, end=y.end - offset) for y in para.years
            if y.start >= offset and y.end <= stop]


class SentenceRules:
    """Apply every rule to one sentence of a document."""

    def __init__(self, ctx: DocContext, para_index: int, start: int, end: int):
        self.ctx = ctx
        self.para_index = para_index
        self.start, self.end = start, end
        self.text = ctx.text[start:end]
        self.catalog = load_catalog()
        para = ctx.paragraphs[para_index] if para_index < len(ctx.paragraphs) else None
        self.years = _sentence_years(para, start, end) if para is not None else None
        if self.years is None:
            self.years = find_years(self.text)
        if ctx.writing_year or ctx.date_year:
            # 去年，全区…: the year the document was written tells which year (else its reference year)
            now = ctx.writing_year or ctx.date_year
            self.years = sorted([*self.years, *(YearMention(r.start, r.end, now + r.offset, r.role)
                                                for r in relative_years(self.text))], key=lambda y: y.start)
        self.mentions = find_mentions(self.text, self.catalog)
        if para is not None and "毛入学率" in self.text:
            before = ctx.text[para.start:start]
            self.mentions = sorted([*self.mentions, *bare_gross_rates(self.text, before, self.mentions)],
                                   key=lambda x: (x.start, x.via != "name"))
        spans = [(y.start, y.end) for y in self.years] + [(m.start, m.end) for m in self.mentions]
        self.tokens = [t for t in tokens(self.text)
                       if not any(s <= t.start < e or s < t.end <= e for s, e in spans)]
        opening = SENTENCE_LEVEL_RE.match(self.text)
        self.default_level = LEVEL_WORDS[opening.group("level")] if opening else None
        self.used: set[int] = set()
        self.out: list[Candidate] = []
        self.skips: list[Skip] = []

    # ---- helpers ------------------------------------------------------------
    def value_run(self, pos: int) -> list[Token]:
        """The values listed from ``pos`` on (a、b和c), none of them taken by a rule before."""
        values: list[Token] = []
        for tok in self.tokens:
            if tok.start < pos or tok.start in self.used:
                continue
            if tok.start != pos:
                break
            values.append(tok)
            sep = LIST_SEP_RE.match(self.text, tok.end)
            if not sep:
                break
            pos = sep.end()
        return values

    def skip(self, tok: Token, reason: str) -> None:
        self.used.add(tok.start)
        self.skips.append(Skip(self.start + tok.start, self.start + tok.end, reason))

    def cue_word(self, pos: int) -> str | None:
        found = self.cue_match(pos)
        return found.group() if found else None

    @cached_property
    def _from_tos(self) -> list[re.Match]:
        """The sentence's 由…到… phrases (rules_nearest.FROM_TO_RE), found once for the rules that ask."""
        return list(FROM_TO_RE.finditer(self.text)) if "由" in self.text or "从" in self.text else []

    def cue_match(self, pos: int) -> re.Match | None:
        """The last cue word before ``pos`` that speaks for the value there."""
        found = None
        measured = [(m.start(), m.end()) for m in self._from_tos if m.end() <= pos]
        for m in CUE_RE.finditer(self.text, 0, pos):
            if any(a <= m.start() < b for a, b in measured):  # 由X提高到Y reports two measured values
                continue
            own = OWN_VALUE_RE.match(self.text, m.end()) if m.group().endswith(("到", "至")) else None
            if own and own.end() <= pos:
                continue  # 完成率提升至104.41%，…上线率100%: a reach verb's value is its own, not the next one's
            if m.group() in BENCHMARK_CUES and re.search(r"[;；]", self.text[m.end():pos]):
                continue  # …提前3年达到国家…的指标要求；残疾儿童入学率达到97%: a yardstick's ；ends it
            if m.group() in BENCHMARK_CUES and (self._cue_has_own_value(m, pos) or self._cue_interrupted(m, pos)
                                                or self._own_place_after(m, pos)):
                # 超过省规定标准1.1个百分点，九年义务教育巩固率为98.52%: the yardstick's value is its own;
                # 完成24所幼儿园的督导评估，…创建为示范幼儿园，小学入学率达99.70%: a clause of other matter between;
                # 国家规定…应达到85%，我市…达到90%: the document's own place speaks for itself
                continue
            if m.group().endswith("目标") and GOAL_MET_RE.match(self.text, m.end()):
                continue  # 普及攻坚阶段性目标完成，高中阶段教育毛入学率达92.3%: a goal met, the value reached
            if m.group() in TARGET_CUES and self._cue_of_a_yearless_clause(m, pos):
                continue  # 围绕建设教育强区目标，2023年全区…达到92%: the goal word is of another clause
            found = m
        return found

    def _cue_has_own_value(self, cue: re.Match, pos: int) -> bool:
        """A number of the cue word's own stands in its clause, no indicator named between them (标准1.1个
        百分点, not 要求…毛入园率达到85%, a list the cue goes on governing), and the value at ``pos`` is in a
        later clause."""
        end = next((b.start() for b in CLAUSE_BREAK.finditer(self.text, cue.end(), pos)), None)
        if end is None:
            return False
        own = next((t for t in self.tokens if cue.end() <= t.start < end), None)
        return own is not None and not any(cue.end() <= m.start and m.end <= own.start for m in self.mentions)

    def _own_place_after(self, cue: re.Match, pos: int) -> bool:
        """The value's clause, after the cue word's, opens on the document's own place (我市, 本县)."""
        clause = self.clause_start(pos)
        return clause > cue.end() and OWN_PLACE_RE.search(self.text, clause, pos) is not None

    def _cue_interrupted(self, cue: re.Match, pos: int) -> bool:
        """A whole clause naming no indicator and no number stands between the cue word's clause and the
        value at ``pos`` (a list of values after one cue word goes on clause by clause, each naming its
        indicator or value)."""
        breaks = [b.start() for b in CLAUSE_BREAK.finditer(self.text, cue.end(), pos)]
        starts = [t.start for t in self.tokens] + [m.start for m in self.mentions]
        return any(not any(a < x < b for x in starts) for a, b in zip(breaks, breaks[1:]))

    def _years_of_clause(self, cue: re.Match) -> list[YearMention]:
        """The years written in the clause of a cue word."""
        start = self.clause_start(cue.start())
        end = next((b.start() for b in CLAUSE_BREAK.finditer(self.text, cue.end())), len(self.text))
        return [y for y in self.years if start <= y.start < end]

    def _clause_names_year(self, cue: re.Match, year: int) -> bool:
        """The clause of a cue word writes the value's year (力争到2021年，…)."""
        return any(y.year == year for y in self._years_of_clause(cue))

    def _cue_of_a_yearless_clause(self, cue: re.Match, pos: int) -> bool:
        """A goal word in an earlier clause that names no year, before a value whose own clause names its
        year as a point: the clauses speak of different things (围绕…目标，2023年全区…达到92%); 力争到2025年，
        全县…达到95% keeps its goal (the year is the goal word's clause's)."""
        clause = self.clause_start(pos)
        if cue.end() > clause:
            return False
        own_year = any(clause <= y.start < pos and y.role == "point" for y in self.years)
        return own_year and not self._years_of_clause(cue)

    def level_carried(self, anchor: int) -> str | None:
        """…特殊教育学校毕业生939人，招生743人，在校生5632人: a stock named without a level takes the
        one level the sentence names before it, unless it is marked as a total (全省在校生, 总…)."""
        if TOTAL_BEFORE_RE.search(self.text, 0, anchor):
            return None
        # a level inside a rate's name (初中巩固率) says which rate, not whose pupils
        # …学校86所（含教学点）: a level in an aside is no subject
        asides = [(a.start(), a.end()) for a in ASIDE_RE.finditer(self.text, 0, anchor)]
        levels = {LEVEL_WORDS[m.group()] for m in LEVEL_RE.finditer(self.text, 0, anchor)
                  if not self._stock_closed_by_semicolon(m.end(), anchor)
                  and not RATE_NAME_TAIL_RE.match(self.text, m.end(), anchor)
                  and not self.text.startswith(BODY_SUFFIXES, m.end())
                  and not any(a <= m.start() < b for a, b in asides)} - {"all"}
        return levels.pop() if len(levels) == 1 else None

    def _stock_closed_by_semicolon(self, level_end: int, anchor: int) -> bool:
        # 全区有初中4所；在校生1200人: a ；after a stock of schools ends the level it passes on
        # (tests/extract/test_rules_stocks.py); a level naming the sentence's subject is carried on
        semicolon = max(self.text.rfind("；", level_end, anchor), self.text.rfind(";", level_end, anchor))
        return semicolon >= 0 and SCHOOL_STOCK_RE.match(self.text, level_end, semicolon) is not None

    def goal_after(self, tok: Token) -> bool:
        """A goal word right after the value (…达到11.3年目标) makes it a target, unless the clause
        quotes a named plan or another government's goal (实现《纲要》“达到95%”的目标, 达到省定85%的目标:
        a yardstick, which this rule does not make the document's own target)."""
        if not TARGET_AFTER_RE.match(self.text, tok.end):
            return False
        return not YARDSTICK_RE.search(self.text, self.clause_start(tok.start), tok.start)

    def sub_area_before(self, anchor: int) -> str | None:
        """城区 / 农村 / 县(市) right before a rate's name: the rate of a part of the region, unless the
        region is itself named so (阳泉市城区)."""
        m = SUB_AREA_RE.search(self.text, max(self.clause_start(anchor), anchor - 10), anchor)
        if m is None or self.ctx.region.name.endswith(m["area"]):
            return None
        return m["area"]

    def clause_start(self, pos: int) -> int:
        return max((m.end() for m in CLAUSE_BREAK.finditer(self.text, 0, pos)), default=0)

    def goal_in_clause(self, pos: int) -> str | None:
        """A goal cue (力争, 确保 …, not a reach verb) earlier in the clause of ``pos``:
        国家力争把…从2020年的10.8年提高到11.3年 sets a goal for the second value."""
        start = self.clause_start(pos)
        cues = [m.group() for m in CUE_RE.finditer(self.text, start, pos)
                if m.group() in TARGET_CUES and m.group() not in REACH_WORDS]
        return cues[-1] if cues else None

    def cue_kind(self, pos: int) -> str | None:
        word = self.cue_word(pos)
        if word is None:
            return None
        return "target" if word in TARGET_CUES else "benchmark"

    def role_of(self, year: YearMention, offset: int) -> str:
        """A year's role; “十四五”以来 is a period up to the time of writing (``since_period``)."""
        if year.role == "period" and self.ctx.text[offset + year.start:offset + year.end].endswith("以来"):
            return "since_period"
        return year.role

    def resolve_year(self, pos: int, kind_hint: str | None,
                     not_after: int | None = None) -> tuple[int | None, str, str, float]:
        """(year, role, how, confidence penalty) for a value at sentence position ``pos``; years written
        between ``pos`` and ``not_after`` are another value's (由2010年的52.8%提高到78.56%) and pass over."""
        skip_roles = ("base", "since", "plan", "event")
        masked_note = ""
        before = [y for y in self.years if y.end <= pos and y.role not in skip_roles]
        if self._from_tos and before:
            # 学前三年毛入园率由2016年的76.5%提高到93.2%，九年义务教育巩固率达到97.6%: the year a from–to
            # starts from dates its first value only, not the values after it
            firsts = [(m.start("first_year"), m.end("first_year")) for m in self._from_tos
                      if m["first_year"] and m.end() <= pos]
            before = [y for y in before if not any(a <= y.start < b for a, b in firsts)]
        if "(" in self.text[:pos] or "（" in self.text[:pos]:
            # …力争达到60%以上(2022年为54%)；…入学率保持在97%以上: the year of an aside closed before the
            # value, with a figure of its own, dates that figure, not the values after it (tests/extract/corpus
            # yb06); a bare year in brackets (学生总数(2023年) | 约28万人) still dates what it labels
            closed = [(a.start(), a.end()) for a in ASIDE_RE.finditer(self.text, 0, pos)
                      if re.search(r"\d", YEAR_IN_ASIDE_RE.sub("", a.group()))]
            before = [y for y in before if not any(a < y.start and y.end <= b for a, b in closed)]
        # a year after the value governs it only within the same part of the sentence (…；自2025年起 does not)
        # (2016年开始统计普惠性幼儿园覆盖率): a year in an aside after the value tells something else
        asides = [(a.start(), a.end()) for a in ASIDE_RE.finditer(self.text, pos)] if "(" in self.text[pos:] \
            or "（" in self.text[pos:] else []
        after = [y for y in self.years if y.start >= max(pos, not_after or 0) and y.role not in skip_roles
                 and not re.search(r"[;；]", self.text[pos:y.start]) and not any(a < y.start < b for a, b in asides)]
        for group, how in ((before[-1:], "in the sentence"), (after[:1], "later in the sentence")):
            if group:
                y = group[0]
                if y.year is not None:
                    role = self.role_of(y, self.start)
                    if role == "to" and any(m.start() <= y.start < m.end() for m in self._from_tos):
                        role = "point"  # 由2010年的86.76%提高到2015年的96.4%: a year measured, not a goal's
                    return y.year, role, how, 0.0
                masked_note = "the year is masked in the text; "
                break
        if not masked_note and self.ctx.date_year and self.ctx.plan is None and \
                (now := NOW_WORD_RE.search(self.text, 0, pos)):
            # 目前，全区共有幼儿园89所 after a paragraph's 十四五期间: the sentence says when, and it is
            # the document's own time (its date, or the year it reports on), not a year named earlier in
            # the paragraph (tests/extract/corpus s07). A plan's 目前 is its base year, as below (seed 004).
            return self.ctx.date_year, "now", f"{now.group()}: the document's own time", 0.1
        if not masked_note:
            para = self.ctx.paragraphs[self.para_index]
            local = self.start - para.start
            earlier = [y for y in para.years if y.end <= local and y.role not in skip_roles]
            if earlier and earlier[-1].year is not None:
                return earlier[-1].year, self.role_of(earlier[-1], para.start), "earlier in the paragraph", 0.05
            if earlier:
                masked_note = "the year is masked in the text; "
        introduced = self.para_index > 0 and self.ctx.paragraphs[self.para_index - 1].text.endswith(("：", ":"))
        if not masked_note and (self.ctx.paragraphs[self.para_index].bullet or introduced):
            # a list's items, or a paragraph a colon introduces (…政府工作报告中，2020年持续保障和改善民生…：
            # / 优先发展教育事业，…覆盖率达80%: tests/extract/corpus zz07), take the introducing paragraph's year
            i = self.para_index - 1
            while i >= 0 and self.ctx.paragraphs[i].bullet:
                i -= 1
            if i >= 0 and not self.ctx.paragraphs[i].heading:
                ys = [y for y in self.ctx.paragraphs[i].years if y.role not in skip_roles and y.year]
                if ys:
                    return ys[-1].year, ys[-1].role, "from the paragraph introducing the list", 0.05
        if (review := self.section_review) and not masked_note:
            return review.year, "point", f"the year its section reviews ({review.heading})", 0.1
        if (section := self.section_goal) and not masked_note:
            return section, "to", f"the year's plan of work its section opens on ({section})", 0.1
        if self.ctx.goal_year and not masked_note:
            return self.ctx.goal_year, "to", self.ctx.goal_reason, 0.15
        if self.ctx.plan and not masked_note:
            if kind_hint == "target":
                return self.ctx.plan[1], "to", "the plan's target year", 0.1
            return self.ctx.plan[0] - 1, "point", "the plan's base year", 0.15
        if self.ctx.date_year:
            return self.ctx.date_year, "point", masked_note + "the document's date (fallback)", 0.25
        if self.ctx.latest_year:
            return self.ctx.latest_year, "point", masked_note + "latest year the document mentions (fallback)", 0.4
        return None, "", masked_note + "no year", 1.0

    def kind_for(self, pos: int, year: int, role: str, cue: str | None) -> str:
        if role == "since_period" and cue != "benchmark":
            return "actual"  # “十四五”以来…覆盖率达95.2%: reached since the period began
        if self.section_goal == year and cue != "benchmark" and not self._as_of(pos, year):
            return "target"  # 二、2024年工作安排 … 学前三年毛入园率保持在92%以上: the year's plan of work
        if role == "now" and cue != "benchmark" and not self.goal_in_clause(pos) and \
                not FUTURE_WORD_RE.search(self.text, self.clause_start(pos), pos):
            return "actual"  # 目前…达到90%: what stands now is measured, whatever year it is
        found = self.cue_match(pos) if cue == "target" else None
        if found is not None and self._past(year) and (found.group() in REACH_WORDS or (
                not self.goal_in_clause(pos) and not self._clause_names_year(found, year))):
            # 到2021年…公办率提升到51.4% written in 2022: a reach verb tells what was reached, not a goal; so
            # does a past year's value after a goal word of another clause (2023年，全区争取资金3亿元，…达到92%),
            # while 力争到2021年，…达到52.5% sets the goal of its own year
            return "actual"
        if found is not None and role == "point" and self.ctx.date_year is None and self.ctx.plan is None and \
                self.plain_reach(pos, found):
            # 2020年，全县学前三年毛入园率提高到90% in a text with no date and no plan: a year written as
            # a point (not 到2020年) with a plain reach verb reports what the year reached
            return "actual"
        if cue:
            return cue
        if role == "to":
            # 到2021年…达到93.5% in a document written after 2021 reports what was reached, as 到2005年…
            # does in a plan for 2006–2010 (its baseline)
            if self.ctx.date_year:
                return "actual" if self._past(year) else "target"
            return "actual" if self.ctx.plan and year < self.ctx.plan[0] else "target"
        reference = self.ctx.date_year or (self.ctx.plan[0] - 1 if self.ctx.plan else None)
        if reference and year > reference and not self._past(year) and not self._as_of(pos, year):
            return "target"
        return "actual"

    def plain_reach(self, pos: int, found: re.Match | None = None) -> str | None:
        """The reach verb before ``pos`` (提高到, 达到) when nothing in its clause makes it a goal: no goal
        word (力争, 确保) and no word of the future (将, 要); None otherwise."""
        found = found or self.cue_match(pos)
        if found is None or found.group() not in REACH_WORDS or self.goal_in_clause(pos) or \
                FUTURE_WORD_RE.search(self.text, self.clause_start(pos), pos):
            return None
        return found.group()

    def reach_right_before(self, pos: int) -> str | None:
        """The reach verb (达到, 提高到 …) right before the value at ``pos``, with no 已 before it."""
        m = REACH_BEFORE_RE.search(self.text, max(self.clause_start(pos), pos - 8), pos)
        if m is None or REACHED_RE.search(self.text, max(self.clause_start(pos), pos - 10), pos):
            return None
        return m.group("verb")

    def _met_after(self, pos: int) -> bool:
        """The rest of the clause after ``pos`` says a goal was met (…达到95%的目标任务已完成)."""
        end = CLAUSE_BREAK.search(self.text, pos)
        return bool(MET_AFTER_RE.search(self.text, pos, end.start() if end else len(self.text)))

    def _count_ceiling(self, code: str, region: str | None) -> float | None:
        """The most a region of the figure's level can count of ``code`` (vocabulary ``count_ceiling``)."""
        own = self.ctx.region
        if region is None or region == own.code:
            level = own.level
        else:
            registry = load_regions()
            level = registry[region].level if region in registry else None
        return COUNT_CEILINGS.get(f"{code} {level}")

    def _school_before(self, anchor: int) -> str | None:
        """县一中 / 实验中学 right before the name of what is counted or measured (县一中本科上线率达到85.2%):
        the school whose figure it is, not a level's word (全县中学, 普通中学)."""
        m = SCHOOL_SUBJECT_RE.search(self.text, self.clause_start(anchor), anchor)
        stem = m["stem"] if m is not None else None
        if m is None or stem and (stem.startswith(("全", "我", "本", "各")) or stem.endswith(NOT_SCHOOL_STEMS)):
            return None
        return m.group().rstrip("的")

    @property
    def section_goal(self) -> int | None:
        section = self._section
        return section.year if section is not None and section.goal else None

    @property
    def section_review(self) -> SectionYear | None:
        section = self._section
        return section if section is not None and not section.goal else None

    @property
    def _section(self) -> SectionYear | None:
        years = self.ctx.section_years
        return years[self.para_index] if self.para_index < len(years) else None

    def _early_in(self, year: int) -> bool:
        """The document was written in the first months of ``year`` (EARLY_MONTHS): too soon for the
        year's rates to be measured, so a rate the year reaches is one it aims at."""
        return self.ctx.writing_year == year and self.ctx.writing_month is not None and \
            self.ctx.writing_month <= EARLY_MONTHS

    def _past(self, year: int) -> bool:
        """A year before the document's reference year, or before the year it was written: a page titled
        2014年… and dated 2018 reports its 2015 as past (tests/extract/corpus zi09); one written in March
        2020 on 2019's figures still aims at 2020."""
        return any(y and year < y for y in (self.ctx.date_year, self.ctx.writing_year))

    def reached_before(self, pos: int, year: int) -> str | None:
        """已 / 已经 right before the reach verb of a value (…已达到90%), or a year written as the date a
        figure stands at (截至2020年): the words that make a reach verb report, not aim; a future word or
        a goal cue in the clause keeps the goal (将 / 力争 …已…)."""
        start = self.clause_start(pos)
        if FUTURE_WORD_RE.search(self.text, start, pos) or self.goal_in_clause(pos):
            return None
        if m := REACHED_RE.search(self.text, max(start, pos - 8), pos):
            return m.group("word")
        return "截至" if self._as_of(pos, year) else None

    def _as_of(self, pos: int, year: int) -> bool:
        """截至2021年11月底，…在园幼儿33.47万人: a year written as a date the figure stands at is measured,
        even after the year a document without a date is taken to be of (tests/extract/corpus zk03)."""
        return any(y.year == year and y.end <= pos and self.text.startswith(("截至", "截止"), y.start)
                   for y in self.years)

    def base_year(self, pos: int, year: int) -> tuple[int | None, str]:
        bases = [y for y in self.years if y.role == "base" and y.year]
        if bases:
            near = min(bases, key=lambda y: abs(y.start - pos))
            return near.year, "base year from 较…"
        since = [y for y in self.years if y.role == "since" and y.year and y.end <= pos]
        if since:
            return since[-1].year, "base year from …年以来"
        # 2010年至2014年的5年中…提高近26个百分点: a change over a span of years is on its first year
        # (the years of a plan's name, 《…计划(2017—2020年)》, are no span of the value)
        spans = [y for y in self.years if y.span_from and y.year == year and y.end <= pos
                 and self.text.rfind("《", 0, y.start) <= self.text.rfind("》", 0, y.start)]
        left = self.text[:pos]
        # 2015-2019年…持续增长，…2019年…同比增长1.3%: a 同比 after the span says on which year
        if spans and not YEAR_ON_YEAR_RE.search(left, spans[-1].end):
            return spans[-1].span_from, f"base year {spans[-1].span_from}: the span {spans[-1].span_from}–{year} before the value"
        recent = list(YEARS_BACK_RE.finditer(left))
        if recent:
            n = years_back(recent[-1])
            return year - n, f"base year = {year} − {n} ({recent[-1].group()})"
        if YEAR_ON_YEAR_RE.search(left):
            return year - 1, "base year = previous year (同比/上年)"
        para = self.ctx.paragraphs[self.para_index]
        if YEAR_ON_YEAR_RE.search(self.ctx.text, para.start, self.start):
            # a bulletin says 比上年 once and then 增长4.2%, 下降2.0% for each stock after it
            return year - 1, "base year = previous year (比上年 earlier in the paragraph)"
        # 由2020年的88%提高到2022年的92%，两年提高4个百分点: the change is between the from–to's two years
        spans = [m for m in self._from_tos if m.end() <= pos and m["first_year"] and m["second_year"]]
        if spans and int(spans[-1]["second_year"][:4]) == year and int(spans[-1]["first_year"][:4]) < year:
            first = int(spans[-1]["first_year"][:4])
            return first, f"base year {first}: the first year of the 由…到… before it"
        period = self.period_of(pos, year)
        if period is not None:
            return period, f"base year {period}: the year before the plan period ending in {year}"
        if len(GROWTH_RUN_RE.findall(self.ctx.text, para.start, para.start + len(para.text))) >= GROWTH_RUN_MIN:
            # 招生1.32万人，增长6.9%；在校学生3.91万人，增长3.2%；…: a bulletin's run of stocks, each
            # with its growth and no base named, grows over the year before (tests/extract/corpus zk03)
            return year - 1, "base year = previous year (a bulletin's run of stocks, each with its growth)"
        return None, "no base year stated"

    def stated_base_year(self) -> int | None:
        """与2015年相比 / 较2015年, in the sentence or earlier in its paragraph: the base of the comparison."""
        bases = [y.year for y in self.years if y.role == "base" and y.year]
        if bases:
            return bases[-1]
        para = self.ctx.paragraphs[self.para_index]
        local = self.start - para.start
        earlier = [y.year for y in para.years if y.end <= local and y.role == "base" and y.year]
        return earlier[-1] if earlier else None

    def period_of(self, pos: int, year: int, spans_of_years: bool = False) -> int | None:
        """“十二五”期间…提高了15个百分点: a change over a five-year plan period that the sentence or
        its paragraph names before the value, and whose last year is the value's year, is a change
        on the year before the period began. With ``spans_of_years`` (the first value of 由X到Y) a run of
        years (2011—2016年) counts as such a period too."""
        para = self.ctx.paragraphs[self.para_index]
        local = self.start - para.start
        spans = [(para.start + y.start, para.start + y.end, y) for y in para.years if y.end <= local + pos]
        for start, end, y in reversed(spans):
            if y.role == "period" and y.year == year and PERIOD_SPAN_RE.search(self.ctx.text, start, end):
                return year - 5
            if spans_of_years and y.span_from and y.year == year:
                # 2011—2016年，…由170所增加到422所: a span written as a run of years starts from the
                # year before its first, as “十二五” (2011—2015) does from 2010 (../shared/ANNOTATION.md);
                # 从1949年到2018年 / 2010年至2014年 name the first year itself
                return y.span_from - 1 if DASH_SPAN_RE.search(self.ctx.text, start, end) else y.span_from
        return None

    def unit_fits(self, code: str, tok: Token, change: bool) -> str | None:
        """The row's unit if ``tok`` fits the indicator, else None."""
        unit = self.catalog[code].unit
        if change:
            if tok.unit in ("pp", "x"):
                return tok.unit
            if tok.unit == unit and unit in ("%", "years"):
                return unit  # 比上年提高0.1年: a change of years of schooling in years
            return None
        if unit == "%" and tok.unit == "%":
            return "%"
        if unit == "years" and tok.unit == "years":
            return "years"
        if unit == "ratio" and tok.unit == "" and (tok.masked or (tok.value is not None and tok.value < 10 and "." in tok.raw)):
            return "ratio"
        if unit == "count" and tok.unit == "count":
            return "count"
        return None

    def emit(self, *, code: str, level: str, tok: Token, kind_hint: str | None, unit: str,
             anchor: int, region: str | None = None, kind: str | None = None, change: bool = False,
             qualifier_before: str = "", confidence: float = 0.9, reasons: list[str] | None = None,
             year_pos: int | None = None, year_not_after: int | None = None, gap_to: str | None = None,
             negative: bool | None = None, year_override: int | None = None,
             base_override: int | None = None, carry_level: bool = True,
             qualifier_at: int | None = None) -> Candidate | None:
        """``qualifier_at``: where the words after the value that qualify it stand, when not right after it
        (a 分别 list's 以上 after its last value qualifies each)."""
        reasons = list(reasons or [])
        if code in NOT_DOCUMENT_ROWS:
            self.skip(tok, NOT_DOCUMENT_ROWS[code])
            return None
        if year_override is not None and year_override not in PLAUSIBLE_YEARS:
            # rules that read a year written in their own pattern (由5655年末的…) check it here, once
            self.skip(tok, f"the year written for it ({year_override}) is no plausible year")
            return None
        if group := GROUP_THRESHOLD_RE.match(self.text, tok.end):
            # 平均受教育年限在10年以上的市县有4个: a bound that sorts places into groups, no place's value
            self.skip(tok, f"a threshold that counts places or schools ({self.text[tok.start:group.end()]}), "
                           "no value of one")
            return None
        if unit != "count" and (part := self.sub_area_before(anchor)):
            self.skip(tok, f"a rate of a part of the region ({part}), not of the region")
            return None
        if UNNAMED_PLACES.search(self.text[:tok.start]):
            self.skip(tok, f"about unnamed other places ({UNNAMED_PLACES.search(self.text[:tok.start]).group()}), "
                           "not the document's region")
            return None
        if region is None and (school := self._school_before(anchor)):
            self.skip(tok, f"a figure of a school ({school}), not of a region")
            return None
        if region is None:
            region, whose = place_of_figure(self.text, tok.start, self.ctx.region)
            if whose and region is None:
                self.skip(tok, whose)
                return None
            if whose:
                reasons.append(whose)
        ind = self.catalog[code]
        if ind.needs_school_level and level == "all" and self.default_level:
            level = self.default_level
            reasons.append("school level from the sentence's opening")
        elif ind.needs_school_level and level == "all" and ind.unit == "count" and carry_level and \
                (carried := self.level_carried(anchor)) is not None:
            level = carried
            reasons.append("school level carried from the one level the sentence names before")
        # 71.07万 is 710700, not the 710699.9999999999 that the float product gives
        value = None if tok.value is None else round(tok.value, 6)
        if negative is None:
            negative = any(v in self.text[max(0, tok.start - 6):tok.start] for v in NEGATIVE_VERBS)
        if change and value is not None and negative:
            value = -value
        goal_named_after = kind is None and not change and kind_hint is None and self.goal_after(tok)
        if goal_named_after:
            kind_hint = "target"
            reasons.append("a goal word after the value")
        if year_override is not None:
            year, role, how, penalty = year_override, "point", "stated in the text", 0.0
        else:
            year, role, how, penalty = self.resolve_year(year_pos if year_pos is not None else tok.start, kind_hint,
                                                         year_not_after)
        if year is None:
            self.skip(tok, "no year can be resolved")
            return None
        reasons.append(f"year {year}: {how}")
        if kind is None:
            kind = "change" if change else self.kind_for(tok.start, year, role, kind_hint)
            if kind == "actual" and not change and penalty < 0.25 and ind.unit != "count" and \
                    self._early_in(year) and (verb := self.reach_right_before(tok.start)) and \
                    not self._met_after(tok.end):
                # 2015年要重点做好…实现学前教育毛入园率达97%以上 in a work meeting of March 2015: a rate its
                # own year reaches, written while that year has barely begun, is the year's goal
                # (tests/extract/corpus zw05, yb09); 已 / 截至 still make it measured (reached_before)
                kind = "target"
                reasons.append(f"{verb} for {year}, written in its first months: the year's goal")
            if kind == "target" and penalty >= 0.25 and self.ctx.plan is None and \
                    (verb := self.plain_reach(tok.start)):
                # 九年义务教育巩固率提高到91.42% in a report dated only by its page: a reach verb
                # with no year of its own tells what was reached, not a goal (a plan's would be)
                kind = "actual"
                reasons.append(f"{verb} with no year of its own outside a plan: reached")
        if kind == "target" and not goal_named_after and year_override is None and \
                (reached := self.reached_before(tok.start, year)):
            # 到2020年，…已达到90% / 截至2020年，…提高到90%: what has been reached by a date is measured
            kind = "actual"
            reasons.append(f"{reached}: reached, not a goal")
        if kind == "target" and year_override is None:
            # 从2024-2025学年开始，确保每年有不低于15%…: a goal from a school year on is of its second year
            school_year = next((y for y in self.years if y.year == year and y.school_year_end), None)
            if school_year is not None:
                year = school_year.school_year_end
                reasons.append(f"a goal from the school year {year - 1}-{year}: its second year")
        base = None
        if kind == "change" and gap_to:
            reasons.append(f"a gap to {gap_to} in the same year")
        elif kind == "change" and GAP_OF_CHANGES_RE.search(self.text, self.clause_start(tok.start), tok.start):
            self.skip(tok, "a gap between rates of change (比全国平均增长率高出…) is no row")
            return None
        elif kind == "change" and STILL_NEEDED_RE.search(self.text, max(0, tok.start - 10), tok.start):
            self.skip(tok, "a gap still to close toward a goal (还需提高…) is no row")
            return None
        elif kind == "change" and AVERAGE_CHANGE_RE.search(self.text, self.clause_start(tok.start), tok.start):
            self.skip(tok, "a change per year on average over a span (年均提高…) is no year's change")
            return None
        elif kind == "change":
            base, base_how = (base_override, "base year from the table's header") if base_override \
                else self.base_year(tok.start, year)
            if base is None or base >= year:
                self.skip(tok, f"change of {code} without a usable base year ({base_how})")
                return None
            reasons.append(base_how)
        elif value is not None and not (ind.min <= value <= ind.max):
            self.skip(tok, f"{value:g} outside the valid range of {code} [{ind.min:g}, {ind.max:g}]")
            return None
        elif value is not None and ind.unit == "count" and (ceiling := self._count_ceiling(code, region)) and \
                value > ceiling:
            self.skip(tok, f"{value:g} is more than a region of its level can hold ({code} ≤ {ceiling:g}): "
                           "a unit slip, not read")
            return None
        elif value is not None and ind.unit == "count" and abs(value - round(value)) > 1e-6:
            # 普通高等学校 | 19.1 under a header whose 万人 the rule did not read: people and schools come
            # whole, so a fraction says the unit is missing; the value is not guessed at
            self.skip(tok, f"a count of {value:g} is no whole number: the unit it was written in (万?) is not read")
            return None
        inner = INNER_BOUND_RE.search(tok.raw)
        end = tok.end if qualifier_at is None else qualifier_at
        after = (inner.group(1) if inner else "") + self.text[end:end + 3]
        qualifier, cue = qualifier_of(qualifier_before, after, kind)
        if cue:
            reasons.append(f"qualifier {qualifier} from {cue}")
        own = self.ctx.region.code
        region = region or own
        applies_to = gap_to or ((own if region == own or kind == "benchmark" else region)
                                if kind in ("target", "benchmark") else "")
        if tok.masked:
            reasons.append("digits masked in the source")
        cand = Candidate(
            indicator=code, school_level=level if (ind.needs_school_level or level != "all") else "all",
            year=year, value=None if tok.masked else value, unit=unit, kind=kind, qualifier=qualifier,
            base_year=base, region_code=region, applies_to=applies_to,
            status="masked" if tok.masked else "ok",
            start=self.start + tok.start, end=self.start + tok.end,
            sentence_start=self.start, sentence_end=self.end, anchor=self.start + anchor,
            confidence=max(0.05, round(confidence - penalty, 2)), reasons=reasons,
            year_fallback=penalty >= 0.25,
        )
        self.used.add(tok.start)
        self.out.append(cand)
        return cand

    def run(self) -> tuple[list[Candidate], list[Skip]]:
        """The rules in the order they claim numbers (see the module's docstring)."""
        if not self.tokens:
            return [], []
        for rule in (rule_fenbie, rule_jurisdictions, rule_plan_goals, rule_from_to, rule_expected, rule_aside_value,
                     rule_reverse, rule_counts, rule_stock_references, rule_nearest):
            rule(self)
        return self.out, self.skips
