"""Read curated raw tables (CSV or XLSX with Chinese headers) into the contract.

Raw files are inputs only: nothing here writes to them. Every problem in a file is
collected and reported at once, naming the file and the line (CSV line numbers count
the header as line 1, so they match what a spreadsheet or editor shows).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa

from . import vocabulary
from .catalog import load_catalog
from .errors import InputError
from .regions import load_regions
from .schema import COLUMNS, DENIED_HOST_CHECK, FIRST_YEAR, KEY, LAST_YEAR, SCHOOL_LEVELS, Observations, Sources

HEADERS = {
    "地区代码": "region_code", "地区": "region_name", "指标": "indicator", "学段": "school_level",
    "年份": "year", "数值": "value", "单位": "unit", "类型": "kind", "限定": "qualifier",
    "基期": "base_year", "适用对象": "applies_to", "状态": "status", "方法": "method",
    "来源": "source_id", "位置": "locator", "原文": "quote", "推导": "derivation", "备注": "note",
}
# the school-level words of documents (src/edueval/reference/vocabulary.csv) plus a table's own
# words for "all levels"; a contract code (schema.SCHOOL_LEVELS) is accepted as itself
SCHOOL_LEVELS_ZH = {"": "all", "合计": "all", "全部": "all", **vocabulary.words("level"),
                    **{code: code for code in SCHOOL_LEVELS}}
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


def read_utf8(path: Path) -> bytes:
    """A raw file's bytes, once they are known to be UTF-8 (BOM allowed); a GBK file gets a
    message saying so. Checked in blocks: a 50 MB table is never held as text as well."""
    import codecs

    data = path.read_bytes()
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    block = 1 << 20
    for start in range(0, max(len(data), 1), block):
        try:
            decoder.decode(data[start:start + block], final=start + block >= len(data))
        except UnicodeDecodeError:
            hint = ""
            try:
                data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:  # the whole file, for the exact byte
                at = exc.start
            try:
                data.decode("gb18030")
                hint = " It decodes as GBK/GB18030: convert it with `iconv -f GB18030 -t UTF-8`."
            except UnicodeDecodeError:
                pass
            raise RawDataError([f"{path}: not UTF-8 (byte {at}).{hint}"]) from None
    return data


def read_text_utf8(path: Path) -> str:
    """A raw file decoded as UTF-8 (BOM allowed); a GBK file gets a message saying so."""
    return read_utf8(path).decode("utf-8-sig")


def _read_cells(path: Path) -> pd.DataFrame:
    """The table's cells as text, its first row the header (kept as a row, so that a header
    repeated is seen as such: pandas would rename the second 年份 to 年份.1)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        grid = pd.read_excel(path, dtype=str, keep_default_na=False, header=None)
    else:
        import io

        grid = pd.read_csv(io.BytesIO(read_utf8(path)), encoding="utf-8-sig", dtype=str, keep_default_na=False,
                           header=None)
    header = [str(h) for h in grid.iloc[0].tolist()] if len(grid) else []
    return grid.iloc[1:].set_axis(header, axis=1).reset_index(drop=True)


def _header_problems(path: Path, header: list[str]) -> list[str]:
    repeated = sorted({h for h in header if header.count(h) > 1})
    missing = [h for h in HEADERS if h not in header]
    unknown = [h for h in dict.fromkeys(header) if h not in HEADERS]
    msgs = [f"{path}: column {h} appears {header.count(h)} times; each column appears once" for h in repeated]
    if missing:
        msgs.append(f"{path}: missing column(s) {missing}")
    if unknown:
        msgs.append(f"{path}: unknown column(s) {unknown}; the headers are {list(HEADERS)}")
    return msgs


class _Problems:
    """The problems of one table's rows, one line per failing row and check, kept as columns
    (a 50 MB table of bad rows has hundreds of thousands: no Python loop per row)."""

    def __init__(self, path: Path, lines: pd.Index):
        self.prefix = f"{path}, line "
        self.bad = pd.Series(False, index=lines)
        self.parts: list[pd.Series] = []
        self.file_wide: list[str] = []

    def add(self, failed: pd.Series, message: pd.Series | str) -> None:
        """One problem for each row where ``failed``; ``message`` is one text for all, or one per
        row (a Series with at least the failing rows)."""
        if not failed.index.equals(self.bad.index):
            failed = failed.reindex(self.bad.index, fill_value=False)
        failed = failed.fillna(False).astype(bool)
        if not failed.any():
            return
        lines = self.bad.index[failed.to_numpy()]
        text = message.reindex(lines).to_numpy(dtype=object) if isinstance(message, pd.Series) else message
        self.add_at(lines, text)

    def add_at(self, lines, messages) -> None:
        """One problem for each line of ``lines`` (repeats allowed), saying the message beside it."""
        if len(lines):
            where = self.prefix + pd.Index(lines).astype(str).to_numpy(dtype=object) + ": "
            self.parts.append(pd.Series(where + messages, index=lines, dtype=object))
            self.bad[pd.Index(lines).unique()] = True

    def lines(self) -> list[str]:
        """The table's own problems, then its rows' in line order (a row's in the order its
        fields were checked)."""
        rows = pd.concat(self.parts).sort_index(kind="stable").tolist() if self.parts else []
        return self.file_wide + rows


def _each(values: pd.Series, func, dtype=object) -> pd.Series:
    """``func`` of every value, computed once per distinct value (a table repeats its codes,
    units and years on every row)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = np.empty(len(uniques), dtype=object)
    results[:] = [func(u) for u in uniques]
    return pd.Series(results[codes], index=values.index, dtype=dtype)


def _parse(values: pd.Series, func) -> tuple[pd.Series, pd.Series]:
    """(``func`` of every value, where it raised ValueError), once per distinct value."""

    def attempt(value):
        try:
            return func(value), False
        except ValueError:
            return None, True

    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    results = [attempt(u) for u in uniques]
    parsed = np.empty(len(uniques), dtype=object)
    parsed[:] = [r[0] for r in results]
    failed = np.array([r[1] for r in results], dtype=bool)
    return (pd.Series(parsed[codes], index=values.index, dtype=object),
            pd.Series(failed[codes], index=values.index, dtype=bool))


def _mapped(raw: pd.Series, table: dict[str, str], what: str, problems: _Problems,
            codes: tuple[str, ...] = ()) -> pd.Series:
    """The contract's word for each cell (a word of ``table`` or already one of ``codes``)."""
    known = _each(raw, lambda v: v.strip() if v.strip() in codes else table.get(v.strip()))
    failed = known.isna()
    if failed.any():
        expected = sorted(k for k in table if k)
        problems.add(failed, _each(raw[failed], lambda v: f"unknown {what} {v!r} (expected one of {expected})"))
    return known


def _year(required: bool):
    def parse(value: str) -> int | None:
        value = value.strip()
        if not value and not required:
            return None
        if not YEAR.match(value) or not FIRST_YEAR <= int(value) <= LAST_YEAR:
            raise ValueError(value)
        return int(value)
    return parse


def _number(value: str) -> float | None:
    value = value.strip().replace(",", "")
    if not value:
        return None
    number = float(value)  # 'nan' is a float to Python, not a value to a reader
    if math.isnan(number):
        raise ValueError(value)
    return number


def _normalise(cells: pd.DataFrame, problems: _Problems) -> pd.DataFrame:
    """The contract's columns for every row; each row's problems go to ``problems``."""
    catalog, registry = load_catalog(), load_regions()
    text = {c: cells[c].astype(str) for c in HEADERS.values()}
    nul = pd.concat([s.str.contains("\x00", regex=False) for s in text.values()], axis=1).any(axis=1)
    problems.add(nul, "a NUL byte in a cell: the file is binary or corrupt, not a curated table")
    out = pd.DataFrame(index=cells.index)
    code = text["region_code"].str.strip()

    def registered_name(c: str) -> str | None:
        region = registry.resolve(c) if c else None
        return region.name_zh if region is not None and region.code == c else None

    name_of = _each(code, registered_name)
    problems.add(name_of.isna(), _each(code, lambda c: f"region code {c!r} is not in the region registry"))
    given = text["region_name"].str.strip()
    other = name_of.notna() & (given != "") & (given != name_of)
    if other.any():
        problems.add(other, "region name " + _each(text["region_name"][other], repr) + " does not match "
                     + code[other].astype(object) + " (" + name_of[other] + ")")
    # a row whose code or indicator is not registered is reported and never used: no name is kept for it
    out["region_code"] = code
    out["region_name"] = name_of
    indicator = _each(text["indicator"], lambda v: i.code if (i := catalog.resolve(v)) else None)
    problems.add(indicator.isna(), _each(text["indicator"], lambda v: f"unknown indicator {v!r}"))
    out["indicator"] = indicator
    out["school_level"] = _mapped(text["school_level"], SCHOOL_LEVELS_ZH, "school level", problems,
                                  codes=tuple(SCHOOL_LEVELS_ZH.values()))
    for col, what, required in (("year", "year", True), ("base_year", "base year", False)):
        out[col], failed = _parse(text[col], _year(required))
        problems.add(failed, _each(text[col], lambda v, w=what: f"{w} {v.strip()!r} is not a year between {FIRST_YEAR} and {LAST_YEAR}"))
    out["value"], failed = _parse(text["value"], _number)
    problems.add(failed, _each(text["value"], lambda v: f"value {v!r} is not a number"))
    for col, table, what in (("unit", UNITS_ZH, "unit"), ("kind", KINDS_ZH, "kind"),
                             ("qualifier", QUALIFIERS_ZH, "qualifier"), ("status", STATUSES_ZH, "status"),
                             ("method", METHODS_ZH, "method")):
        out[col] = _mapped(text[col], table, what, problems)
    empty = text["value"].str.strip().str.replace(",", "", regex=False) == ""
    problems.add(empty & (out["status"] == "ok"), "empty value (only a masked row may have no value)")
    for col in ("applies_to", "source_id", "locator", "quote", "derivation", "note"):
        stripped = text[col].str.strip()
        out[col] = stripped.where(stripped != "")
    return out[COLUMNS]


RANGE_CHECK = "value within the indicator's valid range"
# a model rebuilt by pandera may name the check by its method instead (schema.py's _value_in_range):
# the message must not depend on which module built the schema first
RANGE_CHECK_NAMES = {RANGE_CHECK, "_value_in_range"}


def _range_messages(frame: pd.DataFrame) -> pd.Series:
    catalog = load_catalog()

    def bounds(code: str) -> str:
        ind = catalog[code]
        return f" is outside the valid range of {ind.code} [{ind.min:g}, {ind.max:g}] {ind.unit}"

    return "value " + _each(frame["value"], lambda v: f"{v:g}") + _each(frame["indicator"].astype(object), bounds)


def _schema_problems(path: Path, frame: pd.DataFrame, problems: _Problems) -> pd.DataFrame | None:
    """The validated frame of the rows that passed their own checks, or None with one problem
    per failing row and check. The frame-wide checks run here, over whole columns, and only
    the rows that pass them go through pandera: pandera reports a frame-wide check once per
    column of every failing row (18 failure cases a row), too many to build for a large table."""
    schema = Observations.to_schema()
    typed = schema.coerce_dtype(frame)
    for check in schema.checks:
        failed = ~check(typed).check_output.astype(bool)
        message = _range_messages(typed[failed]) if check.name in RANGE_CHECK_NAMES else f"fails '{check.name}'"
        problems.add(failed, message)
    rest = frame[~problems.bad.reindex(frame.index)]
    try:
        return Observations.validate(rest, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases.drop_duplicates(["index", "check"])
        for check in cases.loc[cases["index"].isna(), "check"]:
            problems.file_wide.append(f"{path}: fails '{check}'")
        cases = cases[cases["index"].notna()]
        messages = [f"{col} fails '{check}' (value {value!r})" if isinstance(col, str) and col in frame.columns
                    else f"fails '{check}'" for col, check, value in
                    zip(cases["column"], cases["check"].astype(str), cases["failure_case"])]
        problems.add_at(cases["index"].astype(int).tolist(), messages)
        return None


def _duplicate_keys(path: Path, frame: pd.DataFrame) -> list[str]:
    key = KEY + ["source_id"]
    dup = frame[frame.duplicated(key, keep=False)]
    if dup.empty:
        return []
    groups = dup.groupby(key, dropna=False).indices
    firsts = dup[["indicator", "year"]]
    out = []
    for positions in groups.values():
        first = firsts.iloc[positions[0]]
        out.append(f"{path}: duplicate key on lines {dup.index[positions].tolist()} ({first['indicator']}, {first['year']})")
    return out


def read_observation_table(path: str | Path) -> RawTable:
    """Read one curated table; raise RawDataError listing every problem in it."""
    path = Path(path)
    try:
        cells = _read_cells(path)
    except RawDataError:
        raise
    except Exception as exc:  # pandas raises many parser errors; name the file either way
        raise RawDataError([f"{path}: cannot be read as a table ({' '.join(str(exc).split())})"]) from exc
    if header_problems := _header_problems(path, list(cells.columns)):
        raise RawDataError(header_problems)
    cells = cells.rename(columns=HEADERS).set_axis(pd.RangeIndex(2, len(cells) + 2, name="line"))  # the header is line 1
    problems = _Problems(path, cells.index)
    frame = _normalise(cells, problems)
    frame = frame[~problems.bad]
    validated = None
    if not frame.empty:
        validated = _schema_problems(path, frame, problems)
    found = problems.lines() + _duplicate_keys(path, frame)
    if found:
        raise RawDataError(found)
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
        cases = err.failure_cases
        for line, column, check, value in zip(cases["index"], cases["column"], cases["check"].astype(str),
                                              cases["failure_case"]):
            where = f"{path}, line {int(line)}" if pd.notna(line) else str(path)
            if check == DENIED_HOST_CHECK and pd.notna(line):
                row = frame.loc[int(line)]
                why = denied_reason(row["url"]) or denied_reason(row["read_at"])
                problems.add(f"{where}: {why}; a gambling, adult or spam host is never a source of record")
            elif isinstance(column, str) and column in frame.columns and not check.startswith("a source"):
                problems.add(f"{where}: {column} fails '{check}' (value {value!r})")
            else:
                problems.add(f"{where}: fails '{check}'")
        raise RawDataError(sorted(problems), hint="correct the source registry rows named above (data/raw/sources)") from None
