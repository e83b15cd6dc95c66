"""Whose figure: a place named in the sentence before a number speaks for it.

A city's bulletin gives its counties' figures (其中，宾川县学前三年毛入园率为95.3%), a
province's news ranks its cities (兰州市最高，为99%), a county page names a school
(县第一中学本科上线率…). Without this the figure would be the document's own. The
nearest place named before the number in its sentence decides (ANNOTATION.md: the
region is the jurisdiction the number describes):

- the document's own region, or a place above it (甘肃省岷县…), or a place followed by a
  pronoun of the document's own level before the number (宾川县召开会议，全州…): the
  document's own figure, as before;
- a place below the document's region: that place's figure;
- a school named after the place (…县第一中学): a school's figure, no region's: set aside;
- any other place (a neighbour, a sibling county): set aside with the reason, never given
  to the document. So is a figure of an anonymised document that names a real place.

A place right after a comparison word (比宾川县高…, 与全省相比) is what the figure is
compared with, not whose it is: it is passed over. Words live in reference/vocabulary.csv
(place_comparison, school_noun); the document's pronouns in extract/regions.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..regions import NATIONAL, load_regions
from ..vocabulary import longest_first, words
from .regions import LEVEL_PRONOUNS, LEVEL_SUFFIXES, SCHOOL_AFTER_PLACE_RE, VENUE_RE, RegionDecision, place_names

# 全县/我市 speak for the document; 该县 speaks for the place just named, so it is not here
PRONOUNS = tuple(sorted({p for words in LEVEL_PRONOUNS.values() for p in words}, key=len, reverse=True))


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    code: str | None  # None: a name several places bear, none of them below the document's region
    name: str


def _comparison_before(text: str, start: int) -> bool:
    return any(text.endswith(w, 0, start) for w in longest_first("place_comparison"))


@lru_cache(maxsize=512)
def _mentions(text: str, own: str) -> tuple[PlaceMention, ...]:
    """Registered places named in ``text`` (full names, or names with their level suffix), each
    with the code it names seen from the document's region ``own``."""
    registry = load_regions()
    out = []
    for m in place_names(registry, text):
        if len(m.name) < 2:
            continue
        if not m.name.endswith(LEVEL_SUFFIXES) or len(m.name) < 3 and m.start > 0 and "\u4e00" <= text[m.start - 1] <= "\u9fff":
            continue  # a bare short name (长治) or a one-character stem glued to a word (示范县) may be a word
        if _comparison_before(text, m.start):
            continue
        if text[m.start - 1:m.start] in ("在", "于") and VENUE_RE.match(text, m.end):
            continue
        region = registry.resolve(m.name)  # a former name leads to today's code (铜官山区 → 铜官区)
        if region is None and own in {c.code for c in m.candidates}:  # the document's own (former) name
            region = registry[own]
        if region is None and own in registry:  # 鼓楼区 in a document of 福州市: the one below it
            below = [c for c in m.candidates if not c.historical and not c.pseudo
                     and own in {a.code for a in registry.ancestors(c.code)}]
            region = below[0] if len(below) == 1 else None
        code = region.code if region is not None and not region.pseudo else None
        out.append(PlaceMention(m.start, m.end, code, m.name))
    return tuple(out)


# 全省 / 我市 …: a pronoun's place is the nearest place above the document whose name ends so (全市 in a
# district of 北京 is 北京市; in 英德市, a county-level city, it is the document itself); 国: the country
SCOPE_PRONOUNS = words("scope_pronoun")
SCOPE_RE = re.compile("|".join(sorted(SCOPE_PRONOUNS, key=len, reverse=True)))
# 荣获全国…称号，学前三年毛入园率达到92%: a pronoun names a place only in the clause of the figure
CLAUSE_MARKS = ",，;；:："


def _pronoun_above(text: str, pos: int, own: RegionDecision) -> tuple[int, str, str] | None:
    """(position, code, reason) when the last pronoun before ``pos`` in its sentence speaks of a place
    above the document's own (全省学前三年毛入园率达到90%，全县达到92% in a county's report: 90 is the
    province's), else None. A pronoun after a comparison word (高于全省) is what the figure is compared with."""
    # 我县被评为全省教育强县，学前三年毛入园率达到92%: a pronoun speaks for its own clause only
    clause_start = max(text.rfind(c, 0, pos) for c in CLAUSE_MARKS) + 1
    found = None
    for m in SCOPE_RE.finditer(text, clause_start, pos):
        found = m
    if found is None or _comparison_before(text, found.start()) or own.pseudo or not own.resolved:
        return None
    registry = load_regions()
    if own.code not in registry:
        return None
    suffix = SCOPE_PRONOUNS[found.group()]
    if suffix == "国":
        if own.code == NATIONAL:
            return None
        return found.start(), NATIONAL, f"the country's figure: {found.group()} in a document of {registry[own.code].name_zh}"
    if registry[own.code].name_zh.endswith(suffix) or (suffix == "区" and own.level == "province"):
        return None  # the document's own pronoun (全区 is also an 自治区's)
    above = next((a for a in registry.ancestors(own.code) if a.name_zh.endswith(suffix) and not a.pseudo), None)
    if above is None:
        return None
    return found.start(), above.code, f"the figure of {above.name_zh}: {found.group()} in a document of {registry[own.code].name_zh}"


def place_of_figure(text: str, pos: int, own: RegionDecision) -> tuple[str | None, str | None]:
    """(region code, reason) for the number at ``pos`` of the sentence ``text``.

    (None, None): the document's own figure. (code, reason): the figure of the place below the
    document's region named before it, or above it when a pronoun speaks of that (全省 in a county's
    report). (None, reason): a figure to set aside (the reason says why)."""
    scope = _pronoun_above(text, pos, own)
    if scope is not None and not any(p.start > scope[0] for p in _mentions(text, own.code) if p.end <= pos):
        return scope[1], scope[2]
    head = text[:pos]
    if not any(suffix in head for suffix in LEVEL_SUFFIXES):
        return None, None
    # 确保叙永县、古蔺县…通过国检；加快…建设，确保高中阶段毛入学率在90%以上: a ；closes the item of a list of
    # tasks, and a place named in an earlier item is not the later figure's (tests/extract/corpus zz07)
    item_start = max(text.rfind("；", 0, pos), text.rfind(";", 0, pos)) + 1
    mentions = [p for p in _mentions(text, own.code) if item_start <= p.start and p.end <= pos]
    if not mentions:
        return None, None
    place = mentions[-1]
    registry = load_regions()
    between = text[place.end:pos]
    if any(p in between for p in PRONOUNS):
        return None, None  # 宾川县召开会议，全州…: the pronoun speaks for the document
    if SCHOOL_AFTER_PLACE_RE.match(text, place.end):  # whichever place the school is named after
        return None, f"a figure of a school ({text[place.start:place.end + 6]}…), not of a region"
    if place.code == own.code or (place.code and own.code in registry
                                  and place.code in {a.code for a in registry.ancestors(own.code)}):
        return None, None
    if place.code is None:
        return None, f"a figure of {place.name}, a name several places bear: not the document's region"
    if own.pseudo or not own.resolved or own.code not in registry:
        return None, f"a figure of {place.name} named before it, in a document whose own region is not known"
    if own.code in {a.code for a in registry.ancestors(place.code)}:
        if sum(1 for p in mentions if p.code != own.code) > 1 and "分别" in text[mentions[0].end:pos]:
            return None, "several places share one 分别 list: which value is whose is not told"
        return place.code, f"the figure of {place.name}, named before it in the sentence"
    return None, f"a figure of {place.name} named before it, not of the document's region"
