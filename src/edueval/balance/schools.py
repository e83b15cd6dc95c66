"""School-level input: one row per school and year, read from CSV or XLSX.

The headers are Chinese (or the English codes); a header may carry its unit in
brackets, e.g. ``教学仪器设备值（万元）``, and the value is converted to the canonical
unit (元 for equipment value, 平方米 for areas). ``docs/balance.md`` lists every
header. Validation is lazy: every problem of every file is collected, then one
:class:`SchoolDataError` names each file and spreadsheet row (the header is row 1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .. import paths


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
_TYPE_NAMES = {
    **{code: code for code in SCHOOL_TYPES},
    "小学": "primary", "完全小学": "primary", "独立小学": "primary",
    "初中": "junior", "初级中学": "junior", "独立初中": "junior",
    "九年一贯制": "nine_year", "九年一贯制学校": "nine_year", "九年制学校": "nine_year",
    "完全中学": "complete_secondary", "完中": "complete_secondary",
    "十二年一贯制": "twelve_year", "十二年一贯制学校": "twelve_year",
}
# Known types outside the evaluation, with what to do about them.
_TYPE_HINTS = {
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

MAX_MESSAGES = 50
# The largest value one school may state, in the canonical unit: a school of a million pupils,
# or 10¹² (a trillion 元, a million km²) of a resource, is a typing error or an attack, and
# such numbers overflow the coefficients' sums of squares.
MAX_VALUE = {"pupils": 1e6, "resource": 1e12}


@dataclass(frozen=True)
class RowError:
    file: str
    row: int | None  # spreadsheet row (header = 1); None for a file-level problem
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.row is None else f"{self.file}: row {self.row}"
        col = f": {self.column}" if self.column else ""
        return f"{where}{col}: {self.message}"


class SchoolDataError(ValueError):
    """Every problem found in the school files, collected before raising."""

    def __init__(self, errors: list[RowError]):
        # by file (in the order read), then file-level problems, then by row
        order = {f: i for i, f in enumerate(dict.fromkeys(e.file for e in errors))}
        self.errors = sorted(errors, key=lambda e: (order[e.file], e.row is not None, e.row or 0))
        shown = [str(e) for e in self.errors[:MAX_MESSAGES]]
        more = len(self.errors) - len(shown)
        text = f"{len(self.errors)} problem(s) in school data:\n  " + "\n  ".join(shown)
        if more:
            text += f"\n  … and {more} more (see .errors)"
        super().__init__(text)


@dataclass
class _Collector:
    errors: list[RowError] = field(default_factory=list)

    def add(self, file: str, rows: Iterable[int | None], column: str | None, messages) -> None:
        rows = list(rows)
        if isinstance(messages, str):
            messages = [messages] * len(rows)
        for r, m in zip(rows, messages):
            self.errors.append(RowError(file, None if r is None else int(r), column, m))


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


class _Unreadable(Exception):
    """A school file that cannot be read as a table (the message says why)."""


def _decode(data: bytes) -> str:
    """UTF-8 (BOM allowed) or, failing that, GB18030/GBK; UTF-16 is refused with a hint."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _Unreadable("UTF-16 text (Excel's 'Unicode text'): save it as 'CSV UTF-8' instead")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = exc.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise _Unreadable(f"neither UTF-8 (byte {first}) nor GB18030/GBK text: save it as 'CSV UTF-8'") from None


def _read_raw(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from ..inputs import zip_problem

        problem = zip_problem(path)
        if problem:
            raise _Unreadable(problem)
        try:
            raw = pd.read_excel(path, dtype=object, sheet_name=0)
        except Exception as exc:  # openpyxl and zipfile raise many types for a broken workbook
            raise _Unreadable(f"not a readable .xlsx workbook ({type(exc).__name__}: "
                              f"{' '.join(str(exc).split())[:200]})") from None
        raw = raw.map(_cell_text)
    elif suffix == ".csv":
        import io

        data = path.read_bytes()
        if not data.strip():
            raise _Unreadable("empty file (a school table needs the header row of docs/balance.md)")
        text = _decode(data)
        if "\x00" in text:
            raise _Unreadable("NUL bytes: a binary or corrupt file, not a CSV table")
        try:
            raw = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except _Unreadable:
            raise
        except Exception as exc:  # pandas' parser errors (an unclosed quote, …)
            raise _Unreadable(f"cannot be read as a CSV table ({' '.join(str(exc).split())[:200]})") from None
    else:
        raise ValueError(f"{path}: unsupported file type {suffix!r} (use .csv or .xlsx)")
    return raw


def _cell_text(v) -> str:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _display_name(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)


def read_schools(files: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """Read and validate one or more school files (CSV or XLSX).

    Returns one row per school and year with the column codes of :data:`COLUMNS`
    (school type as a code, pupils and resources as floats in canonical units),
    plus ``school_key`` (the 学校标识码, or the name when no code is given),
    ``file`` and ``row`` (spreadsheet row, header = 1). Raises
    :class:`SchoolDataError` listing every problem of every file.
    """
    if isinstance(files, (str, Path)):
        files = [files]
    files = [Path(f) for f in files]
    if not files:
        raise ValueError("no school files given")
    errors = _Collector()
    frames = []
    for f in files:
        if not f.is_file():
            raise FileNotFoundError(f"school file not found: {f}")
        try:
            raw = _read_raw(f)
        except _Unreadable as exc:
            errors.add(_display_name(f), [None], None, str(exc))
            continue
        frames.append(validate_schools(raw, _display_name(f), _errors=errors))
    frames = [x for x in frames if x is not None]
    out = pd.concat(frames, ignore_index=True) if frames else None
    if out is not None:
        _check_duplicates(out, errors)
    if errors.errors:
        raise SchoolDataError(errors.errors)
    return out


def read_school_dir(directory: str | Path | None = None) -> pd.DataFrame | None:
    """Every ``*.csv`` / ``*.xlsx`` in ``directory`` (default ``data/raw/schools``),
    validated together; None when there is none."""
    directory = Path(directory) if directory is not None else paths.RAW_SCHOOLS
    if not directory.is_dir():
        return None
    files = sorted(p for p in directory.iterdir()
                   if p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith((".", "~$")))
    if not files:
        return None
    return read_schools(files)


def validate_schools(raw: pd.DataFrame, file: str = "<frame>", *, _errors: _Collector | None = None
                     ) -> pd.DataFrame | None:
    """Validate a raw frame of strings (headers as in the file) and return the clean table.

    Raises :class:`SchoolDataError` with every problem (unless called by
    :func:`read_schools`, which collects across files).
    """
    errors = _errors if _errors is not None else _Collector()
    out = _validate(raw, file, errors)
    if _errors is None:
        if out is not None:
            _check_duplicates(out, errors)
        if errors.errors:
            raise SchoolDataError(errors.errors)
    return out


def _validate(raw: pd.DataFrame, file: str, errors: _Collector) -> pd.DataFrame | None:
    # --- headers -----------------------------------------------------------------
    mapping: dict[str, tuple[str, float]] = {}
    seen: dict[str, str] = {}
    header_ok = True
    for h in raw.columns:
        # pandas renames a repeated CSV header 年份 to 年份.1: a repeat, not an extra column
        repeat = re.match(r"^(?P<base>.+)\.\d+$", str(h))
        if repeat and repeat["base"] in raw.columns and parse_header(repeat["base"])[0] is not None:
            errors.add(file, [None], None, f"header {repeat['base']!r} appears more than once")
            header_ok = False
            continue
        code, factor, problem = parse_header(h)
        if problem:
            errors.add(file, [None], None, problem)
            header_ok = False
            continue
        if code is None:
            continue
        if code in seen:
            errors.add(file, [None], None, f"headers {seen[code]!r} and {h!r} both mean {code}")
            header_ok = False
            continue
        seen[code] = str(h)
        mapping[str(h)] = (code, factor)
    missing = [c.header for c in COLUMNS if c.required and c.code not in seen]
    if missing:
        errors.add(file, [None], None, "missing required column(s): " + ", ".join(missing))
        header_ok = False
    if not header_ok:
        return None

    n = len(raw)
    rows = np.arange(2, n + 2)
    text = {}
    for h, (code, _) in mapping.items():
        text[code] = raw[h].astype("string").fillna("").str.strip()
    for c in COLUMNS:
        if c.code not in text:
            text[c.code] = pd.Series([""] * n, index=raw.index, dtype="string")
    out = pd.DataFrame(index=raw.index)

    # --- identifiers ---------------------------------------------------------------
    for code in ("county_code", "school_name", "school_type"):
        empty = (text[code] == "").to_numpy()
        if empty.any():
            errors.add(file, rows[empty], BY_CODE[code].header, "empty")
    out["county_code"] = text["county_code"].str.replace(r"\.0$", "", regex=True)
    out["county_name"] = text["county_name"]
    out["school_name"] = text["school_name"]
    out["school_code"] = text["school_code"].str.replace(r"\.0$", "", regex=True)

    year = pd.to_numeric(text["year"], errors="coerce")
    bad_year = (year.isna() | (year % 1 != 0) | (year < 1949) | (year > 2100)).to_numpy()
    if bad_year.any():
        vals = text["year"].to_numpy()[bad_year]
        errors.add(file, rows[bad_year], "年份", [f"{v!r} is not a year" for v in vals])
    out["year"] = year.where(~bad_year).astype("Int64")

    # --- school type ---------------------------------------------------------------
    stype = text["school_type"].map(lambda s: _TYPE_NAMES.get(s, pd.NA)).astype("string")
    unknown = (stype.isna() & (text["school_type"] != "")).to_numpy()
    if unknown.any():
        accepted = " / ".join(SCHOOL_TYPE_ZH.values())
        msgs = []
        for v in text["school_type"].to_numpy()[unknown]:
            hint = _TYPE_HINTS.get(v)
            msgs.append(f"unknown school type {v!r} (accepted: {accepted})"
                        + (f"; {hint}" if hint else ""))
        errors.add(file, rows[unknown], "学校类型", msgs)
    out["school_type"] = stype

    # --- numbers -----------------------------------------------------------------
    factors = {code: f for code, f in mapping.values()}
    for c in COLUMNS:
        if c.kind not in ("pupils", "resource"):
            continue
        s = text[c.code].str.replace(",", "", regex=False).str.replace("，", "", regex=False)
        num = pd.to_numeric(s, errors="coerce").astype(float)
        # 'inf', 'nan' and numbers past the largest plausible school are not data
        nonfinite = ~np.isfinite(num.to_numpy()) & (s != "").to_numpy()
        not_number = (num.isna() & (s != "")).to_numpy() | nonfinite
        if not_number.any():
            errors.add(file, rows[not_number], c.header,
                       [f"{v!r} is not a finite number" if v.strip().lower() in ("inf", "+inf", "-inf", "infinity",
                                                                                    "nan") else f"{v!r} is not a number"
                        for v in text[c.code].to_numpy()[not_number]])
        num = num.where(~nonfinite)
        factor = factors.get(c.code, 1.0)
        huge = (num * factor > MAX_VALUE[c.kind]).fillna(False).to_numpy()
        if huge.any():
            converted = f" after conversion to {c.unit}" if factor != 1.0 else ""
            errors.add(file, rows[huge], c.header,
                       [f"{v!r} is outside the valid range 0 to {MAX_VALUE[c.kind]:g} {c.unit}{converted}"
                        for v in text[c.code].to_numpy()[huge]])
            num = num.where(~huge)
        negative = (num < 0).fillna(False).to_numpy()
        if negative.any():
            errors.add(file, rows[negative], c.header,
                       [f"negative value {v:g}" for v in num.to_numpy()[negative]])
        if c.kind == "resource":
            empty = (s == "").to_numpy()
            if empty.any():
                errors.add(file, rows[empty], c.header, "empty (write 0 if the school has none)")
        out[c.code] = num * factors.get(c.code, 1.0)

    # --- pupils against the school type -------------------------------------------
    total = np.zeros(n)
    bad_pupils = np.zeros(n, dtype=bool)  # already reported: negative or not a number
    type_arr = stype.fillna("").to_numpy()
    for level, col in PUPIL_COLUMNS.items():
        teaches = np.isin(type_arr, [t for t, lv in SCHOOL_TYPES.items() if level in lv])
        p = out[col].to_numpy(dtype=float)
        empty_cell = (text[col] == "").to_numpy()
        bad_pupils |= (p < 0) | (np.isnan(p) & ~empty_cell)
        header = BY_CODE[col].header
        if col not in seen:
            need = teaches
            if need.any():
                errors.add(file, rows[need], None,
                           f"column {header} is missing but the school type teaches that level")
        else:
            miss = teaches & empty_cell
            if miss.any():
                errors.add(file, rows[miss], header, "empty for a school that teaches this level")
        stray = ~teaches & (np.nan_to_num(p) > 0) & (type_arr != "")
        if stray.any():
            errors.add(file, rows[stray], header,
                       [f"{v:g} pupils but a {SCHOOL_TYPE_ZH.get(t, t)} does not teach this level"
                        for v, t in zip(p[stray], type_arr[stray])])
        p = np.where(teaches, np.nan_to_num(p), 0.0)
        out[col] = p
        total += np.where(p > 0, p, 0.0)
    zero = (total <= 0) & (type_arr != "") & ~bad_pupils
    if zero.any():
        errors.add(file, rows[zero], None, "zero pupils")
    fractional = np.zeros(n, dtype=bool)
    for col in PUPIL_COLUMNS.values():
        fractional |= (out[col].to_numpy() % 1) != 0
    if fractional.any():
        errors.add(file, rows[fractional], None, "pupil counts must be whole numbers")

    out["school_key"] = out["school_code"].where(out["school_code"] != "", out["school_name"])
    out["file"] = file
    out["row"] = rows
    return out.reset_index(drop=True)


def _check_duplicates(df: pd.DataFrame, errors: _Collector) -> None:
    """A school may appear once per county and year (across all files read together)."""
    keys = ["county_code", "year", "school_key"]
    dup = df.duplicated(keys, keep=False) & df["year"].notna() & (df["school_key"] != "")
    if not dup.any():
        return
    d = df.loc[dup, keys + ["file", "row"]]
    first = d.groupby(keys, dropna=False, sort=False)[["file", "row"]].transform("first")
    later = d.duplicated(keys, keep="first")
    d, first = d[later], first[later]
    for (_, r), (_, fr) in zip(d.iterrows(), first.iterrows()):
        errors.add(r["file"], [r["row"]], "学校名称/学校标识码",
                   f"duplicate school {r['school_key']!r} in {r['county_code']} {r['year']} "
                   f"(first at {fr['file']}: row {fr['row']})")
