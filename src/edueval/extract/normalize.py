"""Normalised text for matching, with a map back to offsets in the original.

Matching runs on a copy where full-width digits and punctuation are folded
(NFKC), Traditional characters are converted to Simplified (OpenCC t2s, per
character so that offsets stay aligned) and footnote markers glued to numbers
become spaces. Quotes and offsets always refer to the original text.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .columns import column_order

# Footnote markers (①, ⑴, ¹ …) that NFKC would turn into digits glued to a number.
_FOOTNOTE_MARKERS = set(
    "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⒈⒉⒊⒋⒌⒍⒎⒏⒐"
    "¹²³⁰⁴⁵⁶⁷⁸⁹"
)
# Characters kept as they are although NFKC would change them.
_KEEP = {"\u3000": " ", "…": "…", "⋯": "…"}


@lru_cache(maxsize=1)
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=65536)
def fold_char(ch: str) -> str:
    """The matching form of one character (may be longer or empty)."""
    if ch in _FOOTNOTE_MARKERS:
        return " "
    if ch in _KEEP:
        return _KEEP[ch]
    if ch.isascii():
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff":
        simplified = _t2s().convert(folded)
        # a per-character conversion that changes length would break offsets: keep it
        if len(simplified) == len(folded):
            folded = simplified
    return folded


@dataclass(frozen=True)
class NormalizedText:
    original: str
    text: str
    # breakpoints: text[norm_starts[i]:] begins at original[orig_starts[i]:]
    norm_starts: tuple[int, ...]
    orig_starts: tuple[int, ...]

    def to_original(self, pos: int) -> int:
        """Offset in the original text of normalised offset ``pos``."""
        if not self.norm_starts:
            return pos
        i = bisect.bisect_right(self.norm_starts, pos) - 1
        if i < 0:
            return pos
        return min(self.orig_starts[i] + (pos - self.norm_starts[i]), len(self.original))

    def original_span(self, start: int, end: int) -> str:
        return self.original[self.to_original(start):self.to_original(end)]


# Romanisation a mirror site leaves after characters: 學(xué)前 → 學前.
ROMANISATION = r"(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêɑ]{1,6}[)）]"


def normalize(original: str) -> NormalizedText:
    """Fold ``original`` for matching; one-to-one characters keep offsets trivially."""
    original = original.replace("\r\n", "\n").replace("\r", "\n") if "\r" in original else original
    table: dict[int, str] = {}
    irregular: list[str] = []
    for ch in set(original):
        if ch.isascii():
            continue
        folded = fold_char(ch)
        if folded != ch:
            table[ord(ch)] = folded
        if len(folded) != 1:
            irregular.append(ch)
    has_romanisation = "(" in original or "（" in original
    if not irregular and not (has_romanisation and re.search(ROMANISATION, original)):
        return _join_wrapped_lines(_in_reading_order(NormalizedText(original, original.translate(table), (), ())))
    # Characters whose folded form has another length, and romanisation to drop:
    # rebuild piecewise, recording a breakpoint after each so offsets still map back.
    alternatives = [ROMANISATION] + [re.escape(c) for c in irregular]
    pattern = re.compile("|".join(alternatives))
    pieces: list[str] = []
    norm_starts: list[int] = [0]
    orig_starts: list[int] = [0]
    norm_pos = last = 0
    for m in pattern.finditer(original):
        plain = original[last:m.start()].translate(table)
        pieces.append(plain)
        norm_pos += len(plain)
        token = m.group()
        folded = table.get(ord(token), token) if len(token) == 1 else ""
        pieces.append(folded)
        # the folded character maps to its original position …
        norm_starts.append(norm_pos)
        orig_starts.append(m.start())
        norm_pos += len(folded)
        # … and the text after it restarts exactly after the original character
        norm_starts.append(norm_pos)
        orig_starts.append(m.end())
        last = m.end()
    pieces.append(original[last:].translate(table))
    return _join_wrapped_lines(_in_reading_order(NormalizedText(original, "".join(pieces), tuple(norm_starts),
                                                                tuple(orig_starts))))


# A prose line a page broke mid-sentence (…毛入园率均\n超过90%。): long, with sentence punctuation,
# no table cells, ending on a character that ends no sentence (a clause's ，or ；too); the next line goes on (no bullet
# or heading number). The break becomes a space, so offsets stay.
WRAPPED_LINE_RE = re.compile(
    r"(?m)^(?=[^\n|\t]*[。，,；;])(?![^\n]*\S {2,}\S)[^\n|\t]{29,}[\u4e00-\u9fff\d%,，、;；]\n"
    r"(?=[ \u3000]*(?:[,，、;；%]|(?![一二三四五六七八九十\d]+[、.．)）]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+)"
    r"[\u4e00-\u9fff\d])(?![^\n]*\S {2,}\S)[^\n|\t]*$)")


def _join_wrapped_lines(norm: NormalizedText) -> NormalizedText:
    if "\n" not in norm.text:
        return norm
    ends = [m.end() - 1 for m in WRAPPED_LINE_RE.finditer(norm.text)]
    if not ends:
        return norm
    chars = list(norm.text)
    for i in ends:
        chars[i] = " "
    return NormalizedText(norm.original, "".join(chars), norm.norm_starts, norm.orig_starts)


def _in_reading_order(norm: NormalizedText) -> NormalizedText:
    """A page set in columns read column by column (edueval/extract/columns.py); offsets still map
    back to the original, piece by piece."""
    order = column_order(norm.text)
    if order is None:
        return norm
    pieces: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    pos, last_end = 0, 0
    for span in order:
        if span is None:
            norm_starts.append(pos)
            orig_starts.append(last_end)
            pieces.append("\n")
            pos += 1
            continue
        a, b = span
        if a >= b:
            continue
        norm_starts.append(pos)
        orig_starts.append(norm.to_original(a))
        i = bisect.bisect_right(norm.norm_starts, a)
        while i < len(norm.norm_starts) and norm.norm_starts[i] < b:
            norm_starts.append(pos + norm.norm_starts[i] - a)
            orig_starts.append(norm.orig_starts[i])
            i += 1
        pieces.append(norm.text[a:b])
        pos += b - a
        last_end = norm.to_original(b)
    return NormalizedText(norm.original, "".join(pieces), tuple(norm_starts), tuple(orig_starts))
