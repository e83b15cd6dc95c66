"""The rows spilled to a temporary file come back all, in their order, and the tables made from
them a chunk at a time are those made at once."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from edueval.extract import dedupe, document_rows, extract_paths, pipeline
from edueval.extract.document_rows import RowSpill

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_extract import generate  # noqa: E402


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Bulletin-like documents, one in ten a masked mirror of another (near-duplicates to drop)."""
    path = tmp_path_factory.mktemp("spill")
    first = generate(path, 30, 0.25)[0]
    # the generator's mirrors depend on its draws from the corpus (they change as the corpus grows):
    # one masked mirror is made here, so that there is always a near-duplicate to drop
    text = first.read_text(encoding="utf-8")
    (path / "doc_99999.txt").write_text("".join("*" if c.isdigit() and i % 3 == 0 else c
                                                for i, c in enumerate(text)), encoding="utf-8")
    return path


def _parts(folder: Path) -> list:
    """Each document's rows as the workers make them, before any spill (in file order)."""
    files = sorted(folder.iterdir())
    return [pipeline._read_and_extract((f, None, pipeline.MAX_BYTES, False)) for f in files]


def test_the_spill_gives_back_every_row_in_order(folder):
    parts = _parts(folder)
    expected = [(list(p.entries), list(p.skipped)) for p in parts]
    assert sum(len(e) for e, _ in expected) > 100 and sum(len(s) for _, s in expected) > 0
    spill = RowSpill()
    for part in parts:
        spill.keep(part)
        assert part.entries is None and part.skipped is None  # no longer in memory
    try:
        assert [spill.rows(p) for p in reversed(parts)][::-1] == expected  # read back in any order
        # a document with rows of two passages or more (which one depends on the generator's draws from the
        # corpus): its first passage's rows dropped
        k = next(i for i, (e, _) in enumerate(expected) if len({x[3] for x in e}) > 1)
        shared = parts[k]
        first = expected[k][0][0][3]
        shared.shared = frozenset({first})
        entries, _ = spill.rows(shared)
        assert entries == [e for e in expected[k][0] if e[3] != first] and 0 < len(entries) < len(expected[k][0])
    finally:
        spill.close()


def test_the_tables_are_the_rows_of_the_documents_in_order(folder):
    parts = _parts(folder)
    rows = [e[0] for p in parts for e in p.entries if e[2] is None]
    provenance = [e[1] for p in parts for e in p.entries if e[2] is None]
    held = [e[2] for p in parts for e in p.entries if e[2] is not None]
    skipped = [s for p in parts for s in p.skipped]
    result = extract_paths([folder], drop_near_duplicates=False)
    fields = list(document_rows.ROW_FIELDS)
    assert len(result.observations) == len(rows) > 100
    made = result.observations[fields].astype(object).where(result.observations[fields].notna(), None)
    assert [tuple(r) for r in made.itertuples(index=False)] == [
        tuple("" if v is None and f not in ("year", "base_year", "value") else v for f, v in zip(fields, r))
        for r in rows]
    assert list(result.provenance["offset"]) == [p[2] for p in provenance]
    assert list(result.provenance["sentence"]) == [p[3] for p in provenance]
    aside = result.skipped
    assert list(aside["quote"]) == [s["quote"] for s in skipped] + [h["quote"] for h in held]
    assert list(aside["offset"]) == [s["offset"] for s in skipped] + [h["offset"] for h in held]


def test_tables_made_in_many_chunks_and_index_ranges_are_the_same_byte_for_byte(folder, monkeypatch):
    whole = extract_paths([folder])
    assert len(whole.duplicates) > 0 and len(whole.observations) > 3 * 7
    monkeypatch.setattr(document_rows, "ROWS_PER_FRAME", 7)  # every table made of many frames
    monkeypatch.setattr(dedupe, "PAIRS_PER_PART", 500)  # the near-duplicate index in many ranges
    monkeypatch.setattr(dedupe, "COUNTERS_PER_BLOCK", 100)  # and its counters in blocks of a few documents
    chunked = extract_paths([folder])
    for name in ("observations", "provenance", "documents", "skipped", "duplicates", "pseudo_regions"):
        a, b = getattr(whole, name), getattr(chunked, name)
        assert list(a.dtypes) == list(b.dtypes), name
        assert a.to_csv() == b.to_csv(), name
    assert whole.table().to_csv() == chunked.table().to_csv()
