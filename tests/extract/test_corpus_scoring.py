"""The corpus scorer: gold regions resolve, the split is the one documented, the test part stays unseen."""
import random
import subprocess
import sys

import pandas as pd

from edueval.extract.corpus_scoring import PartScore, load_documents, load_gold
from edueval.extract.scoring import ANY, score

# Each collection was split once, on its own, with its own seed (corpus/README.md).
COLLECTIONS = {"abc": (20261202, 43, 22), "d": (20261203, 16, 8), "e": (20261204, 10, 5),
               "f": (20261205, 10, 5), "g": (20261206, 8, 4), "h": (20261207, 3, 1),
               "j": (20261209, 10, 5), "i": (20261208, 8, 4),
               "k": (20261210, 9, 4), "l": (20261211, 10, 5),
               "m": (20261212, 6, 3), "n": (20261213, 6, 3), "o": (20261214, 7, 4),
               "p": (20261215, 8, 4),
               "q": (20261216, 6, 3), "r": (20261217, 6, 3),
               "s": (20261218, 7, 4), "t": (20261219, 8, 4),
               "u": (20261220, 6, 3),
               "x": (20261223, 6, 3), "y": (20261224, 7, 3), "z": (20261225, 5, 2),
               "v": (20261226, 7, 3), "w": (20261227, 7, 4),
               "za": (20261228, 6, 3), "zb": (20261229, 7, 3),
               "zc": (20261230, 3, 2), "zd": (20261231, 6, 3), "ze": (20261232, 5, 2),
               "zf": (20261233, 6, 3), "zg": (20261234, 5, 3),
               "zh": (20261235, 5, 3), "zj": (20261237, 6, 3),
               "zk": (20261238, 5, 2),
               "zi": (20261236, 8, 4), "zn": (20261241, 7, 4), "zo": (20261242, 7, 3),
               "zm": (20261240, 6, 3), "zl": (20261239, 6, 3),
               "zp": (20261243, 6, 3),
               "zq": (20261244, 6, 3),
               "zr": (20261245, 7, 3),
               "zs": (20261246, 7, 3),
               "zt": (20261247, 7, 3),
               "zu": (20261248, 6, 3),
               "zv": (20261249, 7, 4),
               "zx": (20261251, 7, 3),
               "zy": (20261252, 7, 4),
               "zw": (20261250, 7, 3),
               "yb": (20261255, 6, 3),
               "zz": (20261253, 5, 3),
               "ya": (20261254, 4, 2),
               "yc": (20261256, 5, 2),
               "yd": (20261257, 4, 2),
               "yf": (20261259, 5, 3),
               "ye": (20261258, 5, 3),
               "yg": (20261260, 4, 2)}


def test_split_is_the_documented_random_one():
    documents = load_documents()
    # a document's collection is the letters of its id (d07 → d, za03 → za); a, b and c are one
    letters = documents["doc"].str.extract(r"^([a-z]+)", expand=False)
    collection = letters.map(lambda name: "abc" if name in ("a", "b", "c") else name)
    assert set(collection) == set(COLLECTIONS)
    for name, (seed, dev, test) in COLLECTIONS.items():
        part = documents[collection == name]
        ids = sorted(part["doc"])
        random.Random(seed).shuffle(ids)
        expected_test = set(ids[: round(len(ids) / 3)])
        assert set(part.loc[part["split"] == "test", "doc"]) == expected_test, name
        assert (part["split"] == "dev").sum() == dev and len(expected_test) == test, name


def test_every_gold_region_resolves_to_one_code():
    gold = load_gold(load_documents())
    assert gold["region_code"].str.fullmatch(r"\d{6}").all()
    assert set(gold.loc[gold["document"] == "a02.txt", "region_code"]) == {"110102"}  # 西城区, 北京市


def test_unannotated_fields_are_not_compared():
    gold = pd.DataFrame([{"document": "d", "region_code": "110102", "indicator": "preschool_ger",
                          "school_level": "all", "year": "2021", "kind": "actual", "value": "90",
                          "qualifier": "=", "base_year": "", "applies_to": ANY, "status": ANY}])
    got = gold.assign(applies_to="", status="ok")
    assert score(got, gold).correct == 1
    assert score(got, gold.assign(status="masked")).correct == 0


def test_the_summary_reports_qualifier_agreement_though_it_is_not_part_of_correct():
    row = {"document": "d.txt", "region_code": "110102", "indicator": "preschool_ger", "school_level": "all",
           "year": "2025", "kind": "target", "value": "90", "base_year": "", "applies_to": ANY, "status": ANY}
    gold = pd.DataFrame([{**row, "qualifier": "="}, {**row, "indicator": "senior_ger", "qualifier": "="}])
    got = gold.assign(applies_to="", status="ok", qualifier=[">=", "="])  # 达到 read as >= in one row
    report = score(got, gold)
    assert report.correct == 2
    documents = pd.DataFrame({"doc": ["d.txt"], "doc_class": ["plan"]})
    text = PartScore("dev", documents, report, []).summary()
    assert "qualifier 0.500" in text and "kind 1.000" in text


def test_rows_of_the_test_part_are_never_printed():
    run = subprocess.run([sys.executable, "-m", "edueval.cli", "score", "--part", "test", "--details"],
                         capture_output=True, text=True)
    assert run.returncode == 2 and "never shown" in run.stderr and not run.stdout
