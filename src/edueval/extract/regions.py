"""Whose figures: the document's own region, and other jurisdictions it quotes.

The document's region comes from the user (``--region``), from the metadata beside
the document (edueval/extract/metadata.py), or from the document itself: the title
first, then the header lines and the signature at the end (a 来源/发布机构 line, the
issuing body above the date), then the names the body repeats with 我市/全县/本区
telling the level. Names shared by several places (鼓楼区) are resolved only with a
parent named in the text, title or metadata (Registry.resolve_in); otherwise the
document's region is *unresolved* and its rows are set aside with the reason, never
given to a guessed place. A region the document anonymises (XX市, **市) gets a
stable pseudo-code derived from the document, never a guessed real place.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..regions import NATIONAL, Region, Registry, load_regions
from ..vocabulary import words

# Registry aliases that are generic words, not names of one place.
GENERIC_NAMES = {"国家", "全国", "中国", "全省", "省政府", "全市", "全区", "全县", "我省", "我市", "全州", "全旗", "全盟"}
# 其中市区 / 初中山区: a word ending in the first character of a place name (vocabulary ``word_over_place``)
WORDS_OVER_PLACE = frozenset(words("word_over_place"))
# 一区 / 二区 were district names once (伊犁's 652402, 652403); in a text they are list words
NUMERAL_STEM = re.compile(r"^[一二三四五六七八九十]+[区县市]$")


def place_names(registry: Registry, text: str) -> list:
    """The registry's names found in ``text`` that can name a place: not a generic word (全市,
    国家) nor a numbered stem (一区). The one reading of names in a text that the document's
    region (here), a figure's place (rules_places.py) and a plan's jurisdiction
    (rules_yardsticks.py) start from."""
    return [m for m in registry.find_in_text(text) if m.name not in GENERIC_NAMES and not NUMERAL_STEM.match(m.name)
            and not (m.start > 0 and text[m.start - 1:m.start + 1] in WORDS_OVER_PLACE)]


@lru_cache(maxsize=1)
def province_short_names() -> tuple[str, ...]:
    """The provinces' short names (福建, 内蒙古) as the registry's aliases give them, longest first."""
    short = {a for r in load_regions().current() if r.level == "province" for a in r.aliases if len(a) >= 2}
    return tuple(sorted(short, key=lambda a: (-len(a), a)))
LEVEL_PRONOUNS = {
    "city": ("我市", "全市", "本市", "全州", "我州", "全盟"),
    "county": ("我区", "全区", "本区", "我县", "全县", "本县", "全旗"),
    "province": ("我省", "全省", "本省", "全区"),  # 全区 also speaks for an 自治区
}
# A township's own words for itself (我乡…，全镇…): townships are below the registry's levels
TOWNSHIP_PRONOUNS = ("我乡", "全乡", "本乡", "我镇", "全镇", "本镇")
# Words in the title or header that make a text national when it names no local place.
NATIONAL_HEAD_WORDS = ("中华人民共和国", "国家统计局", "教育部", "全国教育事业发展统计公报", "我国")
MASKED_PLACE_RE = re.compile(r"(?:XX|xx|ＸＸ|\*{1,3}|某|×{1,3}|○○)(?:省|市|县|区)")
PLACE_NAME_RE = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:自治县|自治州|自治区|地区|盟|旗|省|市|县|区))")
# A name ending in one of these is a whole name even when shortened (黔东南州, 宁化县).
LEVEL_SUFFIXES = ("省", "市", "州", "县", "区", "盟", "旗")
# Lines that name the issuing body: 来源：宁化县教育局, 发布机构：…
SOURCE_LINE_RE = re.compile(r"(?:来源|发布机构|发文机关|发布单位|信息来源)\s*[:：]\s*(\S[^\n]{0,40})")
# Variant characters that mirrored pages keep and the registry does not (陜西 for 陕西); one
# character for one, so offsets hold
VARIANT_CHARS = str.maketrans("陜", "陕")
HEAD_LINES, TAIL_LINES, EDGE_CHARS = 8, 6, 300  # a text of few long lines: its first and last 300 characters
# Words naming another jurisdiction inside a local document.
NATIONAL_WORDS = ("国家", "全国", "国家级", "中央")
PROVINCE_WORDS = ("全省", "省政府", "省定", "省级", "省")
# 在海口召开的…会议 / 在北京人民大会堂举行: the venue of a meeting (在/于 before the name, a venue verb
# within a few characters after it)
VENUE_RE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:" + "|".join(map(re.escape, words("venue"))) + ")")
CITY_WORDS = ("全市", "市政府", "市级", "市")


@dataclass(frozen=True)
class RegionDecision:
    code: str
    name: str
    level: str
    reason: str
    pseudo: bool
    registered: bool  # False for a pseudo-code minted here (the lead must register it)
    # False when no region could be told without guessing (nothing named, an ambiguous
    # name without its parent): the document's own rows are set aside for review
    resolved: bool = True


def pseudo_code(text: str) -> str:
    """Stable pseudo-code for an unresolved region: ``X-`` + 8 hex of the text's hash."""
    return "X-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:8].upper()


@dataclass
class _Names:
    """The places a piece of text names: counts per code, and the ambiguous names left over."""

    counts: Counter
    ambiguous: dict[str, str]  # name → the registry's reason it could not be resolved


def _unvaried(text: str) -> str:
    # str.translate walks the whole text; most texts hold no variant at all
    return text.translate(VARIANT_CHARS) if any(chr(c) in text for c in VARIANT_CHARS) else text


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _stands_alone(text: str, start: int, name: str, parents: set[str]) -> bool:
    """A one-character name with its suffix (范县, 兴县) is often the tail of a word
    (示范县, 科教兴县): it counts only at a word edge or right after a place name."""
    if len(name) > 2 or not name.endswith(LEVEL_SUFFIXES) or start == 0 or not _is_han(text[start - 1]):
        return True
    return any(text.endswith(p, 0, start) for p in parents)


def _accept_short(name: str, region: Region, text: str, in_title: bool) -> bool:
    """A short name (长治, 河北) counts only where it cannot be the join of two words
    (以武强志 holds 武强, 均衡水平 衡水): in the title, with its level suffix kept (黔东南州),
    when the full name is in the text too, or for a province (their short names are the
    usual way of naming them: 河北 / 内蒙古)."""
    return (in_title or (name.endswith(LEVEL_SUFFIXES) and len(name) > 2) or region.name_zh in text
            or (region.level == "province" and text.count(name) >= 2))


def _glued_pronoun(text: str, end: int, level: str) -> bool:
    return any(text.startswith(p, end) for p in LEVEL_PRONOUNS.get(level, ()) if p.startswith("全"))


def _after_its_parent(text: str, start: int, region: Region, registry: Registry) -> bool:
    """舟山定海 / 南京江宁: a short name right after its own parent's name is the place (it cannot be
    the join of two words there)."""
    if not region.parent or region.parent not in registry:
        return False
    parent = registry[region.parent]
    if parent.level == "national":
        return False  # 中国甘肃网: a site's name, and a province's short name has its own rule
    return any(text.endswith(name, 0, start) for name in (parent.name_zh, *parent.aliases) if len(name) >= 2)


# a school named after its place: 宾川县第一中学, 会泽县实验小学, 岷县一中, 铁力市一中, 汤旺河区一
# 中 (a header's line break inside); a place followed by a bare level noun (甘肃省普通高中…, 昆明市学校…)
# speaks of the place's schools: no school's name. Read by the document's region (here) and a
# figure's place (rules_places.py).
SCHOOL_AFTER_PLACE_RE = re.compile(r"(?:(?:第[一二三四五六七八九十\d]+|实验|民族|育才|[一二三四五六七八九十]{1,3})\s*"
                                   r"(?:高级中学|初级中学|中学|小学|幼儿园|中|小)|职教中心|中心小学|中心幼儿园"
                                   r"|高级中学(?![\s\d]|共|有|数))")  # 南岔区高级中学 (…高级中学13所 is a count)


# 澳门新葡京, 澳门金沙: a gambling site's advert a mirror page carries names no place the text is of
# (vocabulary ``spam_after_place``)
SPAM_AFTER_PLACE_RE = re.compile("|".join(map(re.escape, sorted(words("spam_after_place"), key=len, reverse=True))))
HOME_BEFORE_RE = re.compile(r"(?:家住|住在|来自|出生在|出生于|老家在?)[\u4e00-\u9fff]{0,6}?$")
# 31个贫困县、区(不含六安市叶集区): a place left out of a count is no subject of the text
EXCLUDED_BEFORE_RE = re.compile(r"(?:不含|不包括|(?<![免消排清解删剔根开拆废摘扣])除去?)[\u4e00-\u9fff]{0,6}?$")


# 天水日报 / 庆阳融媒体中心: a city's or county's short name opening the name of its news outlet (vocabulary
# ``media_after_place``); a province's paper (甘肃日报) reports on its counties as much as on itself
MEDIA_AFTER_PLACE = tuple(sorted(words("media_after_place"), key=len, reverse=True))
# 兰州新区 / 成都高新区: a functional zone named after its place, whose figures are the zone's, not the place's
# (vocabulary ``zone_after_place``)
ZONE_AFTER_PLACE = tuple(sorted(words("zone_after_place"), key=len, reverse=True))
# 启东市人大来我县调研: a place whose body comes to 我县 is a visitor of the document's place, not it
VISITOR_AFTER_RE = re.compile(r"[^，。,；;\n]{0,14}?(?:来|到|莅临)(?:我|本)(?:省|市|县|区|州|旗)")


def _names_in(part: str, whole: str, registry: Registry, in_title: bool = False) -> _Names:
    counts: Counter = Counter()
    ambiguous: dict[str, str] = {}
    part, whole = _unvaried(part), _unvaried(whole)
    matches = place_names(registry, part)
    plain = {m.name for m in matches if len({c.code for c in m.candidates if not c.historical}) <= 1}
    short_ok: dict[str, bool] = {}  # per name: a long text repeats the same names thousands of times
    plain_full = {m.name for m in matches if any(m.name == c.name_zh for c in m.candidates)}
    for match in matches:
        if not _stands_alone(part, match.start, match.name, plain - {match.name}):
            continue
        if part[match.start - 1:match.start] in ("在", "于") and VENUE_RE.match(part, match.end):
            continue
        if HOME_BEFORE_RE.search(part, max(0, match.start - 10), match.start):
            continue  # 家住贵州省凯里市…的杨仙囈: a person's home, in a story, is no subject of the text
        if EXCLUDED_BEFORE_RE.search(part, max(0, match.start - 10), match.start):
            continue
        if SPAM_AFTER_PLACE_RE.match(part, match.end):
            continue
        if SCHOOL_AFTER_PLACE_RE.match(part, match.end):
            continue  # 铁力市一中, 嘉荫县实验小学: a school's name, not a mention of the place
        if part.startswith(ZONE_AFTER_PLACE, match.end):
            continue
        if VISITOR_AFTER_RE.match(part, match.end):
            continue
        if part[match.end:match.end + 1] == "局" and match.name not in plain_full:
            continue  # 铁力局 (铁力林业局): a short name before 局 names a bureau of its own, not the place
        region = registry.resolve(match.name)
        if region is None and match.name in ambiguous:
            continue
        if region is None:
            # a name shared by several places: only a parent named in the document decides
            found = registry.resolve_in(match.name, within=sorted(plain))
            if found.region is None:
                ambiguous.setdefault(match.name, found.reason)
                continue
            region = found.region
        if region.pseudo or region.level == "national":
            continue
        if match.name != region.name_zh:
            if in_title and region.level != "province" and region.name_zh not in whole and \
                    _is_han(part[match.start - 1:match.start] or "a") and _is_han(part[match.end:match.end + 1] or "a"):
                continue  # 中文成人 (a spam title) holds 文成: a short name inside a word is no mention
            if match.name not in short_ok:
                short_ok[match.name] = _accept_short(match.name, region, whole, in_title)
            if not short_ok[match.name] and not _glued_pronoun(part, match.end, region.level) and \
                    not _after_its_parent(part, match.start, region, registry) and \
                    not (region.level != "province" and part.startswith(MEDIA_AFTER_PLACE, match.end)):
                continue
        # 四川全省 / 武威全市: a name followed by a pronoun of its own level speaks of itself
        counts[region.code] += 2 if _glued_pronoun(part, match.end, region.level) else 1
    return _Names(counts, ambiguous)


# 鄂州大學, 鄂州中專, 鄂州高新技術學校: a place's short name opening the names of schools
SCHOOL_NAME_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:大学|学院|中专|中学|小学|学校|幼儿园|一中|二中)")
MIN_SCHOOL_NAMES = 2


def _named_by_schools(text: str, registry: Registry, level: str | None) -> Region | None:
    """A text that names no place but calls its schools after one (全市…鄂州大學, 鄂州中專) is of that
    place, when its pronouns speak of that place's level and no other place names its schools."""
    if level not in ("province", "city", "county"):
        return None
    text = _unvaried(text)
    counts: Counter = Counter()
    for m in place_names(registry, text):
        region = registry.resolve(m.name)
        if region is not None and not region.pseudo and SCHOOL_NAME_AFTER_RE.match(text, m.end):
            counts[region.code] += 1
    if len(counts) != 1:
        return None
    code, n = counts.most_common(1)[0]
    return registry[code] if n >= MIN_SCHOOL_NAMES and registry[code].level == level else None


CITY_WORDS_MIN = 2
# a 县's or 旗's words for itself (我区 / 全区 may be a district's or an autonomous region's)
COUNTY_OWN_PRONOUNS = (*(w for w in LEVEL_PRONOUNS["county"] if not w.endswith("区")), "我旗")


def _city_whose_county_hosts(region: Region, text: str, registry: Registry) -> Region | None:
    """全市基础教育改革发展现场会在宁化召开 on 宁化县's news site: a 县 or 旗 never calls itself 我市, so a
    text that speaks of 我市 / 全市 and never of 我县 / 全县 is of the county's city."""
    if region.level != "county" or not region.name_zh.endswith(("县", "旗")) or not region.parent \
            or region.parent not in registry or registry[region.parent].level != "city":
        return None
    city_words = sum(text.count(w) for w in LEVEL_PRONOUNS["city"])
    own = sum(text.count(w) for w in COUNTY_OWN_PRONOUNS)
    return registry[region.parent] if city_words >= CITY_WORDS_MIN and own == 0 else None


# a province's words for itself that no city or county uses (全区 is also a district's)
PROVINCE_OWN_PRONOUNS = tuple(w for w in LEVEL_PRONOUNS["province"] if w.endswith("省"))
# a city's, county's or district's words for itself: in a 省, 全区 / 我区 are a district's (only an 自治区 says
# them of itself, and it says no 全省)
LOCAL_OWN_PRONOUNS = tuple(dict.fromkeys((*LEVEL_PRONOUNS["city"], *LEVEL_PRONOUNS["county"], *COUNTY_OWN_PRONOUNS)))


def _province_whose_place_hosts(region: Region, text: str, registry: Registry) -> Region | None:
    """记者从省教育厅获悉…全省…。其中，兰州市…达到96.2%: a city or county named in the header of a text that
    speaks of 我省 / 全省 and never of 我市 / 全县 is a place the province's text quotes, not its own."""
    if region.level not in ("city", "county"):
        return None
    province = next((a for a in registry.ancestors(region.code) if a.level == "province"), None)
    if province is None:
        return None
    words_of_province = sum(text.count(w) for w in PROVINCE_OWN_PRONOUNS)
    own = sum(text.count(w) for w in LOCAL_OWN_PRONOUNS)
    return province if words_of_province >= CITY_WORDS_MIN and own == 0 else None


def _most_specific(codes: list[str], registry: Registry) -> str:
    """Among candidate codes, the one that is not an ancestor of another."""
    ancestors = {a.code for c in codes for a in registry.ancestors(c)}
    leaves = [c for c in codes if c not in ancestors]
    return leaves[0] if leaves else codes[0]


def _level_counts(text: str) -> dict[str, int]:
    counts = {level: sum(text.count(w) for w in words) for level, words in LEVEL_PRONOUNS.items()}
    # 我国 speaks for the country; 全国 also appears in local texts (全国试点), so it weighs less
    counts["national"] = 2 * text.count("我国") + text.count("全国") // 2
    return counts


# 区教体局2020年工作计划: a title opening on a body of an unnamed place gives the document's level, whatever
# its text's 全国 (创建全国义务教育优质均衡发展区, tests/extract/corpus zz02) says
TITLE_BODY_RE = re.compile(r"^\s*(?P<level>区|县|旗|市|州)(?:"
                           + "|".join(map(re.escape, sorted(words("local_body"), key=len, reverse=True))) + ")")
TITLE_BODY_LEVELS = {"区": "county", "县": "county", "旗": "county", "市": "city", "州": "city"}


def _title_body_level(title: str) -> str | None:
    m = next((m for line in (title or "").splitlines() if (m := TITLE_BODY_RE.match(line))), None)
    return TITLE_BODY_LEVELS[m["level"]] if m else None


def _dominant_level(text: str) -> str | None:
    level, n = max(_level_counts(text).items(), key=lambda kv: kv[1])
    return level if n else None


def _decision(region: Region, reason: str) -> RegionDecision:
    return RegionDecision(region.code, region.name_zh, region.level, reason, region.pseudo, True)


QUOTED_TITLE_RE = re.compile(r"《[^《》\n]{0,80}》")
SIGNATURE_MAX = 40  # characters of a signature line (XX县教育局 / 2021年3月1日)


def _edges(text: str) -> tuple[str, str]:
    """The header (first lines and 来源 lines) and the signature (last lines) of a text."""
    lines = [line for line in text.splitlines() if line.strip()]
    sources = "\n".join(m.group(1) for m in SOURCE_LINE_RE.finditer(text[:3000]))
    # 印发《xx市落实湖南省…方案》: a document the header quotes names its own place, not this one's
    head = QUOTED_TITLE_RE.sub("", "\n".join(lines[:HEAD_LINES]))
    if len(head) > EDGE_CHARS:
        # cut at a word's edge: a name cut in two (汤旺河区一|中) would read as another mention
        head = re.sub(r"[\u4e00-\u9fff]{1,8}$", "", head[:EDGE_CHARS])
    # a signature is short lines (the issuing body, the date): a paragraph of prose at the end is body text
    tail = [line for line in lines[-TAIL_LINES:] if len(line.strip()) <= SIGNATURE_MAX]
    return (head + "\n" + sources, "\n".join(tail)[-EDGE_CHARS:])


# 福州市 8685 17253 29046 / 鼓楼区 1348 1641 2711: a table line opening on a place's name, then its values
PLACE_ROW_RE = re.compile(r"(?m)^[ \t\u3000]*(?P<name>[\u4e00-\u9fff]{2,12})[ \t\u3000|｜]+(?:[\d.,]+[ \t\u3000|｜]+){2,}[\d.,]+[ \t|｜]*$")
MIN_PLACE_ROWS = 3


def resolve_listed(names: list[str], registry: Registry) -> dict[str, str]:
    """Name → code for the names of a list of places (a table's rows or columns) that are a region's
    full name; a name several places bear resolves among the others (鼓楼区 beside 福州市)."""
    found = {n: r for n in dict.fromkeys(names) if (r := registry.resolve(n)) is not None and r.name_zh == n}
    out = {}
    for name in dict.fromkeys(names):
        region = found.get(name) or registry.resolve_in(name, within=list(found)).region
        if region is not None and region.name_zh == name and not region.pseudo:
            out[name] = region.code
    return out


def _table_of_places(text: str, registry: Registry) -> RegionDecision | None:
    """A table whose rows are places (a yearbook's table of a province's cities, a city's districts)
    is about all of them: the document's region is the one of them, or the parent of them, that
    holds every other. None when the text has no such table or its places have no common holder."""
    codes = list(resolve_listed([m.group("name") for m in PLACE_ROW_RE.finditer(text[:20000])], registry).values())
    if len(codes) < MIN_PLACE_ROWS:
        return None
    holders = [{c, *(a.code for a in registry.ancestors(c))} for c in codes]
    common = set.intersection(*holders)
    if not common:
        return None
    holder = max(common, key=lambda c: len(registry.ancestors(c)))  # the lowest common holder
    region = registry[holder]
    if region.level == "national" and holder not in codes:
        return None  # rows of places in several provinces: no one region of the document
    shown = "、".join(registry[c].name_zh for c in codes[:3])
    return _decision(region, f"the rows of a table name its places ({shown}…, {len(codes)} in all): "
                             f"the document is of {region.name_zh}, which holds them")


def _pick(counts: Counter, body: Counter, registry: Registry) -> Region:
    # a tie goes to the place named first (the Counter keeps the order of first mention), never to the
    # lower code (灵台县教育局 … 泾川县、崇信县也…: 灵台县)
    first = {c: k for k, c in enumerate(counts)}
    code = _most_specific(sorted(counts, key=lambda c: (-body[c], -counts[c], first[c])), registry)
    # 平凉市崆峒区 → 崆峒区; but a city the text names again and again, with one of its districts
    # named once in passing (宁波市 … 宁波市江北区成为…), is the document's region
    above = [a.code for a in registry.ancestors(code) if a.code in counts]
    if above and body[above[0]] >= PARENT_DOMINATES * max(body[code], 1):
        code = above[0]
    return registry[code]


PARENT_DOMINATES = 4  # times a parent must be named more than its child in the text to stand for it


LEVEL_ORDER = ("national", "province", "city", "county")


def _named_inside(region: Region, text: str, registry: Registry) -> Region | None:
    """The one place below ``region`` the text names, when its pronouns speak of that lower level
    (a news mirror's header names the province, 省教育厅公布…; the body: 我区…柯桥区普惠性…), else None.
    Only pronouns of that level alone count (全区 speaks for an 自治区 too)."""
    levels = _level_counts(text)
    level = _dominant_level(text)
    if level not in LEVEL_ORDER or LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(region.level):
        return None
    own = sum(text.count(w) for w in LEVEL_PRONOUNS[level]
              if not any(w in other for lv, other in LEVEL_PRONOUNS.items() if lv != level))
    if own == 0 or own <= max(n for lv, n in levels.items() if lv != level):
        return None
    inside = [registry[c] for c in _names_in(text, text, registry).counts
              if registry[c].level == level and region.code in {a.code for a in registry.ancestors(c)}]
    return inside[0] if len(inside) == 1 else None


def resolve_given(given: str, title: str, text: str, registry: Registry) -> Region:
    """The region a user or a metadata file names (a code or a name); an ambiguous name is
    resolved with the places the document names. ValueError when it cannot be."""
    region = registry.resolve(given)
    if region is not None:
        return region
    context = sorted({m.name for m in place_names(registry, title + "\n" + text) if registry.resolve(m.name) is not None})
    found = registry.resolve_in(given, within=context)
    if found.region is None:
        raise ValueError(f"region {given!r}: {found.reason}")
    return found.region


def _township_text(text: str) -> RegionDecision | None:
    """A text that speaks of itself as a township (我乡有初级中学1所…, 全镇…) more than as any
    registry level: its figures are the township's, not those of the county it names (我乡位于
    凤冈县南端), so they are held for review rather than given to the county."""
    township = sum(text.count(w) for w in TOWNSHIP_PRONOUNS)
    if township < 2 or township <= max(_level_counts(text).values()):
        return None
    code = pseudo_code(text)
    return RegionDecision(code, f"乡镇（{code}）", "county", "a township's text (我乡/全镇 …): townships are not "
                          "in the region registry; set aside for review", True, False, resolved=False)


def resolve_document_region(title: str, text: str, given: str | None = None,
                            registry: Registry | None = None, *, given_by: str = "the user",
                            publisher: str | None = None) -> RegionDecision:
    """The document's own region, with the reason a reviewer reads (see the module's docstring).

    ``publisher`` (the metadata's issuing body, 重庆市统计局) speaks only for a document whose
    title, header, signature and body name no place of their own: a yearbook table's page."""
    registry = registry or load_regions()
    if given:
        try:
            region = resolve_given(given, title, text, registry)
        except ValueError as exc:
            raise ValueError(f"{exc} (given by {given_by})") from None
        return RegionDecision(region.code, region.name_zh, region.level, f"given by {given_by}",
                              region.pseudo, True)
    township = _township_text(text)
    if township is not None:
        return township
    head, tail = _edges(text)
    body: _Names | None = None  # the whole text's names, only when needed (a long text costs)
    ambiguous: dict[str, str] = {}
    for where, part in (("the title", title), ("the header", head), ("the signature", tail)):
        if where == "the header" and (rows := _table_of_places(text, registry)) is not None:
            return rows
        found = _names_in(part, text, registry, in_title=where == "the title")
        if found.counts:
            if len(found.counts) > 1:
                body = _names_in(text, text, registry)
            r = _pick(found.counts, body.counts if body else Counter(), registry)
            inner = _named_inside(r, text, registry) if where != "the title" else None  # a title's place stands
            city = _city_whose_county_hosts(r, text, registry) if where != "the title" else None
            province = _province_whose_place_hosts(r, text, registry) if where != "the title" else None
            if province is not None:
                return _decision(province, f"the text speaks of 我省/全省 and never of a city's or county's own "
                                           f"(我市/全县); {r.name_zh}, named in {where}, is a place of "
                                           f"{province.name_zh}")
            if city is not None:
                return _decision(city, f"the text speaks of 我市/全市 and never of a county's own (我县/全县); "
                                       f"{r.name_zh}, named in {where}, is a county of {city.name_zh}")
            if inner is not None:
                return _decision(inner, f"named in the text ({inner.name_zh}, within {r.name_zh} named in {where}), "
                                        f"whose pronouns (我区/本县 …) speak of a {inner.level}")
            return _decision(r, f"named in {where} ({r.name_zh})")
        ambiguous.update(found.ambiguous)
    body = _names_in(text, text, registry)
    levels = _level_counts(text)
    level = _title_body_level(title) or _dominant_level(text)
    candidates = Counter({c: n for c, n in body.counts.items()
                          if n >= 2 and (level is None or levels.get(registry[c].level, 0) > 0)})
    if candidates:
        r = _pick(candidates, body.counts, registry)
        return _decision(r, f"named {body.counts[r.code]} times in the text with {level or 'no'}-level pronouns")
    schools = _named_by_schools(text, registry, level) if not body.counts else None
    if schools is not None:
        return _decision(schools, f"named only in the names of its schools ({schools.name_zh}), "
                                  f"with {level}-level pronouns")
    by_publisher = _names_in(publisher, publisher, registry, in_title=True) if publisher and not body.counts \
        else _Names(Counter(), {})
    if len(by_publisher.counts) >= 1:
        r = _pick(by_publisher.counts, Counter(), registry)
        return _decision(r, f"named by the publisher in the metadata ({publisher}); the text names no place")
    masked = MASKED_PLACE_RE.search(text)
    national_head = any(w in title + head for w in NATIONAL_HEAD_WORDS)
    # a national body in the header (教育部公布…) does not make national a text whose own
    # pronouns speak of a lower level (我区榜上有名): it names its region nowhere, so review
    if not masked and not ambiguous and (level == "national" or (national_head and level is None)):
        return _decision(registry[NATIONAL], "a national text (我国/全国 or a national body in the header, "
                                             "no local region named)")
    code = pseudo_code(text)
    level = level if level in ("city", "county", "province") else "county"
    if masked:
        reason = f"the document anonymises its region ({masked.group()}); pseudo-code from the text's hash"
        return RegionDecision(code, f"匿名地区（{masked.group()}，{code}）", level, reason, True, False)
    ambiguous.update(body.ambiguous)
    # (在全县教育工作会议上的讲话: 全县 is a pronoun, no name of an unregistered place)
    named = next((m for m in PLACE_NAME_RE.finditer(title or "")
                  if not re.search(r"[全我本该][省市县区州旗盟]$", m.group(1))), None)
    if ambiguous:
        name, why = next(iter(ambiguous.items()))
        reason = f"ambiguous region name {name}: {why}; name the region in the document's metadata"
        label = f"未定地区（{name}，{code}）"
    elif named:
        reason = f"the title names {named.group(1)!r}, which is not in the region registry"
        label = f"未登记地区（{named.group(1)}，{code}）"
    else:
        reason = "no region named in the title, header or signature, nor repeated in the text"
        label = f"未识别地区（{code}）"
    return RegionDecision(code, label, level, reason + "; set aside for review", True, False, resolved=False)


def other_jurisdiction(word: str, own: RegionDecision, registry: Registry | None = None) -> tuple[str | None, str]:
    """Region code a jurisdiction word (国家, 省政府, 全市 …) names, seen from ``own``.

    Returns (code, reason); code None when it cannot be known without guessing.
    """
    registry = registry or load_regions()
    if word in NATIONAL_WORDS:
        return NATIONAL, "national figure quoted for comparison"
    if own.pseudo or own.code not in registry:
        return None, f"{word} of an anonymised or unregistered region: unknown without guessing"
    if word in PROVINCE_WORDS:
        province = registry.province_of(own.code)
        if province is None:
            return None, f"{word}: no province registered above {own.code}"
        return province.code, f"provincial figure quoted for comparison ({province.name_zh})"
    if word in CITY_WORDS:
        region = registry[own.code]
        for a in registry.ancestors(own.code) if region.level == "county" else []:
            if a.level == "city":
                return a.code, f"city figure quoted for comparison ({a.name_zh})"
        return None, f"{word} is the document's own level"
    return None, f"unknown jurisdiction word {word!r}"
