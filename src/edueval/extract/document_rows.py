"""One document's part of the extraction's tables: its rows with their provenance, the
figures set aside, its documents-table row, and the shingles the near-duplicate check needs.
Made in the worker that read the document, so that its text is released there."""
from __future__ import annotations

import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import numpy as np
import pandas as pd

from ..regions import load_regions
from ..schema import COLUMNS
from . import dedupe
from .held import INFERRED_NOTE, SET_ASIDE_COLUMNS, held_back, meta_columns, year_inferred

if TYPE_CHECKING:
    from .pipeline import Document
    from .statements import Candidate

PROVENANCE_COLUMNS = ["source_id", "document", "offset", "sentence", "quote", "confidence", "reason",
                      "year_inferred"]
QUOTE_MAX = 60
# the fields of a row as rows_of makes it (a tuple), the columns of schema.COLUMNS
ROW_FIELDS = ("region_code", "region_name", "indicator", "school_level", "year", "value", "unit", "kind",
              "qualifier", "base_year", "applies_to", "status", "method", "source_id", "locator", "quote",
              "derivation", "note")


@dataclass
class DocumentRows:
    """One document's part of the tables, made when the document is done so that its text is
    released; with what the near-duplicate check needs of it (shingles, never the text). Once
    taken by extract_paths, its shingles are in a dedupe.ShingleStore and its rows in a RowSpill."""
    path: Path
    entries: list[tuple] | None  # per row in text order: (row, provenance, None, span) or (None, None, held, span);
    # row and provenance are tuples of ROW_FIELDS and PROVENANCE_COLUMNS; None once in a RowSpill
    skipped: list[dict] | None  # None once in a RowSpill
    document: dict  # its row of the documents table
    pseudo: dict | None  # the registry row of the pseudo-region minted for it
    prints: np.ndarray | tuple[int, int]  # shingles of the normalised text (dedupe.shingles), or their
    # handle in a dedupe.ShingleStore
    masked: float  # dedupe.masked_share of the normalised text
    length: int  # characters of the normalised text
    passages: dict[tuple[int, int], np.ndarray] | dedupe.StoredPassages  # sentence span → its shingles
    spilled: tuple[int, int] | None = None  # where RowSpill.keep wrote entries and skipped
    shared: frozenset = frozenset()  # sentence spans a better copy also has: their rows are dropped


class PickleSpill:
    """Objects kept in a temporary file, each read back by the handle ``keep`` gave or all in the
    order they came: what waits for a later step without being held in memory meanwhile."""

    def __init__(self, prefix: str = "edueval-spill-"):
        self._file = tempfile.TemporaryFile(prefix=prefix)
        self._handles: list[tuple[int, int]] = []
        self._end = 0

    def __enter__(self) -> PickleSpill:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def keep(self, obj) -> tuple[int, int]:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self._file.seek(self._end)
        self._file.write(data)
        handle = (self._end, len(data))
        self._handles.append(handle)
        self._end += len(data)
        return handle

    def load(self, handle: tuple[int, int]):
        offset, size = handle
        self._file.seek(offset)
        return pickle.loads(self._file.read(size))

    def __iter__(self) -> Iterator:
        return (self.load(handle) for handle in list(self._handles))

    def close(self) -> None:
        self._file.close()


class RowSpill(PickleSpill):
    """Documents' rows and set-aside figures kept in a temporary file as the documents arrive,
    read back one document at a time when the tables are made: what stays in memory until then
    does not grow with the rows of the corpus. One pickle a document, so that its rows still
    share their sentence and document strings when read back."""

    def __init__(self):
        super().__init__(prefix="edueval-rows-")

    def keep(self, part: DocumentRows) -> None:
        part.spilled = super().keep((part.entries, part.skipped))
        part.entries = part.skipped = None

    def rows(self, part: DocumentRows) -> tuple[list[tuple], list[dict]]:
        """The part's entries (without those of its shared passages) and its set-aside figures."""
        entries, skipped = self.load(part.spilled)
        if part.shared:
            entries = [e for e in entries if e[3] not in part.shared]
        return entries, skipped


def quote_of(doc: Document, c: Candidate) -> str:
    end = doc.norm.to_original(c.end)
    start = max(doc.norm.to_original(c.anchor), end - QUOTE_MAX)
    start = max(start, doc.norm.to_original(c.sentence_start))
    return doc.norm.original[start:end].replace("\n", " ").strip()


def rows_of(doc: Document, near_duplicates: bool) -> DocumentRows:
    """What ``doc`` gives the tables, and its shingles when the near-duplicate check runs."""
    registry = load_regions()
    pseudo = None
    if doc.region.pseudo and doc.region.resolved and doc.region.code not in registry:
        pseudo = {
            "code": doc.region.code, "name_zh": doc.region.name, "name_en": f"Unresolved region ({doc.path.name})",
            "level": doc.region.level, "parent": "", "aliases": "", "pseudo": True, "note": doc.region.reason,
        }
    entries, passages, sentences = [], {}, {}
    document_path = str(doc.path)
    for c in sorted(doc.candidates, key=lambda c: c.start):
        span = (c.sentence_start, c.sentence_end)
        if span not in sentences:  # one string for the rows of a sentence
            if near_duplicates:
                passages[span] = dedupe.shingles(doc.norm.text[c.sentence_start:c.sentence_end])
            original = doc.norm.original[doc.norm.to_original(c.sentence_start):doc.norm.to_original(c.sentence_end)]
            sentences[span] = original.strip()[:500]
        sentence = sentences[span]
        region_name = registry[c.region_code].name_zh if c.region_code in registry else doc.region.name
        offset = doc.norm.to_original(c.start)
        quote = quote_of(doc, c)
        reason = "; ".join(c.reasons)
        inferred = year_inferred(c)
        if c.region_code == doc.region.code and not doc.region.resolved:
            entries.append((None, None, held_back(doc, c, offset, quote, sentence, region_name,
                                                  f"the document's region is not resolved: {doc.region.reason}"),
                            span))
            continue
        note = f"confidence {c.confidence:.2f}; {reason}"
        if inferred:
            note = f"{INFERRED_NOTE} ({doc.reference_reason}); {note}"
        # tuples in the order of schema.COLUMNS and PROVENANCE_COLUMNS: a dict a row costs
        # several times the row's own values, kept for every row of the corpus
        row = (c.region_code, region_name, c.indicator, c.school_level, c.year, c.value, c.unit, c.kind,
               c.qualifier, c.base_year, c.applies_to, c.status, "extracted", doc.source_id,
               f"{doc.path.name}:{offset}", quote, "", note)
        prov = (doc.source_id, document_path, offset, sentence, quote, c.confidence, reason, inferred)
        entries.append((row, prov, None, span))
    skipped = []
    for s in doc.skips:
        o = doc.norm.to_original(s.start)
        skipped.append({"document": document_path, "offset": o,
                        "quote": doc.norm.original[max(0, o - 20):doc.norm.to_original(s.end)].replace("\n", " "),
                        "reason": s.reason})
    document = {"source_id": doc.source_id, "document": str(doc.path), "title": doc.title,
                "date": doc.date or "", "date_reason": doc.date_reason, "region_code": doc.region.code,
                "region_name": doc.region.name, "region_reason": doc.region.reason,
                "plan": f"{doc.plan[0]}-{doc.plan[1]}" if doc.plan else "", "format": doc.format,
                "encoding": doc.encoding or "", "rows": len(doc.candidates),
                "region_resolved": doc.region.resolved, "reference_year": doc.reference_year,
                "reference_reason": doc.reference_reason, "latest_year": doc.latest_year,
                **meta_columns(doc.meta)}
    text = doc.norm.text
    return DocumentRows(path=doc.path, entries=entries, skipped=skipped, document=document, pseudo=pseudo,
                        prints=dedupe.shingles(text) if near_duplicates else dedupe.NO_SHINGLES,
                        masked=dedupe.masked_share(text) if near_duplicates else 0.0,
                        length=len(text), passages=passages)


ROWS_PER_FRAME = 20_000  # rows read back from the spill and made a frame at a time


class Frames:
    """Rows made into frames ``ROWS_PER_FRAME`` at a time and joined at the end: the corpus's
    rows are never all held as tuples beside their frame."""

    def __init__(self, make):
        self.make, self.pending, self.frames = make, [], []

    def add(self, items: list) -> None:
        self.pending.extend(items)
        if len(self.pending) >= ROWS_PER_FRAME:
            self.frames.append(self.make(self.pending))
            self.pending = []

    def frame(self) -> pd.DataFrame:
        if self.pending or not self.frames:
            self.frames.append(self.make(self.pending))
        frames, self.frames, self.pending = self.frames, [], []
        return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def observations_frame(rows: list[tuple]) -> pd.DataFrame:
    observations = pd.DataFrame(rows, columns=ROW_FIELDS)
    if list(ROW_FIELDS) != COLUMNS:
        observations = observations[COLUMNS]
    observations = observations.astype({"year": "Int64", "base_year": "Int64", "value": "float64"})
    for col in COLUMNS:
        if col not in ("year", "base_year", "value"):
            observations[col] = observations[col].fillna("").astype("str")
    return observations


def provenance_frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=PROVENANCE_COLUMNS).astype({"year_inferred": "bool"})


def skipped_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["document", "offset", "quote", "reason"])


def held_frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=SET_ASIDE_COLUMNS)


def with_provenance(observations: pd.DataFrame, provenance: pd.DataFrame) -> pd.DataFrame:
    """Observations with their provenance beside them (for review and output)."""
    return pd.concat([observations, provenance.drop(columns=["source_id", "quote"])], axis=1)


@dataclass
class RowChunk:
    """The rows of consecutive documents (Extraction.chunks): proposed rows with their
    provenance, numbers seen but not turned into rows, rows held back for review."""

    observed: list[tuple]
    provenance_rows: list[tuple]
    skipped_rows: list[dict]
    held_rows: list[dict]

    def table(self) -> pd.DataFrame:
        """The chunk's part of ExtractionResult.table()."""
        return with_provenance(observations_frame(self.observed), provenance_frame(self.provenance_rows))

    def skipped(self) -> pd.DataFrame:
        return skipped_frame(self.skipped_rows)

    def held(self) -> pd.DataFrame:
        return held_frame(self.held_rows)


def rows_by_document(parts: list[DocumentRows], spill: RowSpill) -> Iterator[tuple[list, list, list]]:
    """Per document, in order: its proposed (row, provenance) pairs, its held-back rows and the
    numbers it set aside, read back from the spill."""
    for part in parts:
        entries, found = spill.rows(part)
        yield ([(row, prov) for row, prov, held_row, _ in entries if held_row is None],
               [held_row for _, _, held_row, _ in entries if held_row is not None], found)


def chunks(parts: list[DocumentRows], spill: RowSpill, rows: int | None = None) -> Iterator[RowChunk]:
    """The rows of consecutive documents, about ``rows`` (ROWS_PER_FRAME) at a time, in the
    order of ExtractionResult's frames; at least one chunk, empty when there are no rows."""
    rows = rows or ROWS_PER_FRAME
    pending: tuple[list, list, list, list] = ([], [], [], [])
    made = False
    for proposed, held, found in rows_by_document(parts, spill):
        pending[0].extend(row for row, _ in proposed)
        pending[1].extend(prov for _, prov in proposed)
        pending[2].extend(found)
        pending[3].extend(held)
        if len(pending[0]) + len(pending[2]) + len(pending[3]) >= rows:
            yield RowChunk(*pending)
            pending, made = ([], [], [], []), True
    if not made or any(pending):
        yield RowChunk(*pending)


def pseudo_regions_frame(parts: list[DocumentRows]) -> pd.DataFrame:
    pseudo = {part.pseudo["code"]: part.pseudo for part in parts if part.pseudo is not None}
    return pd.DataFrame(list(pseudo.values()),
                        columns=["code", "name_zh", "name_en", "level", "parent", "aliases", "pseudo", "note"])
