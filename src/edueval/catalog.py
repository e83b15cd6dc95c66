"""The indicator catalog: codes, Chinese names and aliases, units, bounds, direction.

The catalog is data (``reference/indicators.csv``); this module loads it once and
answers look-ups by code or by any Chinese name or alias.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from . import paths

BOUNDS = ("bounded_100", "may_exceed_100", "unbounded")
DIRECTIONS = ("higher", "lower", "none")
REPORTED = ("next_year", "same_year")


@dataclass(frozen=True)
class Indicator:
    code: str
    name_zh: str
    aliases: tuple[str, ...]
    name_en: str
    unit: str
    min: float
    max: float
    bound: str  # bounded_100 | may_exceed_100 | unbounded
    direction: str  # higher | lower | none (counts)
    needs_school_level: bool
    group: str
    # when a document reports a year's figure: next_year (the annual statistics, published the year
    # after) or same_year (exam results, a programme's take-up); dates undated figures (extract/pipeline.py)
    reported: str = "next_year"

    @property
    def names(self) -> tuple[str, ...]:
        """The Chinese name and every alias, longest first (for text matching)."""
        return tuple(sorted({self.name_zh, *self.aliases}, key=len, reverse=True))

    @property
    def higher_is_better(self) -> bool:
        return self.direction == "higher"

    def __repr__(self) -> str:
        return (f"Indicator({self.code!r}, {self.name_zh!r}, {self.unit}, [{self.min:g}, {self.max:g}], {self.bound}, "
                f"{self.direction})")


class Catalog:
    def __init__(self, indicators: list[Indicator]):
        self._by_code = {i.code: i for i in indicators}
        if len(self._by_code) != len(indicators):
            raise ValueError("indicator catalog has duplicate codes")
        self._by_name: dict[str, Indicator] = {}
        for ind in indicators:
            for name in ind.names:
                # an alias shared by two indicators would make matching ambiguous
                other = self._by_name.get(name)
                if other is not None and other.code != ind.code:
                    raise ValueError(f"alias {name!r} names both {other.code} and {ind.code}")
                self._by_name[name] = ind

    def __getitem__(self, code: str) -> Indicator:
        try:
            return self._by_code[code]
        except KeyError:
            import difflib

            close = difflib.get_close_matches(str(code), list(self._by_code), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise KeyError(f"unknown indicator code {code!r}{hint} (src/edueval/reference/indicators.csv)") from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __repr__(self) -> str:
        groups = sorted({i.group for i in self})
        return f"Catalog({len(self)} indicators in {len(groups)} groups: {', '.join(groups)})"

    def to_frame(self):
        """The catalogue as a table, one row per indicator (for exploring in a notebook)."""
        import pandas as pd

        return pd.DataFrame([{"code": i.code, "name_zh": i.name_zh, "name_en": i.name_en, "unit": i.unit,
                              "min": i.min, "max": i.max, "bound": i.bound, "direction": i.direction,
                              "group": i.group, "aliases": "|".join(i.aliases)} for i in self]).set_index("code")

    @property
    def codes(self) -> list[str]:
        return list(self._by_code)

    def resolve(self, name: str) -> Indicator | None:
        """Indicator for a code, Chinese name or alias; None if unknown."""
        name = name.strip()
        return self._by_code.get(name) or self._by_name.get(name)

    def names_longest_first(self) -> list[tuple[str, Indicator]]:
        """Every (name, indicator) pair, longest name first, for greedy matching."""
        return sorted(self._by_name.items(), key=lambda kv: len(kv[0]), reverse=True)


def _parse_row(row: dict[str, str]) -> Indicator:
    bound, direction = row["bound"], row["direction"]
    if bound not in BOUNDS:
        raise ValueError(f"indicator {row['code']}: bound {bound!r} not in {BOUNDS}")
    if direction not in DIRECTIONS:
        raise ValueError(f"indicator {row['code']}: direction {direction!r} not in {DIRECTIONS}")
    reported = row.get("reported") or "next_year"
    if reported not in REPORTED:
        raise ValueError(f"indicator {row['code']}: reported {reported!r} not in {REPORTED}")
    return Indicator(
        code=row["code"],
        name_zh=row["name_zh"],
        aliases=tuple(a for a in row["aliases"].split("|") if a),
        name_en=row["name_en"],
        unit=row["unit"],
        min=float(row["min"]),
        max=float(row["max"]),
        bound=bound,
        direction=direction,
        needs_school_level=row["needs_school_level"] == "True",
        group=row["group"],
        reported=reported,
    )


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    with open(paths.INDICATORS_CSV, encoding="utf-8", newline="") as fh:
        return Catalog([_parse_row(r) for r in csv.DictReader(fh)])
