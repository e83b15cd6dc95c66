"""Finding indicators, school levels and qualifiers in a sentence.

Indicator names and aliases come from the catalog (longest first). Two general
extensions cover how documents shorten names: context aliases (a short term such
as 参与率 names an indicator only when the sentence is about it, e.g. mentions
课后服务) and coordination (小学、初中入学率 = 小学入学率 and 初中入学率).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..catalog import Catalog, Indicator, load_catalog
from ..vocabulary import longest_first, words

# School-level words (src/edueval/reference/vocabulary.csv); the value is the contract's school_level.
LEVEL_WORDS: dict[str, str] = words("level")
# a word that is the tail of another before it (全国中小学 is no 国中) carries the letters it must not follow
LEVEL_GUARDS: dict[str, str] = words("level_guard")


def guarded(word: str) -> str:
    """``word`` as a pattern, not read after the letters its guard names."""
    guard = next((g for head, g in LEVEL_GUARDS.items() if word.startswith(head)), "")
    return (f"(?<![{re.escape(guard)}])" if guard else "") + re.escape(word)


LEVEL_RE = re.compile("|".join(guarded(w) for w in sorted(LEVEL_WORDS, key=len, reverse=True)))

# every pattern made by ``opened`` beside its body: tests/extract/test_prefilters.py checks that
# both find the same matches
OPENED: list[tuple[re.Pattern[str], str]] = []


def opened(body: str, *openings: Iterable[str]) -> re.Pattern[str]:
    """``body`` compiled behind a look-ahead naming the characters a match can begin with: the
    first characters of the words in ``openings``, which the caller takes from the alternatives
    ``body`` opens with (look-behinds and other zero-width tests aside). It changes no match, but
    ``re`` passes over every other position without trying each alternative and look-behind
    (SCHOOL_COUNT_RE: 6x faster on bulletins)."""
    first = sorted({word[0] for group in openings for word in group})
    pattern = re.compile("(?=[" + "".join(map(re.escape, first)) + "])(?:" + body + ")")
    OPENED.append((pattern, body))
    return pattern

# A short term that names an indicator only when the sentence carries the cue.
CONTEXT_ALIASES: list[tuple[str, str, str]] = [
    ("学生参与率", "课后服务", "after_school_participation"),
    ("参与率", "课后服务", "after_school_participation"),
    ("覆盖率", "课后服务", "after_school_school_coverage"),
    ("交流比例", "教师", "teacher_rotation_share"),
    ("入园率", "学前", "preschool_ger"),
    # 高考…上线率60% / 二本以上达线人数…达线率80.3%: the bachelor line unless another line is named
    ("上线率", "高考", "gaokao_bachelor_rate"),
    ("达线率", "二本", "gaokao_bachelor_rate"),
    ("上线率", "二本", "gaokao_bachelor_rate"),
]
# 其中紫阳中学…上线率66.1%: a figure of one school named after 其中 is not the region's
ONE_SCHOOL_RE = re.compile(r"其中[\u4e00-\u9fff]{1,8}?(?:中学|小学|学校|[一二三四五六七八九]中)")
OTHER_LINE_RE = re.compile(r"一本|重本|重点|特控")  # a pass rate at the first-tier line is another indicator
# Phrasings where the value comes before the thing it measures.
REVERSE_PATTERNS: list[tuple[re.Pattern, str]] = [
    # 不低于15%的专任教师在区域内进行交流 / 10%的教师参加交流轮岗
    (re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*%的[^,，。;；]{0,6}教师[^,，。;；]{0,14}交流"), "teacher_rotation_share"),
]
# Phrasings that state a share as 占…的比例 instead of naming the indicator.
_PCT = r"(?:为|达|达到)?\s*(?P<num>\d+(?:\.\d+)?)\s*%"
REVERSE_PATTERNS += [
    (re.compile(r"普惠性?(?:幼儿)?园在园幼儿[^。;；]{0,60}?占[^。;；,，]{0,10}?在园幼儿(?:总数)?的?比(?:例|重)" + _PCT),
     "preschool_inclusive_share"),
    (re.compile(r"公办(?:幼儿)?园在园幼儿[^。;；]{0,60}?占[^。;；,，]{0,10}?在园幼儿(?:总数)?的?比(?:例|重)" + _PCT),
     "preschool_public_share"),
    # 教育财政支出占财政支出的16.19% / 教育经费支出占一般公共预算支出比重为…: the spending share in any
    # of the ways a budget names its spending (the share of GDP is another indicator)
    (re.compile(r"教育(?:财政|经费)?支出(?:总额)?占(?:本级|全市|全县|全区|全省)?(?:一般公共预算|公共财政预算|公共财政|地方财政|财政)(?:总)?支出"
                r"(?:总额)?的?(?:比例|比重)?" + _PCT), "edu_spending_share"),
    # 公办幼儿园1554所，在园幼儿29.96万人，在园幼儿占比49.36% / …在园幼儿15420人(占比34.24%): the share
    # that follows the subset's children (not the 占比 of its kindergartens before them)
    (re.compile(r"公办(?:幼儿)?园(?:(?!民办|普惠)[^。;；]){0,40}?在园幼儿(?:总数|人数)?\s*(?:[\d.]+\s*万?\s*人)?[,，]?\s*[(（]?"
                r"(?:在园幼儿)?占比" + _PCT), "preschool_public_share"),
    # (民办普惠性幼儿园…在园幼儿26673人(占比90.06%) is the private part only: no row)
    (re.compile(r"(?<!民办)普惠性?(?:幼儿)?园(?:(?!民办|公办)[^。;；]){0,40}?在园幼儿(?:总数|人数)?\s*(?:[\d.]+\s*万?\s*人)?[,，]?\s*[(（]?"
                r"(?:在园幼儿)?占比" + _PCT), "preschool_inclusive_share"),
    # 公办幼儿园在园幼儿9067人，占总在园人数的55% (a county yearbook) / 普惠性幼儿园在园幼儿3283.19万人，占全国
    # 在园幼儿的91.61% (a national bulletin): the share as a part of all the children
    (re.compile(r"(?<!民办)公办(?:幼儿)?园在园幼儿[^。;；]{0,30}?占(?:全国|全县|全区|全市|全省)?(?:总|全部)?在园(?:幼儿)?(?:总)?(?:人数|总数)?的"
                + _PCT), "preschool_public_share"),
    (re.compile(r"(?<!民办)普惠性?(?:幼儿)?园在园幼儿[^。;；]{0,30}?占(?:全国|全县|全区|全市|全省)?(?:总|全部)?在园(?:幼儿)?(?:总)?(?:人数|总数)?的"
                + _PCT), "preschool_inclusive_share"),
    # 普惠性幼儿园数、在园幼儿数分别占总数80%以上: one value for both; only the children's share is a row
    # (the share of kindergartens is not the indicator: ANNOTATION.md)
    (re.compile(r"普惠性?(?:幼儿)?园(?:数|数量)?\s*[、和及与]\s*(?:其)?在园幼儿(?:数|人数)?\s*(?:分别|均)?\s*占(?:总数|全部)的?"
                r"(?:比例|比重)?\s*" + _PCT), "preschool_inclusive_share"),
    (re.compile(r"普惠性?(?:幼儿)?园(?!在园)[^。;；在]{0,40}?占[^。;；,，]{0,10}?幼儿园(?:总数)?的?比(?:例|重)" + _PCT),
     "preschool_inclusive_kg_share"),
]
# Characters OCR confuses inside indicator names (毛人园率 for 毛入园率).
OCR_CONFUSABLE = {"入": "入人", "园": "园圆"}
CLAUSE_BREAK = re.compile(r"[,，;；:：]")
UNNAMED_PLACES = re.compile(
    r"一些地区|有的地方|有的地区|部分地区|一些地方|先进地区的|个别地区|其他地区|外地|兄弟(?:县|市|区)|"
    r"一些学校|有的学校|也有学校|部分学校"
)


# 适龄残疾幼儿学前入园率: a rate of a population subgroup is not the rate of all children
SUBGROUP_RE = re.compile("|".join(w for w, kind in words("subset").items() if kind == "subgroup"))
SUBGROUP_CODES = {"special_enrolment"}  # indicators that are themselves about a subgroup


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    code: str
    name: str
    level: str
    via: str  # name | context | coordination | ocr | pattern


@lru_cache(maxsize=1)
def _name_pattern() -> tuple[re.Pattern, dict[str, Indicator]]:
    catalog = load_catalog()
    names = {}
    for name, ind in catalog.names_longest_first():
        if ind.group == "counts":
            continue  # counts have their own patterns: a bare 学校 is not a mention
        names[name] = ind
    for name, code in words("indicator").items():
        if code in catalog and name not in names:
            names[name] = catalog[code]
    ordered = sorted(names, key=len, reverse=True)

    def tolerant(name: str) -> str:
        return "".join(f"[{OCR_CONFUSABLE[c]}]" if c in OCR_CONFUSABLE else re.escape(c) for c in name)

    return re.compile("|".join(tolerant(n) for n in ordered)), names


def indicator_named(name: str) -> Indicator | None:
    """The rate a whole name stands for (catalog names and the vocabulary's variants, read through
    OCR slips), None when it is no rate of the catalog."""
    return _canonical(name, _name_pattern()[1])[0]


def _canonical(name: str, names: dict[str, Indicator]) -> tuple[Indicator | None, bool]:
    """The indicator a (possibly OCR-slipped) name stands for, and whether it slipped."""
    if name in names:
        return names[name], False
    fixed = name
    for right, variants in OCR_CONFUSABLE.items():
        for wrong in variants[1:]:
            fixed = fixed.replace(wrong, right)
    return names.get(fixed), True


def level_before(sentence: str, pos: int, window: int = 8) -> str | None:
    """School level named just before ``pos`` (same clause), e.g. 普通高中|教师学历合格率."""
    left = sentence[max(0, pos - window):pos]
    left = CLAUSE_BREAK.split(left)[-1]
    found = None
    for m in LEVEL_RE.finditer(left):
        found = m
    if found is None:
        return None
    tail = left[found.end():]
    # only particles or teacher/school nouns may separate the level from the name
    if re.fullmatch(r"(?:的|阶段|教育|学校|专任|教师|阶段的|学校的)*", tail):
        return LEVEL_WORDS[found.group()]
    return None


# 教育经费为550135万元，占全区公共财政预算支出的比例为14.83% / 教育财政拨款占财政支出的比例达到20%: the
# share of government spending that goes to education, however its two sides are worded
# (学前教育经费占…: one level's spending is no share of all education; hence the look-behind)
SPENDING_SHARE_RE = re.compile(r"(?<![前务中等业殊])(?:" + "|".join(map(re.escape, longest_first("spending_subject"))) + r")"
                               r"(?:(?!教育)[^。；;]){0,24}?占[^。；;,，]{0,14}?(?:支出|财政)(?:总额|总量)?(?:的)?(?:比例|比重)")


def find_mentions(sentence: str, catalog: Catalog | None = None) -> list[Mention]:
    catalog = catalog or load_catalog()
    pattern, names = _name_pattern()
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in pattern.finditer(sentence):
        ind, slipped = _canonical(m.group(), names)
        if ind is None:
            continue
        level = "all"
        if ind.needs_school_level:
            level = level_before(sentence, m.start()) or "all"
        out.append(Mention(m.start(), m.end(), ind.code, m.group(), level, "ocr" if slipped else "name"))
        taken.append((m.start(), m.end()))
        out.extend(_coordinated(sentence, m.start(), m.group(), ind, level, catalog))
    out.extend(_shared_prefix(sentence, catalog, taken))
    out.extend(_shared_stem(sentence, out, names, taken))
    for short, cue, code in CONTEXT_ALIASES:
        if cue not in sentence or code not in catalog:
            continue
        for m in re.finditer(re.escape(short), sentence):
            if any(s <= m.start() < e or s < m.end() <= e for s, e in taken) or ONE_SCHOOL_RE.search(sentence, 0, m.start()):
                continue
            if code == "gaokao_bachelor_rate" and OTHER_LINE_RE.search(sentence, max(0, m.start() - 12), m.start()):
                continue
            out.append(Mention(m.start(), m.end(), code, short, "all", "context"))
            taken.append((m.start(), m.end()))
    if "占" in sentence:
        for m in SPENDING_SHARE_RE.finditer(sentence):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                out.append(Mention(m.start(), m.end(), "edu_spending_share", m.group(), "all", "pattern"))
                taken.append((m.start(), m.end()))
    out = [m for m in out if m.code in SUBGROUP_CODES or not _of_a_subgroup(sentence, m.start)]
    out = [m for m in out if not _of_another_scope(sentence, m)]
    out.sort(key=lambda x: (x.start, x.via != "name"))
    return out


_PAIR_RE = re.compile(r"(?P<first>[\u4e00-\u9fff]{3,14}?率)[、和及与](?P<short>[\u4e00-\u9fff]{1,3}率)")


def _shared_prefix(sentence: str, catalog: Catalog, taken: list[tuple[int, int]]) -> list[Mention]:
    """义务教育入学率、巩固率: the second name shares the first one's prefix (义务教育巩固率)."""
    out = []
    for m in _PAIR_RE.finditer(sentence):
        span = (m.start("short"), m.end("short"))
        if any(a <= span[0] < b for a, b in taken):
            continue
        first, short = m.group("first"), m.group("short")
        found = None
        for cut in (3, 2, 4):  # the first name's own last word: 入学率, 入园率, 毕业率…
            base = first[:-cut]
            found = next((catalog.resolve(base[k:] + short) for k in range(len(base))
                          if catalog.resolve(base[k:] + short) is not None), None)
            if found is not None and found.group != "counts":
                break
            found = None
        if found is not None:
            out.append(Mention(*span, found.code, short, "all", "coordination"))
            taken.append(span)
    return out


OTHER_SCOPES = words("other_scope")
# (学前一年教育入园率: the scope word may be followed by 教育, 的 and 毛)
OTHER_SCOPE_RE = re.compile("(?P<scope>" + "|".join(map(re.escape, sorted(OTHER_SCOPES, key=len, reverse=True)))
                            + r")(?:的)?(?:教育)?毛?$")


def _of_another_scope(sentence: str, mention: Mention) -> bool:
    """学前一年入园率: a name right after a scope word (other_scope) is another indicator than the catalog's."""
    m = OTHER_SCOPE_RE.search(sentence, max(0, mention.start - 8), mention.start)
    return m is not None and OTHER_SCOPES[m["scope"]] == mention.code


RATE_STEMS = sorted(words("rate_stem"), key=len, reverse=True)


def _shared_stem(sentence: str, found: list[Mention], names: dict[str, Indicator],
                 taken: list[tuple[int, int]]) -> list[Mention]:
    """适龄儿童、三残儿童入学率: a noun listed before a name shares its last word (适龄儿童入学率), when the
    two together are a name the catalog or the vocabulary knows."""
    out = []
    for m in list(found):
        stem = next((w for w in RATE_STEMS if m.name.endswith(w)), None)
        if stem is None or m.start < 1 or sentence[m.start - 1] not in "、和及与":
            continue
        left = sentence[max(0, m.start - 9):m.start - 1]
        for k in range(min(8, len(left)), 1, -1):
            noun = left[-k:]
            ind = names.get(noun + stem)
            start = m.start - 1 - k
            if ind is None or not re.fullmatch(r"[\u4e00-\u9fff]+", noun) or OTHER_SCOPE_RE.match(noun) \
                    or any(a <= start < b or a < m.start - 1 <= b for a, b in taken):
                continue
            out.append(Mention(start, m.start - 1, ind.code, noun + stem, "all", "coordination"))
            taken.append((start, m.start - 1))
            break
    return out


def _of_a_subgroup(sentence: str, pos: int, window: int = 8) -> bool:
    """A subgroup word (残疾, 少数民族…) in the name's own noun phrase just before it."""
    left = CLAUSE_BREAK.split(sentence[max(0, pos - window):pos])[-1]
    left = re.split(r"[、和及与]", left)[-1]
    return bool(SUBGROUP_RE.search(left))


_COORD_RE = re.compile(r"((?:(?:" + LEVEL_RE.pattern + r")[、和及与])+)(" + LEVEL_RE.pattern + r")?$")


def _coordinated(sentence: str, start: int, name: str, ind: Indicator, level: str,
                 catalog: Catalog) -> list[Mention]:
    """小学、初中入学率 → an extra mention for 小学入学率 (placed at the same span)."""
    left = sentence[max(0, start - 30):start]
    m = _COORD_RE.search(left)
    if not m:
        return []
    words = re.findall(LEVEL_RE.pattern, m.group(1))
    extra = []
    if ind.needs_school_level and m.group(2):
        for w in words:
            extra.append(Mention(start, start + len(name), ind.code, name, LEVEL_WORDS[w], "coordination"))
        return extra
    lead = LEVEL_RE.match(name)
    if lead and not m.group(2):
        stem = name[lead.end():]
        for w in words:
            other = catalog.resolve(w + stem)
            if other is not None and other.code != ind.code:
                extra.append(Mention(start, start + len(name), other.code, w + stem, "all", "coordination"))
    return extra


# ---- qualifiers -------------------------------------------------------------

PRE_QUALIFIERS: list[tuple[str, str]] = list(words("qualifier_before").items())
POST_QUALIFIERS: list[tuple[str, str]] = list(words("qualifier_after").items())


_PRE_RE = re.compile("|".join(
    (re.escape(w) if w != "近" else r"近(?![一二两三四五六七八九十\d]+年)")
    for w, _ in sorted(PRE_QUALIFIERS, key=lambda p: len(p[0]), reverse=True)
))
_PRE_SYMBOL = dict(PRE_QUALIFIERS)
# 稳定在90%以上: a level held, whose bound after the value decides (ANNOTATION.md: 保持在…以上 → >=)
HELD_LEVEL = frozenset(words("held_level"))


def qualifier_of(before: str, after: str, kind: str) -> tuple[str, str]:
    """Qualifier symbol and the words that set it.

    ``before`` is the text between the indicator and the number (the last
    qualifier word in it counts), ``after`` the text right after the number and
    its unit.
    """
    symbol, cue = "=", ""
    found = None
    for m in _PRE_RE.finditer(before):
        found = m
    if found is not None:
        word = found.group()[:3] if found.group().startswith("不") else found.group()
        symbol, cue = _PRE_SYMBOL.get(found.group(), _PRE_SYMBOL.get(word, "=")), found.group()
    for word, sym in POST_QUALIFIERS:
        if after.startswith(word):
            if symbol in ("=", sym) or cue in HELD_LEVEL:
                symbol, cue = sym, (cue + "…" + word) if cue else word
            break
    # a plain 达到 stays = in a target too (../shared/ANNOTATION.md, Qualifier): the evaluation reads
    # = as a floor in the indicator's good direction (edueval/models/pace.py)
    return symbol, cue


# ---- a bare 毛入学率 --------------------------------------------------------

STAGES = words("stage_of_gross_rate")
STAGE_RE = re.compile("|".join(sorted(map(re.escape, STAGES), key=len, reverse=True)))
BARE_GROSS_RATE_RE = re.compile(r"毛入学率")
LEVELLED_RE = re.compile(r"(?:" + LEVEL_RE.pattern + r")(?:教育)?(?:阶段)?(?:教育)?$")


def bare_gross_rates(sentence: str, before: str, mentions: list[Mention]) -> list[Mention]:
    """高中阶段教育普及…，毛入学率达到90%以上: a 毛入学率 without its stage names the gross rate of
    the one stage (vocabulary ``stage_of_gross_rate``) the sentence names, or else the paragraph
    before it; two stages named, or none, leave it unread."""
    out = []
    for m in BARE_GROSS_RATE_RE.finditer(sentence):
        # 小学毛入学率: a rate of a level the catalog does not keep is not the stage's
        if any(x.start <= m.start() < x.end for x in mentions) or LEVELLED_RE.search(sentence, 0, m.start()):
            continue
        for context in (sentence, before):
            stages = {STAGES[s.group()] for s in STAGE_RE.finditer(context)}
            if stages:
                if len(stages) == 1:
                    out.append(Mention(m.start(), m.end(), stages.pop(), m.group(), "all", "context"))
                break
    return out
