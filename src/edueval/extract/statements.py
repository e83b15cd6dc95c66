"""Statements of fact in one document: each number tied to an indicator, a
year, a kind, a qualifier and a region, or skipped with a reason.

Rules, in the order they claim numbers of a sentence:
1. 分别 lists (A、B、C … 分别为/提高 x、y、z) pair names and values in order;
2. comparisons with other jurisdictions (高于国家85%和省政府90%) become their benchmarks;
3. reverse phrasings (不低于15%的专任教师…交流);
4. stocks with their school level (幼儿园168所, 在校生…其中小学39091名);
5. every other number takes the nearest indicator named before it in the sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalog import load_catalog
from .matching import (
    CLAUSE_BREAK, LEVEL_RE, LEVEL_WORDS, REVERSE_PATTERNS, UNNAMED_PLACES, Mention, find_mentions,
    qualifier_of,
)
from .numbers import ARABIC, apply_multiplier, parse_arabic, parse_chinese
from .regions import RegionDecision, other_jurisdiction
from .years import YearMention, find_years

UNIT_ALT = r"个百分点|百分点|%|‰|倍|年|所|人|名"
# a sentence that opens with a level (小学阶段教育专任教师…; 普通小学招生…) sets it for its stocks and rates
SENTENCE_LEVEL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十\d]+[、.]|[(（][一二三四五六七八九十\d]+[)）])?\s*"
                               r"(?:全国|全省|全市|全区|全县)?(?:共有)?(?:普通)?(?P<level>" + LEVEL_RE.pattern + r")")
CN_NUM = "[零〇○一二两三四五六七八九十百千万亿点]"
NUM_RE = re.compile(
    r"百分之(?P<cnpct>[零〇○一二两三四五六七八九十百点]+)"
    r"|翻了?(?P<fan>[一两二三四1-4])番"
    r"|(?<![\d.*A-Za-z])(?P<num>" + ARABIC + r")\s*(?P<mult>万|亿)?\s*(?P<unit>" + UNIT_ALT + r")?"
    r"|(?<!" + CN_NUM + r")(?P<cn>" + CN_NUM + r"{1,12})(?P<cnunit>个百分点|所|人|名)"
)
UNIT_CODES = {"%": "%", "个百分点": "pp", "百分点": "pp", "倍": "x", "年": "years",
              "所": "count", "人": "count", "名": "count", "‰": "permille"}
CHANGE_VERB = r"(?:提高|提升|增长|增加|上升|下降|降低|减少|下滑|回落)了?"
CHANGE_VERB_RE = re.compile(CHANGE_VERB + r"$")
NEGATIVE_VERBS = ("下降", "降低", "减少", "下滑", "回落")
TARGET_CUES = ("力争", "确保", "争取", "目标", "预期", "提升到", "提高到", "提升至", "提高至", "到期末")
BENCHMARK_CUES = ("要求", "规定", "规划指标", "应不低于", "应达到", "应不高于", "应当", "应不少于", "督导评估", "评估标准")
CUE_RE = re.compile("|".join(sorted(TARGET_CUES + BENCHMARK_CUES, key=len, reverse=True)))
RECENT_YEARS_RE = re.compile(r"近(?P<n>[一二两三四五六七八九十\d]{1,2})年|(?P<n2>[一二两三四五六七八九十\d]{1,2})年来")
JUR_WORDS = r"国家|全国|全省|省政府|省定|省级|省|全市|市政府|市级|市"
COMPARE_RE = re.compile(r"(?:均|分别|略|明显|远|均已)?(?:高于|低于|超过|超出|优于|好于|接近|持平于|等于)")
JUR_ITEM_RE = re.compile(r"\s*(?:的)?(?P<jur>" + JUR_WORDS + r")(?:平均水平|平均|规划指标|的规划指标|目标)?\s*[(（]?")
JUR_SEP_RE = re.compile(r"\s*(?:和|、|及|与|以及)\s*")
FENBIE_RE = re.compile(
    r"分别\s*(?:(?:较|比)[^,，。;；]{0,14}?)?(?P<verb>" + CHANGE_VERB + r"|为|是|达到了?|达|占)\s*"
)
LIST_SEP_RE = re.compile(r"\s*(?:、|,|，|和|及|与)\s*")
# 初中不大于0.45: a clause naming only a level and a comparison repeats the indicator before it
ELLIPSIS_RE = re.compile(r"\s*(?P<level>" + LEVEL_RE.pattern + r")(?:的|阶段)?"
                         r"(?:不大于|不高于|不低于|不少于|不超过|达到|为|是|达|低于|高于|超过|约)?\s*")
VALUE_ALTERNATIVE_RE = re.compile(r"\s*(?:或|和|、|至|-|~|到)\s*")

SCHOOL_NOUNS = {
    "各级各类学校": "all", "学校": "all", "幼儿园": "preschool", "小学": "primary",
    "初级中学": "junior", "初中": "junior", "普通高中": "senior", "高级中学": "senior", "高中": "senior",
    "九年一贯制学校": "nine_year", "十二年一贯制学校": "twelve_year", "完全中学": "complete_secondary",
    "特殊教育学校": "special", "特教学校": "special", "中等职业学校": "vocational", "中职学校": "vocational",
    "教学点": "teaching_point", "普通高校": "higher", "高等学校": "higher",
}
_BOUNDARY = (r"(?:^|(?<=[,，、;；:：(（\s])|(?<=其中)|(?<=共有)|(?<=现有)|(?<=全国)|(?<=全市)|(?<=全区)|(?<=全县)"
             r"|(?<=全省)|(?<=各级各类)|(?<=共))")
COUNT_NUM = r"(?P<num>" + ARABIC + r"|" + CN_NUM + r"{1,8}?)"
SCHOOL_COUNT_RE = re.compile(
    _BOUNDARY + r"(?P<noun>" + "|".join(sorted(map(re.escape, SCHOOL_NOUNS), key=len, reverse=True)) + r")"
    r"(?:共计|共有|总数|总计|共|有|为|达)?" + COUNT_NUM + r"\s*(?P<mult>万|亿)?\s*所"
)
PERSON_NOUNS = {"在校生": "student_count", "在校学生": "student_count", "在园幼儿": "student_count",
                "专任教师": "teacher_count", "教职工": "staff"}
# a stock of a subset (普惠性幼儿园在园幼儿, 公办园专任教师) is not the stock of the level
SUBSET_MODIFIER_RE = re.compile(r"(?:普惠性?|公办|民办|城区|农村|乡村|城镇|新增|新建|招聘|补充|引进|交流)$")
PERSON_COUNT_RE = re.compile(
    r"(?P<lead>" + LEVEL_RE.pattern + r")?(?:阶段)?(?:教育)?(?P<noun>在校学生|在校生|在园幼儿|专任教师|教职工)"
    r"(?:总数|总计|共计|共有|人数|数)?(?:为|达|有|共)?" + COUNT_NUM + r"\s*(?P<mult>万|亿)?\s*(?:人|名)"
)
UNSUPPORTED_STAGE_RE = re.compile(r"义务教育阶段")
PERSON_ITEM_RE = re.compile(
    r"[,，、;；]\s*(?:其中)?(?P<label>[^,，。;；、\d*]{1,14}?)(?P<num>" + ARABIC + r")\s*(?P<mult>万)?\s*(?:人|名)"
)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    value: float | None
    masked: bool
    unit: str  # % | pp | x | years | count | permille | '' (bare)
    raw: str


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


@dataclass
class DocContext:
    text: str
    region: RegionDecision
    date_year: int | None
    plan: tuple[int, int] | None
    latest_year: int | None
    paragraphs: list[Paragraph]


@dataclass
class Skip:
    start: int
    end: int
    reason: str


def tokens(sentence: str) -> list[Token]:
    out = []
    for m in NUM_RE.finditer(sentence):
        try:
            if m.group("cnpct"):
                out.append(Token(m.start(), m.end(), parse_chinese(m.group("cnpct")), False, "%", m.group()))
            elif m.group("fan"):
                n = m.group("fan")
                times = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}.get(n) or int(n)
                out.append(Token(m.start(), m.end(), float(2 ** times), False, "x", m.group()))
            elif m.group("num") is not None:
                raw, unit = m.group("num"), UNIT_CODES.get(m.group("unit") or "", "")
                if "*" in raw:
                    out.append(Token(m.start(), m.end(), None, True, unit, m.group()))
                else:
                    value = apply_multiplier(parse_arabic(raw), m.group("mult") or "")
                    out.append(Token(m.start(), m.end(), value, False, unit, m.group()))
            elif m.group("cn"):
                value = parse_chinese(m.group("cn"))
                out.append(Token(m.start(), m.end(), value, False, UNIT_CODES[m.group("cnunit")], m.group()))
        except ValueError:
            continue
    return out


class SentenceRules:
    """Apply every rule to one sentence of a document."""

    def __init__(self, ctx: DocContext, para_index: int, start: int, end: int):
        self.ctx = ctx
        self.para_index = para_index
        self.start, self.end = start, end
        self.text = ctx.text[start:end]
        self.catalog = load_catalog()
        self.years = find_years(self.text)
        self.mentions = find_mentions(self.text, self.catalog)
        spans = [(y.start, y.end) for y in self.years] + [(m.start, m.end) for m in self.mentions]
        self.tokens = [t for t in tokens(self.text)
                       if not any(s <= t.start < e or s < t.end <= e for s, e in spans)]
        opening = SENTENCE_LEVEL_RE.match(self.text)
        self.default_level = LEVEL_WORDS[opening.group("level")] if opening else None
        self.used: set[int] = set()
        self.out: list[Candidate] = []
        self.skips: list[Skip] = []

    # ---- helpers ------------------------------------------------------------
    def skip(self, tok: Token, reason: str) -> None:
        self.used.add(tok.start)
        self.skips.append(Skip(self.start + tok.start, self.start + tok.end, reason))

    def cue_kind(self, pos: int) -> str | None:
        found = None
        for m in CUE_RE.finditer(self.text, 0, pos):
            found = m
        if found is None:
            return None
        return "target" if found.group() in TARGET_CUES else "benchmark"

    def resolve_year(self, pos: int, kind_hint: str | None) -> tuple[int | None, str, str, float]:
        """(year, role, how, confidence penalty) for a value at sentence position ``pos``."""
        skip_roles = ("base", "since", "plan")
        masked_note = ""
        before = [y for y in self.years if y.end <= pos and y.role not in skip_roles]
        after = [y for y in self.years if y.start >= pos and y.role not in skip_roles]
        for group, how in ((before[-1:], "in the sentence"), (after[:1], "later in the sentence")):
            if group:
                y = group[0]
                if y.year is not None:
                    return y.year, y.role, how, 0.0
                masked_note = "the year is masked in the text; "
                break
        if not masked_note:
            para = self.ctx.paragraphs[self.para_index]
            local = self.start - para.start
            earlier = [y for y in para.years if y.end <= local and y.role not in skip_roles]
            if earlier and earlier[-1].year is not None:
                return earlier[-1].year, earlier[-1].role, "earlier in the paragraph", 0.05
            if earlier:
                masked_note = "the year is masked in the text; "
        if not masked_note and self.ctx.paragraphs[self.para_index].bullet:
            i = self.para_index - 1
            while i >= 0 and self.ctx.paragraphs[i].bullet:
                i -= 1
            if i >= 0 and not self.ctx.paragraphs[i].heading:
                ys = [y for y in self.ctx.paragraphs[i].years if y.role not in skip_roles and y.year]
                if ys:
                    return ys[-1].year, ys[-1].role, "from the paragraph introducing the list", 0.05
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
        if cue:
            return cue
        if role == "to":
            return "target"
        reference = self.ctx.date_year or (self.ctx.plan[0] - 1 if self.ctx.plan else None)
        if reference and year > reference:
            return "target"
        return "actual"

    def base_year(self, pos: int, year: int) -> tuple[int | None, str]:
        bases = [y for y in self.years if y.role == "base" and y.year]
        if bases:
            near = min(bases, key=lambda y: abs(y.start - pos))
            return near.year, "base year from 较…"
        since = [y for y in self.years if y.role == "since" and y.year and y.end <= pos]
        if since:
            return since[-1].year, "base year from …年以来"
        left = self.text[:pos]
        m = None
        for m in RECENT_YEARS_RE.finditer(left):
            pass
        if m is not None:
            n = m.group("n") or m.group("n2")
            n = int(n) if n.isdigit() else int(parse_chinese(n))
            return year - n, f"base year = {year} − {n} (近{n}年)"
        if re.search(r"同比|比上年|较上年|比去年|较去年", left):
            return year - 1, "base year = previous year (同比/上年)"
        return None, "no base year stated"

    def unit_fits(self, code: str, tok: Token, change: bool) -> str | None:
        """The row's unit if ``tok`` fits the indicator, else None."""
        unit = self.catalog[code].unit
        if change:
            if tok.unit in ("pp", "x"):
                return tok.unit
            if tok.unit == "%" and unit == "%":
                return "%"
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
             year_pos: int | None = None) -> Candidate | None:
        reasons = list(reasons or [])
        if UNNAMED_PLACES.search(self.text[:tok.start]):
            self.skip(tok, f"about unnamed other places ({UNNAMED_PLACES.search(self.text[:tok.start]).group()}), "
                           "not the document's region")
            return None
        ind = self.catalog[code]
        if ind.needs_school_level and level == "all" and self.default_level:
            level = self.default_level
            reasons.append("school level from the sentence's opening")
        value = tok.value
        if change and value is not None and any(v in self.text[max(0, tok.start - 6):tok.start] for v in NEGATIVE_VERBS):
            value = -value
        year, role, how, penalty = self.resolve_year(year_pos if year_pos is not None else tok.start, kind_hint)
        if year is None:
            self.skip(tok, "no year can be resolved")
            return None
        reasons.append(f"year {year}: {how}")
        if kind is None:
            kind = "change" if change else self.kind_for(tok.start, year, role, kind_hint)
        base = None
        if kind == "change":
            base, base_how = self.base_year(tok.start, year)
            if base is None or base >= year:
                self.skip(tok, f"change of {code} without a usable base year ({base_how})")
                return None
            reasons.append(base_how)
        elif value is not None and not (ind.min <= value <= ind.max):
            self.skip(tok, f"{value:g} outside the valid range of {code} [{ind.min:g}, {ind.max:g}]")
            return None
        after = self.text[tok.end:tok.end + 3]
        qualifier, cue = qualifier_of(qualifier_before, after, kind)
        if cue:
            reasons.append(f"qualifier {qualifier} from {cue}")
        own = self.ctx.region.code
        region = region or own
        applies_to = own if kind in ("target", "benchmark") else ""
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

    # ---- rules ---------------------------------------------------------------
    def run(self) -> tuple[list[Candidate], list[Skip]]:
        if not self.tokens:
            return [], []
        self.rule_fenbie()
        self.rule_jurisdictions()
        self.rule_reverse()
        self.rule_counts()
        self.rule_nearest()
        return self.out, self.skips

    def _named_mentions_before(self, pos: int) -> list[Mention]:
        seen, out = set(), []
        for m in self.mentions:
            if m.end <= pos and (m.start, m.end) not in seen and m.via != "coordination":
                seen.add((m.start, m.end))
                out.append(m)
        return out

    def rule_fenbie(self) -> None:
        for fm in FENBIE_RE.finditer(self.text):
            values: list[Token] = []
            pos = fm.end()
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
            if len(values) < 2:
                continue
            unit_tok = values[-1].unit
            values = [Token(t.start, t.end, t.value, t.masked, t.unit or unit_tok, t.raw) for t in values]
            subjects = self._named_mentions_before(fm.start())
            if len(subjects) < len(values):
                for t in values:
                    self.skip(t, f"分别 list of {len(values)} values but only {len(subjects)} named indicators before it")
                continue
            penalty = 0.0 if len(subjects) == len(values) else 0.2
            change = bool(re.match(CHANGE_VERB, fm.group("verb")))
            for subject, tok in zip(subjects[-len(values):], values):
                unit = self.unit_fits(subject.code, tok, change)
                if unit is None:
                    self.skip(tok, f"分别 value {tok.raw} does not fit the unit of {subject.code}")
                    continue
                self.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=self.cue_kind(subject.start),
                          unit=unit, anchor=subject.start, change=change, confidence=0.85 - penalty,
                          qualifier_before="", reasons=[f"分别 list: {subject.name} ↔ {tok.raw}"],
                          year_pos=subject.end)

    def rule_jurisdictions(self) -> None:
        by_start = {t.start: t for t in self.tokens}
        for cm in COMPARE_RE.finditer(self.text):
            pos, pending, pairs = cm.end(), [], []
            while True:
                jm = JUR_ITEM_RE.match(self.text, pos)
                if not jm:
                    break
                pending.append(jm.group("jur"))
                pos = jm.end()
                tok = by_start.get(pos)
                if tok is not None and tok.start not in self.used:
                    pairs.extend((j, tok) for j in pending)
                    pending = []
                    pos = tok.end
                    close = re.match(r"\s*[)）]", self.text[pos:])
                    if close:
                        pos += close.end()
                sep = JUR_SEP_RE.match(self.text, pos)
                if not sep:
                    break
                pos = sep.end()
            if not pairs:
                continue
            subject = next((m for m in reversed(self.mentions) if m.end <= cm.start()), None)
            for word, tok in pairs:
                if subject is None or cm.start() - subject.end > 40:
                    self.skip(tok, f"{word} figure with no indicator named before it")
                    continue
                unit = self.unit_fits(subject.code, tok, change=False)
                code, why = other_jurisdiction(word, self.ctx.region)
                if unit is None:
                    self.skip(tok, f"{word} figure {tok.raw} does not fit the unit of {subject.code}")
                elif code is None:
                    self.skip(tok, why)
                elif code == self.ctx.region.code:
                    self.skip(tok, f"{word} is the document's own region")
                else:
                    self.emit(code=subject.code, level=subject.level, tok=tok, kind_hint=None, unit=unit,
                              anchor=subject.start, region=code, kind="benchmark", confidence=0.85,
                              reasons=[f"{word} → {code}: {why}"], year_pos=subject.end)

    def rule_reverse(self) -> None:
        for pattern, code in REVERSE_PATTERNS:
            if code not in self.catalog:
                continue
            for m in pattern.finditer(self.text):
                tok = next((t for t in self.tokens if t.start == m.start("num")), None)
                if tok is None or tok.start in self.used:
                    continue
                unit = self.unit_fits(code, tok, change=False)
                if unit is None:
                    continue
                self.emit(code=code, level="all", tok=tok, kind_hint=self.cue_kind(tok.start), unit=unit,
                          anchor=max(0, tok.start - 8), qualifier_before=self.text[max(0, tok.start - 6):tok.start],
                          confidence=0.7, reasons=[f"value before the thing it measures ({m.group()[:20]})"])

    def _count_token(self, start: int) -> Token | None:
        return next((t for t in self.tokens if t.start == start and t.start not in self.used), None)

    def rule_counts(self) -> None:
        for m in SCHOOL_COUNT_RE.finditer(self.text):
            tok = self._count_token(m.start("num"))
            if tok is None:
                continue
            tok = Token(tok.start, tok.end, tok.value, tok.masked, "count", tok.raw)
            self.emit(code="school_count", level=SCHOOL_NOUNS[m.group("noun")], tok=tok,
                      kind_hint=self.cue_kind(tok.start), unit="count", anchor=m.start(),
                      qualifier_before=self.text[m.start():tok.start], confidence=0.85,
                      reasons=[f"stock of {m.group('noun')}"])
        for m in PERSON_COUNT_RE.finditer(self.text):
            tok = self._count_token(m.start("num"))
            if tok is None:
                continue
            if SUBSET_MODIFIER_RE.search(self.text, 0, m.start()):
                continue
            if not m.group("lead") and UNSUPPORTED_STAGE_RE.search(self.text, 0, m.start()):
                self.skip(tok, "a stock of 义务教育阶段 (the contract has no such school level)")
                continue
            noun = m.group("noun")
            code = PERSON_NOUNS[noun]
            level = "preschool" if noun == "在园幼儿" else LEVEL_WORDS.get(m.group("lead") or "", "all")
            tok = Token(tok.start, tok.end, tok.value, tok.masked, "count", tok.raw)
            self.emit(code=code, level=level, tok=tok, kind_hint=self.cue_kind(tok.start), unit="count",
                      anchor=m.start(), qualifier_before=self.text[m.start():tok.start], confidence=0.85,
                      reasons=[f"stock of {noun}"])
            pos = m.end()
            while True:
                item = PERSON_ITEM_RE.match(self.text, pos)
                if not item:
                    break
                levels = list(LEVEL_RE.finditer(item.group("label")))
                itok = self._count_token(item.start("num"))
                if not levels or itok is None:
                    break
                itok = Token(itok.start, itok.end, itok.value, itok.masked, "count", itok.raw)
                self.emit(code=code, level=LEVEL_WORDS[levels[-1].group()], tok=itok,
                          kind_hint=self.cue_kind(itok.start), unit="count", anchor=item.start("label"),
                          confidence=0.8, reasons=[f"item of a {noun} list ({item.group('label')})"])
                pos = item.end()

    def rule_nearest(self) -> None:
        previous: dict[tuple[int, int], Token] = {}
        for tok in self.tokens:
            if tok.start in self.used or tok.unit in ("count", "permille"):
                continue
            candidates = [m for m in self.mentions if m.end <= tok.start]
            if not candidates:
                continue
            last_end = max(m.end for m in candidates)
            group = [m for m in candidates if m.end == last_end]
            subject = group[0]
            gap = self.text[subject.end:tok.start]
            if len(gap) > 40:
                continue
            change = tok.unit in ("pp", "x") or (
                tok.unit == "%" and bool(CHANGE_VERB_RE.search(gap)) and bool(re.search(r"较|比|同比", self.text[:tok.start]))
            )
            level_override, reasons, confidence = None, [], 0.9
            between = [t for t in self.tokens if subject.end <= t.start < tok.start]
            if not change:
                if between:
                    prev = between[-1]
                    alt = VALUE_ALTERNATIVE_RE.fullmatch(self.text[prev.end:tok.start])
                    seg = CLAUSE_BREAK.split(self.text[prev.end:tok.start])[-1]
                    lead = ELLIPSIS_RE.fullmatch(seg)
                    if alt:
                        reasons.append("an alternative value of the same indicator")
                        confidence = 0.75
                    elif lead and CLAUSE_BREAK.search(self.text[prev.end:tok.start]) and \
                            all(self.catalog[m.code].needs_school_level for m in group):
                        level_override = LEVEL_WORDS[lead.group("level")]
                        reasons.append(f"ellipsis: {lead.group('level')} … takes the indicator named before")
                        confidence = 0.75
                    else:
                        continue
                elif CLAUSE_BREAK.search(gap):
                    continue
            for m in group:
                unit = self.unit_fits(m.code, tok, change)
                if unit is None:
                    continue
                ind = self.catalog[m.code]
                level = level_override if (level_override and ind.needs_school_level) else m.level
                if ind.needs_school_level and level == "all" and not self.default_level and \
                        m.code.startswith("balance_cv_"):
                    self.skip(tok, f"{m.code} without a school level")
                    continue
                conf = confidence - {"context": 0.15, "coordination": 0.05, "ocr": 0.2}.get(m.via, 0.0)
                why = reasons + ([f"{m.name} named via {m.via}"] if m.via != "name" else [])
                self.emit(code=m.code, level=level, tok=tok, kind_hint=self.cue_kind(tok.start), unit=unit,
                          anchor=m.start, change=change, qualifier_before=gap, confidence=conf, reasons=why)
