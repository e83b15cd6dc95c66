"""Read curated raw tables (CSV or XLSX with Chinese headers) into the contract.

Raw files are inputs only: nothing here writes to them. Every problem in a file is
collected and reported at once, naming the file and the line (CSV line numbers count
the header as line 1, so they match what a spreadsheet or editor shows).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .catalog import load_catalog
from .errors import InputError
from .regions import load_regions
from .schema import COLUMNS, KEY, Observations, Sources

HEADERS = {
    "地区代码": "region_code", "地区": "region_name", "指标": "indicator", "学段": "school_level",
    "年份": "year", "数值": "value", "单位": "unit", "类型": "kind", "限定": "qualifier",
    "基期": "base_year", "适用对象": "applies_to", "状态": "status", "方法": "method",
    "来源": "source_id", "位置": "locator", "原文": "quote", "推导": "derivation", "备注": "note",
}
SCHOOL_LEVELS_ZH = {
    "": "all", "合计": "all", "全部": "all", "幼儿园": "preschool", "学前": "preschool", "学前教育": "preschool",
    "小学": "primary", "初中": "junior", "初级中学": "junior", "高中": "senior", "普通高中": "senior",
    "高级中学": "senior", "九年一贯制": "nine_year", "十二年一贯制": "twelve_year",
    "完全中学": "complete_secondary", "特殊教育": "special", "特殊教育学校": "special", "中职": "vocational",
    "中等职业教育": "vocational", "高等教育": "higher", "教学点": "teaching_point",
}
UNITS_ZH = {"%": "%", "％": "%", "百分点": "pp", "pp": "pp", "年": "years", "years": "years", "所": "count",
            "人": "count", "名": "count", "个": "count", "count": "count", "系数": "ratio", "ratio": "ratio",
            "倍": "x", "x": "x"}
KINDS_ZH = {"实际": "actual", "目标": "target", "基准": "benchmark", "对标": "benchmark", "变化": "change",
            "actual": "actual", "target": "target", "benchmark": "benchmark", "change": "change"}
QUALIFIERS_ZH = {"": "=", "=": "=", "＝": "=", "≥": ">=", ">=": ">=", "以上": ">=", "不低于": ">=", "达到": ">=",
                 ">": ">", "超过": ">", "超": ">", "≤": "<=", "<=": "<=", "不高于": "<=", "不大于": "<=",
                 "<": "<", "低于": "<", "不足": "<", "~": "~", "约": "~", "左右": "~"}
STATUSES_ZH = {"": "ok", "ok": "ok", "masked": "masked", "遮蔽": "masked"}
METHODS_ZH = {"": "curated", "curated": "curated", "derived": "derived", "推算": "derived"}
YEAR = re.compile(r"^\d{4}$")


class RawDataError(InputError):
    """A raw table that cannot be read into the contract; lists every problem."""

    hint_default = "correct the rows named above in data/raw (see docs/data_contract.md), then run make again"


@dataclass
class RawTable:
    path: Path
    frame: pd.DataFrame  # contract columns; index = line number in the file
    problems: list[str] = field(default_factory=list)


def read_text_utf8(path: Path) -> str:
    """Decode a raw file as UTF-8 (BOM allowed); a GBK file gets a message saying so."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = ""
        try:
            data.decode("gb18030")
            hint = " It decodes as GBK/GB18030: convert it with `iconv -f GB18030 -t UTF-8`."
        except UnicodeDecodeError:
            pass
        raise RawDataError([f"{path}: not UTF-8 (byte {exc.start}).{hint}"]) from None


def _read_cells(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    import io

    return pd.read_csv(io.StringIO(read_text_utf8(path)), dtype=str, keep_default_na=False)


def _map(value: str, table: dict[str, str], what: str, problems: list[str], where: str) -> str | None:
    key = value.strip()
    if key in table:
        return table[key]
    problems.append(f"{where}: unknown {what} {value!r} (expected one of {sorted(k for k in table if k)})")
    return None


def _int_year(value: str, what: str, problems: list[str], where: str, required: bool) -> int | None:
    value = value.strip()
    if not value and not required:
        return None
    if not YEAR.match(value) or not 1949 <= int(value) <= 2100:
        problems.append(f"{where}: {what} {value!r} is not a year between 1949 and 2100")
        return None
    return int(value)


def _normalise_row(cells: dict[str, str], where: str, problems: list[str]) -> dict | None:
    catalog, registry = load_catalog(), load_regions()
    before = len(problems)
    out: dict = {}
    code = cells["region_code"].strip()
    region = registry.resolve(code) if code else None
    if region is None or region.code != code:
        problems.append(f"{where}: region code {code!r} is not in the region registry")
    elif cells["region_name"].strip() not in ("", region.name_zh):
        problems.append(f"{where}: region name {cells['region_name']!r} does not match {code} ({region.name_zh})")
    out["region_code"] = code
    out["region_name"] = region.name_zh if region else cells["region_name"].strip()
    indicator = catalog.resolve(cells["indicator"])
    if indicator is None:
        problems.append(f"{where}: unknown indicator {cells['indicator']!r}")
    out["indicator"] = indicator.code if indicator else cells["indicator"]
    level = cells["school_level"].strip()
    out["school_level"] = level if level in SCHOOL_LEVELS_ZH.values() else _map(level, SCHOOL_LEVELS_ZH, "school level", problems, where)
    out["year"] = _int_year(cells["year"], "year", problems, where, required=True)
    out["base_year"] = _int_year(cells["base_year"], "base year", problems, where, required=False)
    raw_value = cells["value"].strip().replace(",", "")
    try:
        out["value"] = float(raw_value) if raw_value else None
    except ValueError:
        problems.append(f"{where}: value {cells['value']!r} is not a number")
        out["value"] = None
    out["unit"] = _map(cells["unit"], UNITS_ZH, "unit", problems, where)
    out["kind"] = _map(cells["kind"], KINDS_ZH, "kind", problems, where)
    out["qualifier"] = _map(cells["qualifier"], QUALIFIERS_ZH, "qualifier", problems, where)
    out["status"] = _map(cells["status"], STATUSES_ZH, "status", problems, where)
    out["method"] = _map(cells["method"], METHODS_ZH, "method", problems, where)
    if raw_value == "" and out["status"] == "ok":
        problems.append(f"{where}: empty value (only a masked row may have no value)")
    for col in ("applies_to", "source_id", "locator", "quote", "derivation", "note"):
        out[col] = cells[col].strip() or None
    return out if len(problems) == before else None


def _schema_problems(path: Path, frame: pd.DataFrame) -> tuple[list[str], pd.DataFrame | None]:
    """The validated frame, or one line per failing row and check (a frame-wide check fails on
    every column of the row; that is still one problem), with the valid range where the check
    is a range."""
    try:
        return [], Observations.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        catalog = load_catalog()
        out = {}
        for _, case in err.failure_cases.iterrows():
            line = case["index"]
            where = f"{path}, line {int(line)}" if pd.notna(line) else str(path)
            check = str(case["check"])
            if check == "value within the indicator's valid range" and pd.notna(line):
                row = frame.loc[int(line)]
                ind = catalog[row["indicator"]]
                message = (f"{where}: value {row['value']:g} is outside the valid range of {ind.code} "
                           f"[{ind.min:g}, {ind.max:g}] {ind.unit}")
            elif isinstance(case["column"], str) and case["column"] in frame.columns:
                message = f"{where}: {case['column']} fails '{check}' (value {case['failure_case']!r})"
            else:
                message = f"{where}: fails '{check}'"
            out.setdefault((where, check), message)
        return sorted(set(out.values())), None


def read_observation_table(path: str | Path) -> RawTable:
    """Read one curated table; raise RawDataError listing every problem in it."""
    path = Path(path)
    try:
        cells = _read_cells(path)
    except RawDataError:
        raise
    except Exception as exc:  # pandas raises many parser errors; name the file either way
        raise RawDataError([f"{path}: cannot be read as a table ({exc})"]) from exc
    missing = [h for h in HEADERS if h not in cells.columns]
    unknown = [h for h in cells.columns if h not in HEADERS]
    if missing or unknown:
        msgs = []
        if missing:
            msgs.append(f"{path}: missing column(s) {missing}")
        if unknown:
            msgs.append(f"{path}: unknown column(s) {unknown}; the headers are {list(HEADERS)}")
        raise RawDataError(msgs)
    cells = cells.rename(columns=HEADERS)
    problems: list[str] = []
    rows, lines = [], []
    for i, record in enumerate(cells.to_dict("records")):
        line = i + 2  # the header is line 1
        row = _normalise_row(record, f"{path}, line {line}", problems)
        if row is not None:
            rows.append(row)
            lines.append(line)
    frame = pd.DataFrame(rows, columns=COLUMNS, index=pd.Index(lines, name="line"))
    validated = None
    if not frame.empty:
        schema_problems, validated = _schema_problems(path, frame)
        problems += schema_problems
        dup = frame[frame.duplicated(KEY + ["source_id"], keep=False)]
        for _, group in dup.groupby(KEY + ["source_id"], dropna=False):
            problems.append(f"{path}: duplicate key on lines {list(group.index)} ({group.iloc[0]['indicator']}, {group.iloc[0]['year']})")
    if problems:
        raise RawDataError(problems)
    return RawTable(path, validated if validated is not None else Observations.validate(frame))


def read_sources_table(path: str | Path) -> pd.DataFrame:
    path = Path(path)
    import io

    text = read_text_utf8(path)
    if not text.strip():
        raise RawDataError([f"{path}: empty file (a source registry needs a header and one row per source)"])
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas raises many parser errors; name the file either way
        raise RawDataError([f"{path}: cannot be read as a table ({type(exc).__name__}: {str(exc).splitlines()[0]})"]) from None
    from .schema import SOURCE_COLUMNS

    missing = [c for c in SOURCE_COLUMNS if c not in frame.columns]
    unknown = [c for c in frame.columns if c not in SOURCE_COLUMNS]
    if missing or unknown:
        raise RawDataError([f"{path}: the columns must be {SOURCE_COLUMNS}"
                            + (f"; missing {missing}" if missing else "") + (f"; unknown {unknown}" if unknown else "")])
    frame = frame.replace({"": None})
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="line")
    try:
        return Sources.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        from .denylist import denied_reason

        problems = set()
        for _, case in err.failure_cases.iterrows():
            line = case["index"]
            where = f"{path}, line {int(line)}" if pd.notna(line) else str(path)
            check = str(case["check"])
            if "deny list" in check and pd.notna(line):
                row = frame.loc[int(line)]
                why = denied_reason(row["url"]) or denied_reason(row["read_at"])
                problems.add(f"{where}: {why}; a gambling, adult or spam host is never a source of record")
            elif isinstance(case["column"], str) and case["column"] in frame.columns and not check.startswith("a source"):
                problems.add(f"{where}: {case['column']} fails '{check}' (value {case['failure_case']!r})")
            else:
                problems.add(f"{where}: fails '{check}'")
        raise RawDataError(sorted(problems), hint="correct the source registry rows named above (data/raw/sources)") from None
