"""The columns of a school table and the school types it may name.

The headers are Chinese (or the English codes); a header may carry its unit in
brackets, e.g. ``教学仪器设备值（万元）``, and the value is converted to the canonical
unit (元 for equipment value, 平方米 for areas). ``docs/balance.md`` lists every
header; :func:`template_headers` gives those of ``data/examples/schools_template.csv``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class InputColumn:
    code: str
    header: str  # canonical Chinese header, without unit
    kind: str  # "text" | "year" | "pupils" | "resource"
    required: bool
    unit: str = ""  # canonical unit, shown in brackets in the template
    units: tuple[tuple[str, float], ...] = ()  # accepted unit spellings -> factor to canonical
    aliases: tuple[str, ...] = ()
    description: str = ""


_PERSONS = (("人", 1.0), ("名", 1.0))
_AREA = (("平方米", 1.0), ("m²", 1.0), ("m2", 1.0), ("㎡", 1.0), ("米²", 1.0))
_MONEY = (("元", 1.0), ("千元", 1e3), ("万元", 1e4))
_ROOMS = (("间", 1.0), ("个", 1.0), ("室", 1.0))

COLUMNS: tuple[InputColumn, ...] = (
    InputColumn("county_code", "县代码", "text", True,
                aliases=("区县代码", "县区代码", "县级行政区划代码", "行政区划代码", "地区代码"),
                description="GB/T 2260 code of the county (or a registered pseudo-code X-…)"),
    InputColumn("county_name", "县名称", "text", False,
                aliases=("区县名称", "县区名称", "县区", "地区"),
                description="county name (display only; the registry's name is used in observations)"),
    InputColumn("year", "年份", "year", True, aliases=("统计年份", "学年"),
                description="the year the data refer to (e.g. the 教育事业统计 year)"),
    InputColumn("school_name", "学校名称", "text", True, aliases=("学校", "校名"),
                description="school name"),
    InputColumn("school_code", "学校标识码", "text", False, aliases=("学校代码", "学校编码"),
                description="national school identifier; when given it identifies the school, "
                            "otherwise the name does"),
    InputColumn("school_type", "学校类型", "text", True, aliases=("办学类型", "学校类别"),
                description="小学 / 初中 / 九年一贯制 / 完全中学 / 十二年一贯制"),
    InputColumn("pupils_primary", "小学在校生数", "pupils", True, "人", _PERSONS,
                aliases=("小学学生数", "小学在校学生数", "小学生数"),
                description="pupils in grades 1–6"),
    InputColumn("pupils_junior", "初中在校生数", "pupils", True, "人", _PERSONS,
                aliases=("初中学生数", "初中在校学生数", "初中生数"),
                description="pupils in grades 7–9"),
    InputColumn("pupils_senior", "高中在校生数", "pupils", False, "人", _PERSONS,
                aliases=("高中学生数", "高中在校学生数", "高中生数"),
                description="senior-secondary pupils (完全中学, 十二年一贯制 only)"),
    InputColumn("qualified_teachers", "高于规定学历教师数", "resource", True, "人", _PERSONS,
                aliases=("高于规定学历专任教师数",),
                description="full-time teachers with a qualification above the required one"),
    InputColumn("backbone_teachers", "县级及以上骨干教师数", "resource", True, "人", _PERSONS,
                aliases=("县级以上骨干教师数", "骨干教师数"),
                description="teachers recognised as 骨干 at county level or above"),
    InputColumn("pe_arts_teachers", "体育艺术专任教师数", "resource", True, "人", _PERSONS,
                aliases=("体育、艺术专任教师数", "体育艺术（美术、音乐）专任教师数", "体育艺术教师数"),
                description="full-time PE, music and fine-arts teachers"),
    InputColumn("room_area", "教学及辅助用房面积", "resource", True, "平方米", _AREA,
                aliases=("教学及辅助用房建筑面积", "教学辅助用房面积"),
                description="floor area of teaching and auxiliary rooms"),
    InputColumn("sports_area", "体育运动场馆面积", "resource", True, "平方米", _AREA,
                aliases=("体育运动场（馆）面积", "体育场馆面积", "运动场馆面积"),
                description="area of sports grounds and halls"),
    InputColumn("equipment_value", "教学仪器设备值", "resource", True, "元", _MONEY,
                aliases=("教学仪器设备资产值", "仪器设备值"),
                description="value of teaching instruments and equipment"),
    InputColumn("multimedia_rooms", "网络多媒体教室数", "resource", True, "间", _ROOMS,
                aliases=("网络多媒体教室",),
                description="classrooms with networked multimedia equipment"),
)
BY_CODE = {c.code: c for c in COLUMNS}
PUPIL_COLUMNS = {"primary": "pupils_primary", "junior": "pupils_junior", "senior": "pupils_senior"}
RESOURCE_COLUMNS = tuple(c.code for c in COLUMNS if c.kind == "resource")

# School types: code -> the levels it teaches. Anything else is an error.
SCHOOL_TYPES: dict[str, tuple[str, ...]] = {
    "primary": ("primary",),
    "junior": ("junior",),
    "nine_year": ("primary", "junior"),
    "complete_secondary": ("junior", "senior"),
    "twelve_year": ("primary", "junior", "senior"),
}
SCHOOL_TYPE_ZH = {
    "primary": "小学", "junior": "初中", "nine_year": "九年一贯制",
    "complete_secondary": "完全中学", "twelve_year": "十二年一贯制",
}
TYPE_NAMES = {
    **{code: code for code in SCHOOL_TYPES},
    "小学": "primary", "完全小学": "primary", "独立小学": "primary",
    "初中": "junior", "初级中学": "junior", "独立初中": "junior",
    "九年一贯制": "nine_year", "九年一贯制学校": "nine_year", "九年制学校": "nine_year",
    "完全中学": "complete_secondary", "完中": "complete_secondary",
    "十二年一贯制": "twelve_year", "十二年一贯制学校": "twelve_year",
}
# Known types outside the evaluation, with what to do about them.
TYPE_HINTS = {
    "教学点": "merge a 教学点 into the row of the school it belongs to",
    "高中": "a senior-only school is outside compulsory education; leave it out",
    "高级中学": "a senior-only school is outside compulsory education; leave it out",
    "特殊教育学校": "special-education schools are evaluated separately; leave them out",
}

_UNIT_RE = re.compile(r"^(?P<name>.*?)\s*[（(](?P<unit>[^（）()]*)[）)]\s*$")
_LOOKUP: dict[str, str] = {}
for _c in COLUMNS:
    for _n in (_c.code, _c.header, *_c.aliases):
        _LOOKUP[_n] = _c.code

# The largest value one school may state, in the canonical unit: a school of a million pupils,
# or 10¹² (a trillion 元, a million km²) of a resource, is a typing error or an attack, and
# such numbers overflow the coefficients' sums of squares.
MAX_VALUE = {"pupils": 1e6, "resource": 1e12}


def parse_header(header: str) -> tuple[str | None, float, str | None]:
    """Map one header to (column code, unit factor, problem).

    ``教学仪器设备值（万元）`` -> ("equipment_value", 10000.0, None). An unknown header
    gives (None, 1.0, None) (extra columns are ignored); a known header with a unit
    that column does not accept gives a problem.
    """
    h = str(header).strip().lstrip("\ufeff")
    if h in _LOOKUP:
        return _LOOKUP[h], 1.0, None
    m = _UNIT_RE.match(h)
    if not m or m["name"].strip() not in _LOOKUP:
        return None, 1.0, None
    code = _LOOKUP[m["name"].strip()]
    unit = m["unit"].strip()
    col = BY_CODE[code]
    for spelling, factor in col.units:
        if unit == spelling:
            return code, factor, None
    accepted = " / ".join(s for s, _ in col.units) or "none"
    return code, 1.0, f"header {h!r}: unit {unit!r} not accepted for {col.header} (accepted: {accepted})"


def template_headers() -> list[str]:
    """The headers of ``data/examples/schools_template.csv``, canonical units in brackets."""
    return [f"{c.header}（{c.unit}）" if c.unit else c.header for c in COLUMNS]
