"""Reading the registry's three files (docs/regions.md): current, pseudo and historical regions."""
from __future__ import annotations

import csv
from functools import lru_cache

from .. import paths
from .model import LEVELS, HistoryRow, Region
from .registry import Registry

REGION_COLUMNS = ("code", "name_zh", "name_en", "level", "parent", "aliases", "pseudo", "note")
HISTORY_COLUMNS = ("code", "name_zh", "level", "parent", "valid_from", "valid_to", "successor", "change", "note",
                   "name_en", "aliases")


def _read(path, columns: tuple[str, ...]) -> list[list[str]]:
    # csv keeps every field a string, so codes such as 000000 keep their zeros
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.reader(fh)
        header = tuple(next(rows))
        if header != columns:
            raise ValueError(f"{path}: columns {header} are not {columns}")
        return list(rows)


def _split(aliases: str) -> tuple[str, ...]:
    if not aliases:
        return ()
    parts = tuple(aliases.split("|"))
    return tuple(a for a in parts if a) if "" in parts else parts


def _parse_history(rows: list[list[str]]) -> list[HistoryRow]:
    out = [HistoryRow(code, name, level, parent or None, int(valid_from), int(valid_to) if valid_to else None,
                      successor or None, change, note, name_en, _split(aliases))
           for code, name, level, parent, valid_from, valid_to, successor, change, note, name_en, aliases in rows]
    levels = {row.level for row in out}
    if not levels <= set(LEVELS):
        raise ValueError(f"region history: levels {sorted(levels - set(LEVELS))} not in {LEVELS}")
    return out


def _final_row(rows: list[HistoryRow]) -> HistoryRow:
    """The last name a code bore (a variant spelling never counts as the last)."""
    if len(rows) == 1:
        return rows[0]
    named = [r for r in rows if r.change != "variant"] or rows
    return max(named, key=lambda r: (r.valid_to or 10_000, r.valid_from))


def build_registry(region_rows: list[list[str]], history_rows: list[list[str]]) -> Registry:
    """Current and pseudo regions from their rows (columns REGION_COLUMNS); historical ones
    from the last name of each code of the history that is not current."""
    history = _parse_history(history_rows)
    by_code: dict[str, list[HistoryRow]] = {}
    for row in history:
        by_code.setdefault(row.code, []).append(row)  # oldest first, as the script writes them
    final = {code: _final_row(rows) for code, rows in by_code.items()}
    names = {code: row.name_zh for code, row in final.items()}
    names.update((row[0], row[1]) for row in region_rows)
    regions = []
    for code, name, name_en, level, parent, aliases, pseudo, note in region_rows:
        if level not in LEVELS:
            raise ValueError(f"region {code}: level {level!r} not in {LEVELS}")
        rows = by_code.get(code)
        regions.append(Region(code, name, name_en, level, parent or None, _split(aliases), pseudo == "True", note,
                              valid_from=rows[0].valid_from if rows else None,
                              parent_name=names.get(parent, "")))
    current = {r.code for r in regions}
    for code, last in final.items():
        if code in current:
            continue
        regions.append(Region(
            code, last.name_zh, last.name_en, last.level, last.parent, last.aliases, False, last.note,
            historical=True, valid_from=by_code[code][0].valid_from, valid_to=last.valid_to,
            successor=last.successor, parent_name=names.get(last.parent or "", ""),
        ))
    return Registry(regions, history)


@lru_cache(maxsize=1)
def load_regions() -> Registry:
    rows = _read(paths.REGIONS_CSV, REGION_COLUMNS) + _read(paths.PSEUDO_REGIONS_CSV, REGION_COLUMNS)
    return build_registry(rows, _read(paths.REGION_HISTORY_CSV, HISTORY_COLUMNS))
