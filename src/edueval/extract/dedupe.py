"""Repeated passages and near-duplicate documents.

Within a document, the same statement twice (a page that repeats its body)
keeps its first occurrence. Across documents, a passage that another document
also contains (digits and masks ignored) is dropped from the copy with more
masked digits: the unmasked copy is preferred, and masked values are never
filled in from it.

Across a corpus, documents are compared through an index (shingle → documents) rather
than pair by pair: a document is compared only with the documents sharing one of its
rarest shingles, which every document holding ``NEAR_DUPLICATE`` of its shingles does
(prefix filtering), so the decisions are those of comparing every pair, at a cost that
grows with the corpus, not with its square.
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

_DIGITS_AND_MASKS = re.compile(r"[\d*＊.,]+")
_NOISE = re.compile(r"[\s\u3000,，。、;；:：!！?？“”\"'‘’()（）《》【】\[\]…—\-]+")
SHINGLE = 8
NEAR_DUPLICATE = 0.6  # share of a document's passages found in another
PASSAGE_SHARED = 0.8  # share of a passage's shingles found in the better copy
NO_SHINGLES = np.zeros(0, dtype=np.uint64)  # a document the check is not run on
_BASE = np.uint64(1_000_003)  # a polynomial hash of SHINGLE characters, in 64 bits


def skeleton(text: str) -> str:
    """Text with digits, masks, spaces and punctuation folded away."""
    return _NOISE.sub("", _DIGITS_AND_MASKS.sub("#", text))


def shingles(text: str, size: int = SHINGLE) -> np.ndarray:
    """The distinct hashes of every ``size`` characters of the skeleton, sorted (a text
    shorter than ``size`` is one shingle)."""
    chars = np.frombuffer(skeleton(text).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    width = min(size, len(chars))
    count = max(1, len(chars) - size + 1)
    hashes = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):  # the hash wraps around 2**64 by design
        for k in range(width):
            hashes = hashes * _BASE + chars[k:k + count]
    return np.unique(hashes)


def containment(part: np.ndarray, whole: np.ndarray) -> float:
    """Share of ``part``'s shingles that ``whole`` also has (both sorted and distinct)."""
    if not len(part):
        return 0.0
    if not len(whole):
        return 0.0
    at = np.minimum(np.searchsorted(whole, part), len(whole) - 1)
    return int(np.count_nonzero(whole[at] == part)) / len(part)


class ShingleIndex:
    """Every document's shingles, and which documents hold each shingle: the distinct shingles
    of the corpus numbered in order, each document's as those numbers, and per number the
    documents holding it (no Python object per shingle)."""

    def __init__(self, prints: list[np.ndarray]):
        self.prints = prints
        keys = np.concatenate(prints) if prints else np.zeros(0, dtype=np.uint64)
        _, numbers, df = np.unique(keys, return_inverse=True, return_counts=True)
        bounds = np.cumsum([0] + [len(p) for p in prints])
        self.numbers = [numbers[bounds[n]:bounds[n + 1]] for n in range(len(prints))]
        order = np.argsort(numbers, kind="stable")
        self.owners = np.repeat(np.arange(len(prints), dtype=np.int64), np.diff(bounds))[order]
        self.df = df
        self.first = np.cumsum(df) - df  # where each shingle's documents start in ``owners``

    def containing(self, i: int, threshold: float = NEAR_DUPLICATE) -> list[tuple[int, float]]:
        """The documents other than ``i`` holding at least ``threshold`` of ``i``'s shingles,
        in corpus order, with that share (exactly what comparing every pair finds)."""
        mine = self.numbers[i]
        n = len(mine)
        if not n:
            return []
        # A document holding ``threshold`` of the shingles misses at most ``missing`` of them
        # (one more than the exact bound, for rounding), so it holds at least ``prefix - missing``
        # of any ``prefix`` of them: count those in the rarest ``prefix`` (short lists of
        # documents), and count in full only for the documents that reach it.
        missing = int(n * (1 - threshold)) + 1
        prefix = min(n, missing + 1 + n // 10)
        rarest = mine[np.lexsort((mine, self.df[mine]))[:prefix]]
        starts, lengths = self.first[rarest], self.df[rarest]
        at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        counts = np.bincount(self.owners[at], minlength=len(self.prints))
        counts[i] = 0
        candidates = np.flatnonzero(counts >= max(1, prefix - missing)).tolist()
        if not candidates:
            return []
        held = np.zeros(len(self.df), dtype=bool)
        held[mine] = True
        found = []
        for j in candidates:
            share = int(np.count_nonzero(held[self.numbers[j]])) / n
            if share >= threshold:
                found.append((j, share))
        return found


def masked_share(text: str) -> float:
    counts = Counter(text)  # counted in C; then one test per distinct character
    digits = sum(n for c, n in counts.items() if c.isdigit())
    masks = counts["*"] + counts["＊"]
    return masks / (digits + masks) if digits + masks else 0.0


def empty_duplicates() -> pd.DataFrame:
    return pd.DataFrame(columns=["document", "duplicate_of", "containment", "rows_dropped"])


def drop_shared_passages(parts: list) -> pd.DataFrame:
    """Drop the rows of a document whose passage a less-masked near-duplicate also has.

    ``parts`` are pipeline.DocumentRows: each document's rows with its shingles, its text
    already released. Each document gives way to the first document (in corpus order) that
    holds most of its passages and is the better copy; the index finds the documents holding
    most of its passages without comparing every pair. Returns the table of documents dropped."""
    records = []
    index = ShingleIndex([p.prints for p in parts])
    for i, part in enumerate(parts):
        for j, share in index.containing(i, NEAR_DUPLICATE):
            other = parts[j]
            # keep i unless j is the better copy: fewer masks, then longer, then earlier
            if not (other.masked, -other.length, j) < (part.masked, -part.length, i):
                continue
            kept = [e for e in part.entries
                    if containment(part.passages[e[3]], index.prints[j]) < PASSAGE_SHARED]
            dropped = len(part.entries) - len(kept)
            part.entries = kept
            part.document["rows"] = len(kept)
            records.append({"document": str(part.path), "duplicate_of": str(other.path),
                            "containment": round(share, 3), "rows_dropped": dropped})
            break
    return pd.DataFrame(records) if records else empty_duplicates()
