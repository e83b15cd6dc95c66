"""Coefficients as rows of the observation table."""
from __future__ import annotations

import pandas as pd
import pytest

from edueval.balance import evaluate, read_schools, to_observations
from edueval.catalog import load_catalog
from edueval.schema import Observations


@pytest.fixture
def result(example_path):
    return evaluate(read_schools(example_path))


def test_rows_are_valid_observations(result, example_registry):
    obs = to_observations(result, "example-schools")
    Observations.validate(obs, lazy=True)  # already validated; validating again must not fail
    # 2 years × 2 levels × (7 coefficients + composite)
    assert len(obs) == 32
    assert set(obs["kind"]) == {"actual"} and set(obs["method"]) == {"derived"}
    assert set(obs["source_id"]) == {"example-schools"}
    assert set(obs["school_level"]) == {"primary", "junior"}
    assert set(obs["unit"]) == {"ratio"}
    assert set(obs["region_name"]) == {"示例县（虚构数据）"}
    catalog = load_catalog()
    assert all(code in catalog for code in obs["indicator"])
    assert obs["derivation"].str.contains("schools_example.csv").all()
    assert not obs.duplicated(["region_code", "indicator", "school_level", "year"]).any()


def test_values_and_derivations_match_the_coefficients(result, example_registry):
    obs = to_observations(result, "example-schools").set_index(["indicator", "school_level", "year"])
    coef = result.coefficients
    for r in coef.itertuples():
        row = obs.loc[(f"balance_cv_{r.indicator}", r.level, r.year)]
        assert row["value"] == pytest.approx(r.cv, rel=1e-12)
        if r.indicator != "composite":
            assert f"= {r.cv:.4f}" in row["derivation"] and "S / X̄" in row["derivation"]
            assert f"(2017): {'met' if r.passed else 'not met'}" in row["note"]
    # the composite's derivation lists its seven terms, and they average to the value
    comp = obs.loc[("balance_cv_composite", "primary", 2023)]
    terms = comp["derivation"].split("(")[1].split(")")[0].split(" + ")
    assert len(terms) == 7
    assert sum(float(t) for t in terms) / 7 == pytest.approx(comp["value"], abs=1e-4)
    assert obs.loc[("balance_cv_pe_arts_teachers", "primary", 2023), "note"].startswith(
        "优质均衡 ceiling ≤ 0.50 (2017): not met")


def test_input_file_can_be_named(result, example_registry):
    obs = to_observations(result, "s", input_file="data/raw/schools/foo.xlsx")
    assert obs["derivation"].str.contains("data/raw/schools/foo.xlsx").all()
    assert set(obs["locator"]) == {"data/raw/schools/foo.xlsx"}


def test_unregistered_county_is_refused(example_path, example_registry):
    schools = read_schools(example_path).assign(county_code="X-NOT-REGISTERED")
    with pytest.raises(ValueError, match="X-NOT-REGISTERED"):
        to_observations(evaluate(schools), "s")


def test_source_is_required(result, example_registry):
    with pytest.raises(ValueError, match="source_id"):
        to_observations(result, " ")


def test_undefined_coefficient_gives_no_row(example_path, example_registry):
    schools = read_schools(example_path)
    schools = schools.assign(backbone_teachers=0.0)  # no 骨干 teacher anywhere
    res = evaluate(schools)
    c = res.coefficients
    undefined = c[c["indicator"].isin(["backbone_teachers", "composite"])]
    assert undefined["cv"].isna().all() and undefined["passed"].isna().all()
    assert (undefined["note"] != "").all()
    obs = to_observations(res, "s")
    assert len(obs) == 32 - 8
    assert not obs["indicator"].isin(["balance_cv_backbone_teachers", "balance_cv_composite"]).any()


def test_rows_join_the_observation_table(result, example_registry):
    # concatenated with other observations they still satisfy the contract
    obs = to_observations(result, "s")
    other = obs.iloc[:1].assign(indicator="compulsory_retention", school_level="all",
                                value=95.0, unit="%", derivation="d")
    both = pd.concat([obs, other], ignore_index=True)
    assert len(Observations.validate(both, lazy=True)) == 33


def test_the_result_reads_in_one_line_and_gives_its_coefficients_as_a_frame(result):
    text = repr(result)
    summary = result.summary()
    assert "\n" not in text and text.startswith("BalanceResult(16 school rows from 1 file(s); 1 county, 2023–2024")
    required = result.coefficients[result.coefficients["role"] == "required"]
    assert f"{int(summary['indicators_passed'].sum())} of {len(required)} coefficients within the ceiling" in text
    assert f"{int(summary['schools_failing_standard'].sum())} of {len(result.units)} school parts below" in text
    frame = result.to_frame()
    pd.testing.assert_frame_equal(frame, result.coefficients)
    frame.loc[0, "cv"] = -1.0  # a copy: the result is not changed through it
    assert result.coefficients.loc[0, "cv"] != -1.0
