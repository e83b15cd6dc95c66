"""The registry's records: a region, one name of a code over time, a resolution, a match in text."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

LEVELS = ("national", "province", "city", "county")
NATIONAL = "000000"
# Words that are names (or short names) of divisions but mostly mean something else in a
# text: never an alias (tools/build_region_registry.py) and never looked for by find_in_text.
COMMON_WORDS = frozenset({
    # parts of any city
    "城区", "郊区", "矿区", "新区", "市区", "东区", "西区", "南区", "北区", "中区", "城中", "城东", "城西", "城南",
    "城北", "城关", "城厢", "南关", "北关", "市中", "市南", "市北", "新城", "新市", "东城", "西城", "南城", "古城",
    "站前", "港口", "海港", "河口", "山城", "江城", "江北", "江南", "江岸", "南岸", "河东", "河西", "中原", "武陵",
    # ordinary words (乡村振兴, 科教兴国, 共同富裕, 中华人民共和国, 比如, 各位来宾 …)
    "和平", "太平", "安宁", "平安", "安定", "长寿", "光明", "红旗", "红星", "前进", "前锋", "向阳", "东风", "友好",
    "解放", "新华", "新兴", "兴业", "兴隆", "兴国", "振兴", "复兴", "宏伟", "富裕", "富民", "共和", "合作", "新建",
    "比如", "来宾", "大方", "大名", "安居", "乐业", "公安", "东方", "中方", "青山", "金山", "江山", "白云", "元宝",
    "龙凤", "回民", "芙蓉", "荷塘", "灯塔", "白塔", "温泉", "长子", "吉利", "和顺", "朝阳", "个旧", "资源", "动力",
    "惠民", "先锋", "龙城",
    # names that straddle two words (教育资源, 省、市和县, 和政府, 大城市, 和安全, 文化德育, 便利通)
    "和县", "和政", "和安", "大城", "化德", "利通", "新河",
})


@dataclass(frozen=True, init=False)
class Region:
    code: str
    name_zh: str
    name_en: str
    level: str
    parent: str | None
    aliases: tuple[str, ...]
    pseudo: bool
    note: str = ""
    historical: bool = False      # a code no longer current (see Registry.history)
    valid_from: int | None = None  # first revision year that lists the code
    valid_to: int | None = None    # last revision year that lists it; None while current
    successor: str | None = None   # the code that continued a historical one, when the tables tell
    parent_name: str = field(default="", compare=False)  # for the repr only

    def __init__(self, code: str, name_zh: str, name_en: str, level: str, parent: str | None,
                 aliases: tuple[str, ...], pseudo: bool, note: str = "", historical: bool = False,
                 valid_from: int | None = None, valid_to: int | None = None, successor: str | None = None,
                 parent_name: str = ""):
        # one dict update instead of the thirteen object.__setattr__ calls of a frozen
        # dataclass's __init__: the registry builds 6,700 regions at every start
        self.__dict__.update(code=code, name_zh=name_zh, name_en=name_en, level=level, parent=parent,
                             aliases=aliases, pseudo=pseudo, note=note, historical=historical,
                             valid_from=valid_from, valid_to=valid_to, successor=successor,
                             parent_name=parent_name)

    @property
    def slug(self) -> str:
        """ASCII file-name part, e.g. ``changzhi`` or ``kongtong-district``."""
        ascii_name = unicodedata.normalize("NFKD", self.name_en.split("(")[0]).encode("ascii", "ignore").decode()
        out = "".join(c.lower() if c.isalnum() else "-" for c in ascii_name)
        return "-".join(p for p in out.split("-") if p)

    def __repr__(self) -> str:
        parent = f", parent {self.parent} {self.parent_name}".rstrip() if self.parent else ""
        flags = "".join(f", {flag}" for flag, on in (("historical", self.historical), ("pseudo", self.pseudo)) if on)
        return f"Region({self.code!r}, {self.name_zh!r}, {self.level}{parent}{flags})"


class HistoryRow(NamedTuple):
    """One name of one code over the revisions that list it (a row of region_history.csv)."""
    code: str
    name_zh: str
    level: str
    parent: str | None
    valid_from: int
    valid_to: int | None
    successor: str | None
    change: str  # "" (current) | renamed | reclassified | recoded | transferred | abolished | variant
    note: str
    name_en: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Resolution:
    """What a name means in a context: one region, or none with the candidates and why."""
    region: Region | None
    candidates: tuple[Region, ...]
    reason: str
    ambiguous: bool
    historical: bool


class TextMatch(NamedTuple):
    start: int
    end: int
    name: str
    candidates: tuple[Region, ...]


class Naming(NamedTuple):
    """A name or alias a code bore over a period; the unit of the name index."""
    code: str
    full_name: str
    valid_from: int | None
    valid_to: int | None
    successor: str | None
    change: str
    note: str


def year_of(on: date | int | None) -> int | None:
    if on is None or isinstance(on, int):
        return on
    return on.year
