"""The ``edueval extract`` command hook."""
from __future__ import annotations

import argparse

import pandas as pd

from edueval.extract import command

GOOD = "2021年，崆峒区九年义务教育巩固率达到97.5%。"


def run(argv):
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    return command.run(parser.parse_args(argv))


def test_csv_output_has_a_bom_and_the_contract_columns(tmp_path, capsys):
    doc = tmp_path / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "rows.csv"
    assert run([str(doc), "-o", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    table = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert table.loc[0, "indicator"] == "compulsory_retention" and table.loc[0, "region_code"] == "620802"
    assert {"offset", "sentence", "confidence", "reason"} <= set(table.columns)
    assert (tmp_path / "rows_sources.csv").exists()


def test_parquet_output_and_region_option(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("2024年，我市教师交流轮岗比例为12%。", encoding="utf-8")
    out = tmp_path / "rows.parquet"
    assert run([str(doc), "-o", str(out), "--region", "X-S002"]) == 0
    assert pd.read_parquet(out).loc[0, "region_code"] == "X-S002"


def test_exit_status_nonzero_only_when_every_input_failed(tmp_path, capsys):
    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_bytes(b"")
    assert run([str(good), str(bad), "-o", str(tmp_path / "o.csv")]) == 0
    assert run([str(bad), "-o", str(tmp_path / "o2.csv")]) == 1
    err = capsys.readouterr().err
    assert err.count("b.txt: empty file") == 2
