"""The pupil-weighted 差异系数, checked against independent arithmetic."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edueval.balance import group_coefficients, weighted_cv

# The official worked example of the method: five schools, pupils and books.
PUPILS = [45, 37, 89, 76, 55]
BOOKS = [279, 137, 935, 160, 402]


def test_official_worked_example_by_hand():
    # hand arithmetic in plain Python, term by term
    P = 45 + 37 + 89 + 76 + 55
    assert P == 302
    x = [279 / 45, 137 / 37, 935 / 89, 160 / 76, 402 / 55]
    xbar = (279 + 137 + 935 + 160 + 402) / P  # Σ P_i X_i = Σ books
    assert xbar == pytest.approx(6.3344, abs=1e-4)
    s2 = (45 * (x[0] - xbar) ** 2 + 37 * (x[1] - xbar) ** 2 + 89 * (x[2] - xbar) ** 2
          + 76 * (x[3] - xbar) ** 2 + 55 * (x[4] - xbar) ** 2) / P
    cv_hand = math.sqrt(s2) / xbar
    assert round(cv_hand, 2) == 0.52  # the published figure
    assert weighted_cv(x, PUPILS) == pytest.approx(cv_hand, rel=1e-12)


def test_official_worked_example_numpy_identity():
    # independent route: S² = Σ B_i² / P_i / P − X̄² (expanding the square)
    p = np.array(PUPILS, float)
    b = np.array(BOOKS, float)
    xbar = b.sum() / p.sum()
    s = np.sqrt((b ** 2 / p).sum() / p.sum() - xbar ** 2)
    assert weighted_cv(b / p, p) == pytest.approx(s / xbar, rel=1e-10)
    assert s / xbar == pytest.approx(0.5153, abs=5e-4)


def test_group_function_reproduces_worked_example():
    df = pd.DataFrame({"county_code": "X", "year": 2020, "level": "primary",
                       "pupils": PUPILS, "books": np.array(BOOKS) / np.array(PUPILS)})
    out = group_coefficients(df, ["books"])
    assert len(out) == 1
    row = out.iloc[0]
    assert row["n_schools"] == 5 and row["pupils"] == 302
    assert row["mean"] == pytest.approx(1913 / 302, rel=1e-12)
    assert row["cv"] == pytest.approx(weighted_cv(df["books"], PUPILS), rel=1e-12)
    assert round(row["cv"], 2) == 0.52


def test_vectorised_groups_equal_scalar_per_group():
    rng = np.random.default_rng(7)
    n = 600
    df = pd.DataFrame({
        "county_code": rng.choice(["A", "B", "C", "D", "E"], n),
        "year": rng.choice([2022, 2023], n),
        "level": rng.choice(["primary", "junior"], n),
        "pupils": rng.integers(1, 2000, n).astype(float),
        "a": rng.lognormal(1, 0.5, n),
        "b": rng.uniform(0, 10, n),
    })
    out = group_coefficients(df, ["a", "b"])
    assert len(out) == df.groupby(["county_code", "year", "level"]).ngroups * 2
    for r in out.itertuples():
        g = df[(df.county_code == r.county_code) & (df.year == r.year) & (df.level == r.level)]
        assert r.n_schools == len(g)
        assert r.cv == pytest.approx(weighted_cv(g[r.indicator], g["pupils"]), rel=1e-10)


def test_single_school_is_zero_and_zero_mean_is_undefined():
    assert weighted_cv([3.0], [10]) == 0.0
    assert math.isnan(weighted_cv([0.0, 0.0], [10, 20]))
    df = pd.DataFrame({"county_code": "X", "year": 2020, "level": "primary",
                       "pupils": [10.0, 20.0], "a": [0.0, 0.0]})
    assert math.isnan(group_coefficients(df, ["a"])["cv"].iloc[0])


def test_bad_input_raises():
    with pytest.raises(ValueError):
        weighted_cv([1.0, 2.0], [1.0])
    with pytest.raises(ValueError):
        weighted_cv([1.0, 2.0], [1.0, 0.0])
    with pytest.raises(ValueError):
        weighted_cv([], [])


schools = st.lists(
    st.tuples(st.integers(1, 5000), st.floats(0.01, 1e5, allow_nan=False)),
    min_size=2, max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(schools, st.floats(1e-3, 1e3))
def test_scaling_every_resource_leaves_cv_unchanged(data, factor):
    pupils = [p for p, _ in data]
    resource = np.array([p * x for p, x in data])
    before = weighted_cv(resource / pupils, pupils)
    after = weighted_cv(resource * factor / pupils, pupils)
    assert after == pytest.approx(before, rel=1e-9, abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(1, 5000), min_size=1, max_size=40), st.floats(0.01, 1e5))
def test_identical_schools_give_zero(pupils, value):
    assert weighted_cv([value] * len(pupils), pupils) == pytest.approx(0.0, abs=1e-12)
    df = pd.DataFrame({"county_code": "X", "year": 2020, "level": "junior",
                       "pupils": np.array(pupils, float), "a": value})
    assert group_coefficients(df, ["a"])["cv"].iloc[0] == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(schools, st.randoms(use_true_random=False))
def test_permuting_schools_leaves_cv_unchanged(data, rnd):
    shuffled = list(data)
    rnd.shuffle(shuffled)
    cv = weighted_cv([x for _, x in data], [p for p, _ in data])
    cv_perm = weighted_cv([x for _, x in shuffled], [p for p, _ in shuffled])
    assert cv_perm == pytest.approx(cv, rel=1e-9, abs=1e-12)
    df = pd.DataFrame({"county_code": "X", "year": 2020, "level": "primary",
                       "pupils": [float(p) for p, _ in shuffled], "a": [x for _, x in shuffled]})
    assert group_coefficients(df, ["a"])["cv"].iloc[0] == pytest.approx(cv, rel=1e-9, abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(schools)
def test_cv_is_nonnegative_and_bounded_by_weight_formula(data):
    # CV ≥ 0, and the pupil-weighted CV can never exceed sqrt((1 − w_min) / w_min)
    pupils = np.array([p for p, _ in data], float)
    x = np.array([v for _, v in data])
    cv = weighted_cv(x, pupils)
    w_min = pupils.min() / pupils.sum()
    assert 0 <= cv <= math.sqrt((1 - w_min) / w_min) + 1e-9
