"""The registry: look-ups by code and by name, ancestors and children, resolution in a context."""
from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable, Iterator
from datetime import date

from .model import COMMON_WORDS, HistoryRow, Naming, Region, Resolution, TextMatch, year_of
from .text import trie_pattern


class Registry:
    def __init__(self, regions: Iterable[Region], history: Iterable[HistoryRow] = ()):
        regions = list(regions)
        self._by_code = {r.code: r for r in regions}
        if len(self._by_code) != len(regions):
            raise ValueError("region registry has duplicate codes")
        self._children: dict[str, list[Region]] = {}
        for r in regions:
            if r.parent:
                if r.parent not in self._by_code:
                    raise ValueError(f"region {r.code}: parent {r.parent} is not registered")
                self._children.setdefault(r.parent, []).append(r)
        self._history: dict[str, list[HistoryRow]] = {}
        for row in history:
            self._history.setdefault(row.code, []).append(row)
        unknown = self._history.keys() - self._by_code.keys()
        if unknown:
            raise ValueError(f"history names codes that are not registered: {sorted(unknown)[:5]}")
        # the revision years: every year some code was first or last listed
        self._years = sorted({row.valid_from for rows in self._history.values() for row in rows}
                             | {row.valid_to for rows in self._history.values() for row in rows if row.valid_to})
        self._names_index: dict[str, list[Naming]] | None = None  # built on the first name look-up
        self._predecessors: dict[str, list[Naming]] = {}
        self._final: dict[str, Region | None] = {}
        self._pattern: re.Pattern[str] | None = None
        self._candidates: dict[str, tuple[Region, ...]] = {}

    @property
    def _names(self) -> dict[str, list[Naming]]:
        """Every name, former name and alias → the namings that bear it (built once)."""
        return self._build_name_index()

    def _build_name_index(self) -> dict[str, list[Naming]]:
        if self._names_index is None:
            self._names_index = {}
            for r in self._by_code.values():
                rows = self._history.get(r.code)
                if not rows:
                    self._index((r.name_zh, *r.aliases), Naming(r.code, r.name_zh, r.valid_from, r.valid_to,
                                                                 r.successor, "", r.note))
                    continue
                for row in rows:
                    names = (row.name_zh, *row.aliases)
                    if row.valid_to == r.valid_to and row.name_zh == r.name_zh:
                        names += r.aliases  # hand-kept aliases of the current name
                    naming = Naming(r.code, row.name_zh, row.valid_from, row.valid_to,
                                     row.successor, row.change, row.note)
                    self._index(names, naming)
                    if row.successor:
                        self._predecessors.setdefault(row.successor, []).append(naming)
        return self._names_index

    def _index(self, names: Iterable[str], naming: Naming) -> None:
        for name in dict.fromkeys(names):
            entries = self._names_index.setdefault(name, [])
            if naming not in entries:
                entries.append(naming)

    # ------------------------------------------------------------ mapping

    def __getitem__(self, code: str) -> Region:
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(self._unknown(code)) from None

    def _unknown(self, code: object) -> str:
        key = str(code)
        close = difflib.get_close_matches(key, list(self._by_code), n=3, cutoff=0.6)
        if not close and key in self._names:
            close = [n.code for n in self._names[key]]
        if not close:
            close = [n.code for name in difflib.get_close_matches(key, list(self._names), n=3)
                     for n in self._names[name]]
        hint = ", ".join(f"{c} {self._by_code[c].name_zh}" for c in dict.fromkeys(close))
        return f"unknown region code {key!r}" + (f"; did you mean {hint}?" if hint else "")

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Region]:
        """Every registered region: current, historical and pseudo."""
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __repr__(self) -> str:
        historical = sum(r.historical for r in self)
        pseudo = sum(r.pseudo for r in self)
        current = len(self) - historical - pseudo
        return f"Registry({current:,} current regions, {historical:,} historical, {pseudo:,} pseudo)"

    def current(self) -> list[Region]:
        """The regions in force today (neither historical nor pseudo)."""
        return [r for r in self if not r.historical and not r.pseudo]

    def history(self, code: str) -> tuple[HistoryRow, ...]:
        """The names of ``code`` over time, oldest first (empty for 全国 and pseudo-regions)."""
        self[code]
        return tuple(self._history.get(code, ()))

    # ------------------------------------------------------------ tree

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

    def children(self, code: str, *, include_historical: bool = False) -> list[Region]:
        self[code]
        return [r for r in self._children.get(code, ()) if include_historical or not r.historical]

    # ------------------------------------------------------------ names

    def candidates(self, name: str) -> list[Region]:
        """Every region (current and historical) whose name, former name or alias is ``name``."""
        return list(self._candidates_of(str(name).strip()))

    def _candidates_of(self, name: str) -> tuple[Region, ...]:
        found = self._candidates.get(name)
        if found is None:
            codes = dict.fromkeys(n.code for n in self._names.get(name, ()))
            found = tuple(sorted((self._by_code[c] for c in codes), key=lambda r: (r.historical, r.code)))
            self._candidates[name] = found
        return found

    def _final_region(self, code: str) -> Region | None:
        """The current region a code leads to through its successors; None if one was abolished."""
        if code not in self._final:
            region, seen = self._by_code[code], set()
            while region.historical and region.successor and region.code not in seen:
                seen.add(region.code)
                region = self._by_code[region.successor]
            self._final[code] = None if region.historical else region
        return self._final[code]

    def _last_in_chain(self, code: str) -> Region:
        """The last code a place bore through its successors, current or abolished."""
        region, seen = self._by_code[code], set()
        while region.successor and region.code not in seen and region.successor in self._by_code:
            seen.add(region.code)
            region = self._by_code[region.successor]
        return region

    def _target(self, naming: Naming) -> Region | None:
        if naming.successor:
            return self._final_region(naming.successor)
        if naming.change == "abolished":
            return None
        return self._final_region(naming.code)

    def resolve(self, name_or_code: str) -> Region | None:
        """The region of a code, or of a name that names exactly one current region; else None.

        The present comes first: a name one current region bears today (its name or alias)
        resolves to it even where older codes bore the same name (西市区 is 营口's, though 合肥
        and 蚌埠 had one until 2001 and 2003). A name no current region bears resolves through
        the history when it leads to one current region (华亭县 → 华亭市, 襄樊市 → 襄阳市).
        An ambiguous name (鼓楼区), or one only of abolished codes (崇文区), gives None: see resolve_in.
        """
        key = str(name_or_code).strip()
        if key in self._by_code:
            return self._by_code[key]
        namings = self._names.get(key, ())
        bearers = {n.code for n in namings if n.valid_to is None and not self._by_code[n.code].historical}
        if bearers:
            return self._by_code[bearers.pop()] if len(bearers) == 1 else None
        targets = {t.code: t for n in namings if (t := self._target(n)) is not None}
        return next(iter(targets.values())) if len(targets) == 1 else None

    # ------------------------------------------------------------ names in context

    def _valid_in(self, naming: Naming, year: int) -> bool:
        """Whether the tables allow ``naming`` in ``year``: from the year after the last revision
        that did not list it, to the year before the first that no longer does (the revisions
        of 2019 and 2025 are six years apart)."""
        if naming.valid_from is None:
            return True
        i = bisect.bisect_left(self._years, naming.valid_from)
        if i > 0 and year <= self._years[i - 1]:
            return False
        if naming.valid_to is None:
            return True
        j = bisect.bisect_right(self._years, naming.valid_to)
        return j == len(self._years) or year < self._years[j]

    def _predecessor_in(self, code: str, year: int) -> Naming | None:
        """A naming of a code that ``code`` continues (directly or through others), valid in ``year``."""
        self._build_name_index()  # the predecessors are indexed with the names
        queue, seen = [code], {code}
        while queue:
            for p in self._predecessors.get(queue.pop(), ()):
                if self._valid_in(p, year):
                    return p
                if p.code not in seen:
                    seen.add(p.code)
                    queue.append(p.code)
        return None

    def _context(self, within: Iterable[str]) -> tuple[set[str], list[str]]:
        codes: set[str] = set()
        unknown = []
        for item in within:
            key = str(item).strip()
            if key in self._by_code:
                codes.add(key)
            elif key in self._names:
                for n in self._names[key]:
                    codes.add(n.code)
                    if (t := self._target(n)) is not None:
                        codes.add(t.code)
            elif key:
                unknown.append(key)
        return codes, unknown

    def _lies_in(self, code: str, context: set[str]) -> bool:
        return code in context or any(a.code in context for a in self.ancestors(code))

    def _describe(self, region: Region) -> str:
        where = self._by_code[region.parent].name_zh if region.parent in self._by_code else "–"
        return f"{region.code} {region.name_zh} in {where}" + (" (historical)" if region.historical else "")

    def resolve_in(self, name: str, *, within: Iterable[str] = (), on: date | int | None = None) -> Resolution:
        """Resolve ``name`` with the places named around it (``within``: names or codes of
        parents from the title, text or metadata) and the document's date (``on``).

        A historical code with a successor resolves to the current region it leads to, with a
        note; one without a successor resolves to itself only if it was valid ``on`` that date.
        When more than one region remains, ``region`` is None and ``reason`` lists them.
        """
        key = str(name).strip()
        year = year_of(on)
        within = tuple(within)
        if key in self._by_code and key not in self._names:
            region = self._by_code[key]
            return Resolution(region, (region,), f"{key} is the code of {self._describe(region)}",
                              False, region.historical)
        namings = self._names.get(key, [])
        if not namings:
            return Resolution(None, (), f"{key!r} is not a registered name or code", False, False)
        if year is not None:
            dated = [n for n in namings if self._valid_in(n, year)]
            # a code newer than the date still names the place if a code it continues was valid
            # then (华亭市 620881, from 2018, for a text of 2010 when the place was 华亭县 620824)
            earlier = {n.code: p for n in namings if n not in dated and (p := self._predecessor_in(n.code, year))}
            dated += [n for n in namings if n.code in earlier and n not in dated]
            if not dated:
                periods = "; ".join(f"{n.full_name} {n.code} {n.valid_from}–{n.valid_to or ''}".rstrip()
                                    + (f": {n.note}" if n.note else "") for n in namings)
                return Resolution(None, self._candidates_of(key),
                                  f"{key} names no region valid in {year} ({periods}); set aside",
                                  False, True)
            namings = dated
        # each naming leads to a region: the current one it became, or the abolished code itself
        outcomes: dict[str, tuple[Region, Region, str]] = {}
        for n in namings:
            target = self._target(n)
            source = self._by_code[n.code]
            last = self._last_in_chain(n.successor) if target is None and n.successor else None
            if last is not None and last.code != n.code:
                # 沙洲县 322724 (苏州地区, 1980–82) became 沙洲县 320521 (苏州市), itself abolished since:
                # both namings are one place, the last code it bore
                region, note = last, f"{n.full_name} ({n.code}) became {last.name_zh} ({last.code}): {n.note}"
            elif target is None:
                region, note = source, f"{n.full_name} ({n.code}): {n.note}" if n.note else ""
            else:
                region = target
                note = n.note if (n.code != target.code or n.full_name != target.name_zh) else ""
                if note and n.successor and n.successor != target.code:
                    note += f"; now {target.name_zh} ({target.code})"
            if year is not None and n.code in earlier:
                p = earlier[n.code]
                note = f"{n.full_name} ({n.code}) dates from {n.valid_from}; in {year} the place was {p.full_name} ({p.code})"
            outcomes.setdefault(region.code, (region, source, note))
        candidates = tuple(region for region, _, _ in outcomes.values())
        listed = f"{key} names {len(candidates)} regions ({', '.join(map(self._describe, candidates))})"
        context_note = ""
        if within:
            context, unknown = self._context(within)
            places = ", ".join(within)
            inside = {c: o for c, o in outcomes.items()
                      if self._lies_in(o[0].code, context) or self._lies_in(o[1].code, context)}
            if inside and len(inside) < len(outcomes):
                if len(inside) == 1:
                    context_note = f"; only {self._describe(next(iter(inside.values()))[0])} lies in {places}"
                outcomes = inside
            elif not inside and len(outcomes) > 1:
                return Resolution(None, candidates, f"{listed}; none of them lies in {places}; set aside",
                                  True, False)
            elif not inside:
                context_note = f"; it does not lie in {places}"
            if unknown:
                context_note += f" (context not registered: {', '.join(unknown)})"
        if year is None and len(outcomes) > 1:
            # without a date the present reading wins over codes abolished since (海州区 in 连云港市
            # is 320706 today; 320705 bore the name until 1982)
            present = {c: o for c, o in outcomes.items() if not o[0].historical}
            if present and len(present) < len(outcomes):
                gone = ", ".join(self._describe(o[0]) for c, o in outcomes.items() if c not in present)
                context_note += f"; without a date the abolished {gone} is not considered"
                outcomes = present
        if year is None and len(outcomes) > 1:
            # without a date the region that bears the name today wins over one that bore it only in
            # some revisions (肥东县 is 340122; 340123, 肥西县, bore the name in the 1983 revision only)
            bearing = {c: o for c, o in outcomes.items() if o[0].name_zh == key}
            if len(bearing) == 1:
                others = ", ".join(self._describe(o[0]) for c, o in outcomes.items() if c not in bearing)
                context_note += f"; without a date the name is today's name of one region only ({others} bore it once)"
                outcomes = bearing
        if len(outcomes) > 1:
            remaining = ", ".join(self._describe(o[0]) for o in outcomes.values())
            if len(outcomes) == len(candidates):
                hint = "give a parent (within=) or a date (on=) to choose" if not within else "set aside"
                reason = f"{listed}; {hint}"
            else:
                reason = f"{listed}; {len(outcomes)} of them lie in {', '.join(within)} ({remaining}); set aside"
            return Resolution(None, candidates, reason, True, False)
        region, source, note = next(iter(outcomes.values()))
        historical = bool(note) or region.historical
        if len(candidates) == 1:
            reason = f"{key} names one region, {self._describe(region)}{context_note}"
        else:
            reason = f"{listed}{context_note}"
        if note:
            reason = f"{note}; {reason}" if not note.startswith(key) else f"{note} ({reason})"
        if region.historical and year is None:
            reason += "; no date given to check that the code was still valid"
        return Resolution(region, candidates, reason, False, historical)

    # ------------------------------------------------------------ names in text

    def find_in_text(self, text: str) -> list[TextMatch]:
        """Every registered name or alias in ``text``, the longest at each place, with its candidates.

        Pseudo-regions and the common words of COMMON_WORDS are not looked for.
        """
        if self._pattern is None:
            searchable = {name for name, namings in self._names.items()
                          if len(name) >= 2 and name not in COMMON_WORDS
                          and not all(self._by_code[n.code].pseudo for n in namings)}
            self._pattern = trie_pattern(searchable)
        return [TextMatch(m.start(), m.end(), m.group(), self._candidates_of(m.group()))
                for m in self._pattern.finditer(text)]
