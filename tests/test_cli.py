"""One command line: every stage answers --help, and the notebook and the command agree."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from edueval import __version__, paths
from edueval.cli import COMMANDS, main

REPO = Path(__file__).resolve().parents[1]


def test_every_stage_is_listed_and_answers_help(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    listing = capsys.readouterr().out
    for stage in COMMANDS:
        assert stage in listing
        with pytest.raises(SystemExit) as done:
            main([stage, "--help"])
        assert done.value.code == 0, stage
        assert "usage: edueval" in capsys.readouterr().out


def test_version():
    out = subprocess.run([sys.executable, "-m", "edueval", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"edueval {__version__}"


def test_bad_input_is_one_line_per_problem_and_a_last_line_that_says_what_to_fix(raw_copy, capsys):
    bad = raw_copy / "observations" / "zz_bad.csv"
    header = (raw_copy / "observations" / "seeds.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    bad.write_text(header + "\n" + "620802,崆峒区,preschool_ger,,2020,930,%,实际,,,,,,seed-004,x,y,,\n", encoding="utf-8")
    root = raw_copy.parents[1]
    assert main(["--root", str(root), "clean"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"{bad}, line 2: value 930 is outside the valid range of preschool_ger [0, 200] %"
    assert err[-1].startswith("edueval clean: 1 problem(s); correct the rows named above in data/raw")
    assert "Traceback" not in "\n".join(err)


def test_many_problems_are_capped_and_listed_in_a_file(raw_copy, capsys):
    header = (raw_copy / "observations" / "seeds.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    rows = [f"620802,崆峒区,preschool_ger,,{1990 + i},930,%,实际,,,,,,seed-004,x,y,," for i in range(40)]
    (raw_copy / "observations" / "zz_bad.csv").write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    root = raw_copy.parents[1]
    assert main(["--root", str(root), "clean"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 21
    listing = root / "build" / "errors" / "clean.txt"
    assert f"20 more listed in {listing}" in err[-1]
    assert len(listing.read_text(encoding="utf-8").splitlines()) == 40


def test_the_notebook_and_the_command_give_the_same_rows(project, tmp_path):
    """`edueval clean --extracted F` and notebooks/01_clean.py run the same stage functions."""
    import jupytext
    import pandas as pd

    root = project.make_root(tmp_path / "p")
    doc = tmp_path / "doc.txt"
    doc.write_text("2021年，崆峒区九年义务教育巩固率达到97.5%，学前三年毛入园率达到95.1%。", encoding="utf-8")
    rows = tmp_path / "rows.csv"
    assert main(["-q", "--root", str(root), "extract", str(doc), "-o", str(rows)]) == 0
    assert main(["-q", "--root", str(root), "clean", "--extracted", str(rows)]) == 0
    from edueval import store

    by_command = store.read("observations", paths.Layout(root))
    notebook = jupytext.read(REPO / "notebooks" / "01_clean.py")
    namespace = {}
    code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    code = code.replace('root = ""', f'root = {str(root)!r}').replace('extracted = ""', f'extracted = {str(rows)!r}')
    exec(compile(code, "01_clean.py", "exec"), namespace)
    by_notebook = namespace["result"].observations
    pd.testing.assert_frame_equal(by_command.reset_index(drop=True), by_notebook.reset_index(drop=True))
    assert (by_notebook["method"] == "extracted").sum() == 2
