"""The shipped example is labelled as invented; the benchmark generator works at small scale."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from edueval.balance import evaluate, read_schools, weighted_cv

ROOT = Path(__file__).resolve().parents[2]


def test_example_is_clearly_invented(example_path):
    df = read_schools(example_path)
    assert set(df["county_code"]) == {"X-EXAMPLE"}  # a pseudo-code, not a GB/T 2260 code
    assert set(df["county_name"]) == {"示例县（虚构数据）"}
    assert df["school_name"].str.startswith("示例学校").all()
    # the five small primary schools of 2024 have the pupils of the official worked example
    p = df[(df["year"] == 2024) & (df["school_type"] == "primary")]["pupils_primary"]
    assert p.tolist() == [45, 37, 89, 76, 55]


def _bench():
    spec = importlib.util.spec_from_file_location("bench_balance", ROOT / "benchmarks" / "bench_balance.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_benchmark_generator_and_vectorised_coefficients(tmp_path):
    bench = _bench()
    df = bench.synthetic(1500, 20, seed=3)
    path = tmp_path / "syn.csv"
    df.to_csv(path, index=False)
    schools = read_schools(path)
    assert len(schools) == 1500
    res = evaluate(schools)
    # every coefficient of the vectorised groupby equals the one-group function
    coef = res.coefficients[res.coefficients["role"] == "required"]
    u = res.units
    for r in coef.sample(40, random_state=1).itertuples():
        g = u[(u["county_code"] == r.county_code) & (u["level"] == r.level)]
        assert r.cv == pytest.approx(weighted_cv(g[f"value_{r.indicator}"], g["pupils"]), rel=1e-10)
    # and the composite is the plain mean of the seven
    comp = res.coefficients[res.coefficients["role"] == "supplementary"].set_index(["county_code", "level"])
    mean7 = coef.groupby(["county_code", "level"])["cv"].mean()
    assert np.allclose(comp["cv"].reindex(mean7.index), mean7)
    assert isinstance(res.summary(), pd.DataFrame) and len(res.summary()) == len(comp)
