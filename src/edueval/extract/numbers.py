"""Numbers as documents write them: Arabic or Chinese numerals, 万/亿, masks.

A number token is found on normalised text (full-width digits already folded).
Masked digits (``**.*``, ``20**``) are recognised as masked and never read as
numbers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CN_DIGITS = "零〇○一二两三四五六七八九"
CN_NUMERAL_CHARS = CN_DIGITS + "十百千万亿点"
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6, "千万": 1e7}

# Arabic (with optional thousands groups: 85,905, or a yearbook's thin space: 2 401 918) or masked
# digits; never glued to a preceding digit, letter or dot.
ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,3}(?: \d{3})+(?![\d.])|[\d*]*\d[\d*]*|\*+)(?:\.[\d*]+)?"
CHINESE = rf"[{CN_NUMERAL_CHARS}]+"

_CN_DIGIT_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT_VALUE.update({"〇": 0, "○": 0, "两": 2})


@dataclass(frozen=True)
class Number:
    start: int
    end: int
    raw: str
    value: float | None  # None when masked
    masked: bool


def is_masked(token: str) -> bool:
    return "*" in token


def parse_arabic(token: str) -> float:
    """``"85,905"`` → 85905.0; raises ValueError on masked or malformed tokens."""
    if is_masked(token):
        raise ValueError(f"masked number {token!r}")
    return float(token.replace(",", "").replace(" ", ""))


def parse_chinese(token: str) -> float:
    """Chinese numerals: ``三百五十七`` → 357, ``九十五点六`` → 95.6, ``二〇二一`` → 2021."""
    token = token.strip()
    if not token or any(c not in CN_NUMERAL_CHARS for c in token):
        raise ValueError(f"not a Chinese numeral: {token!r}")
    if all(c in _CN_DIGIT_VALUE for c in token) and len(token) > 1:
        # digit-by-digit form, as in years (二〇二一)
        return float("".join(str(_CN_DIGIT_VALUE[c]) for c in token))
    import cn2an

    normalized = token.replace("〇", "零").replace("○", "零")
    try:
        return float(cn2an.cn2an(normalized, "strict"))
    except (ValueError, KeyError) as exc:
        raise ValueError(f"not a Chinese numeral: {token!r}") from exc


def apply_multiplier(value: float, multiplier: str) -> float:
    if not multiplier:
        return value
    return value * MULTIPLIERS[multiplier]


def parse_number(text: str) -> float:
    """Parse a whole number expression: ``"29.1万"``, ``"1,234"``, ``"百分之九十五"``, ``"三千"``.

    Raises ValueError for masked or unreadable input.
    """
    s = text.strip()
    percent = False
    if s.startswith("百分之"):
        s, percent = s[3:], True
    mult = ""
    for m in ("千万", "百万", "万", "亿"):
        if s.endswith(m) and len(s) > len(m) and re.fullmatch(ARABIC, s[: -len(m)]):
            s, mult = s[: -len(m)], m
            break
    if re.fullmatch(ARABIC, s):
        value = parse_arabic(s)
    else:
        value = parse_chinese(s)
    value = apply_multiplier(value, mult)
    return value if not percent else value


def format_number(value: float, style: str = "plain", decimals: int = 2) -> str:
    """Write a number as a document might (used to test the parsers)."""
    if style == "plain":
        return f"{value:.{decimals}f}"
    if style == "grouped":
        return f"{value:,.{decimals}f}" if decimals else f"{int(round(value)):,}"
    if style == "fullwidth":
        return f"{value:.{decimals}f}".translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789."})
    raise ValueError(style)
