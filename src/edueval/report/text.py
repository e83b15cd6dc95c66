"""Numbers with their units, years and periods, in the reader's language.

Formats are words too (``fmt.*`` in report/catalogue/words.csv), so that 94.08（2020）and
94.08 (2020) come from the same code.
"""
from __future__ import annotations

import pandas as pd

from .html import fmt_number, signed

QUALIFIER = {"=": "", ">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "≈"}


def missing(value) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(value)))


def number(value, unit: str, w, qualifier: str = "=", digits: int = 2) -> str:
    """94.08%, 10.8 年, 0.46, 98,060 — with ≥ / ≈ when the statement had a qualifier."""
    if missing(value):
        return "–"
    text = fmt_number(value, digits)
    suffix = w.code("unit", unit, default="") if unit not in ("count", "ratio") else ""
    return QUALIFIER.get(str(qualifier), "") + text + suffix


def year_runs(years) -> list[list[int]]:
    """Consecutive years grouped, in the order given: 2010, 2011, 2012, 2015 -> [2010, 2011, 2012], [2015]."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return runs


def with_year(text: str, year, w) -> str:
    if missing(year):
        return text
    return w("fmt.value_year", value=text, year=int(year))


def period(start, end, w) -> str:
    if missing(start) or missing(end):
        return ""
    start, end = int(start), int(end)
    return w("fmt.year", year=start) if start == end else w("fmt.period", start=start, end=end)


def pace(value, unit: str, w) -> str:
    """+0.18 个百分点/年 (percentage points for rates)."""
    if missing(value):
        return "–"
    return signed(value) + w.code("pace_unit", unit, default=w("pace_unit.other"))


def gap(value, unit: str, w) -> str:
    """A shortfall in the unit's difference (percentage points for rates)."""
    if missing(value):
        return "–"
    return fmt_number(abs(float(value))) + w.code("diff_unit", unit, default="")


def difference(value, unit: str, w) -> str:
    """A signed difference: +3.9 个百分点."""
    if missing(value):
        return "–"
    return signed(value) + w.code("diff_unit", unit, default="")
