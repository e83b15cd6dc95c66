"""The whole corpus's near-duplicate index at once: the reference that dedupe.CorpusIndex, which
makes it a range of keys at a time, must agree with (tests/extract/test_dedupe.py). Not used by
the extraction itself."""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .dedupe import _HALF, NEAR_DUPLICATE, _keys, _low_words, _runs, containment


class ShingleIndex:
    """Which documents hold each shingle: the corpus's distinct 32-bit keys of shingles
    (sorted), where each key's documents start, and the documents key after key, as 32-bit
    numbers; no Python object per shingle, and no 64-bit array per shingle kept. ``prints``
    (a list of arrays or StoredPrints) gives each document's exact shingles for the comparison.
    The whole corpus's index at once: CorpusIndex makes it a range of keys at a time (and finds
    what this one finds, tests/extract/test_dedupe.py)."""

    def __init__(self, prints: Sequence[np.ndarray]):
        self.prints = prints
        sizes = [len(prints[n]) for n in range(len(prints))]
        total = sum(sizes)
        if total >= 2**32 or len(prints) >= 2**32:
            raise ValueError("the near-duplicate index holds at most 2**32 shingles")
        # (key, document) pairs packed in 64 bits and sorted: by key, then by document
        pairs = np.empty(total, dtype=np.uint64)
        at = 0
        for n, size in enumerate(sizes):
            pairs[at:at + size] = (_keys(prints[n]) << _HALF) | np.uint64(n)
            at += size
        pairs.sort()
        self.keys, self.first = _runs(pairs)
        self.owners = _low_words(pairs)

    def containing(self, i: int, threshold: float = NEAR_DUPLICATE) -> list[tuple[int, float]]:
        """The documents other than ``i`` holding at least ``threshold`` of ``i``'s shingles,
        in corpus order, with that share (exactly what comparing every pair finds)."""
        own = self.prints[i]
        n = len(own)
        if not n:
            return []
        mine = np.sort(_keys(own).astype(np.uint32))
        mine = mine[np.concatenate(([True], mine[1:] != mine[:-1]))]
        where = np.searchsorted(self.keys, mine)  # every key of i's is in the index
        first = self.first[where].astype(np.int64)
        df = self.first[where + 1].astype(np.int64) - first
        # A document holding ``threshold`` of the shingles misses at most ``missing`` of them
        # (one more than the exact bound, for rounding), so it holds at least ``prefix - missing``
        # of any ``prefix`` of their keys: count those among the rarest ``prefix`` keys (short
        # lists of documents), and compare in full only the documents that reach it.
        missing = int(n * (1 - threshold)) + 1
        prefix = min(len(mine), missing + 1 + n // 10)
        rarest = np.lexsort((mine, df))[:prefix]
        starts, lengths = first[rarest], df[rarest]
        at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
        counts = np.bincount(self.owners[at], minlength=len(self.prints))
        counts[i] = 0
        found = []
        for j in np.flatnonzero(counts >= max(1, prefix - missing)).tolist():
            share = containment(own, self.prints[j])
            if share >= threshold:
                found.append((j, share))
        return found
