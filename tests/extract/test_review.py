"""Reviewing proposals: the queue, the curated table it writes, and no second extraction."""
from __future__ import annotations

from pathlib import Path

import jupytext
import pandas as pd
import pytest

from edueval import paths, store
from edueval.cli import main
from edueval.extract.review import NOT_AGAIN, REVIEWED_FILE, ReviewError, accept, review_queue
from edueval.raw import read_observation_table, read_sources_table

REPO = Path(__file__).resolve().parents[2]
UNRESOLVED = "鼓楼区教育工作总结\n2021年，全区学前三年毛入园率达到98.2%。"
INFERRED = "2021年开封市鼓楼区教育事业发展统计公报\n全区九年义务教育巩固率达到96.5%。"


@pytest.fixture
def root(project, tmp_path) -> Path:
    root = project.make_root(tmp_path / "p")
    documents = root / "data" / "raw" / "documents"
    documents.mkdir(parents=True)
    (documents / "gulou.txt").write_text(UNRESOLVED, encoding="utf-8")
    (documents / "kaifeng.txt").write_text(INFERRED, encoding="utf-8")
    assert main(["-q", "--root", str(root), "extract"]) == 0
    return root


def test_the_queue_shows_held_back_and_inferred_rows_beside_their_sentences(root):
    queue = review_queue(paths.Layout(root)).set_index("indicator")
    assert sorted(queue.index) == ["compulsory_retention", "preschool_ger"]
    held = queue.loc["preschool_ger"]
    assert held["why"].startswith("the document's region is not resolved: ambiguous region name 鼓楼区")
    assert (held["year"], held["value"], held["locator"]) == (2021, 98.2, f"gulou.txt:{UNRESOLVED.index('98.2')}")
    assert "2021年，全区学前三年毛入园率达到98.2%" in held["sentence"]
    inferred = queue.loc["compulsory_retention"]
    assert inferred["why"] == "year inferred" and inferred["region_code"] == "410204"


def test_accepted_rows_become_curated_rows_and_are_not_extracted_again(root):
    layout = paths.Layout(root)
    queue = review_queue(layout)
    held = queue.index[queue["indicator"] == "preschool_ger"][0]
    inferred = queue.index[queue["indicator"] == "compulsory_retention"][0]
    target = accept(queue, {held: {"region_code": "350102"}, inferred: {}}, layout)
    assert target == layout.raw_observations / REVIEWED_FILE
    rows = read_observation_table(target).frame.set_index("indicator")
    assert rows.loc["preschool_ger", ["region_code", "region_name", "year", "value", "method"]].tolist() == [
        "350102", "鼓楼区", 2021, 98.2, "curated"]
    assert rows.loc["preschool_ger", "quote"] == queue.loc[held, "quote"]
    assert rows.loc["preschool_ger", "source_id"] == queue.loc[held, "source_id"]
    assert "corrected region_code" in rows.loc["preschool_ger", "note"]
    assert "accepted as proposed" in rows.loc["compulsory_retention", "note"]
    registered = set(read_sources_table(layout.raw_sources / REVIEWED_FILE)["source_id"])
    assert registered == set(queue["source_id"])

    assert main(["-q", "--root", str(root), "extract"]) == 0  # the reviewed table is a new input
    extracted = store.read("extracted", layout)
    assert "compulsory_retention" not in set(extracted["indicator"])
    aside = store.read("set_aside", layout)
    assert (aside["reason"] == NOT_AGAIN).sum() == 1
    assert review_queue(layout).empty
    assert main(["-q", "--root", str(root), "clean"]) == 0
    obs = store.read("observations", layout)
    mine = obs[obs["source_id"].isin(registered)]
    assert sorted(zip(mine["region_code"], mine["indicator"], mine["method"])) == [
        ("350102", "preschool_ger", "curated"), ("410204", "compulsory_retention", "curated")]


def test_a_correction_that_breaks_the_contract_writes_nothing(root):
    layout = paths.Layout(root)
    queue = review_queue(layout)
    held = queue.index[queue["indicator"] == "preschool_ger"][0]
    with pytest.raises(ReviewError, match="do not read back as a curated table: .*region code"):
        accept(queue, {held: {}}, layout)  # still the pseudo-code of an unresolved region
    with pytest.raises(ReviewError, match="cannot correct colour"):
        accept(queue, {held: {"colour": "red"}}, layout)
    assert not (layout.raw_observations / REVIEWED_FILE).exists()


def test_the_notebook_runs_the_same_functions(root):
    notebook = jupytext.read(REPO / "notebooks" / "review.py")
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    queue = review_queue(paths.Layout(root))
    inferred = int(queue.index[queue["indicator"] == "compulsory_retention"][0])
    code = (code.replace('root = ""', f"root = {str(root)!r}")
            .replace("decisions = {}", f"decisions = {{{inferred}: {{}}}}").replace("write = False", "write = True"))
    namespace: dict = {}
    exec(compile(code, "review.py", "exec"), namespace)
    pd.testing.assert_frame_equal(namespace["queue"], queue)
    written = read_observation_table(root / "data" / "raw" / "observations" / REVIEWED_FILE).frame
    assert written["indicator"].tolist() == ["compulsory_retention"]


def test_the_stage_ends_with_a_summary_a_person_reads(project, tmp_path, capsys):
    root = project.make_root(tmp_path / "p")
    documents = root / "data" / "raw" / "documents"
    documents.mkdir(parents=True)
    (documents / "gulou.txt").write_text(UNRESOLVED, encoding="utf-8")
    (documents / "kaifeng.txt").write_text(INFERRED, encoding="utf-8")
    (documents / "undated.txt").write_text("这是一份没有任何年份的说明，巩固率很高。", encoding="utf-8")
    assert main(["--root", str(root), "extract"]) == 0
    out, err = capsys.readouterr()
    assert "set aside: data/raw/documents/undated.txt: no date or year anywhere in the document" in err
    first, reasons, regions, unresolved = out.strip().splitlines()
    assert first.startswith("edueval extract: 3 document(s) read, 1 row(s) proposed for 1 region(s), "
                            "1 row(s) held back for review")
    assert "1 the document's region is not resolved" in reasons
    assert "1 no date or year anywhere in the document" in reasons
    assert regions.strip() == "regions: 鼓楼区 (410204) 1"
    assert unresolved.strip().startswith("2 document(s) with no region resolved")  # gulou.txt and undated.txt
