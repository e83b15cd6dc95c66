"""The width a line takes on a fixed-pitch screen, a wide or full-width character (CJK, ＡＢ)
counting two columns, as ``unicodedata.east_asian_width`` says ("W" or "F"). Reflowing a PDF's
broken lines (normalize.py), finding the columns of a page set in columns (columns.py) and
placing a short table row under its header (rules_tables.py) all measure text this way."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ASTRAL = 0x10000
_SCANNED = 0x40000  # planes 0-3: every wide character a text holds in practice


def _wide_class(low: int, high: int) -> re.Pattern:
    ranges, start = [], None
    for code in range(low, high + 1):
        wide = code < high and unicodedata.east_asian_width(chr(code)) in "WF"
        if wide and start is None:
            start = code
        elif not wide and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile("[" + "".join(ranges) + "]")


@lru_cache(maxsize=1)
def _wide_classes() -> tuple[re.Pattern, re.Pattern]:
    """The wide characters of the Basic Multilingual Plane and of planes 1-3, one character class
    each (built once per process, about 40 ms). Two classes, because a class that reaches past
    U+FFFF is tested range by range, about five times slower than one held as a bitmap."""
    return _wide_class(0, _ASTRAL), _wide_class(_ASTRAL, _SCANNED)


def display_width(text: str) -> int:
    bmp, astral = _wide_classes()
    width = len(text) + len(bmp.findall(text))
    if text and max(text) >= chr(_ASTRAL):
        width += len(astral.findall(text))
        if max(text) >= chr(_SCANNED):
            width += sum(1 for ch in text if ord(ch) >= _SCANNED and unicodedata.east_asian_width(ch) in "WF")
    return width
