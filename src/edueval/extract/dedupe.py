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
grows with the corpus, not with its square. The shingles and the index (one range of keys at
a time, CorpusIndex) are kept in temporary files: memory does not grow with the corpus.
"""
from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

_DIGITS_AND_MASKS = re.compile(r"[\d*＊.,]+")
_NOISE = re.compile(r"[\s\u3000,，。、;；:：!！?？“”\"'‘’()（）《》【】\[\]…—\-]+")
SHINGLE = 8
NEAR_DUPLICATE = 0.6  # share of a document's passages found in another
PASSAGE_SHARED = 0.8  # share of a passage's shingles found in the better copy
NO_SHINGLES = np.zeros(0, dtype=np.uint64)  # a document the check is not run on
_BASE = np.uint64(1_000_003)  # a polynomial hash of SHINGLE characters, in 64 bits
_HALF, _LOW = np.uint64(32), np.uint64(0xFFFF_FFFF)


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


class ShingleStore:
    """Shingle arrays kept in a temporary file rather than in memory: the check reads back one
    document's (or one passage's) at a time, so what stays in memory does not grow with the
    texts. ``put`` gives a handle, ``get`` the array again."""

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="edueval-shingles-")
        self._end = 0

    def put(self, array: np.ndarray) -> tuple[int, int]:
        """Append ``array`` (shingles, or another array read back with its dtype)."""
        data = np.ascontiguousarray(array).tobytes()
        self._file.seek(self._end)
        self._file.write(data)
        handle = (self._end, len(array))
        self._end += len(data)
        return handle

    def get(self, handle: tuple[int, int], dtype=np.uint64, writable: bool = False) -> np.ndarray:
        """The array of ``handle``; ``writable``: an array of its own (to sort or shrink in place)."""
        offset, count = handle
        self._file.seek(offset)
        if writable:
            out = np.empty(count, dtype=dtype)
            if count:
                self._file.readinto(memoryview(out).cast("B"))
            return out
        return np.frombuffer(self._file.read(count * np.dtype(dtype).itemsize), dtype=dtype)

    @property
    def size(self) -> int:
        """Bytes put so far: where the next array starts."""
        return self._end

    def whole(self) -> tuple[int, int]:
        """The handle of everything put so far, as one array of 64-bit numbers."""
        return 0, self._end // 8

    def keep(self, part) -> None:
        """Move a document_rows.DocumentRows' shingles (the text's and its passages') to the file,
        before its entries go to a RowSpill: the passages keep how many rows each one has."""
        part.prints = self.put(part.prints)
        spans = list(part.passages)
        arrays = [part.passages[span] for span in spans]
        rows = Counter(entry[3] for entry in part.entries)
        part.passages = StoredPassages(
            spans=np.array(spans, dtype=np.int64).reshape(-1, 2),
            bounds=np.cumsum([0, *map(len, arrays)], dtype=np.int64),
            rows=np.array([rows[span] for span in spans], dtype=np.int64),
            handle=self.put(np.concatenate(arrays) if arrays else NO_SHINGLES))

    def close(self) -> None:
        self._file.close()


@dataclass
class StoredPassages:
    """A document's passages in a ShingleStore: one array of all their shingles, cut at ``bounds``;
    a few numbers a passage in memory, not a Python object."""
    spans: np.ndarray  # (passage, 2): the sentence's start and end in the normalised text
    bounds: np.ndarray  # passage k's shingles are [bounds[k], bounds[k + 1]) of the stored array
    rows: np.ndarray  # the entries (rows and rows held back) of each passage
    handle: tuple[int, int]

    def shared_with(self, store: ShingleStore, whole: np.ndarray) -> list[int]:
        """The passages holding at least PASSAGE_SHARED of their shingles in ``whole``."""
        stored = store.get(self.handle)
        return [k for k in range(len(self.spans))
                if containment(stored[self.bounds[k]:self.bounds[k + 1]], whole) >= PASSAGE_SHARED]


class StoredPrints(Sequence):
    """Documents' shingles held in a ShingleStore, read back by position."""

    def __init__(self, store: ShingleStore, handles: list[tuple[int, int]]):
        self.store, self.handles = store, handles

    def __len__(self) -> int:
        return len(self.handles)

    def __getitem__(self, i):
        return self.store.get(self.handles[i])


def _keys(prints: np.ndarray) -> np.ndarray:
    """32 bits of each 64-bit shingle: the index's keys (two shingles sharing one only make
    an extra candidate, which the exact comparison then rejects)."""
    return (prints ^ (prints >> _HALF)) & _LOW


_CHUNK = 1 << 18  # elements a step of the loops over pairs: their temporaries stay a few MB


def _runs(pairs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys (high words) of sorted ``pairs`` and where each one's run starts
    (one more entry: the end), made a chunk at a time: counted, then written in place."""
    def chunks():
        previous = None
        for at in range(0, len(pairs), _CHUNK):
            high = (pairs[at:at + _CHUNK] >> _HALF).astype(np.uint32)
            new = np.empty(len(high), dtype=bool)
            new[0] = previous is None or high[0] != previous
            np.not_equal(high[1:], high[:-1], out=new[1:])
            previous = high[-1]
            yield at, high, new

    count = sum(int(np.count_nonzero(new)) for _, _, new in chunks())
    keys, starts = np.empty(count, dtype=np.uint32), np.empty(count + 1, dtype=np.uint32)
    done = 0
    for at, high, new in chunks():
        found = int(np.count_nonzero(new))
        keys[done:done + found] = high[new]
        starts[done:done + found] = np.flatnonzero(new) + at
        done += found
    starts[count] = len(pairs)
    return keys, starts


def _low_words(pairs: np.ndarray) -> np.ndarray:
    """The low words (documents) of ``pairs`` as 32-bit numbers, moved to the front of its own
    buffer chunk by chunk and the buffer shrunk: no second array of the pairs' length."""
    n = len(pairs)
    words = pairs.view(np.uint32)
    low = 0 if sys.byteorder == "little" else 1
    at = 0
    while at < n:
        step = min(max(at, 1), _CHUNK, n - at)  # step <= at: the chunk's source lies past it
        words[at:at + step] = words[2 * at + low:2 * (at + step) + low:2]
        at += step
    del words
    pairs.resize((n + 1) // 2, refcheck=False)
    return pairs.view(np.uint32)[:n]


PAIRS_PER_PART = 1 << 21  # (key, document) pairs indexed at a time: the index's memory, whatever the corpus
COUNTERS_PER_BLOCK = 1 << 22  # candidate counters at once: (documents of a block) x (documents)


class _Part:
    """The index of one range of keys (ShingleIndex's first and owners) in a temporary file, with
    each document's distinct keys of the range: ranked, (pairs holding the key) << 32 | key, and
    where the key's run is in the index (no search for the key afterwards)."""

    def __init__(self, pairs: ShingleStore, count: int):
        found = pairs.get(pairs.whole(), writable=True)
        pairs.close()
        found.sort()  # by key, then document
        new = np.ones(len(found), dtype=bool)
        np.not_equal(found[1:], found[:-1], out=new[1:])
        by_document = found[new]  # each (key, document) once
        del new
        keys, first = _runs(found)
        self.store = ShingleStore()
        indexed = [self.store.put(a) for a in (first, _low_words(found))]  # first, owners
        del found  # the owners: in the file, not needed to rank the keys
        run, previous = -1, None  # the key's run (its place in keys) put for the key, the words swapped
        for at in range(0, len(by_document), _CHUNK):
            chunk = by_document[at:at + _CHUNK]
            high = chunk >> _HALF
            change = np.empty(len(high), dtype=bool)
            change[0] = previous is None or high[0] != previous
            np.not_equal(high[1:], high[:-1], out=change[1:])
            runs = run + np.cumsum(change)
            run, previous = int(runs[-1]), high[-1]
            chunk[:] = (chunk << _HALF) | runs.astype(np.uint64)
        by_document.sort()  # by document, then run (= key)
        self.bounds = np.searchsorted(by_document, np.arange(count + 1, dtype=np.uint64) << _HALF)
        ranked = self.store.size
        for at in range(0, len(by_document), _CHUNK):
            runs = (by_document[at:at + _CHUNK] & _LOW).astype(np.int64)
            # ranked by the pairs holding the key (a document twice if two of its shingles share
            # it, as ShingleIndex counts), then by the key
            self.store.put(((first[runs + 1] - first[runs]).astype(np.uint64) << _HALF) | keys[runs])
        for at in range(0, len(by_document), _CHUNK):
            self.store.put((by_document[at:at + _CHUNK] & _LOW).astype(np.uint32))
        total = len(by_document)
        self.handles = [(ranked, total), (ranked + 8 * total, total), *indexed]

    def ranked(self, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """The ranked keys of documents start … end - 1, one after another (self.bounds), and
        their runs."""
        lo, hi = int(self.bounds[start]), int(self.bounds[end])
        (ranked, _), (runs, _) = self.handles[:2]
        return self.store.get((ranked + 8 * lo, hi - lo)), self.store.get((runs + 4 * lo, hi - lo), np.uint32)

    def index(self) -> tuple[np.ndarray, np.ndarray]:
        return tuple(self.store.get(h, np.uint32) for h in self.handles[2:])


class CorpusIndex:
    """shingle_index.ShingleIndex.containing(i, threshold) for every document of a corpus, the index made and
    searched one range of keys at a time (about PAIRS_PER_PART pairs, the ranges cut by the keys'
    top bits) and kept in temporary files: memory holds one range and the counters, not the
    corpus's pairs. Each document's candidates are ShingleIndex's: its rarest keys (the same
    prefix of them), their documents counted range by range, then compared in full."""

    def __init__(self, prints: Sequence[np.ndarray], threshold: float = NEAR_DUPLICATE):
        self.prints, self.threshold = prints, threshold
        count = len(prints)
        if count >= 2**32:
            raise ValueError("the near-duplicate index holds at most 2**32 documents")
        self.sizes = np.array([len(prints[n]) for n in range(count)], dtype=np.int64)
        bits = int(min(16, np.ceil(np.log2(max(1.0, self.sizes.sum() / PAIRS_PER_PART)))))
        shift = np.uint64(32 - bits)  # a key's range: its top bits (keys are 32-bit)
        files = [ShingleStore() for _ in range(1 << bits)]
        parts: list[_Part] = []
        try:
            tops = (np.arange(1, 1 << bits, dtype=np.uint64) << shift) << _HALF  # the first pair of each range
            for n in range(count):
                pairs = np.sort((_keys(prints[n]) << _HALF) | np.uint64(n))
                for store, chunk in zip(files, np.split(pairs, np.searchsorted(pairs, tops))):
                    if len(chunk):
                        store.put(chunk)
            for store in files:
                parts.append(_Part(store, count))
            self.candidates = self._candidates(parts)
        finally:
            for store in files:
                store.close()
            for part in parts:
                part.store.close()

    def _limits(self, parts: list[_Part]) -> tuple[np.ndarray, np.ndarray]:
        """Each document's highest ranked key in its prefix, and the count a candidate needs."""
        count = len(self.sizes)
        limits, needs = np.zeros(count, dtype=np.uint64), np.zeros(count, dtype=np.int64)
        for i in range(count):
            n = int(self.sizes[i])
            if not n:
                continue
            ranked = np.sort(np.concatenate([part.ranked(i, i + 1)[0] for part in parts]))
            missing = int(n * (1 - self.threshold)) + 1  # as in ShingleIndex.containing
            prefix = min(len(ranked), missing + 1 + n // 10)
            limits[i], needs[i] = ranked[prefix - 1], max(1, prefix - missing)
        return limits, needs

    def _candidates(self, parts: list[_Part]) -> list[np.ndarray]:
        limits, needs = self._limits(parts)
        count = len(self.sizes)
        block = max(1, COUNTERS_PER_BLOCK // max(1, count))
        found = []
        for start in range(0, count, block):
            end = min(count, start + block)
            counts = np.zeros((end - start, count), dtype=np.uint32)
            for part in parts:
                first, owners = part.index()
                (ranked, runs), base = part.ranked(start, end), int(part.bounds[start])
                for i in range(start, end):
                    lo, hi = int(part.bounds[i]) - base, int(part.bounds[i + 1]) - base
                    chosen = runs[lo:hi][ranked[lo:hi] <= limits[i]] if self.sizes[i] else runs[:0]
                    if not len(chosen):
                        continue
                    starts = first[chosen].astype(np.int64)
                    lengths = first[chosen.astype(np.int64) + 1].astype(np.int64) - starts
                    at = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(int(lengths.sum()))
                    np.add(counts[i - start], np.bincount(owners[at], minlength=count), out=counts[i - start],
                           casting="unsafe")
                del first, owners, ranked, runs  # before the next part's are read
            for i in range(start, end):
                counts[i - start, i] = 0
                found.append(np.flatnonzero(counts[i - start] >= needs[i]) if self.sizes[i] else np.zeros(0, int))
        return found

    def containing(self, i: int) -> list[tuple[int, float]]:
        """The documents other than ``i`` holding at least the threshold of ``i``'s shingles, in
        corpus order, with that share."""
        own = self.prints[i]
        shares = ((j, containment(own, self.prints[j])) for j in self.candidates[i].tolist())
        return [(j, share) for j, share in shares if share >= self.threshold]


def masked_share(text: str) -> float:
    counts = Counter(text)  # counted in C; then one test per distinct character
    digits = sum(n for c, n in counts.items() if c.isdigit())
    masks = counts["*"] + counts["＊"]
    return masks / (digits + masks) if digits + masks else 0.0


def empty_duplicates() -> pd.DataFrame:
    return pd.DataFrame(columns=["document", "duplicate_of", "containment", "rows_dropped"])


def drop_shared_passages(parts: list, store: ShingleStore) -> pd.DataFrame:
    """Drop the rows of a document whose passage a less-masked near-duplicate also has.

    ``parts`` are document_rows.DocumentRows: each document's shingles in ``store`` (see
    ShingleStore.keep), its text already released and its rows perhaps in a RowSpill. Each
    document gives way to the first document (in corpus order) that holds most of its passages
    and is the better copy; the index finds the documents holding most of its passages without
    comparing every pair. The passages dropped are marked on the part (``shared``); returns the
    table of documents dropped."""
    records = []
    index = CorpusIndex(StoredPrints(store, [p.prints for p in parts]), NEAR_DUPLICATE)
    for i, part in enumerate(parts):
        for j, share in index.containing(i):
            other = parts[j]
            # keep i unless j is the better copy: fewer masks, then longer, then earlier
            if not (other.masked, -other.length, j) < (part.masked, -part.length, i):
                continue
            passages = part.passages
            shared = passages.shared_with(store, index.prints[j])
            dropped = int(passages.rows[shared].sum())
            part.shared = frozenset(tuple(int(x) for x in passages.spans[k]) for k in shared)
            part.document["rows"] = int(passages.rows.sum()) - dropped
            records.append({"document": str(part.path), "duplicate_of": str(other.path),
                            "containment": round(share, 3), "rows_dropped": dropped})
            break
    return pd.DataFrame(records) if records else empty_duplicates()
