"""Scorecard lines: one per target, de-duplicated, and the county standards judged whole.

The evaluation table (src/edueval/models) has one row per region × target statement. A
reader needs one line per *target*: a national 85% quoted again in a local news article is
the same target, not a second one, so a quoted benchmark that repeats a target (same
indicator, school level, owner and value) is folded into that target's line and listed as
"also quoted in"; a target row that states the same level for the same year with the same verdict
(a province's 85% that is also the nation's 85%, or ≥ 90% beside > 90%) is folded too. A county
evaluation standard is one line for all its conditions (the
普及普惠 standard holds only when all three hold), judged from the evaluation rows of each
condition and said to be unjudgeable when one is missing (docs/report.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..catalog import load_catalog
from ..regions import NATIONAL
from .status import STATUS_ONLY, reason, scorecard_rows, status_code

SCOPE_RANK = {"local": 0, "provincial": 1, "national": 2, "standard": 3, "quoted benchmark": 4}
TARGET_SCOPES = ("local", "provincial", "national")


@dataclass
class Line:
    """One target (or quoted benchmark) as the reader sees it."""

    row: pd.Series  # the evaluation row kept for this target
    also_in: list[str] = field(default_factory=list)  # other documents stating or quoting it
    also_owners: list[str] = field(default_factory=list)  # other jurisdictions whose target it also is

    @property
    def code(self) -> str:
        return status_code(self.row)

    @property
    def reason(self) -> tuple[str, dict]:
        return reason(self.row, self.code)

    @property
    def key(self) -> tuple[str, str]:
        return self.row["indicator"], self.row["school_level"]

    @property
    def is_target(self) -> bool:
        return self.row["scope"] in TARGET_SCOPES

    @property
    def has_value(self) -> bool:
        return self.code not in ("no actual", "target masked")


@dataclass
class Condition:
    indicator: str
    school_level: str
    qualifier: str
    value: float
    row: pd.Series | None  # the evaluation row of this condition (None: the region has no value)

    @property
    def code(self) -> str:
        return "no actual" if self.row is None else status_code(self.row)


@dataclass
class Standard:
    """A county evaluation standard (all benchmark rows of one document that apply to counties)."""

    source_id: str
    conditions: list[Condition]
    also_in: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        codes = [c.code for c in self.conditions]
        if all(c == "achieved" for c in codes):
            return "achieved"
        if any(c == "not achieved" for c in codes):
            return "not achieved"
        if all(c == "no actual" for c in codes):
            return "no actual"
        return "not assessable"

    @property
    def missing(self) -> list[Condition]:
        return [c for c in self.conditions if c.code == "no actual"]

    @property
    def has_value(self) -> bool:
        return self.code != "no actual"


def _order(indicator: str) -> int:
    codes = load_catalog().codes
    return codes.index(indicator) if indicator in codes else len(codes)


def _also(row) -> list[str]:
    text = row.get("target_also_in")
    return [s for s in str(text).split(";") if s] if isinstance(text, str) else []


def _same_target(row, other) -> bool:
    return (row["indicator"] == other["indicator"] and row["school_level"] == other["school_level"]
            and row["target_owner"] == other["target_owner"]
            and pd.notna(row["target_value"]) and pd.notna(other["target_value"])
            and abs(float(row["target_value"]) - float(other["target_value"])) < 1e-9)


def _same_statement(row, other) -> bool:
    """Two target rows that say the same thing to a reader: same indicator, school level, year and
    value, and the same verdict (a ≥ 90% and a > 90% met by 93.9% are one line; if one were met
    and the other not, both stay)."""
    return (row["indicator"] == other["indicator"] and row["school_level"] == other["school_level"]
            and int(row["target_year"]) == int(other["target_year"])
            and pd.notna(row["target_value"]) and pd.notna(other["target_value"])
            and abs(float(row["target_value"]) - float(other["target_value"])) < 1e-9
            and status_code(row) == status_code(other))


def build_lines(ctx) -> tuple[list[Line], list[Standard]]:
    """The page's target lines (targets first, then quoted benchmarks that repeat nothing)
    and, for a county, its evaluation standards."""
    rows = scorecard_rows(ctx.targets)
    rows = rows.assign(_rank=rows["scope"].map(SCOPE_RANK).fillna(9), _ind=rows["indicator"].map(_order))
    rows = rows.sort_values(["_ind", "school_level", "_rank", "target_year", "target_value", "target_source_id"],
                            kind="stable")
    standards = _standards(ctx, rows[rows["scope"] == "standard"])
    lines: list[Line] = []
    for _, row in rows[rows["scope"].isin(TARGET_SCOPES)].iterrows():
        home = next((ln for ln in lines if _same_statement(ln.row, row)), None)
        if home is None:
            lines.append(Line(row, _also(row)))
        else:  # the same level for the same year, e.g. a province's 85% that is also the nation's 85%
            home.also_in.extend(s for s in [row["target_source_id"], *_also(row)] if s not in home.also_in)
            if row["target_owner"] != home.row["target_owner"]:
                home.also_owners.append(row["target_owner"])
    for _, row in rows[rows["scope"] == "quoted benchmark"].iterrows():
        quoted = f"{row['target_source_id']}"
        home = next((ln for ln in lines if _same_target(ln.row, row)), None)
        if home is None:
            home = next((s for s in standards for c in s.conditions
                         if c.row is not None and _same_target(c.row, row)), None)
        if home is None:
            home = next((ln for ln in lines if ln.row["scope"] == "quoted benchmark" and _same_target(ln.row, row)), None)
        if home is None:
            lines.append(Line(row, _also(row)))
        elif quoted not in home.also_in:
            home.also_in.append(quoted)
    return lines, standards


def _standards(ctx, rows: pd.DataFrame) -> list[Standard]:
    """Every standard that applies to a county, with each of its conditions."""
    if ctx.region.level != "county":
        return []
    obs = ctx.observations
    bench = obs[(obs["region_code"] == NATIONAL) & (obs["kind"] == "benchmark") & (obs["applies_to"] == "county")
                & (obs["status"] == "ok")]
    out = []
    also_in = rows["target_also_in"].fillna("")
    for source, group in bench.groupby("source_id", sort=True):
        conditions = []
        # the rows stating this standard, found once a standard rather than once a condition
        stating = rows[(rows["target_source_id"] == source) | also_in.str.contains(str(source), regex=False)]
        first: dict[tuple, int] = {}  # (indicator, school level) → the first stating row's position
        for pos, key in enumerate(zip(stating["indicator"], stating["school_level"])):
            first.setdefault(key, pos)
        ordered = group.assign(_ind=group["indicator"].map(_order)).sort_values(["_ind", "school_level"])
        for b in ordered[["indicator", "school_level", "qualifier", "value"]].to_dict("records"):
            pos = first.get((b["indicator"], b["school_level"]))
            conditions.append(Condition(b["indicator"], b["school_level"], b["qualifier"], float(b["value"]),
                                        stating.iloc[pos] if pos is not None else None))
        out.append(Standard(str(source), conditions))
    return out


def headline_year(ctx, lines: list[Line]) -> int | None:
    """The plan year the headline is about: the first target year not before the newest
    value on the page (the current plan period), else the latest target year."""
    years = sorted({int(ln.row["target_year"]) for ln in lines if ln.is_target})
    if not years:
        return None
    actual = ctx.observations[ctx.observations["kind"] == "actual"]["year"].dropna()
    newest = int(actual.max()) if not actual.empty else years[-1]
    ahead = [y for y in years if y >= newest]
    return ahead[0] if ahead else years[-1]


def is_status_only(line: Line) -> bool:
    return line.row["scope"] in STATUS_ONLY
