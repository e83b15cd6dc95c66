"""Repeated passages and near-duplicate documents.

Within a document, the same statement twice (a page that repeats its body)
keeps its first occurrence. Across documents, a passage that another document
also contains (digits and masks ignored) is dropped from the copy with more
masked digits: the unmasked copy is preferred, and masked values are never
filled in from it.
"""
from __future__ import annotations

import re
import zlib

_DIGITS_AND_MASKS = re.compile(r"[\d*＊.,]+")
_NOISE = re.compile(r"[\s\u3000,，。、;；:：!！?？“”\"'‘’()（）《》【】\[\]…—\-]+")
SHINGLE = 8
NEAR_DUPLICATE = 0.6  # share of a document's passages found in another


def skeleton(text: str) -> str:
    """Text with digits, masks, spaces and punctuation folded away."""
    return _NOISE.sub("", _DIGITS_AND_MASKS.sub("#", text))


def shingles(text: str, size: int = SHINGLE) -> set[int]:
    s = skeleton(text)
    return {zlib.crc32(s[i:i + size].encode("utf-8")) for i in range(max(1, len(s) - size + 1))}


def containment(part: set[int], whole: set[int]) -> float:
    """Share of ``part``'s shingles that ``whole`` also has."""
    return len(part & whole) / len(part) if part else 0.0


def masked_share(text: str) -> float:
    digits = sum(c.isdigit() for c in text)
    masks = text.count("*") + text.count("＊")
    return masks / (digits + masks) if digits + masks else 0.0
