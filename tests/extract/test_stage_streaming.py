"""The extract stage writes its tables a chunk at a time straight from the spill: read back, they
are the tables of extract_paths made whole and written whole (as the stage wrote them before),
whatever the chunk size, with the summary counted per chunk the one of the whole tables."""
from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from edueval import paths, store
from edueval.extract import extract_paths
from edueval.extract.stage import run_stage, summary, tables

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_extract import generate  # noqa: E402

CORPUS = Path(__file__).parent / "corpus" / "docs"
EXTRACT_TABLES = [name for name, table in store.TABLES.items() if table.stage == "extract"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Bulletin-like documents (one in ten a masked mirror), one whose region no text names (its
    rows held back), one without a date and one that cannot be read (set aside whole)."""
    path = tmp_path_factory.mktemp("streaming")
    generate(path, 40, 0.3)
    (path / "unnamed.txt").write_text("本地区2020年教育事业发展统计公报\n发布时间：2021-03-01\n"
                                      "2020年全区共有小学12所，在校生8350人。\n", encoding="utf-8")
    (path / "undated.txt").write_text("学校基本情况\n全县共有小学12所，在校生8350人。\n", encoding="utf-8")
    (path / "broken.docx").write_bytes(b"not a docx at all")
    return path


def _reviewed(root: Path, rows: pd.DataFrame) -> None:
    """A reviewed table naming ``rows`` (source, place, quote): they are set aside, not proposed."""
    folder = paths.Layout(root).raw_observations
    folder.mkdir(parents=True)
    pd.DataFrame({"来源": rows["source_id"], "位置": rows["locator"], "原文": rows["quote"]}).to_csv(
        folder / "reviewed.csv", index=False, encoding="utf-8-sig")


def _written_whole(documents: Path, root: Path) -> dict:
    """The stage as it was: extract_paths' frames, tables() of them, each written whole."""
    parts = tables(extract_paths([documents]), root)
    with store.publish("extract", layout=paths.Layout(root)) as out:
        for name, frame in parts.items():
            out.write(name, frame)
    return parts


def _assert_same_tables(a: paths.Layout, b: paths.Layout) -> None:
    for name in EXTRACT_TABLES:
        pd.testing.assert_frame_equal(store.read(name, a), store.read(name, b), obj=name)
        csv = store.table_path(name, a).with_suffix(".csv")
        if csv.exists():
            assert csv.read_bytes() == store.table_path(name, b).with_suffix(".csv").read_bytes(), name


def test_many_chunks_read_back_as_the_tables_written_whole(folder, tmp_path, monkeypatch):
    proposed = extract_paths([folder]).table()
    assert len(proposed) > 200
    whole_root, one_root, many_root = tmp_path / "whole", tmp_path / "one", tmp_path / "many"
    for root in (whole_root, one_root, many_root):
        _reviewed(root, proposed.iloc[[3, 40, 41, 150]])
    whole = _written_whole(folder, whole_root)
    aside = whole["set_aside"]
    sections = {"held": aside["reason"].str.startswith("the document's region is not resolved"),
                "whole documents": (aside["offset"] == 0) & aside["quote"].isna(),
                "reviewed": aside["reason"].str.startswith("already curated")}
    assert int(sections["reviewed"].sum()) == 4
    # held for review: the unnamed document's two figures (and those of any generated document whose
    # place name the registry finds ambiguous; the generator draws on the vocabulary, so their number moves)
    held = aside.loc[sections["held"], "document"].map(lambda d: Path(d).name)
    assert (held == "unnamed.txt").sum() == 2
    # set aside whole: the unreadable file, the undated one, and generated ones whose every year is masked
    whole_documents = aside[sections["whole documents"]]
    assert {"broken.docx", "undated.txt"} <= {Path(d).name for d in whole_documents["document"]}
    assert whole_documents["reason"].str.contains("not a readable|no date or year anywhere").all()

    one = run_stage(folder, paths.Layout(one_root))
    monkeypatch.setattr(store, "ROWS_PER_GROUP", 5)
    many = run_stage(folder, paths.Layout(many_root), rows_per_chunk=7)
    whole_layout, one_layout, many_layout = (paths.Layout(r) for r in (whole_root, one_root, many_root))
    _assert_same_tables(whole_layout, one_layout)
    _assert_same_tables(whole_layout, many_layout)
    assert pq.ParquetFile(store.table_path("extracted", many_layout)).num_row_groups > 20
    assert pq.ParquetFile(store.table_path("set_aside", many_layout)).num_row_groups > 10
    # one row group: the same bytes, so the same digest in the manifest
    digests = [store.manifest("extract", layout)["tables"]["extracted"]["sha256"] for layout in (whole_layout, one_layout)]
    assert digests[0] == digests[1]
    assert summary(one) == summary(many) == summary(whole)
    for made in (one, many):
        printed = made["set_aside"]  # the rows edueval extract prints, one a document that failed or has no date
        expected = aside[sections["whole documents"]]
        assert list(zip(printed["document"], printed["reason"])) == list(zip(expected["document"], expected["reason"]))
        assert printed["quote"].isna().all() and list(printed.columns) == list(expected.columns)
        for name in ("extracted_documents", "extracted_sources", "pseudo_regions"):
            pd.testing.assert_frame_equal(made[name], whole[name])


def test_a_stage_with_no_row_reads_back_as_written_whole(tmp_path):
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "broken.docx").write_bytes(b"not a docx at all")
    (documents / "undated.txt").write_text("学校基本情况\n", encoding="utf-8")
    whole = _written_whole(documents, tmp_path / "whole")
    made = run_stage(documents, paths.Layout(tmp_path / "streamed"))
    _assert_same_tables(paths.Layout(tmp_path / "whole"), paths.Layout(tmp_path / "streamed"))
    assert store.manifest("extract", paths.Layout(tmp_path / "streamed"))["tables"]["extracted"]["rows"] == 0
    assert summary(made) == summary(whole) and len(made["set_aside"]) == 2


def test_the_test_corpus_streamed_in_chunks_reads_back_as_written_whole(tmp_path, monkeypatch):
    _written_whole(CORPUS, tmp_path / "whole")
    monkeypatch.setattr(store, "ROWS_PER_GROUP", 50)
    run_stage(CORPUS, paths.Layout(tmp_path / "streamed"), rows_per_chunk=40)
    _assert_same_tables(paths.Layout(tmp_path / "whole"), paths.Layout(tmp_path / "streamed"))
