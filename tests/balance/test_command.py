"""The `edueval balance` command hook."""
from __future__ import annotations

import argparse

import pandas as pd
import pytest

from edueval.balance import command, evaluate, read_schools


def run(argv):
    parser = argparse.ArgumentParser(prog="edueval balance")
    command.add_arguments(parser)
    return command.run(parser.parse_args(argv))


def test_writes_outputs(tmp_path, example_path, capsys):
    out = tmp_path / "out"
    assert run([str(example_path), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "X-EXAMPLE 2023 小学: 6 schools; 6/7 coefficients within the ceiling" in printed
    coef = pd.read_csv(out / "coefficients.csv")
    expected = evaluate(read_schools(example_path)).coefficients
    assert coef["cv"].to_numpy() == pytest.approx(expected["cv"].to_numpy())
    failing = pd.read_csv(out / "failing_schools.csv")
    assert len(failing) == 11
    assert len(pd.read_csv(out / "schools.csv")) == 18
    assert not (out / "observations.csv").exists()


def test_observations_with_source(tmp_path, example_path, example_registry):
    out = tmp_path / "out"
    assert run([str(example_path), "-o", str(out), "--source", "example-schools"]) == 0
    obs = pd.read_csv(out / "observations.csv")
    assert len(obs) == 32 and set(obs["source_id"]) == {"example-schools"}


def test_invalid_data_exits_1_listing_every_problem(tmp_path, example_path, capsys):
    text = example_path.read_text(encoding="utf-8").splitlines()
    text[2] = text[2].replace(",小学,", ",幼儿园,")
    text[5] = text[5].replace(",260,", ",-260,")
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert run([str(bad)]) == 1
    err = capsys.readouterr().err
    assert "2 problem(s)" in err
    assert "bad.csv: row 3: 学校类型: unknown school type '幼儿园'" in err
    assert "bad.csv: row 6: 教学及辅助用房面积: negative value -260" in err


def test_missing_file_exits_2(tmp_path, capsys):
    assert run([str(tmp_path / "none.csv")]) == 2
    assert "not found" in capsys.readouterr().err


def test_unregistered_county_with_source_exits_1(tmp_path, example_path, capsys):
    text = example_path.read_text(encoding="utf-8").replace("X-EXAMPLE", "X-NOT-REGISTERED")
    f = tmp_path / "s.csv"
    f.write_text(text, encoding="utf-8")
    assert run([str(f), "--source", "s"]) == 1
    assert "X-NOT-REGISTERED" in capsys.readouterr().err


def test_template_has_no_schools(capsys):
    from pathlib import Path

    template = Path(__file__).resolve().parents[2] / "data" / "examples" / "schools_template.csv"
    assert run([str(template)]) == 0
    assert capsys.readouterr().out.strip() == "no schools"
