"""Saving, loading, the command hook, the results objects and the exploration notebook."""
import argparse
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import NATIONAL_PRESCHOOL, make_obs, obs_row, series_rows

from edueval.models import EvaluationSet, evaluate_all, evaluate_series, load_observations
from edueval.models import command

ROOT = Path(__file__).resolve().parents[2]


def kongtong_obs():
    years = list(range(2012, 2024))
    values = [60 + 2.5 * i + (0.6 if i % 3 == 0 else -0.4) for i in range(len(years))]
    rows = series_rows("620802", "preschool_ger", years, values)
    rows += series_rows("000000", "preschool_ger", NATIONAL_PRESCHOOL.keys(), NATIONAL_PRESCHOOL.values())
    rows += [obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">="),
             obs_row("620802", "preschool_ger", 2025, 95.0, kind="target", qualifier=">=",
                     source_id="<script>alert(1)</script>")]
    return make_obs(rows)


def test_save_and_load_round_trip(tmp_path):
    ev = evaluate_all(kongtong_obs())
    written = ev.save(tmp_path)
    assert {p.name for p in written} >= {f"evaluation_{t}.parquet" for t in ("targets", "series", "policy", "curves")}
    back = EvaluationSet.load(tmp_path)
    pd.testing.assert_frame_equal(back.targets, ev.targets)
    assert back.meta["policy_year"] == 2021
    assert not list(tmp_path.glob(".*.tmp"))


def test_load_observations_explains_missing_table(tmp_path):
    with pytest.raises(FileNotFoundError, match="Run `make`"):
        load_observations(tmp_path / "observations.parquet")


def test_command_hook_writes_tables(tmp_path):
    obs_path = tmp_path / "obs.parquet"
    kongtong_obs().to_parquet(obs_path)
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    assert command.run(parser.parse_args(["--observations", str(obs_path), "--out", str(tmp_path / "out")])) == 0
    assert (tmp_path / "out" / "evaluation_targets.parquet").is_file()
    assert command.run(parser.parse_args(["--observations", str(tmp_path / "none.parquet")])) == 1


def test_series_evaluation_summary_and_escaped_html():
    one = evaluate_series(kongtong_obs(), "620802", "preschool_ger")
    text = one.summary()
    assert "rule: ols_interval_policy" in text and "prediction interval 95%" in text
    assert "Descriptive only" in text
    assert one.trend_result is not None and one.segmented_result is not None
    models = one.candidate_models()
    assert models["chosen"].sum() == 1 and "segmented at 2021" in set(models["model"])
    html = one._repr_html_()
    assert "<table" in html and "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.slow
def test_exploration_notebook_runs(tmp_path):
    root = tmp_path / "root"
    (root / "data" / "processed").mkdir(parents=True)
    (root / "data" / "raw").mkdir()
    kongtong_obs().to_parquet(root / "data" / "processed" / "observations.parquet")
    notebook = tmp_path / "explore.ipynb"
    subprocess.run([sys.executable, "-m", "jupytext", "--to", "ipynb", "-o", str(notebook),
                    str(ROOT / "notebooks" / "explore_evaluation.py")], check=True, capture_output=True)
    import papermill
    env_before = os.environ.get("EDUEVAL_ROOT")
    os.environ["EDUEVAL_ROOT"] = str(root)
    try:
        papermill.execute_notebook(str(notebook), str(tmp_path / "out.ipynb"), kernel_name="edueval",
                                   cwd=str(tmp_path), progress_bar=False)
    finally:
        if env_before is None:
            os.environ.pop("EDUEVAL_ROOT")
        else:
            os.environ["EDUEVAL_ROOT"] = env_before
