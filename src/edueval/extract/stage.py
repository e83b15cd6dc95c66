"""The extract stage: every document under data/raw/documents → published proposed rows.

Publishes (edueval/store.py) the rows with their provenance, the documents read, their
source-registry rows, the figures set aside with the reason, and the pseudo-regions
minted for anonymised places. Cleaning reads them through :func:`proposed_from_stage`.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import paths, store
from ..clean.stage import Proposed
from ..schema import SOURCE_COLUMNS
from .document_rows import PickleSpill
from .held import SET_ASIDE_COLUMNS, set_aside_frame

POOL_WORKERS = 2  # processes reading a large corpus (the build is sized for a two-core machine)
POOL_MIN_DOCUMENTS = 100
ROWS_PER_SLICE = 10_000  # rows made dicts at a time to check them against the reviewed ones
# rows made frames and written at a time: each chunk's copies (frames, checked frame, arrow, CSV
# text) leave the allocator's high-water mark behind, so it is what the stage's peak grows by
# (at 50 MB: 377 MB peak with 20,000-row chunks, 279 MB with 5,000)
ROWS_PER_CHUNK = 5_000


def _relative(path: str, root: Path) -> str:
    try:  # os.path.realpath, not Path.resolve: a symlink loop (named in a message) must not raise
        return str(Path(os.path.realpath(path)).relative_to(os.path.realpath(root)))
    except ValueError:
        return str(path)


def _relatives(documents, root: Path) -> list[str]:
    """Each document path relative to ``root``, each distinct path resolved once (a chunk's rows
    share a few documents)."""
    known: dict[str, str] = {}
    return [known[d] if d in known else known.setdefault(d, _relative(d, root)) for d in documents]


def _proposed(rows: pd.DataFrame, root: Path, reviewed: set) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``rows`` (ExtractionResult.table(), whole or a chunk) with relative document paths: those
    to propose, and those a researcher already reviewed (set aside, NOT_AGAIN)."""
    from .review import NOT_AGAIN, extraction_key

    rows["document"] = _relatives(rows["document"], root)
    rows["input_file"] = rows["document"]
    # a figure a researcher already reviewed into data/raw/observations is not proposed again;
    # keyed a slice at a time: a dict a row for all the rows at once is some 80 MB for a 50 MB corpus
    again = (pd.Series([extraction_key(r) in reviewed for start in range(0, len(rows), ROWS_PER_SLICE)
                        for r in rows.iloc[start:start + ROWS_PER_SLICE].to_dict("records")], index=rows.index, dtype=bool)
             if reviewed else pd.Series(False, index=rows.index))  # nothing reviewed: no row to key
    return rows[~again].reset_index(drop=True), rows[again].assign(reason=NOT_AGAIN)


def _failed(errors: list[str], documents, root: Path) -> pd.DataFrame:
    """A set-aside row per document that failed or states no date (``documents``: an
    ExtractionResult or pipeline.Extraction)."""
    from .sources import undated

    messages = errors + [f"{d}: no date or year anywhere in the document, so none of its figures can be "
                         "dated; give its date in a .meta.yml beside it (docs/data_contract.md)"
                         for d in undated(documents)]
    failed = pd.DataFrame({"document": [m.split(": ", 1)[0] for m in messages], "offset": 0, "quote": None,
                           "reason": [m.split(": ", 1)[-1] for m in messages]})
    failed["document"] = [_relative(d, root) for d in failed["document"]]
    return failed


def _documents_and_sources(result, root: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    from .sources import document_sources

    documents = result.documents.copy()
    if len(documents):
        documents["document"] = [_relative(d, root) for d in documents["document"]]
    sources = document_sources(result) if len(result.documents) else pd.DataFrame(columns=SOURCE_COLUMNS)
    return documents, sources


def tables(result, root: Path) -> dict[str, pd.DataFrame]:
    """The stage's tables from an ExtractionResult, with document paths relative to ``root``."""
    from .review import curated_keys

    rows, repeated = _proposed(result.table(), root, curated_keys(paths.Layout(root).raw_observations))
    skipped = result.skipped.assign(document=_relatives(result.skipped["document"], root))
    failed = _failed(result.errors, result, root)
    parts = [f for f in (skipped, failed, repeated.reindex(columns=SET_ASIDE_COLUMNS)) if len(f)]
    set_aside = set_aside_frame(pd.concat(parts, ignore_index=True) if parts else pd.DataFrame())
    documents, sources = _documents_and_sources(result, root)
    return {"extracted": rows, "extracted_documents": documents, "extracted_sources": sources,
            "set_aside": set_aside, "pseudo_regions": result.pseudo_regions}


class StageTables(dict):
    """What run_stage returns: the tables that grow with the documents, not their rows
    (extracted_documents, extracted_sources, pseudo_regions), the set-aside rows of whole
    documents (those that failed or state no date, offset 0 without a quote) as ``set_aside``,
    and the counts of the summary (``tally``). The rows are in the store (store.read)."""

    tally: Tally


@dataclass
class Tally:
    """What summary() reports, counted a chunk at a time."""

    documents: int = 0
    rows: int = 0
    held: int = 0
    aside: int = 0
    unresolved: int = 0
    reasons: Counter = field(default_factory=Counter)
    regions: Counter = field(default_factory=Counter)

    def add_rows(self, rows: pd.DataFrame) -> None:
        self.rows += len(rows)
        # the code beside the name: several places share a name (鼓楼区)
        self.regions.update(f"{n} ({c})" for n, c in zip(rows["region_name"], rows["region_code"]))

    def add_aside(self, aside: pd.DataFrame) -> None:
        self.aside += len(aside)
        self.held += int(aside["indicator"].notna().sum()) if "indicator" in aside else 0
        # a reason's first clause, without the place-specific detail after ';' ':' ',' or '('
        self.reasons.update(re.split(r"[;:,]| \(", r)[0][:70] for r in aside["reason"])

    def add_documents(self, docs: pd.DataFrame) -> None:
        self.documents += len(docs)
        self.unresolved += int((~docs["region_resolved"].astype(bool)).sum()) if "region_resolved" in docs else 0

    @classmethod
    def of(cls, parts: dict[str, pd.DataFrame]) -> Tally:
        tally = cls()
        tally.add_rows(parts["extracted"])
        tally.add_aside(parts["set_aside"])
        tally.add_documents(parts["extracted_documents"])
        return tally


def summary(parts: dict[str, pd.DataFrame]) -> str:
    """What a person reads at the end of the stage: documents read, rows proposed, rows set
    aside by reason, regions found (the rows of each, and the documents left unresolved).
    ``parts``: the stage's tables (tables()) or what run_stage returns."""
    t = parts.tally if isinstance(parts, StageTables) else Tally.of(parts)
    lines = [f"{t.documents} document(s) read, {t.rows} row(s) proposed for {len(t.regions)} region(s), "
             f"{t.held} row(s) held back for review, {t.aside - t.held} other figure(s) set aside"]
    if t.reasons:
        lines.append("  set aside: " + "; ".join(f"{n} {why}" for why, n in t.reasons.most_common(6))
                     + (f"; {len(t.reasons) - 6} other reason(s)" if len(t.reasons) > 6 else ""))
    if t.regions:
        shown = ", ".join(f"{name} {n}" for name, n in t.regions.most_common(12))
        lines.append(f"  regions: {shown}" + (f" and {len(t.regions) - 12} more" if len(t.regions) > 12 else ""))
    if t.unresolved:
        lines.append(f"  {t.unresolved} document(s) with no region resolved: name it in a .meta.yml beside the document "
                     "(docs/data_contract.md) or review the held-back rows (notebooks/review.py)")
    return "\n".join(lines)


def run_stage(documents_dir: Path, layout: paths.Layout = paths.DEFAULT, inputs: dict | None = None,
              rows_per_chunk: int | None = None) -> StageTables:
    """Extract every document of ``documents_dir`` and publish the stage, its tables written a
    chunk of ``rows_per_chunk`` rows (ROWS_PER_CHUNK) at a time; see StageTables."""
    from ..inputs import input_files
    from .pipeline import extraction
    from .read import SUPPORTED

    count = len(input_files(documents_dir, tuple(sorted(SUPPORTED)), recursive=True)[0]) if documents_dir.is_dir() else 0
    # a worker process costs about two seconds to start (catalog, registry, OpenCC tables): worth it
    # for a corpus, not for a few documents; the result is the same either way (tests/extract/test_dedupe.py)
    workers = POOL_WORKERS if count >= POOL_MIN_DOCUMENTS else 1
    with store.publish("extract", inputs=inputs, layout=layout) as out:
        if documents_dir.is_dir() and any(documents_dir.iterdir()):
            with extraction([documents_dir], workers=workers) as done:
                return write_streamed(done, layout.root, out, rows_per_chunk)
        parts = empty_tables()
        for name, frame in parts.items():
            out.write(name, frame)
    made = StageTables((name, parts[name]) for name in ("extracted_documents", "extracted_sources", "pseudo_regions"))
    made["set_aside"], made.tally = parts["set_aside"], Tally.of(parts)
    return made


def write_streamed(done, root: Path, out: store.StageWriter, rows_per_chunk: int | None = None) -> StageTables:
    """The tables of ``done`` (a pipeline.Extraction) written into ``out`` a chunk at a time,
    equal read back to tables() of its ExtractionResult written whole: the same rows in the
    same order (set aside: the figures seen, the rows held back, the documents that failed,
    the rows reviewed before), the same dtypes."""
    from .review import curated_keys

    reviewed = curated_keys(paths.Layout(root).raw_observations)
    tally, whole_documents = Tally(), []

    def aside_write(frame: pd.DataFrame) -> None:
        if len(frame):
            written = aside.write(frame)
            tally.add_aside(written)
            whole_documents.append(written[(written["offset"] == 0) & written["quote"].isna()])

    with out.stream("extracted") as extracted, out.stream("set_aside") as aside, \
            PickleSpill() as held, PickleSpill() as repeated:
        aside.write(set_aside_frame(pd.DataFrame()))  # the columns of a set-aside table without rows (tables())
        for number, chunk in enumerate(done.chunks(rows_per_chunk or ROWS_PER_CHUNK)):
            rows, again = _proposed(chunk.table(), root, reviewed)
            if number == 0 or len(rows):  # the first chunk gives a table without rows its columns
                extracted.write(rows)
                tally.add_rows(rows)
            if len(again):
                repeated.keep(again)
            # figures seen, then rows held back, joined as ExtractionResult.skipped joins them
            seen = set_aside_frame(pd.concat([chunk.skipped(), chunk.held()], ignore_index=True))
            seen["document"] = _relatives(seen["document"], root)
            aside_write(seen.iloc[:len(chunk.skipped_rows)])
            if len(seen) > len(chunk.skipped_rows):
                held.keep(seen.iloc[len(chunk.skipped_rows):])
        for frame in held:
            aside_write(frame)
        aside_write(set_aside_frame(_failed(done.errors, done, root)))
        for frame in repeated:
            aside_write(set_aside_frame(frame.reindex(columns=SET_ASIDE_COLUMNS)))
        documents, sources = _documents_and_sources(done, root)
        for name, frame in (("extracted_documents", documents), ("extracted_sources", sources),
                            ("pseudo_regions", done.pseudo_regions)):
            out.write(name, frame)
    tally.add_documents(documents)
    made = StageTables(extracted_documents=documents, extracted_sources=sources, pseudo_regions=done.pseudo_regions)
    made["set_aside"] = pd.concat(whole_documents) if whole_documents else set_aside_frame(pd.DataFrame())
    made.tally = tally
    return made


def empty_tables() -> dict[str, pd.DataFrame]:
    from ..schema import COLUMNS

    return {
        "extracted": pd.DataFrame(columns=[*COLUMNS, "document", "offset", "sentence", "confidence", "reason",
                                           "input_file"]),
        "extracted_documents": pd.DataFrame(columns=["source_id", "document", "title", "date", "region_code"]),
        "extracted_sources": pd.DataFrame(columns=SOURCE_COLUMNS),
        "set_aside": set_aside_frame(pd.DataFrame()),
        "pseudo_regions": pd.DataFrame(columns=["code", "name_zh", "name_en", "level", "parent", "aliases", "pseudo",
                                                "note"]),
    }


def proposed_from_stage(layout: paths.Layout = paths.DEFAULT) -> Proposed | None:
    """The extract stage's rows for cleaning (None when the stage has not run or found nothing)."""
    if not store.manifest("extract", layout):
        return None
    rows = store.read("extracted", layout)
    if rows.empty:
        return None
    return Proposed(rows, store.read("extracted_sources", layout), "extracted documents")


def proposed_from_file(path: Path) -> Proposed:
    """Rows written by ``edueval extract PATH… -o FILE`` (.csv or .parquet) and the registry rows
    of their documents written beside them (``FILE_sources``)."""
    path = Path(path)
    sources_path = path.with_name(path.stem + "_sources" + path.suffix)

    def read(p: Path) -> pd.DataFrame:
        if p.suffix.lower() == ".parquet":
            return pd.read_parquet(p)
        frame = pd.read_csv(p, encoding="utf-8-sig", dtype=str, keep_default_na=False).replace({"": None})
        # cells neutralised for spreadsheets (a leading apostrophe) are read back as written
        return frame.apply(lambda s: s.map(lambda v: v[1:] if isinstance(v, str) and v.startswith("'")
                                            and v[1:2] in store.FORMULA_START else v))

    rows = read(path)
    for col in ("year", "base_year"):
        rows[col] = pd.to_numeric(rows[col], errors="coerce").astype("Int64")
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce").astype("float64")
    sources = read(sources_path) if sources_path.exists() else pd.DataFrame(columns=SOURCE_COLUMNS)
    return Proposed(rows, sources, f"extracted rows in {path.name}")
