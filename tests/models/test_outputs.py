"""Saving, loading, the command hooks, the results objects and the exploration notebook."""
import argparse
from pathlib import Path

import pandas as pd
import pytest
from conftest import NATIONAL_PRESCHOOL, make_obs, obs_row, series_rows

from edueval.models import (
    EvaluationSet,
    backtest_command,
    command,
    evaluate_all,
    evaluate_series,
    load_observations,
)

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
    for table in ("targets", "series", "policy", "curves"):
        pd.testing.assert_frame_equal(getattr(back, table), getattr(ev, table))
    assert back.meta["policies"] == ["fyp14-start", "double-reduction", "preschool-plan-3"]
    assert not list(tmp_path.glob(".*.tmp"))
    back.validate()


def test_load_observations_explains_missing_table(tmp_path):
    with pytest.raises(FileNotFoundError, match="Run `make`"):
        load_observations(tmp_path / "observations.parquet")


def _parser(module):
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return parser


def test_evaluate_command_writes_tables_and_refuses_bad_arguments(tmp_path, capsys):
    obs_path = tmp_path / "obs.parquet"
    kongtong_obs().to_parquet(obs_path)
    parser = _parser(command)
    assert command.run(parser.parse_args(["--observations", str(obs_path), "--out", str(tmp_path / "out")])) == 0
    assert (tmp_path / "out" / "evaluation_targets.parquet").is_file()
    assert command.run(parser.parse_args(["--observations", str(tmp_path / "none.parquet")])) == 1
    capsys.readouterr()
    assert command.run(parser.parse_args(["--observations", str(obs_path), "--policy-year", "20221"])) == 2
    err = capsys.readouterr().err.strip()
    assert err == "edueval evaluate: --policy-year 20221 is not a year between 1949 and 2100"
    assert command.run(parser.parse_args(["--observations", str(obs_path), "--alpha", "0.7"])) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_evaluate_command_reads_a_published_table_and_refuses_a_broken_one_in_one_line(tmp_path, capsys):
    obs = kongtong_obs()
    published = tmp_path / "published.parquet"
    obs.assign(input_file="data/raw/observations/x.csv").to_parquet(published)  # as cleaning publishes it
    parser = _parser(command)
    assert command.run(parser.parse_args(["--observations", str(published), "--out", str(tmp_path / "a")])) == 0
    broken = tmp_path / "broken.parquet"
    obs.assign(kind=obs["kind"].where(obs.index != 3, "guess")).to_parquet(broken)
    capsys.readouterr()
    assert command.run(parser.parse_args(["--observations", str(broken), "--out", str(tmp_path / "b")])) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("edueval evaluate: the observation table does not meet")
    assert "row 3: kind fails" in err and "'guess'" in err


def test_evaluate_command_with_one_policy_year(tmp_path):
    obs_path = tmp_path / "obs.parquet"
    kongtong_obs().to_parquet(obs_path)
    args = _parser(command).parse_args(["--observations", str(obs_path), "--out", str(tmp_path), "--policy-year",
                                        "2018"])
    assert command.run(args) == 0
    assert set(EvaluationSet.load(tmp_path).policy["policy_id"]) == {"preschool-plan-3"}


def test_backtest_command_prints_scores_and_refuses_bad_arguments(tmp_path, capsys):
    obs_path = tmp_path / "obs.parquet"
    kongtong_obs().to_parquet(obs_path)
    parser = _parser(backtest_command)
    assert backtest_command.run(parser.parse_args(["--observations", str(obs_path), "--out", str(tmp_path),
                                                   "--methods", "drift_recent", "line_all"])) == 0
    out = capsys.readouterr().out
    assert "drift_recent" in out and "Brier" in out and (tmp_path / "backtest_summary.parquet").is_file()
    assert backtest_command.run(parser.parse_args(["--observations", str(obs_path), "--horizon", "40"])) == 2
    assert "--horizon 40 is not between 1 and 10" in capsys.readouterr().err
    assert backtest_command.run(parser.parse_args(["--observations", str(obs_path), "--methods", "ets"])) == 2


def test_series_evaluation_summary_and_escaped_html():
    one = evaluate_series(kongtong_obs(), "620802", "preschool_ger")
    text = one.summary()
    assert "rule: drift_interval_policy" in text and "95% prediction interval" in text
    assert "Descriptive only" in text and "autocorrelation:" in text
    assert one.trend_result is not None and set(one.segmented_result) == {"fyp14-start", "preschool-plan-3"}
    models = one.candidate_models()
    assert models["chosen"].sum() == 1 and models.loc[models["chosen"], "method"].item() == "drift_recent"
    assert {"segmented", "line_all", "local_linear_trend"} <= set(models["method"])
    html = one._repr_html_()
    assert "<table" in html and "<script>" not in html and "&lt;script&gt;" in html
    assert list(one.to_frame()["scope"]) == ["local", "national"]


def test_regions_by_name_and_clear_errors_for_unknown_codes():
    obs = kongtong_obs()
    ev = evaluate_all(obs)
    assert ev.region("崆峒区").targets["region_code"].unique().tolist() == ["620802"]
    assert len(ev.region("620802").to_frame()) == 2
    with pytest.raises(KeyError, match="620803"):
        ev.region("620803")
    assert evaluate_series(obs, "崆峒区", "preschool_ger").region_code == "620802"
    with pytest.raises(KeyError, match="did you mean preschool_ger"):
        evaluate_series(obs, "620802", "preschool_gre")
    with pytest.raises(KeyError, match="unknown region 'Atlantis'"):
        evaluate_series(obs, "Atlantis", "preschool_ger")
    text = repr(ev)
    assert text.startswith("EvaluationSet(targets=") and "status:" in text and "drift_recent" in text


def _moved(obs: pd.DataFrame, code: str, name: str) -> pd.DataFrame:
    """The county series of kongtong_obs, as if it were another region's."""
    county = obs[obs["region_code"] == "620802"]
    return county.assign(region_code=code, region_name=name)


def test_a_region_by_any_name_and_a_shared_name_only_where_the_data_decide():
    obs = kongtong_obs()
    ev = evaluate_all(obs)
    for typed in ("Kongtong District", "kongtong district", " 崆峒区 ", "620802"):
        assert ev.region(typed).series["region_code"].tolist() == ["620802"], typed
    with pytest.raises(KeyError, match=r"did you mean 620802 崆峒区"):
        ev.region("崆洞区")  # one character off
    with pytest.raises(KeyError, match=r"'平凉市' \(620800 平凉市 in 甘肃省\) is not in this evaluation"):
        ev.region("平凉市")
    # 鼓楼区 names four districts: with one of them in the data it is that one
    nanjing = pd.concat([obs, _moved(obs, "320106", "鼓楼区")], ignore_index=True)
    assert evaluate_all(nanjing).region("鼓楼区").series["region_code"].tolist() == ["320106"]
    assert evaluate_series(nanjing, "鼓楼区", "preschool_ger").region_code == "320106"
    # with two of them the error lists both, with their cities, and asks for the code
    two = pd.concat([nanjing, _moved(obs, "350102", "鼓楼区")], ignore_index=True)
    with pytest.raises(KeyError, match=r"names 2 regions of this evaluation: 320106 鼓楼区 in 南京市, "
                                       r"350102 鼓楼区 in 福州市; give the code"):
        evaluate_all(two).region("鼓楼区")
    with pytest.raises(KeyError, match="names 2 regions of the observations"):
        evaluate_series(two, "鼓楼区", "preschool_ger")


@pytest.mark.slow
def test_exploration_notebook_runs(project, tmp_path):
    """The notebook opens on the nation's retention rate and runs every method, from the published table."""
    import jupytext
    import nbformat

    from edueval.report.render import WarmKernel, execute

    root = project.make_root(tmp_path / "root")
    project.publish_stages(root, stages=("extract", "balance", "clean"))
    notebook = tmp_path / "explore.ipynb"
    nbformat.write(jupytext.read(ROOT / "notebooks" / "explore_evaluation.py"), notebook)
    with WarmKernel(root) as kernel:
        nb = execute(notebook, {"root": str(root)}, tmp_path / "out.ipynb", cwd=root, kernel=kernel)
    text = "\n".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
                     for c in nb.cells for o in c.get("outputs", []))
    assert "compulsory_retention" in text and "drift_recent" in text and "Traceback" not in text
