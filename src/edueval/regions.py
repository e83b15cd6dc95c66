"""The region registry: GB/T 2260 codes, names, level and parent.

Regions a document anonymises get a stable pseudo-code (``X-…``) and are never
matched to a real place.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from . import paths

LEVELS = ("national", "province", "city", "county")
NATIONAL = "000000"


@dataclass(frozen=True)
class Region:
    code: str
    name_zh: str
    name_en: str
    level: str
    parent: str | None
    aliases: tuple[str, ...]
    pseudo: bool
    note: str = ""

    @property
    def slug(self) -> str:
        """ASCII file-name part, e.g. ``changzhi`` or ``kongtong-district``."""
        out = "".join(c.lower() if c.isalnum() else "-" for c in self.name_en.split("(")[0])
        return "-".join(p for p in out.split("-") if p)


class Registry:
    def __init__(self, regions: list[Region]):
        self._by_code = {r.code: r for r in regions}
        if len(self._by_code) != len(regions):
            raise ValueError("region registry has duplicate codes")
        for r in regions:
            if r.parent and r.parent not in self._by_code:
                raise ValueError(f"region {r.code}: parent {r.parent} is not registered")
        self._by_name: dict[str, Region] = {}
        for r in regions:
            for name in (r.name_zh, *r.aliases):
                self._by_name.setdefault(name, r)

    def __getitem__(self, code: str) -> Region:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"unknown region code {code!r}") from None

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self):
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def resolve(self, name_or_code: str) -> Region | None:
        key = str(name_or_code).strip()
        return self._by_code.get(key) or self._by_name.get(key)

    def ancestors(self, code: str) -> list[Region]:
        """Parent, grandparent, … up to the national level (nearest first)."""
        out, region = [], self[code]
        while region.parent:
            region = self[region.parent]
            out.append(region)
        return out

    def province_of(self, code: str) -> Region | None:
        for r in [self[code], *self.ancestors(code)]:
            if r.level == "province":
                return r
        return None

    def children(self, code: str) -> list[Region]:
        return [r for r in self if r.parent == code]


def _parse_row(row: dict[str, str]) -> Region:
    if row["level"] not in LEVELS:
        raise ValueError(f"region {row['code']}: level {row['level']!r} not in {LEVELS}")
    return Region(
        code=row["code"],
        name_zh=row["name_zh"],
        name_en=row["name_en"],
        level=row["level"],
        parent=row["parent"] or None,
        aliases=tuple(a for a in row["aliases"].split("|") if a),
        pseudo=row["pseudo"] == "True",
        note=row.get("note", ""),
    )


@lru_cache(maxsize=1)
def load_regions() -> Registry:
    # csv keeps every field a string, so codes such as 000000 keep their zeros
    with open(paths.REGIONS_CSV, encoding="utf-8", newline="") as fh:
        return Registry([_parse_row(r) for r in csv.DictReader(fh)])
