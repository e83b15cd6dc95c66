"""benchmarks/bench_unseen.py finds the code each collection first met, judges rows with today's
scorer, and never lists the test part's rows."""
from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from edueval.extract.corpus_scoring import load_documents, load_gold

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("bench_unseen", ROOT / "benchmarks" / "bench_unseen.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False).stdout.strip()


def test_a_documents_collection_is_the_letters_of_its_id():
    assert [bench.collection_of(d) for d in ("d07.txt", "za03.txt", "q1.txt")] == ["d", "za", "q"]
    with pytest.raises(ValueError, match="07.txt"):
        bench.collection_of("07.txt")


def test_the_code_a_collection_met_is_the_parent_of_the_commit_that_added_its_document():
    if _git("rev-parse", "--is-shallow-repository") != "false":
        pytest.skip("a shallow clone has no history to look in")
    doc = "zd01.txt"
    added = _git("log", "--diff-filter=A", "--format=%H", "--", f"tests/extract/corpus/docs/{doc}").split()[-1]
    assert bench.arrival_commit(doc) == _git("rev-parse", f"{added}^")
    # the commit before carries no file of the document yet
    assert _git("cat-file", "-t", f"{bench.arrival_commit(doc)}:tests/extract/corpus/docs/{doc}") == ""
    assert bench.arrival_commit("no-such-document.txt") is None


def test_rows_equal_to_the_gold_are_judged_correct_and_a_changed_value_is_not():
    gold = load_gold(load_documents())
    rows = gold[gold["document"] == "d02.txt"].copy()
    rows["value"] = rows["value"].astype(float)
    rows["year"] = pd.to_numeric(rows["year"], errors="coerce")
    rows["base_year"] = pd.to_numeric(rows["base_year"], errors="coerce")
    rows.loc[rows.index[0], "value"] += 1
    judged, found = bench.judged(rows.reset_index(drop=True), gold[gold["document"] == "d02.txt"])
    assert found == len(rows) - 1
    assert list(judged["correct"]) == [False] + [True] * (len(rows) - 1)


def test_the_rows_of_the_test_part_are_never_written(tmp_path, capsys):
    with pytest.raises(SystemExit):
        bench.main(["--part", "test", "--rows", str(tmp_path / "rows.csv")])
    assert "never shown" in capsys.readouterr().err
    assert not (tmp_path / "rows.csv").exists()
