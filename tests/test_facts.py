"""Specific real facts, end to end through the cleaning stage, and the provenance of seed rows."""
from __future__ import annotations

import re

import pytest


def one(obs, **where):
    rows = obs
    for col, value in where.items():
        rows = rows[rows[col] == value]
    assert len(rows) == 1, f"expected one row for {where}, found {len(rows)}"
    return rows.iloc[0]


def test_kongtong_2020_preschool_rate_and_its_2025_target(cleaned):
    obs = cleaned.observations
    actual = one(obs, region_code="620802", indicator="preschool_ger", year=2020, kind="actual")
    assert actual["value"] == pytest.approx(94.08) and actual["method"] == "curated"
    target = one(obs, region_code="620802", indicator="preschool_ger", year=2025, kind="target")
    assert target["value"] == 95 and target["qualifier"] == ">="


def test_kongtong_2015_rates_are_derived_with_their_arithmetic(cleaned):
    obs = cleaned.observations
    for indicator, level in (("preschool_ger", 70.50), ("compulsory_retention", 88.00), ("senior_ger", 86.10)):
        row = one(obs, region_code="620802", indicator=indicator, year=2015, kind="actual")
        assert row["method"] == "derived"
        assert row["value"] == pytest.approx(level)
        assert f"= {level:.2f}" in row["derivation"]


def test_changzhi_2021_with_the_national_and_provincial_benchmarks(cleaned):
    obs = cleaned.observations
    assert one(obs, region_code="140400", indicator="preschool_ger", year=2021, kind="actual",
               source_id="seed-001")["value"] == pytest.approx(93.9)
    national = one(obs, region_code="000000", indicator="preschool_ger", kind="benchmark", applies_to="140400",
                   source_id="seed-001")
    provincial = one(obs, region_code="140000", indicator="preschool_ger", kind="benchmark", applies_to="140400",
                     source_id="seed-001")
    assert (national["value"], provincial["value"]) == (85, 90)


def test_national_2022_preschool_rate(cleaned):
    row = one(cleaned.observations, region_code="000000", indicator="preschool_ger", year=2022, kind="actual",
              status="ok")
    assert row["value"] == pytest.approx(89.7)


def test_masked_copy_gives_no_numbers(cleaned):
    masked = cleaned.observations[cleaned.observations["source_id"] == "seed-000"]
    assert len(masked) > 0
    assert masked["value"].isna().all() and (masked["status"] == "masked").all()


def test_kindergarten_share_is_not_the_children_share(cleaned):
    row = one(cleaned.observations, region_code="620802", indicator="preschool_inclusive_kg_share", kind="target")
    assert row["value"] == 90 and "not of children" in row["note"]


def test_every_seed_quote_is_at_its_offset(cleaned, seeds_dir):
    """Provenance that can be checked: the quote stands at the recorded offset of the seed file."""
    obs = cleaned.observations
    sources = cleaned.sources.set_index("source_id")
    seed_rows = obs[obs["source_id"].str.startswith("seed-")]
    texts = {}
    for _, row in seed_rows.iterrows():
        name = sources.loc[row["source_id"], "file"]
        text = texts.setdefault(name, (seeds_dir / name).read_text(encoding="utf-8"))
        offset = int(re.fullmatch(r"offset (\d+)", row["locator"]).group(1))
        assert text[offset:offset + len(row["quote"])] == row["quote"], (row["source_id"], row["indicator"])
