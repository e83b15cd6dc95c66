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
from .display_width import display_width

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


# Romanisation a mirror site leaves after characters: 學(xué)前 → 學前; the site's noise may reach
# inside the brackets, one stray symbol among the letters (在校(xiào®)生, 增長(chánσg): corpus zb02).
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêɑ"
ROMANISATION = (rf"(?<=[\u3400-\u9fff])[(（][{PINYIN_LETTERS}]{{1,6}}"
                rf"(?:[^\u3400-\u9fff\d()（）\s,，。、;；:：%{PINYIN_LETTERS}][{PINYIN_LETTERS}]{{0,5}})?[)）]")


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
        return _cleaned(NormalizedText(original, original.translate(table), (), ()))
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
    return _cleaned(NormalizedText(original, "".join(pieces), tuple(norm_starts), tuple(orig_starts)))


def _cleaned(norm: NormalizedText) -> NormalizedText:
    # columns first: they are found by the runs of spaces that the last step would touch
    return _close_spaced_words(_join_wrapped_lines(_reflow(_in_reading_order(norm))))


# A prose line a page broke mid-sentence (…毛入园率均\n超过90%。): long, with sentence punctuation,
# no table cells, ending on a character that ends no sentence (a clause's ，or ；too); the next line goes on (no bullet
# or heading number). The break becomes a space, so offsets stay.
WRAPPED_LINE_RE = re.compile(
    r"(?m)^(?=[^\n|\t]*[。，,；;])(?![^\n]*\S {2,}\S)[^\n|\t]{29,}[\u4e00-\u9fff\d%,，、;；]\n"
    r"(?=[ \u3000]*(?:[,，、;；%]|(?![一二三四五六七八九十\d]+[、.．)）]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+)"
    r"[\u4e00-\u9fff\d])(?![^\n]*\S {2,}\S)[^\n|\t]*$)")


def _deleted(norm: NormalizedText, positions: list[int]) -> NormalizedText:
    """``norm`` without the characters at ``positions`` (sorted), offsets still mapping back."""
    if not positions:
        return norm
    text = norm.text
    pieces, last = [], 0
    for i in positions:
        pieces.append(text[last:i])
        last = i + 1
    pieces.append(text[last:])
    # an old breakpoint moves left by the deletions before it; after each deletion the text
    # restarts at the original offset of the character that followed the deleted one
    points = [(ns - bisect.bisect_left(positions, ns), os) for ns, os in zip(norm.norm_starts, norm.orig_starts)]
    points += [(i - k, norm.to_original(i + 1)) for k, i in enumerate(positions)]
    points.sort(key=lambda point: point[0])
    return NormalizedText(norm.original, "".join(pieces), tuple(ns for ns, _ in points), tuple(os for _, os in points))


# A PDF's text keeps the page's line breaks: every line of a paragraph is as wide as the page,
# so a document whose long lines share one width was broken at that width (text read from
# bulletins in PDF, tests/extract/test_normalize.py). Such a line is read on into the next
# one, the break deleted (毛入\n园率, 308.\n9万人, 2\n021年), unless it ends a sentence or the next
# line opens a heading, an item or a table row.
REFLOW_MIN_WIDTH = 40  # display columns (a CJK character is two): narrower lines are not a page's measure
REFLOW_MIN_LINES = 3  # lines of the same width, before a width is taken for the page's
REFLOW_SLACK = 3  # a full line may fall short of the measure by a character and punctuation
SENTENCE_FINAL = "。！？!?：:"
PROSE_MARK_RE = re.compile(r"[。，；,;]")  # folded: ，is , here
# numbers parted by spaces are a table's cells, unless the second is a group of thousands (2 181所)
NUMBER_CELLS_RE = re.compile(r"\d[\d.,%]* +(?!\d{3}(?:[^\d]|$| \d{3}))[\d.,%]*\d")
NEW_LINE_OPENING_RE = re.compile(r"[ \u3000]*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)）](?!\d)|[(（][一二三四五六七八九十\d]+[)）]"
                                 r"|第[一二三四五六七八九十]+|[-•●·*#|>]|$)")


def _prose_line(line: str) -> bool:
    """A line of running text, not a table's row: no cells (pipes, tabs, runs of spaces, numbers
    parted by spaces) and, if it has spaces at all, a clause mark."""
    body = line.strip()
    if "|" in body or "\t" in body or "  " in body or NUMBER_CELLS_RE.search(body):
        return False
    return " " not in body or PROSE_MARK_RE.search(body) is not None


def _reflow(norm: NormalizedText) -> NormalizedText:
    if "\n" not in norm.text:
        return norm
    lines = norm.text.split("\n")
    widths, pos = [], 0
    for line in lines:
        # measured on the original: folding makes a full-width ，a narrow ,
        body = line.rstrip()
        widths.append(display_width(norm.original_span(pos, pos + len(body))) if _prose_line(line) else 0)
        pos += len(line) + 1
    counts: dict[int, int] = {}
    for w in widths:
        if w >= REFLOW_MIN_WIDTH:
            counts[w] = counts.get(w, 0) + 1
    # the measure: the widest width held by enough lines, counting those just short of it
    measure = max((w for w in counts if sum(counts.get(w - d, 0) for d in range(2)) >= REFLOW_MIN_LINES),
                  default=None)
    if measure is None:
        return norm
    deletions, pos = [], 0
    for i, line in enumerate(lines[:-1]):
        end = pos + len(line)
        body = line.rstrip()
        if (measure - REFLOW_SLACK <= widths[i] <= measure and body[-1] not in SENTENCE_FINAL
                and not NEW_LINE_OPENING_RE.match(lines[i + 1])):
            deletions.extend(range(pos + len(body), end + 1))  # trailing spaces and the break
        pos = end + 1
    return _deleted(norm, deletions)


# A single space between two Chinese characters of a prose line (学 前 教 育, a PDF's justified
# line) is noise; in a line without sentence marks it may part a table's cells, so it stays.
SPACED_WORD_RE = re.compile(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")


def _close_spaced_words(norm: NormalizedText) -> NormalizedText:
    if " " not in norm.text:
        return norm
    deletions, pos = [], 0
    for line in norm.text.split("\n"):
        if " " in line and PROSE_MARK_RE.search(line):
            if _prose_line(line):
                deletions.extend(pos + m.start() for m in SPACED_WORD_RE.finditer(line))
            deletions.extend(pos + m.start() + k for m in SPACED_DECIMAL_RE.finditer(line)
                             for k in range(m.end() - m.start()))
        pos += len(line) + 1
    return _deleted(norm, sorted(deletions))


# 毛入学率92. 5% / 增长8 .7%: a noisy copy's blank beside a decimal point, inside a rate or a count in 万
# (a list's 2. 35所 keeps its blank: no fraction of a school)
SPACED_DECIMAL_RE = re.compile(r"(?<=\d) +(?=\.\d+\s*(?:%|万|亿))|(?<=\d\.) +(?=\d+\s*(?:%|万|亿))")


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
