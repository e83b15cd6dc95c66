"""Find a region of an evaluation by what a researcher types: a code or a name.

A code, a Chinese name or alias, a former name (华亭县 → 华亭市), or the English name in any
case ("kongtong district") all work, among the regions present in the data. A name several
regions bear (鼓楼区 names four) resolves when only one of them is present; otherwise the error
lists them with their parents, so the code can be given. An unknown code or name suggests the
close ones present (edueval/regions/registry.py holds the names).
"""
from __future__ import annotations

import difflib
from typing import Iterable

from ..regions import Region, Registry


def region_code(region: str, present: Iterable[str], registry: Registry, where: str = "this evaluation") -> str:
    """The code of ``region`` among the region codes ``present``; a KeyError says why not."""
    key = str(region).strip()
    present = {str(c) for c in present}
    if key in present:
        return key  # a code of the data, pseudo-codes of synthetic or anonymised tables included
    found = registry.resolve(key)
    bearers = [found] if found is not None else _bearers(key, registry)
    here = [r for r in bearers if r.code in present]
    if len(here) == 1:
        return here[0].code
    if len(here) > 1:
        raise KeyError(f"region {key!r} names {len(here)} regions of {where}: {_listing(here, registry)}; "
                       "give the code")
    if bearers:
        raise KeyError(f"region {key!r} ({_listing(bearers, registry)}) is not in {where} "
                       f"({len(present)} regions)")
    raise KeyError(f"unknown region {key!r}{_suggestion(key, present, registry)} — not a code or name of {where} "
                   f"({len(present)} regions) or of the region registry")


def _bearers(name: str, registry: Registry) -> list[Region]:
    """Every region a Chinese name (current or former) or an English name (any case) names."""
    named = registry.candidates(name)
    if named:
        return named
    folded = name.casefold()
    return [r for r in registry if r.name_en.casefold() == folded]


def _listing(regions: list[Region], registry: Registry) -> str:
    def one(r: Region) -> str:
        parent = registry[r.parent].name_zh if r.parent and r.parent in registry else ""
        return f"{r.code} {r.name_zh}" + (f" in {parent}" if parent else "")
    return ", ".join(one(r) for r in regions)


def _suggestion(key: str, present: set[str], registry: Registry) -> str:
    labels: dict[str, str] = {}  # what may be typed -> "code name"
    for code in sorted(present):
        r = registry[code] if code in registry else None
        label = f"{code} {r.name_zh}" if r is not None else code
        labels[code] = label
        if r is not None:
            labels[r.name_zh] = labels[r.name_en.casefold()] = label
    close = difflib.get_close_matches(key.casefold() if key.isascii() else key, list(labels), n=3, cutoff=0.6)
    shown = list(dict.fromkeys(labels[c] for c in close))
    return f" (did you mean {', '.join(shown)}?)" if shown else ""
