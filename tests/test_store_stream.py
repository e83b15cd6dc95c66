"""A table written a chunk at a time (store.StageWriter.stream) reads back as the table written
whole, keeps the stage's publish atomic, and names a failing row by its row in the whole table."""
from __future__ import annotations

import pandas as pd
import pandera.errors
import pyarrow.parquet as pq
import pytest

from edueval import paths, store
from edueval.extract.held import set_aside_frame

FIGURES = pd.DataFrame({"document": ["a.txt", "b.txt", "c.txt", "d.txt"], "offset": [1, 2, 3, 4],
                        "quote": ["x", None, "z", "=1+1"], "reason": ["no year", "no year", "a stock of a subset", "r"]})
HELD = pd.DataFrame([{"document": "e.txt", "offset": 5, "quote": "q", "reason": "the document's region is not resolved",
                      "source_id": "doc-e", "region_code": "X-1", "region_name": "某县", "indicator": "primary_students",
                      "school_level": "primary", "year": 2020, "value": None, "unit": "persons", "kind": "level",
                      "qualifier": "=", "base_year": None, "applies_to": None, "status": "reported",
                      "sentence": "全县小学在校生***人。", "confidence": 0.5}])


def _whole_and_streamed(tmp_path, chunks: list[pd.DataFrame]):
    whole, streamed = tmp_path / "whole", tmp_path / "streamed"
    whole.mkdir(), streamed.mkdir()
    store.StageWriter("extract", whole).write("set_aside", set_aside_frame(pd.concat(chunks, ignore_index=True)))
    writer = store.StageWriter("extract", streamed)
    with writer.stream("set_aside") as stream:
        for chunk in chunks:
            stream.write(set_aside_frame(chunk))
    return whole, streamed, writer


@pytest.mark.parametrize("rows_per_group", [1, 2, 1000])
def test_chunks_read_back_as_the_table_written_whole(tmp_path, monkeypatch, rows_per_group):
    # the held-back row's columns have no value in the first chunks: they take its types then
    monkeypatch.setattr(store, "ROWS_PER_GROUP", rows_per_group)
    chunks = [FIGURES.iloc[:1], FIGURES.iloc[1:2], FIGURES.iloc[2:], HELD]
    whole, streamed, writer = _whole_and_streamed(tmp_path, chunks)
    a, b = pd.read_parquet(whole / "set_aside.parquet"), pd.read_parquet(streamed / "set_aside.parquet")
    pd.testing.assert_frame_equal(a, b)
    assert b["applies_to"].dtype == object and b["sentence"].notna().sum() == 1  # empty throughout / one value
    assert (whole / "set_aside.csv").read_bytes() == (streamed / "set_aside.csv").read_bytes()
    assert "'=1+1" in (streamed / "set_aside.csv").read_text(encoding="utf-8-sig")  # spreadsheet-safe
    groups = pq.ParquetFile(streamed / "set_aside.parquet").num_row_groups
    assert groups == {1: 4, 2: 3, 1000: 1}[rows_per_group]  # chunks kept until a group has enough rows
    assert writer.tables["set_aside"]["rows"] == 5


def test_one_row_group_is_the_bytes_write_writes(tmp_path):
    whole, streamed, writer = _whole_and_streamed(tmp_path, [FIGURES])
    assert (whole / "set_aside.parquet").read_bytes() == (streamed / "set_aside.parquet").read_bytes()
    assert writer.tables["set_aside"]["sha256"] == store._sha256(whole / "set_aside.parquet")


def test_a_table_without_rows_has_the_columns_of_its_first_chunk(tmp_path):
    whole, streamed, _ = _whole_and_streamed(tmp_path, [FIGURES.iloc[:0]])
    pd.testing.assert_frame_equal(pd.read_parquet(whole / "set_aside.parquet"),
                                  pd.read_parquet(streamed / "set_aside.parquet"))
    writer = store.StageWriter("extract", tmp_path)
    with pytest.raises(ValueError, match="no chunk was written"):
        with writer.stream("set_aside"):
            pass


def test_a_failing_row_is_named_by_its_row_in_the_whole_table(tmp_path):
    writer = store.StageWriter("extract", tmp_path)
    bad = FIGURES.assign(reason=["r", "r", "", "r"])  # a set-aside figure needs its reason
    with pytest.raises(pandera.errors.SchemaErrors) as failed:
        with writer.stream("set_aside") as stream:
            stream.write(set_aside_frame(FIGURES))
            stream.write(set_aside_frame(bad))
    cases = failed.value.failure_cases
    assert list(cases.loc[cases["column"] == "reason", "index"]) == [6]  # 4 rows before it, its third row
    assert "set_aside" not in writer.tables


def test_a_stage_that_fails_while_streaming_publishes_nothing(tmp_path):
    layout = paths.Layout(tmp_path)
    with store.publish("extract", layout=layout) as out:
        out.write("set_aside", set_aside_frame(FIGURES))
    before = store.manifest("extract", layout)
    with pytest.raises(RuntimeError, match="killed"):
        with store.publish("extract", layout=layout) as out:
            with out.stream("set_aside") as stream:
                stream.write(set_aside_frame(HELD))
                raise RuntimeError("killed while writing")
    assert store.manifest("extract", layout) == before
    pd.testing.assert_frame_equal(store.read("set_aside", layout), pd.read_parquet(
        store.table_path("set_aside", layout)))
    assert len(store.read("set_aside", layout)) == len(FIGURES)
    assert [p.name for p in layout.stage("extract").parent.iterdir() if "tmp" in p.name] == []
