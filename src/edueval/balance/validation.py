"""Validate a school table read as strings: headers, identifiers, types, numbers, pupils.

Every problem goes to the :class:`~.problems.ProblemCollector` with its file, spreadsheet
row (header = 1) and column; nothing is dropped silently. The columns and the school types
are declared in :mod:`.columns`.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..schema import FIRST_YEAR, LAST_YEAR
from .columns import (
    BY_CODE,
    COLUMNS,
    MAX_VALUE,
    PUPIL_COLUMNS,
    SCHOOL_TYPE_ZH,
    SCHOOL_TYPES,
    TYPE_HINTS,
    TYPE_NAMES,
    parse_header,
)
from .problems import ProblemCollector

_NON_FINITE = ("inf", "+inf", "-inf", "infinity", "nan")


def validate_frame(raw: pd.DataFrame, file: str, errors: ProblemCollector) -> pd.DataFrame | None:
    """The clean table of one file, or None when its headers do not allow reading the rows."""
    headers = _map_headers(raw, file, errors)
    if headers is None:
        return None
    mapping, seen = headers
    n = len(raw)
    rows = np.arange(2, n + 2)
    text = {code: raw[h].astype("string").fillna("").str.strip() for h, (code, _) in mapping.items()}
    for c in COLUMNS:
        if c.code not in text:
            text[c.code] = pd.Series([""] * n, index=raw.index, dtype="string")
    out = pd.DataFrame(index=raw.index)
    _identifiers(text, rows, file, errors, out)
    out["school_type"] = _school_types(text["school_type"], rows, file, errors)
    factors = {code: f for code, f in mapping.values()}
    for c in COLUMNS:
        if c.kind in ("pupils", "resource"):
            out[c.code] = _numbers(c, text[c.code], factors.get(c.code, 1.0), rows, file, errors)
    _pupils_against_type(out, text, seen, rows, file, errors)
    out["school_key"] = out["school_code"].where(out["school_code"] != "", out["school_name"])
    out["file"] = file
    out["row"] = rows
    return out.reset_index(drop=True)


def _map_headers(raw: pd.DataFrame, file: str, errors: ProblemCollector
                 ) -> tuple[dict[str, tuple[str, float]], dict[str, str]] | None:
    """{file header: (column code, unit factor)} and {column code: file header}, or None."""
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
    return (mapping, seen) if header_ok else None


def _identifiers(text: dict[str, pd.Series], rows: np.ndarray, file: str, errors: ProblemCollector,
                 out: pd.DataFrame) -> None:
    for code in ("county_code", "school_name", "school_type"):
        empty = (text[code] == "").to_numpy()
        if empty.any():
            errors.add(file, rows[empty], BY_CODE[code].header, "empty")
    # a workbook may turn a code into a number: 620802.0 is the code 620802
    out["county_code"] = text["county_code"].str.replace(r"\.0$", "", regex=True)
    out["county_name"] = text["county_name"]
    out["school_name"] = text["school_name"]
    out["school_code"] = text["school_code"].str.replace(r"\.0$", "", regex=True)
    year = pd.to_numeric(text["year"], errors="coerce")
    bad_year = (year.isna() | (year % 1 != 0) | (year < FIRST_YEAR) | (year > LAST_YEAR)).to_numpy()
    if bad_year.any():
        vals = text["year"].to_numpy()[bad_year]
        errors.add(file, rows[bad_year], "年份", [f"{v!r} is not a year" for v in vals])
    out["year"] = year.where(~bad_year).astype("Int64")


def _school_types(named: pd.Series, rows: np.ndarray, file: str, errors: ProblemCollector) -> pd.Series:
    stype = named.map(lambda s: TYPE_NAMES.get(s, pd.NA)).astype("string")
    unknown = (stype.isna() & (named != "")).to_numpy()
    if unknown.any():
        accepted = " / ".join(SCHOOL_TYPE_ZH.values())
        msgs = []
        for v in named.to_numpy()[unknown]:
            hint = TYPE_HINTS.get(v)
            msgs.append(f"unknown school type {v!r} (accepted: {accepted})" + (f"; {hint}" if hint else ""))
        errors.add(file, rows[unknown], "学校类型", msgs)
    return stype


def _numbers(c, cells: pd.Series, factor: float, rows: np.ndarray, file: str, errors: ProblemCollector
             ) -> pd.Series:
    """One pupil or resource column in its canonical unit; bad cells become NaN and a problem."""
    s = cells.str.replace(",", "", regex=False).str.replace("，", "", regex=False)
    num = pd.to_numeric(s, errors="coerce").astype(float)
    # 'inf', 'nan' and numbers past the largest plausible school are not data
    nonfinite = ~np.isfinite(num.to_numpy()) & (s != "").to_numpy()
    not_number = (num.isna() & (s != "")).to_numpy() | nonfinite
    if not_number.any():
        errors.add(file, rows[not_number], c.header,
                   [f"{v!r} is not a finite number" if v.strip().lower() in _NON_FINITE else f"{v!r} is not a number"
                    for v in cells.to_numpy()[not_number]])
    num = num.where(~nonfinite)
    huge = (num * factor > MAX_VALUE[c.kind]).fillna(False).to_numpy()
    if huge.any():
        converted = f" after conversion to {c.unit}" if factor != 1.0 else ""
        errors.add(file, rows[huge], c.header,
                   [f"{v!r} is outside the valid range 0 to {MAX_VALUE[c.kind]:g} {c.unit}{converted}"
                    for v in cells.to_numpy()[huge]])
        num = num.where(~huge)
    negative = (num < 0).fillna(False).to_numpy()
    if negative.any():
        errors.add(file, rows[negative], c.header, [f"negative value {v:g}" for v in num.to_numpy()[negative]])
    if c.kind == "resource":
        empty = (s == "").to_numpy()
        if empty.any():
            errors.add(file, rows[empty], c.header, "empty (write 0 if the school has none)")
    return num * factor


def _pupils_against_type(out: pd.DataFrame, text: dict[str, pd.Series], seen: dict[str, str],
                         rows: np.ndarray, file: str, errors: ProblemCollector) -> None:
    """Pupils only at the levels the school type teaches (0 elsewhere), some pupils, whole numbers."""
    n = len(out)
    total = np.zeros(n)
    bad_pupils = np.zeros(n, dtype=bool)  # already reported: negative or not a number
    type_arr = out["school_type"].fillna("").to_numpy()
    for level, col in PUPIL_COLUMNS.items():
        teaches = np.isin(type_arr, [t for t, lv in SCHOOL_TYPES.items() if level in lv])
        p = out[col].to_numpy(dtype=float)
        empty_cell = (text[col] == "").to_numpy()
        bad_pupils |= (p < 0) | (np.isnan(p) & ~empty_cell)
        header = BY_CODE[col].header
        if col not in seen:
            if teaches.any():
                errors.add(file, rows[teaches], None,
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


def check_duplicates(df: pd.DataFrame, errors: ProblemCollector) -> None:
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
