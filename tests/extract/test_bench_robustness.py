"""The perturbations of benchmarks/bench_robustness.py change only what they say they change,
and the benchmark refuses the test part."""
from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("bench_robustness", ROOT / "benchmarks" / "bench_robustness.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

TEXT = ("2021年，全县共有幼儿园40所，在园幼儿9000人，学前三年毛入园率达到91.5%，比上年提高2.1个百分点，"
        "九年义务教育巩固率达到96.8%。\n学段 学校数 在校生\n小学 40 9000\n")


def test_a_wrapped_copy_differs_only_in_line_breaks_and_leaves_table_rows_whole():
    copy = bench.wrapped(TEXT, random.Random(1))
    assert copy.replace("\n", "") == TEXT.replace("\n", "")
    assert copy.count("\n") > TEXT.count("\n") and copy.endswith("学段 学校数 在校生\n小学 40 9000\n")


def test_a_spaced_copy_adds_spaces_inside_prose_lines_only():
    copy = bench.spaced(TEXT, random.Random(1))
    first, rest = copy.split("\n", 1)
    assert first.replace(" ", "") == TEXT.split("\n", 1)[0] and " " in first
    assert rest == TEXT.split("\n", 1)[1]


def test_spam_goes_after_sentence_ends_and_the_rest_is_kept():
    copy = bench.spam(TEXT * 5, random.Random(3))
    for phrase in bench.SPAM:
        copy = copy.replace(phrase, "")
    assert copy == TEXT * 5


def test_the_other_copies_change_characters_not_figures():
    assert bench.fullwidth("91.5%", random.Random(0)) == "９１．５％"
    assert bench.traditional("学前教育", random.Random(0)) == "學前教育"
    assert bench.romanised("学" * 200, random.Random(0)).count("(xué)") > 0


def test_a_development_document_is_measured_and_the_test_part_refused(capsys):
    documents = bench.load_documents()
    dev = sorted(documents.loc[documents["split"] == "dev", "doc"])[:1]
    test = sorted(documents.loc[documents["split"] == "test", "doc"])[:1]
    assert bench.main(["--kinds", "traditional", "--docs", *dev]) == 0
    assert "traditional" in capsys.readouterr().out
    assert bench.main(["--kinds", "traditional", "--docs", *test]) == 2
    assert "never perturbed" in capsys.readouterr().err


@pytest.mark.parametrize("kind", sorted(bench.PERTURBATIONS))
def test_each_perturbation_is_repeatable(kind):
    perturb = bench.PERTURBATIONS[kind]
    assert perturb(TEXT, random.Random("a01.txt")) == perturb(TEXT, random.Random("a01.txt"))
