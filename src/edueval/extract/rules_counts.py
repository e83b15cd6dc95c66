"""Stocks: schools, pupils and teachers with their school level (幼儿园168所;
在校生…其中小学39091名)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..vocabulary import longest_first, words
from .matching import LEVEL_RE, LEVEL_WORDS, guarded, opened
from .numbers import ARABIC
from .regions import province_short_names
from .tokens import CHANGE_VERB, CN_NUM, NEGATIVE_VERBS, Token

if TYPE_CHECKING:
    from .statements import SentenceRules

SCHOOL_NOUNS = words("school_noun")
# a stock's noun opens after a break, a total word or a verb of holding (stock_lead: 管辖, 公、民办 …),
# or a province's short name (福建初中学校数为1249所) as after its full name
_BOUNDARY = (r"(?:^|(?<=[,，、;；:：(（\s])|(?<=其中)|(?<=有)|(?<=全国)|(?<=我国)|(?<=中国)|(?<=全市)|(?<=全区)|(?<=全县)"
             r"|(?<=全省)|(?<=\d年)|(?<=\d年末)|(?<=\d年底)|(?<=各级各类)|(?<=各类)|(?<=共)|(?<=[省市县])(?<!城市)(?<!都市)"  # 平凉市学校…N所: a place's name
             r"|(?<=区)(?<!城区)(?<!市区)(?<!社区)(?<!园区)(?<!片区)(?<!辖区)(?<!校区)(?<!学区)(?<!山区)(?<!库区)"  # 通州区幼儿园136所
             r"|(?<=自治区)" + "".join(f"|(?<={re.escape(w)})" for w in [*longest_first("stock_lead"), *province_short_names()]) + ")")
# 只有1所大学、9所中学、1355所小学: stocks written number first, after a verb of holding
_SCHOOL_WORD = "(?:" + "|".join(map(guarded, sorted({*SCHOOL_NOUNS, *LEVEL_WORDS, "中学"}, key=len, reverse=True))) + ")"
NUMBER_FIRST_RE = re.compile(r"(?P<num>\d+)\s*所(?P<noun>" + _SCHOOL_WORD + r")")
# (共计有92所小学, 总计315所幼儿园, 共有约40所小学: a total's verb, and a qualifier before the number)
_HELD_QUALIFIER = r"(?:约|近|超过)"
HELD_LIST_RE = re.compile(r"(?P<verb>(?:共计|总计|合计|共|计)有?|只有|现有|拥有|建有|有)\s*" + _HELD_QUALIFIER + r"?\s*\d+\s*所"
                          + _SCHOOL_WORD
                          + r"(?:\s*[、，,和及]\s*" + _HELD_QUALIFIER + r"?\s*\d+\s*所" + _SCHOOL_WORD + r")*")
# 每106名幼儿就拥有1所幼儿园: schools per head, a ratio (no row)
PER_HEAD_RE = re.compile(r"每[^,，。;；]{1,12}?(?:就|才)?$")
HELD_QUALIFIER_RE = re.compile(_HELD_QUALIFIER + r"\s*$")
# a table row (幼儿园数量(所) | 50 |) gives the unit in the label; 约 / 近 / 超过 stay for the qualifier
FOOTNOTE = r"(?:[\[［〔](?:\d{1,2}|[一二三四五六七八九十]{1,2})[\]］〕])?"
# a verb between a stock's noun and its number, with its 了 (在校生规模达到了57.5万人)
STOCK_VERBS = "(?:" + "|".join(map(re.escape, longest_first("stock_verb"))) + ")了?"
# 中小学校（含幼儿园）98所: an aside between a stock's noun and its number (not a table's unit header (所))
# nor one naming a subset (幼儿园（民办）30所 is no stock of the level)
# (幼儿园(民办)30所 names a subset; 幼儿园(含市区两级民办)162所 includes it in the whole)
ASIDE = (r"(?:\s*[(（](?![所人名][)）])(?:(?=含|包括|包含)|(?![^)）]*(?:" + "|".join(longest_first("subset"))
         + r")))[^)）\d]{1,12}[)）])?")
# 2.4万余人 / 80多所: an approximate count (the qualifier is read after the number)
APPROX = r"(?:\s*(?:余|多))?"
# 在校学生：3.2万人: a label and its value
# 学生总数: 1200人 / | 学生总数(2023年) | 约28万人 | (a key–value table: the label's year in brackets, then its cell)
LABEL_COLON = r"(?:[:：]\s*|(?:[(（](?:19|20)\d{2}\s*年(?:底|末)?[)）])?\s*[|｜]\s*)?"
COUNT_NUM = r"(?P<num>" + ARABIC + r"|" + CN_NUM + r"{1,8}?)"
# 义务教育阶段学校6205所: a level word before 学校 names the level of the count
# (义务教育阶段中小学812所: the level's schools named by their kinds)
SCHOOL_COUNT_RE = opened(
    r"(?:(?:(?<![\u4e00-\u9fff])|(?<=[有共计])|(?<=其中|全省|全市|全区|全县|全国))(?P<lead>" + LEVEL_RE.pattern + r")(?:阶段|段)?(?:学校|教育学校|中小学)"
    r"|" + _BOUNDARY + r"(?P<noun>" + "|".join(map(guarded, sorted(SCHOOL_NOUNS, key=len, reverse=True))) + r"))"
    r"(?:学校)?(?:数量|总数|数)?" + FOOTNOTE + ASIDE + r"\s*(?P<shdr>[(（]所[)）]\s*[|｜])?"
    r"\s*" + LABEL_COLON + r"(?:" + STOCK_VERBS + r")?\s*" + COUNT_NUM + APPROX + r"\s*(?P<mult>万|亿)?" + APPROX + r"(?(shdr)\s*所?|\s*[所家处])",
    LEVEL_WORDS, SCHOOL_NOUNS)
# a stock's clause ends at the next stock, or at ；or 。
# the end of a stock's clause: a figure of another stock or of a flow (毕业生86139人，…下降2.47% is not the schools')
STOCK_END_RE = re.compile(r"[;；。]|(?:" + LEVEL_RE.pattern + r"|在校|在园|专任教师|学校|招生|毕业|入园|离园|教职工)[^,，;；。]{0,6}?\d")
CHAIN_BREAK_RE = re.compile(r"[;；。]")
# (普通小学招生…，在校生… / 各类中等职业教育招生…: 普通 and 各类 say no more than the level)
CHAIN_LEVEL_RE = re.compile(r"\s*(?:\d{4}年[,，]?)?\s*(?:全国|全省|全市|全区|全县)?(?:共有|有)?(?:普通|各类)?(?P<level>" + LEVEL_RE.pattern
                            + r")(?:阶段)?(?:教育)?(?:共|共有)?(?:招生|在校|在园|专任)")
# a section's heading that names one level (——小学。 / （二）学前教育 / 小学：), alone on its line or
# opening its paragraph: the stocks under it that name no level are of that level
SECTION_HEAD_RE = re.compile(r"[\s—―─\-－–·•●■◆▲△#＃*]*(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?"
                             r"(?P<level>" + LEVEL_RE.pattern + r")(?:教育|阶段|学校|方面|部分|事业)*\s*[。:：]?\s*")
PARAGRAPH_HEAD_RE = re.compile(r"[^。:：;；,，\d]{1,16}[。:：]")
BAR_HEAD_RE = re.compile(r"\s*[—―─－]{1,2}\s*(?P<level>" + LEVEL_RE.pattern + r")(?:教育|阶段|学校|方面|部分)*")
# …完成率100%。 ——小学。校数129所…  ——初中。校数85所…: run-in headings inside one paragraph (a page whose
# sections were flattened into one line), each opening at a sentence's start
BAR_IN_PARAGRAPH_RE = re.compile(r"(?:^|(?<=[。！？!?；;]))" + BAR_HEAD_RE.pattern)
FIGURE_RE = re.compile(r"\d\s*(?:万)?\s*(?:所|人|名|%)")
# school nouns that name no level of their own (学校21所 under ——小学。 is a count of primary schools)
SECTION_SCHOOL_NOUNS = words("section_school_noun")
# levels that hold several others: a stock of one breaks down into theirs (中小学人数N人。其中，小学a人…)
JOINT_LEVELS = ("all", "basic", "compulsory")
# 中小学、幼儿园186所 / 小学和初中: levels named together right before a school stock's noun
JOINT_LEVELS_RE = re.compile(r"(?:(?:" + LEVEL_RE.pattern + r")[、和与及])+$")
FLOW_WORDS_RE = re.compile(r"招生|毕业|入园|离园")
# a chain that is only a flow (招生1695.7万人, 毕业生…人，比上年增加…): no stock, no level of its own
FLOW_CHAIN_RE = re.compile(r"\s*(?:招生|毕业生?|入园|离园)[^;；。]{0,40}")
LEVELLED_FLOW_RE = re.compile(r"(?:^|(?<=[,，、]))\s*(?:普通)?(?P<level>" + LEVEL_RE.pattern + r")(?:学校|教育)?(?:共)?(?:招生|毕业)")
INCLUDING_RE = re.compile(r"(?:包括|包含|含)[^。;；]*?(?:等|$)")
NO_LEVEL = "?"  # a stock of schools the contract has no level for
# 普通中学在校生2 473 923人: a school type with no contract level right before a stock's noun
UNLEVELLED = "|".join(map(re.escape, longest_first("unlevelled_school")))
UNLEVELLED_BEFORE_RE = re.compile(r"(?P<school>" + UNLEVELLED + r")(?:学校)?(?:共有|有|共)?$")
# 普通、职业本专科招生1070.8万人，在校生3954.0万人: a clause chain opening on one (its flows too); a
# sentence opening on one (普通中学2 719所，其中…；…专任教师149 647人) speaks of it through its ；
UNLEVELLED_CHAIN_RE = re.compile(r"\s*(?:(?:截至|截止)?\d{4}年(?:底|末)?[,，]?)?\s*(?:全国|全省|全市|全区|全县)?(?:共有|有)?[普通职业成人、和及与]{0,6}(?P<school>" + UNLEVELLED
                                 + r")(?:学校|教育)?\s*(?:共有|有|共)?\s*(?:\d|招生|在校|在读|毕业)")
UNLEVELLED_ITEM_RE = re.compile(r"\s*[:：]?\s*(?:" + UNLEVELLED + r")(?:学校)?\s*")
ALL_LEVELS = "*all*"  # the stock before it was of all levels: no level is carried from further back (not the level "all")
SCHOOLS_RE = re.compile(r"[\u4e00-\u9fff]{2,}(?:学校|中学|院校)(?:数量|总数|数)?\s*(?:有|共|为)?\s*\d+\s*所")
STOCK_NOUN_RE = re.compile(r"\d\s*(?:万)?\s*(?:所|人|名)")
# 增长3.55% / …增加了583所，增长率为36.53%: the change verb (or the rate of growth named) before a stock's change
CHANGE_BEFORE_RE = re.compile(r"(?:(?:" + "|".join(longest_first("cue_change")) + r")了?|(?:增长率|增幅|增速)(?:为|是|达到?))\s*$")
PERSON_NOUNS = words("person_noun")
# 教职工 names a level for the stocks after it (其中专任教师…) but is itself no row
NO_ROW_CODES = {code for code in PERSON_NOUNS.values() if code not in ("student_count", "teacher_count")}
# the nouns as patterns, their brackets written out (在园(班)幼儿, 在校(园)学生)
PERSON_NOUN_ALT = "|".join(map(re.escape, longest_first("person_noun")))
PERSON_NOUN_RE = re.compile(PERSON_NOUN_ALT)
# an item naming another stock, an intake or leavers (…, 特殊教育学校有教职工811人), or an average
# (小学平均规模1180.92人), ends a list
NOT_AN_ITEM_RE = re.compile(PERSON_NOUN_ALT + "|" + "|".join(map(re.escape, longest_first("average"))) + "|招生|毕业|入园")
# a stock of a subset (普惠性幼儿园在园幼儿, 公办园专任教师) is not the stock of the level
SUBSET_WORDS = "|".join(longest_first("subset"))
# 民办在园幼儿 / 公办园在园幼儿11.42万人: the subset word may name its kindergartens or schools first
SUBSET_MODIFIER_RE = re.compile(r"(?:" + SUBSET_WORDS + r")(?:性)?(?:幼儿园|园|学校|中小学)?$")
# 公办学校156所(小学120所,…) / 民办幼儿园196所,在园幼儿29617人 / 全区现有公办义务教育学校191所,其中…:
# the chain or bracket is about a subset
SUBSET_CHAIN_RE = re.compile(r"\s*(?:[一二三四五六七八九十\d]+[、.])?\s*(?:(?:截至|截止)?\d{4}年(?:底|末)?[,，]?|目前[,，]?)?"
                             r"\s*(?:全区|全县|全市|全省)?(?:现有|共有|拥有|有)?(?:各级各类)?"
                             + r"(?!" + "|".join(map(re.escape, longest_first("stock_lead"))) + r")(?:" + SUBSET_WORDS + r")")
FLOW_RE = re.compile("|".join(longest_first("flow")))
SUBSET_WORD_RE = re.compile(SUBSET_WORDS)
DIGIT_RE = re.compile(r"\d")
SUBSET_BRACKET_RE = re.compile(r"(?:" + SUBSET_WORDS + r")[^,，;；。(（]{0,12}?\d+\s*所\s*[(（][^)）]*$")
# 小学生 / 中小学人数 / 普通小学学生: nouns that count pupils only right after a level word
LEVELLED_PERSON_NOUNS = words("levelled_person_noun")
STOCK_NOUN_CODES = {**LEVELLED_PERSON_NOUNS, **PERSON_NOUNS}
_LEVELLED_NOUN = r"(?:" + "|".join(longest_first("levelled_person_noun")) + r")(?![源均活态])"
PERSON_COUNT_RE = opened(
    # 幼儿园(班)在校生10153人: a kindergarten's classes in other schools counted with it
    r"(?:(?P<lead>" + LEVEL_RE.pattern + r")(?:阶段)?(?:教育)?(?:学校)?(?:[(（]班[)）])?(?:共有|有|共)?)?(?P<noun>(?(lead)(?:"
    + PERSON_NOUN_ALT + r"|(?<![有共])" + _LEVELLED_NOUN + r")|(?:"
    + PERSON_NOUN_ALT + r")))" + FOOTNOTE +
    r"\s*(?:总人数|总数|总计|人数|数|队伍)?" + ASIDE + r"\s*(?P<phdr>[(（](?:人|名)[)）]\s*[|｜])?"
    r"\s*" + LABEL_COLON + r"(?:" + STOCK_VERBS + r")?\s*" + COUNT_NUM + APPROX + r"\s*(?P<mult>万|亿)?" + APPROX + r"(?(phdr)\s*(?:人|名)?|(?:\s*(?:人|名)|(?<=[万亿])(?=\s*[,，、;；。])))",
    LEVEL_WORDS, PERSON_NOUNS)
# 在校生人数，从2015年的31.5万人，增至2020年的36.2万人: two stocks, each of its own year
_YEAR_OF = r"(?:(?P<{0}>\d{{4}})年(?:底|末)?的?)?\s*"
COUNT_FROM_TO_RE = re.compile(
    r"(?P<noun>" + PERSON_NOUN_ALT + r")(?:总人数|总数|人数|数量|数)?[,，]?\s*(?:由|从)\s*"
    + _YEAR_OF.format("y1") + r"(?P<n1>" + ARABIC + r")\s*(?:万)?\s*(?:人|名)[,，]?\s*(?:"
    + "|".join(longest_first("cue_change")) + r"|增|减)?了?(?:到|至)\s*" + _YEAR_OF.format("y2")
    + r"(?:目前的|现在的)?(?P<n2>" + ARABIC + r")\s*(?:万)?\s*(?:人|名)")
# 与2010年相比，幼儿园数量增加了77.3%，在园规模增加了56.4%: a count's relative change with no stock beside it
COUNT_CHANGE_RE = opened(
    _BOUNDARY + r"(?P<noun>" + "|".join(map(guarded, sorted({*SCHOOL_NOUNS, *PERSON_NOUNS}, key=len, reverse=True)))
    + r")(?:数量|总数|规模|人数|数)?\s*(?P<verb>" + "|".join(longest_first("cue_change")) + r")了?\s*(?=" + ARABIC + r"\s*%)",
    SCHOOL_NOUNS, PERSON_NOUNS)
# 在校生80847人，比上年增加6379人(，增长8.6%)，其中…: the change of a stock written between it and its breakdown
DELTA_AFTER_STOCK_RE = re.compile(r"\s*[,，]\s*(?:比上年|较上年|比去年|较去年|同比|比\d{4}年)?(?:净增|新增|增加|减少|增长|下降)了?\s*"
                                  + ARABIC + r"\s*万?\s*(?:人|名|%)(?:\s*[,，]\s*(?:增长|下降|增加|减少)了?\s*[\d.]+\s*%)?")
ITEM_ASIDE_RE = re.compile(r"\s*[(（][^()（）]{1,20}[)）]")
NESTED_PARTS_RE = re.compile(r"\s*[(（]\s*其中")
BREAKDOWN_RE = re.compile(r"\s*[,，]?\s*其中")
ITEMS_OPENING_RE = re.compile(r"\s*(?=其中)")
PARTS_AFTER_RE = re.compile(r"\s*[(（,，]?\s*(?=其中)")
PERSON_ITEM_RE = re.compile(
    r"(?:[,，、;；:：(（]|(?=其中))\s*(?:其中[,，:：]?\s*)?(?P<label>[^,，。;；、\d*]{1,14}?)(?P<num>" + ARABIC + r")\s*(?P<mult>万)?\s*(?:人|名)"
)


# 纳入评估的学校共有26所，其中：小学20所 / 十项标准均达标的有15所(小学11所…): schools picked out by a
# condition, not the stock of their level (tests/extract/corpus zj05)
CONDITION_COUNT_RE = re.compile(r"的(?:学校|幼儿园)?(?:共有|有|共)\s*\d+\s*所")


def count_token(s: SentenceRules, start: int) -> Token | None:
    return next((t for t in s.tokens if t.start == start and t.start not in s.used), None)


def _stock(s: SentenceRules, code: str, level: str, tok: Token, anchor: int, qualifier_before: str,
           why: str, confidence: float = 0.85, carry_level: bool = True) -> None:
    tok = Token(tok.start, tok.end, tok.value, tok.masked, "count", tok.raw)
    if s.emit(code=code, level=level, tok=tok, kind_hint=s.cue_kind(tok.start), unit="count", anchor=anchor,
              qualifier_before=qualifier_before, confidence=confidence, reasons=[why],
              carry_level=carry_level) is not None:
        relative_change(s, code, level, tok, anchor)


def relative_change(s: SentenceRules, code: str, level: str, stock: Token, anchor: int) -> None:
    """增长3.55% / 下降1.88% after a stock (its clause, before the next stock): a change in %. (年均增长18.5% is
    set aside where every change is, in SentenceRules.emit.)"""
    tail = s.text[stock.end:]
    stop = STOCK_END_RE.search(tail)
    limit = stock.end + (stop.start() if stop else len(tail))
    for tok in s.tokens:
        if tok.start < stock.end or tok.start >= limit or tok.start in s.used or tok.unit != "%":
            continue
        window = max(stock.end, tok.start - 6)
        verb = CHANGE_BEFORE_RE.search(s.text[window:tok.start])
        if verb is None:
            continue
        s.emit(code=code, level=level, tok=tok, kind_hint=None, unit="%", anchor=anchor, change=True,
               confidence=0.8, reasons=[f"relative change of a stock ({verb.group()}{tok.raw})"])
        return


def subset_reason(s: SentenceRules, pos: int) -> str | None:
    """Why a stock at ``pos`` counts an ownership or status subset, or None."""
    chain_start = max(s.text.rfind(c, 0, pos) for c in "。;；") + 1
    # (match with pos: the pattern is anchored there, no ^) a sentence opening on a subset
    # (全区现有公办义务教育学校191所…；在校生…) speaks of that subset through its ；
    chains = (SUBSET_CHAIN_RE.match(s.text, chain_start), SUBSET_CHAIN_RE.match(s.text, 0))
    chain = next((c for c in chains if c and not _subset_of_persons(s.text, c.end())
                  and not _leaves_the_subset(s.text, c.end(), pos)), None)
    if chain:
        return f"a stock of a subset ({chain.group().strip()}…), not of the level"
    condition = CONDITION_COUNT_RE.search(s.text, chain_start, pos + 1)
    if condition:
        return f"a count of the schools that meet a condition ({s.text[max(chain_start, condition.start() - 8):condition.end()]}), not of the level"
    clause_start = max(s.text.rfind(c, 0, pos) for c in ",，;；。") + 1
    flow = FLOW_RE.search(s.text, clause_start, pos)
    if flow:
        return f"a flow or project ({flow.group()}), not a stock"
    bracket = SUBSET_BRACKET_RE.search(s.text, 0, pos)
    if bracket:
        return f"inside the breakdown of a subset ({bracket.group()[:12]}…)"
    return None


# the levels a stock of one breaks down into (公办义务教育学校191所，其中小学120所…)
LEVEL_PARTS = {"compulsory": {"primary", "junior", "nine_year", "teaching_point"},
               "basic": {"preschool", "primary", "junior", "senior", "nine_year", "twelve_year", "complete_secondary",
                         "teaching_point", "compulsory"}}


def _leaves_the_subset(text: str, chain_end: int, pos: int) -> bool:
    """全区有公办幼儿园2所，民办幼儿园3所，小学3所: a clause naming a level outside the subset's own
    (小学 after 公办幼儿园) leaves the subset; its stock is of the level."""
    subject = LEVEL_RE.match(text, chain_end) or LEVEL_RE.search(text, chain_end, min(pos, chain_end + 8))
    clause = max(text.rfind(c, 0, pos) for c in ",，、;；") + 1
    if subject is None or clause <= chain_end:
        return False
    digit = DIGIT_RE.search(text, pos)
    own = list(LEVEL_RE.finditer(text, clause, digit.start() if digit else len(text)))
    if not own or SUBSET_MODIFIER_RE.search(text, clause, own[0].start()) or SUBSET_WORD_RE.search(text, clause, pos):
        return False
    chain_level, level = LEVEL_WORDS[subject.group()], LEVEL_WORDS[own[0].group()]
    return level != chain_level and level not in LEVEL_PARTS.get(chain_level, set()) and chain_level != "all"


def _subset_of_persons(text: str, pos: int) -> bool:
    """在编教职工6633人，在校中小学生…: a status of persons names no subset of schools for the chain."""
    first_number = re.search(r"\d", text[pos:])
    return PERSON_NOUN_RE.search(text, pos, pos + first_number.start() if first_number else len(text)) is not None


def _previous_sentence(s: SentenceRules) -> str | None:
    """The sentence before this one in its paragraph, or None when this one opens the paragraph."""
    para = s.ctx.paragraphs[s.para_index]
    before = s.ctx.text[para.start:s.start].rstrip()
    if not before.endswith("。"):
        return None
    return before[:-1].rsplit("。", 1)[-1]


def _inherited_level(s: SentenceRules, pos: int, carriers: list[tuple[int, str, bool]],
                     persons: list[int]) -> str | None:
    """小学33所，在校学生23562人 / 特殊教育学校有教职工811人，其中专任教师693人: a pupil or teacher
    stock named without a level takes the level of the stock just before it in the same clause chain
    (no ；or 。 between them); a stock opening its sentence takes the level the sentence before it was about."""
    before = sorted((end, level, is_school) for end, level, is_school in carriers
                    if end <= pos and not CHAIN_BREAK_RE.search(s.text, end, pos))
    flow = _levelled_flow_before(s, pos, before[-1][0] if before else 0)
    if flow:
        return flow
    if before:
        # 各类学校39所，其中…完全中学6所，在校学生37811人: after a breakdown of schools the pupils
        # are those of the total that opened it
        last_person = max((end for end in persons if end <= pos), default=-1)
        schools = [c for c in before if c[2] and c[0] > last_person]
        # …完全中学6所，在校学生37811人，专任教师3440人: a stock after one of all levels is of all levels too
        level = schools[0][1] if len(schools) > 1 else ALL_LEVELS if last_person > before[-1][0] else before[-1][1]
        return ALL_LEVELS if level == "all" else level
    if UNLEVELLED_CHAIN_RE.match(s.text):
        return NO_LEVEL
    across = _level_across_semicolon(s, pos, carriers, persons)
    if across:
        return across
    chain_start = max(s.text.rfind(c, 0, pos) for c in "。;；") + 1
    if SCHOOLS_RE.search(s.text, chain_start, pos):
        return NO_LEVEL  # 普通中学学校数 2 所，在校学生数 316 人: pupils of schools of no contract level
    opening = CHAIN_LEVEL_RE.match(s.text, chain_start)
    if opening and chain_start < opening.end() <= pos:
        # 全市义务教育阶段共招生…，在校生…; …；小学招生9096人，在校48989人: the chain's own opening level,
        # whatever the chains before it were of
        return LEVEL_WORDS[opening.group("level")]
    if any(end <= pos for end, _level, _school in carriers):
        return None
    # 小学方面，…共有小学4559所。招生…；在校生2964036人: a clause naming no level of its own
    # continues the sentence before it
    if LEVEL_RE.search(s.text, 0, pos) or s.para_index >= len(s.ctx.paragraphs):
        return None
    previous = _previous_sentence(s)
    if previous is None or not STOCK_NOUN_RE.search(previous):
        return None
    total = _level_of_total_broken_down(s, pos)
    if total:
        return total
    # …管辖中小学校301所，总教职工8774人，其中包括幼儿园1288人、小学…: the levels of a breakdown
    # (after 其中) are parts of what the sentence is about, not more subjects
    # (a sentence opening on 其中 is itself a part: its levels count); only for a stock broken down
    # in its turn (在校学生总数为…，其中小学…): one not broken down keeps no level (tests/extract/test_rules_stocks.py)
    stock = PERSON_COUNT_RE.match(s.text, pos)
    broken_down = stock is not None and BREAKDOWN_RE.match(s.text, stock.end()) is not None
    breakdown = next((m.start() for m in re.finditer("其中", previous) if re.search(r"\d", previous[:m.start()])), -1) \
        if broken_down else -1
    # …中小学校33所，包括汉族普通高中、朝鲜族完全中学等: the kinds a 包括…等 list names are parts too, and
    # so are those of an aside (初中学校5.41万所(其中职业初中54所): tests/extract/corpus zy02)
    parts = [(p.start(), p.end()) for p in (*INCLUDING_RE.finditer(previous), *ITEM_ASIDE_RE.finditer(previous))]
    levels = {LEVEL_WORDS[m.group()] for m in LEVEL_RE.finditer(previous, 0, breakdown if breakdown >= 0 else len(previous))
              if not SUBSET_MODIFIER_RE.search(previous, 0, m.start()) and not any(a <= m.start() < b for a, b in parts)}
    if len(levels) > 1:
        levels.discard("teaching_point")  # 小学141所…；教学点12个。: a level's sites, not another level
    return levels.pop() if len(levels) == 1 else None  # a sentence about several levels passes none on


def _levelled_flow_before(s: SentenceRules, pos: int, since: int) -> str | None:
    """…在校学生38228人，普通高中招生76592人，在校生222078人: the clause right before a stock, after the
    last stock, is a flow of a level: the pupils are of that level."""
    start = max(since, *(s.text.rfind(c, 0, pos) + 1 for c in "。;；"))
    flows = list(LEVELLED_FLOW_RE.finditer(s.text, start, pos))
    if flows and re.fullmatch(r"[^,，;；。]*[,，]\s*", s.text[flows[-1].end():pos]):
        return LEVEL_WORDS[flows[-1].group("level")]
    return None


# 在校生… / ；全县共有在校生…: only a place's pronoun and a verb of holding between a ；and the stock
AFTER_SEMICOLON_RE = re.compile(r"[\s,，]*(?:全市|全县|全区|全省)?(?:共有|有|现有)?\s*")


def _semicolon_right_before(s: SentenceRules, pos: int) -> int | None:
    """The ；(or ;) that a stock at ``pos`` follows with nothing of its own between them, else None."""
    here = max(s.text.rfind("；", 0, pos), s.text.rfind(";", 0, pos))
    return here if here >= 0 and AFTER_SEMICOLON_RE.fullmatch(s.text, here + 1, pos) else None


def _level_across_semicolon(s: SentenceRules, pos: int, carriers: list[tuple[int, str, bool]],
                            persons: list[int]) -> str | None:
    """小学755所，招生92298人，比上年增加7650人；在校生497971人: a bulletin parts one level's figures
    with ；after its intake: the pupils right after the ；are of the one school stock of the chain
    before, when that chain went on to a flow of it (招生, 毕业) and named no pupils or teachers."""
    here = _semicolon_right_before(s, pos)
    if here is None:
        return None
    start = max(s.text.rfind(c, 0, here) for c in "。;；") + 1
    schools = [c for c in carriers if start <= c[0] <= here and c[2]]
    # 小学30.09万所，比上年减少1.92万所；招生1695.7万人；在校生…: chains of the level's flows alone
    # between its schools and its pupils
    while not schools and start > 0 and s.text[start - 1] in ";；" and FLOW_CHAIN_RE.fullmatch(s.text, start, here):
        here = start - 1
        start = max(s.text.rfind(c, 0, here) for c in "。;；") + 1
        schools = [c for c in carriers if start <= c[0] <= here and c[2]]
    if len(schools) != 1 or any(start <= end <= here for end in persons) or schools[0][1] == NO_LEVEL:
        return None
    if not FLOW_WORDS_RE.search(s.text, schools[0][0], pos):
        return None
    return schools[0][1]


def section_level(s: SentenceRules, pos: int) -> str | None:
    """The one level of the section a stock sits in: its paragraph opens with a heading naming a
    level (——小学。校数17所；在校生22250人), or the nearest heading line above it does (学前教育 /
    全县幼儿园32所…专任教师662人). Another heading (三、教育, 学前教育和特殊教育) ends the search."""
    para = s.ctx.paragraphs[s.para_index]
    bars = list(BAR_IN_PARAGRAPH_RE.finditer(para.text, 0, max(0, s.start + pos - para.start)))
    if bars:
        return LEVEL_WORDS[bars[-1].group("level")]  # ——小学全区共有21所…: the last run-in heading after a bar
    head = PARAGRAPH_HEAD_RE.match(para.text)
    if head and para.start + head.end() <= s.start + pos:
        m = SECTION_HEAD_RE.fullmatch(head.group())
        if m:
            return LEVEL_WORDS[m.group("level")]
    for i in range(s.para_index - 1, -1, -1):
        p = s.ctx.paragraphs[i]
        if not p.heading or FIGURE_RE.search(p.text):
            continue
        m = SECTION_HEAD_RE.fullmatch(p.text)
        return LEVEL_WORDS[m.group("level")] if m else None
    return None


# 成人高等专业学校招生…，在校生1.3万人 / 共有研究生培养机构33所，…在校生7.0万人: a school type named before
# pupils that take no level from it; 各级各类学校410所 / 各类学校在校生 / 学校总数 name the schools of every level
SCHOOL_WORD_RE = re.compile(r"学校|院校|高校|机构")
# 在校生共计5万名，其中小学…: a stock that calls itself a total, or lists its parts after it, is one
TOTAL_OWN_RE = re.compile(r"总|共计|合计|全部")
ALL_SCHOOLS_RE = re.compile(r"(?:各级各类|各类|[有共计]|^|[,，;；。:：\s])(?:学校|教育机构)(?:[(（]机构[)）])?$")


# 全区现有各级各类学校126所，其中：…幼儿园33所；在校学生58000人: a sentence opening on a total of schools
# (截至2020年末，崇信县有各级各类学校52所: also after a place's name)
TOTAL_OPENING_RE = re.compile(r"\s*(?:(?:截至|截止|到)?\d{4}年(?:底|末)?[,，]?)?\s*"
                              r"(?:全区|全县|全市|全省|全旗|全州|[\u4e00-\u9fff]{1,10}?(?:省|市|区|县|州|旗))?"
                              r"(?:现有|共有|拥有|有)?\s*(?:各级各类|各类)?学校(?:共计|总数|共)?\s*\d")


def _after_a_total_broken_down(s: SentenceRules, pos: int, carriers: list[tuple[int, str, bool]]) -> bool:
    """A stock right after the ；that ends the breakdown (其中…) of a total of schools opening the sentence
    is of all levels, as the total is."""
    here = _semicolon_right_before(s, pos)
    if here is None:
        return False
    start = max(s.text.rfind(c, 0, here) for c in "。;；") + 1
    opening = TOTAL_OPENING_RE.match(s.text, start)
    schools = [c for c in carriers if start <= c[0] <= here and c[2]]
    return opening is not None and "其中" in s.text[start:here] and bool(schools) and schools[0][1] == "all"


def _school_type_before(s: SentenceRules, pos: int, carriers: list[tuple[int, str, bool]]) -> str | None:
    """The school type a pupils' stock with no level follows in its sentence, when it is one type
    (not the schools of every level) and the stock took no level from it: whose pupils they are,
    the text does not say, and no level, 'all' included, is guessed (docs/extraction.md). None when
    the sentence names no school before it, or names the schools of every level last."""
    named = list(SCHOOL_WORD_RE.finditer(s.text, 0, pos))
    stocks = [(end, level) for end, level, is_school in carriers if is_school and end <= pos]
    last_word = named[-1] if named else None
    last_stock = stocks[-1] if stocks else None
    if last_word is None and last_stock is None:
        return None
    if last_stock is not None and (last_word is None or last_stock[0] >= last_word.end()):
        return None if last_stock[1] == "all" else f"a stock of {last_stock[1]} schools"
    head = s.text[max(0, last_word.start() - 4):last_word.end()]
    if ALL_SCHOOLS_RE.search(head) or s.text.startswith("总数", last_word.end()):
        return None
    return s.text[max(0, last_word.start() - 8):last_word.end()].lstrip("，,；;。：: ")


def _subject_level(s: SentenceRules, pos: int, carriers: list[tuple[int, str, bool]]) -> str | None:
    """A stock in a sentence that names no level before it, nor any stock of another level, is of
    its section's level (section_level). A sentence that names one is left to the clause-chain rules:
    past a ；a stock may be a new total (全区共有幼儿园120所；在校生共计5万名，其中小学…, tests/extract/test_rules.py)."""
    if LEVEL_RE.search(s.text, 0, pos):
        return None
    section = section_level(s, pos)
    # stocks before it in the sentence that took the section's level (校数17所；…在校生22250人) agree
    return None if any(end <= pos and level != section for end, level, _school in carriers) else section


def _level_of_total_broken_down(s: SentenceRules, pos: int) -> str | None:
    """全县有基础教育学校104所，其中：小学29所…。专任教师1567人，其中：小学813人…。在校学生17278人，其中…:
    stocks broken down the same way as a total of schools in the sentences before are of the total's level."""
    stock = PERSON_COUNT_RE.match(s.text, pos)
    if stock is None or not BREAKDOWN_RE.match(s.text, stock.end()):
        return None
    para = s.ctx.paragraphs[s.para_index]
    sentences = s.ctx.text[para.start:s.start].rstrip().rstrip("。").split("。")
    for sentence in reversed(sentences):
        total = next((m for m in SCHOOL_COUNT_RE.finditer(sentence) if BREAKDOWN_RE.match(sentence, m.end())), None)
        if total:
            return SCHOOL_NOUNS.get(total.group("noun")) or LEVEL_WORDS[total.group("lead")]
        opening = PERSON_COUNT_RE.match(sentence.lstrip())
        if opening is None or opening.group("lead") or not BREAKDOWN_RE.match(sentence.lstrip(), opening.end()):
            return None
    return None


# 幼儿园从2010年的424所(公办34所、民办390所)增加到795所: a school stock's two values (after a boundary:
# 省一级示范幼儿园由150所… is a subset)
SCHOOL_FROM_TO_RE = re.compile(
    _BOUNDARY + r"(?P<noun>" + "|".join(map(guarded, sorted(SCHOOL_NOUNS, key=len, reverse=True))) + r")(?:的?数量|总数|数)?[,，]?\s*(?:由|从)\s*"
    + _YEAR_OF.format("y1") + r"(?P<n1>" + ARABIC + r")\s*所(?:\s*[(（][^()（）]{0,40}[)）])?[,，]?\s*(?:"
    + "|".join(longest_first("cue_change")) + r"|增|减)?了?(?:到|至)\s*" + _YEAR_OF.format("y2")
    + r"(?:目前的|现在的)?(?P<n2>" + ARABIC + r")\s*所")


def _schools_from_to(s: SentenceRules) -> None:
    """幼儿园从2010年的424所…增加到795所: both school stocks, each of the year written before it (the
    second, with none, of the sentence's), at the noun's level; a subset or flow before it gives none."""
    # the pattern opens on any school noun, so ``re`` tries it everywhere: most sentences lack its words
    if "所" not in s.text or ("由" not in s.text and "从" not in s.text):
        return
    for m in SCHOOL_FROM_TO_RE.finditer(s.text):
        if SUBSET_MODIFIER_RE.search(s.text, 0, m.start()) or subset_reason(s, m.start()):
            continue
        _emit_from_to(s, m, "school_count", SCHOOL_NOUNS[m.group("noun")])


def _stocks_from_to(s: SentenceRules) -> None:
    """由X人增加到Y人: both stocks, each of the year written before it; the level is the one level
    word the clause names before the noun (none: all levels; several: no row)."""
    if "由" not in s.text and "从" not in s.text:
        return
    for m in COUNT_FROM_TO_RE.finditer(s.text):
        clause_start = max(s.text.rfind(c, 0, m.start()) for c in ",，;；。") + 1
        levels = {LEVEL_WORDS[x.group()] for x in LEVEL_RE.finditer(s.text, clause_start, m.start())}
        code = PERSON_NOUNS[m.group("noun")]
        if len(levels) > 1 or code in NO_ROW_CODES or SUBSET_MODIFIER_RE.search(s.text, 0, m.start()):
            continue
        level = levels.pop() if levels else ("preschool" if m.group("noun").startswith("在园") else "all")
        _emit_from_to(s, m, code, level)


# 在园幼儿人数从1978年的4.8万人增加到2017年的139.43万人，幼儿园从371所增加到8286所: the years of a
# 由…到… pair that writes both, which a parallel pair after it without years shares
PAIR_YEARS_RE = re.compile(r"(?:由|从)\s*(?P<y1>\d{4})\s*年(?:底|末)?的?[^,，;；。由从]{0,20}?(?:到|至)\s*(?P<y2>\d{4})\s*年")


def _years_of_pair_before(s: SentenceRules, pos: int) -> tuple[int, int] | None:
    pairs = list(PAIR_YEARS_RE.finditer(s.text, 0, pos))
    return (int(pairs[-1]["y1"]), int(pairs[-1]["y2"])) if pairs else None


def _emit_from_to(s: SentenceRules, m: re.Match, code: str, level: str) -> None:
    """The two stocks of a 由…到… match (groups n1, n2 and their years y1, y2): each of the year written
    before it, or of the parallel pair's before it; one with none takes the year governing the phrase,
    never the other value's, and a first one after 与1978年相比 is of that base year."""
    parallel = None if m.group("y1") or m.group("y2") else _years_of_pair_before(s, m.start())
    for group, year in (("n1", m.group("y1")), ("n2", m.group("y2"))):
        tok = count_token(s, m.start(group))
        if tok is None:
            continue
        tok = Token(tok.start, tok.end, tok.value, tok.masked, "count", tok.raw)
        reasons = [f"the {'first' if group == 'n1' else 'second'} stock of 由…到… ({m.group('noun')})"]
        override = int(year) if year else None
        if override is None and parallel is not None:
            override = parallel[0 if group == "n1" else 1]
            reasons.append(f"of the year of the parallel pair before it ({override})")
        if group == "n1" and override is None and (base := s.stated_base_year()) is not None:
            governing = s.resolve_year(m.start(), None, m.end())[0]
            if governing is not None and base < governing:
                override = base
                reasons.append(f"of the base year {base}")
        if group == "n1" and override is None:
            # 2011—2016年，…由X增加到Y: the first stock is of the year before the span (rule_from_to)
            governing = s.resolve_year(m.start(), None, m.end())[0]
            start = s.period_of(m.start(), governing, spans_of_years=True) if governing is not None else None
            if start is not None and start < governing:
                override = start
                reasons.append(f"of the year before the span that ends in {governing}")
        s.emit(code=code, level=level, tok=tok, kind_hint=None, unit="count", anchor=m.start(), kind="actual",
               confidence=0.8, year_override=override, year_pos=None if override else m.start(),
               year_not_after=None if override else m.end(), reasons=reasons)


# 普通高中、初中、小学在校生分别达40766人、57244人和141202人: levels sharing one noun of persons,
# a value each, paired by place
_LEVEL_ITEM = r"(?:普通)?(?:" + LEVEL_RE.pattern + r")(?:学校|教育|阶段)?"
LEVELS_FENBIE_RE = re.compile(
    r"(?P<levels>(?:" + _LEVEL_ITEM + r"\s*(?:、|和|及|与)\s*)+" + _LEVEL_ITEM + r")\s*(?P<noun>"
    + PERSON_NOUN_ALT + r")(?:总数|人数|数)?\s*分别(?:为|是|达到|达|有)?\s*(?=\d)")


def _levels_fenbie(s: SentenceRules) -> None:
    if "分别" not in s.text:
        return
    for m in LEVELS_FENBIE_RE.finditer(s.text):
        code = PERSON_NOUNS[m.group("noun")]
        if code in NO_ROW_CODES or SUBSET_MODIFIER_RE.search(s.text, 0, m.start()) or subset_reason(s, m.start()):
            continue
        levels = [LEVEL_WORDS[x.group()] for x in LEVEL_RE.finditer(m.group("levels"))]
        values = s.value_run(m.end())
        if len(values) != len(levels) or len(set(levels)) != len(levels) or \
                any(t.unit != "count" for t in values):
            continue
        for level, tok in zip(levels, values):
            _stock(s, code, level, tok, m.start(), "", f"分别 list of {m.group('noun')} by level ({level} ↔ {tok.raw})")


# 小学、初中、普通高中分别有72所、12所、2所 / 有小学、初中各1所: levels listed before the schools' values,
# paired by place (分别, or 各 with a value for each), or all of one value (各 and one value)
SCHOOL_LEVELS_LIST_RE = re.compile(
    r"(?P<levels>(?:" + _LEVEL_ITEM + r"\s*(?:、|和|及|与)\s*)+" + _LEVEL_ITEM + r")\s*(?P<each>分别|各)"
    r"(?:有|为|是|达到|达)?\s*(?=\d)")


def _school_levels_listed(s: SentenceRules) -> None:
    if "分别" not in s.text and "各" not in s.text:
        return
    for m in SCHOOL_LEVELS_LIST_RE.finditer(s.text):
        levels = [LEVEL_WORDS[x.group()] for x in LEVEL_RE.finditer(m.group("levels"))]
        values = [t for t in s.value_run(m.end()) if t.start not in s.used]
        modifier = SUBSET_MODIFIER_RE.search(s.text, 0, m.start())
        why = subset_reason(s, m.start()) or (f"a stock of a subset ({modifier.group()}), not of the level"
                                              if modifier else None)
        if values and why:
            for tok in values:  # 新建小学、初中各2所 / 公办小学、初中各…: a flow or a subset, no stock
                s.skip(tok, why)
            continue
        if not values or len(set(levels)) != len(levels) or \
                not all(s.text.startswith("所", t.end) or t.raw.endswith("所") for t in values):
            continue
        if len(values) == 1 and m.group("each") == "各":
            pairs = [(level, values[0]) for level in levels]
        elif len(values) == len(levels):
            pairs = list(zip(levels, values))
        else:
            for tok in values:
                s.skip(tok, f"{len(values)} values after {len(levels)} levels ({m.group('levels')}): which is whose "
                            "is not told")
            continue
        for level, tok in pairs:
            _stock(s, "school_count", level, tok, m.start(),
                   "", f"schools of levels listed before their values ({level} ↔ {tok.raw})")


# 特殊教育学校比2015年增长7%，达到2192所 / 在校生总数比2015年增长80%，达到79.5万人: the stock's change is
# written first, then the value it reached
CHANGE_THEN_STOCK_RE = re.compile(
    r"(?P<noun>" + "|".join(map(re.escape, sorted({*SCHOOL_NOUNS, *PERSON_NOUNS}, key=len, reverse=True))) + r")"
    r"(?:总数|总量|数量|人数|数)?\s*(?:比|较)[^,，。;；]{1,14}?(?:" + CHANGE_VERB + r")\s*"
    r"(?:(?P<pct>[\d.]+)\s*%|[\d.]+\s*(?:万|亿)?\s*(?:所|人|名))\s*[,，]\s*(?:达到|达|为|共计|增至|减至)\s*(?=\d)")


def _change_then_stock(s: SentenceRules) -> None:
    if "比" not in s.text and "较" not in s.text:
        return
    for m in CHANGE_THEN_STOCK_RE.finditer(s.text):
        noun = m.group("noun")
        code = "school_count" if noun in SCHOOL_NOUNS else PERSON_NOUNS[noun]
        tok = count_token(s, m.end())
        change = count_token(s, m.start("pct")) if m.group("pct") else None
        if code in NO_ROW_CODES or tok is None or subset_reason(s, m.start()):
            continue
        level = SCHOOL_NOUNS.get(noun) or ("preschool" if noun.startswith("在园") else "all")
        _stock(s, code, level, tok, m.start(), "", f"stock of {noun}, reached after its change")
        if change is None:
            continue  # 较上年增加3所: an absolute delta is no row (../shared/ANNOTATION.md)
        negative = any(w in s.text[m.end("noun"):m.start("pct")] for w in NEGATIVE_VERBS)
        s.emit(code=code, level=level, tok=Token(change.start, change.end, change.value, change.masked, "%", change.raw),
               kind_hint=None, unit="%", anchor=m.start(), change=True, confidence=0.8, negative=negative,
               reasons=[f"relative change of a stock written before its value ({change.raw})"])


def rule_counts(s: SentenceRules) -> None:
    carriers: list[tuple[int, str, bool]] = []  # (end, level, a school stock)
    persons: list[int] = []
    _levels_fenbie(s)
    _school_levels_listed(s)
    _change_then_stock(s)
    _stocks_from_to(s)
    _schools_from_to(s)
    for m in SCHOOL_COUNT_RE.finditer(s.text):
        tok = count_token(s, m.start("num"))
        if tok is None:
            continue
        level = SCHOOL_NOUNS.get(m.group("noun")) or LEVEL_WORDS[m.group("lead")]
        why = f"stock of {m.group('noun')}"
        if m.group("noun") in SECTION_SCHOOL_NOUNS:
            section = section_level(s, m.start())
            if section:
                level, why = section, f"stock of {m.group('noun')}, level {section} from its section's heading"
        joint = JOINT_LEVELS_RE.search(s.text, 0, m.start())
        if joint:
            # 中小学、幼儿园186所: one count of the levels named together, at the level the vocabulary
            # gives their joint name (中小学幼儿园 → basic), else no row
            name = re.sub(r"[、和与及]", "", joint.group()) + s.text[m.start():m.start("num")].split("学校")[0].rstrip("共有计为达到 ")
            level = LEVEL_WORDS.get(name) or SCHOOL_NOUNS.get(name)
            if level is None:
                s.skip(tok, f"a count of several levels together ({joint.group()}{m.group('noun') or m.group('lead')}) has no contract level")
                continue
            why = f"stock of {joint.group()}{m.group('noun') or m.group('lead')} together, level {level}"
        subset = subset_reason(s, m.start())
        if subset:
            s.skip(tok, subset)
            continue
        carriers.append((tok.end, level, True))
        _stock(s, "school_count", level, tok, m.start(), s.text[m.start():tok.start], why)
    for m in PERSON_COUNT_RE.finditer(s.text):
        tok = count_token(s, m.start("num"))
        if tok is None:
            continue
        if SUBSET_MODIFIER_RE.search(s.text, 0, m.start()):
            continue
        subset = subset_reason(s, m.start())
        if subset:
            s.skip(tok, subset)
            continue
        noun = m.group("noun")
        code = STOCK_NOUN_CODES[noun]
        inner = LEVEL_RE.search(noun)  # 在校中小学生: the noun names its level
        level = "preschool" if noun.startswith("在园") else LEVEL_WORDS.get(
            m.group("lead") or (inner.group() if inner else ""), "all")
        why, carry_level = f"stock of {noun}", True
        clause_start = max(s.text.rfind(c, 0, m.start()) for c in ",，;；。") + 1
        chain_start = max(s.text.rfind(c, 0, m.start()) for c in "。;；") + 1
        unlevelled = UNLEVELLED_BEFORE_RE.search(s.text, clause_start, m.start()) or \
            UNLEVELLED_CHAIN_RE.match(s.text, chain_start, m.start())
        if unlevelled and not m.group("lead") and not inner:
            s.skip(tok, f"{noun} of {unlevelled.group('school')}, a school type with no contract level")
            carriers.append((tok.end, NO_LEVEL, False))
            persons.append(tok.end)
            if PARTS_AFTER_RE.match(s.text, m.end()):
                _list_items(s, code, noun, m.end())  # 普通中学…在校学生174679人(其中初中113546人): the part has a level
            continue
        if level == "all" and not m.group("lead") and not inner and "总" not in noun:
            # (学生总数: a noun that says it is the total takes no level from the stocks before it)
            inherited = _inherited_level(s, m.start(), carriers, persons)
            if inherited == NO_LEVEL:
                s.skip(tok, f"{noun} of schools named before it that have no contract level")
                persons.append(tok.end)
                continue
            if inherited == ALL_LEVELS:
                why, carry_level = f"stock of {noun}, of all levels as the stock before it", False
            elif inherited:
                level, why = inherited, f"stock of {noun}, level {inherited} from the stock or clause before it"
            elif subject := _subject_level(s, m.start(), carriers):
                level, why = subject, f"stock of {noun}, level {subject} of what its sentence or section is about"
            elif _after_a_total_broken_down(s, m.start(), carriers):
                why, carry_level = f"stock of {noun}, of all levels as the total broken down before its ；", False
            elif code == "student_count" and not s.default_level and s.level_carried(m.start()) is None \
                    and not TOTAL_OWN_RE.search(m.group()) and not PARTS_AFTER_RE.match(s.text, m.end()) \
                    and (school_type := _school_type_before(s, m.start(), carriers)):
                s.skip(tok, f"{noun} after {school_type}, which passes no level on: whose pupils they are, "
                            "the text does not say")
                persons.append(tok.end)
                continue
        persons.append(tok.end)
        if level != "all":
            carriers.append((tok.end, level, False))
        if code not in NO_ROW_CODES:
            _stock(s, code, level, tok, m.start(), s.text[m.start():tok.start], why, carry_level=carry_level)
        else:
            s.skip(tok, f"{noun} is no row (tests/extract/corpus follows ../shared/ANNOTATION.md)")
        _list_items(s, code, noun, m.end())
    _items_of_sentence_before(s)
    _number_first_stocks(s)
    _noun_then_level(s)
    _count_changes(s)


# 在校生初中3348人，高中224人 (a county gazetteer) / 在校学生数,小学29722人,初中12074人 (a district's
# page): the noun first, as a label, then each level with its value
NOUN_THEN_LEVEL_RE = re.compile(r"(?:^|(?<=[,，;；:：。\s]))(?:全国|全省|全市|全区|全县)?(?P<noun>在校生|在校学生|专任教师)(?:数|人数)?\s*[,，:：]?\s*(?P<level>"
                                + LEVEL_RE.pattern
                                + r")\s*(?P<num>" + ARABIC + r")\s*(?P<mult>万)?\s*(?:人|名)")


def _noun_then_level(s: SentenceRules) -> None:
    if "在校" not in s.text and "专任教师" not in s.text:
        return
    for m in NOUN_THEN_LEVEL_RE.finditer(s.text):
        tok = count_token(s, m.start("num"))
        if tok is None or tok.start in s.used or subset_reason(s, m.start()):
            continue
        code = PERSON_NOUNS[m.group("noun")]
        _stock(s, code, LEVEL_WORDS[m.group("level")], tok, m.start(), "",
               f"stock of {m.group('noun')}, its level written after it ({m.group('level')})", confidence=0.75)
        _list_items(s, code, m.group("noun"), m.end())


def _number_first_stocks(s: SentenceRules) -> None:
    """新疆只有1所大学、9所中学、1355所小学: school stocks written number first after a verb of
    holding, each of its noun's level (中学, no contract level: no row)."""
    if "所" not in s.text:
        return
    for m in HELD_LIST_RE.finditer(s.text):
        if subset_reason(s, m.start()) or not re.match(r"\s*(?:[,，。;；)）]|$)", s.text[m.end():]):
            continue  # 已有856所幼儿园开设托班: the schools that do something, a part of the stock
        if PER_HEAD_RE.search(s.text, s.clause_start(m.start()), m.start()):
            for item in NUMBER_FIRST_RE.finditer(m.group()):
                if (tok := count_token(s, m.start() + item.start("num"))) is not None:
                    s.skip(tok, f"a ratio ({s.text[s.clause_start(m.start()):m.end()]}), no stock of schools")
            continue
        for item in NUMBER_FIRST_RE.finditer(m.group()):
            tok = count_token(s, m.start() + item.start("num"))
            noun = item.group("noun")
            level = SCHOOL_NOUNS.get(noun) or LEVEL_WORDS.get(noun)
            if tok is None or level is None:
                continue
            qualifier = HELD_QUALIFIER_RE.search(s.text, 0, m.start() + item.start())
            _stock(s, "school_count", level, tok, m.start() + item.start(), qualifier.group() if qualifier else "",
                   f"stock of {noun}, written number first")


def _count_changes(s: SentenceRules) -> None:
    """幼儿园数量增加了77.3%: the relative change of a stock named with its change verb (in %, the base
    year stated: 与2010年相比, 比上年). Schools take the noun's level, pupils and teachers their 在园 level
    or the one level the sentence names (SentenceRules.emit)."""
    if "%" not in s.text:  # the pattern ends on a number in %: most sentences have none (a fast exit)
        return
    for m in COUNT_CHANGE_RE.finditer(s.text):
        tok = count_token(s, m.end())
        noun = m.group("noun")
        if tok is None or tok.unit != "%":
            continue
        code = PERSON_NOUNS.get(noun) if noun in PERSON_NOUNS else "school_count"
        if code in NO_ROW_CODES or SUBSET_MODIFIER_RE.search(s.text, 0, m.start()) or subset_reason(s, m.start()):
            continue
        level = SCHOOL_NOUNS.get(noun, "all") if code == "school_count" else \
            ("preschool" if noun.startswith("在园") else "all")
        s.emit(code=code, level=level, tok=tok, kind_hint=None, unit="%", anchor=m.start(), change=True,
               confidence=0.75, reasons=[f"relative change of {noun} ({m.group('verb')}{tok.raw})"])


def _list_items(s: SentenceRules, code: str, noun: str, pos: int) -> None:
    """…在校生N人，其中小学a人，初中b人 / …在校生N人：高中a人，…幼儿园b人（公办园c人），中职d人: the items
    after a stock, each with its level (an aside after an item breaks an item down: passed over)."""
    if code in NO_ROW_CODES:
        return
    delta = DELTA_AFTER_STOCK_RE.match(s.text, pos)
    if delta and BREAKDOWN_RE.match(s.text, delta.end()):
        pos = delta.end()  # 在校生80847人，比上年增加6379人，其中小学33304人: the breakdown follows the change
    while True:
        item = PERSON_ITEM_RE.match(s.text, pos)
        if not item:
            break
        levels = [LEVEL_WORDS[m.group()] for m in LEVEL_RE.finditer(item.group("label"))]
        if not levels and (named := SCHOOL_NOUNS.get(item.group("label").strip(" ,，、:：其中"))):
            levels = [named]  # …在校生40404名，特殊学校46名: an item named by its schools (tests/extract/corpus yc03)
        itok = count_token(s, item.start("num"))
        if not levels and itok is not None and UNLEVELLED_ITEM_RE.fullmatch(item.group("label")):
            pos = item.end()  # 其中:普通中学31950人,职业中学3026人: a part of no contract level is passed over
            continue
        if not levels or itok is None or NOT_AN_ITEM_RE.search(item.group("label")):
            break
        if SUBSET_WORD_RE.search(item.group("label")):
            pos = item.end()  # 其中,公办中小学教师1.16万人、民办…: an ownership part of the stock is no row
            continue
        _stock(s, code, levels[-1], itok, item.start("label"), "",
               f"item of a {noun} list ({item.group('label')})", confidence=0.8)
        pos = item.end()
        if NESTED_PARTS_RE.match(s.text, pos):
            continue  # 基础教育42666人(其中幼儿园8551人，小学18727人): the item's own levelled parts are read on
        aside = ITEM_ASIDE_RE.match(s.text, pos)
        pos = aside.end() if aside else pos


def _items_of_sentence_before(s: SentenceRules) -> None:
    """现有在校学生47478人。其中：学前8234人，小学21333人: a sentence opening with 其中 breaks down
    the stock that ended the sentence before it."""
    opening = ITEMS_OPENING_RE.match(s.text)
    if opening is None or s.para_index >= len(s.ctx.paragraphs):
        return
    previous = _previous_sentence(s)
    last = list(PERSON_COUNT_RE.finditer(previous or ""))
    lead = last[-1].group("lead") if last else None
    if not last or previous[last[-1].end():].strip(" ,，") or (lead and LEVEL_WORDS[lead] not in JOINT_LEVELS):
        return  # the sentence before does not end on a stock of all levels, or of levels together (中小学人数…)
    noun = last[-1].group("noun")
    code = STOCK_NOUN_CODES[noun]
    if code in NO_ROW_CODES or noun.startswith("在园"):
        return
    _list_items(s, code, noun, opening.end())
