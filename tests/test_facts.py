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


# ---- national targets and standards, provincial and local series (curated from public documents) ----

def _ok_actual(obs, region_code, indicator):
    rows = obs[(obs["region_code"] == region_code) & (obs["indicator"] == indicator) & (obs["kind"] == "actual")
               & (obs["status"] == "ok") & (obs["school_level"] == "all")]
    return rows.sort_values("year")


@pytest.mark.parametrize("indicator, value", [("preschool_inclusive_share", 85), ("preschool_public_share", 50),
                                              ("preschool_ger", 90)])
def test_national_2025_targets_of_the_preschool_action_plan(cleaned, indicator, value):
    row = one(cleaned.observations, region_code="000000", indicator=indicator, year=2025, kind="target",
              source_id="moe-preschool-14th-2021")
    assert row["value"] == value and row["qualifier"] == ">="
    source = cleaned.sources.set_index("source_id").loc["moe-preschool-14th-2021"]
    assert source["kind"] == "plan" and "学前教育发展提升行动计划" in source["title"]


def test_public_service_plan_and_outline_targets(cleaned):
    obs = cleaned.observations
    assert one(obs, region_code="000000", indicator="compulsory_retention", year=2025, kind="target",
               source_id="gov-public-service-14th-2021")["value"] == 96
    senior = one(obs, region_code="000000", indicator="senior_ger", year=2025, kind="target",
                 source_id="gov-public-service-14th-2021")
    assert (senior["value"], senior["qualifier"]) == (92, ">")
    years = one(obs, region_code="000000", indicator="years_schooling", year=2025, kind="target",
                source_id="gov-public-service-14th-2021")
    assert years["value"] == pytest.approx(11.3) and years["unit"] == "years"
    assert one(obs, region_code="000000", indicator="higher_ger", year=2025, kind="target",
               source_id="gov-14th-fyp-outline-2021")["value"] == 60


def test_county_standards_stay_benchmarks_for_counties(cleaned):
    row = one(cleaned.observations, region_code="000000", indicator="preschool_inclusive_share", kind="benchmark",
              applies_to="county", source_id="moe-county-preschool-eval-2020")
    assert row["value"] == 80 and row["qualifier"] == ">="


def test_changzhi_inclusive_share_is_judged_against_the_2025_national_target(cleaned):
    from edueval.models import evaluate_all
    from edueval.schema import COLUMNS

    ev = evaluate_all(cleaned.observations[COLUMNS], policy_year=2021)
    targets = ev.region("140400").targets
    row = targets[(targets["indicator"] == "preschool_inclusive_share") & (targets["scope"] == "national")
                  & (targets["target_year"] == 2025)]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["target_value"] == 85 and row["latest_value"] == pytest.approx(84.1)
    assert row["status"] != "achieved"


def test_henan_preschool_series_with_its_2025_target(cleaned):
    obs = cleaned.observations
    series = _ok_actual(obs, "410000", "preschool_ger")
    assert len(series) >= 6
    assert set(series["year"]) >= {2014, 2015, 2017, 2019, 2020, 2021, 2022}
    official = one(obs, region_code="410000", indicator="preschool_ger", year=2017, kind="actual")
    assert official["value"] == pytest.approx(86.45) and official["source_id"] == "ha-bulletin-2017"
    url = cleaned.sources.set_index("source_id").loc["ha-bulletin-2017", "url"]
    assert url.startswith("http://jyt.henan.gov.cn/")
    target = one(obs, region_code="410000", indicator="preschool_ger", year=2025, kind="target")
    assert (target["value"], target["qualifier"], target["source_id"]) == (93, ">=", "ha-edu-14th-2021")


def test_henan_retention_series_with_its_2025_target(cleaned):
    obs = cleaned.observations
    series = _ok_actual(obs, "410000", "compulsory_retention")
    assert len(series) >= 6
    assert one(obs, region_code="410000", indicator="compulsory_retention", year=2019,
               kind="actual")["value"] == pytest.approx(95.45)
    derived = one(obs, region_code="410000", indicator="compulsory_retention", year=2018, kind="actual")
    assert derived["method"] == "derived" and derived["value"] == pytest.approx(94.62)
    assert "95.45 − 0.83 = 94.62" in derived["derivation"]
    target = one(obs, region_code="410000", indicator="compulsory_retention", year=2025, kind="target")
    assert target["value"] == pytest.approx(96.4)


def test_henan_inclusive_coverage_is_a_share_of_children(cleaned):
    obs = cleaned.observations
    assert one(obs, region_code="410000", indicator="preschool_inclusive_share", year=2019,
               kind="actual")["value"] == pytest.approx(65.26)
    kg = one(obs, region_code="410000", indicator="preschool_inclusive_kg_share", year=2021, kind="actual")
    assert kg["value"] == pytest.approx(77.36) and "not of children" in kg["note"]


def test_guangdong_2018_conflict_is_kept_not_hidden(cleaned):
    obs = cleaned.observations
    rows = obs[(obs["region_code"] == "440000") & (obs["indicator"] == "preschool_ger") & (obs["year"] == 2018)]
    assert sorted(rows["value"]) == [pytest.approx(100.97), pytest.approx(112.5)]
    assert dict(zip(rows["source_id"], rows["status"])) == {"gd-stats-70y-2019": "ok", "gd-edu-70y-2019": "conflict"}
    log = cleaned.quality_log
    logged = log[(log["issue"] == "conflict") & (log["region_code"] == "440000")]
    assert set(logged["source_id"]) == {"gd-stats-70y-2019", "gd-edu-70y-2019"}
    official = one(obs, region_code="440000", indicator="preschool_ger", year=2021, kind="actual")
    assert official["value"] == pytest.approx(104.14) and official["source_id"] == "gd-bulletin-2021"


def test_shaanxi_2015_conflict_keeps_the_plan_baseline(cleaned):
    obs = cleaned.observations
    plan = one(obs, region_code="610000", indicator="preschool_ger", year=2015, kind="actual",
               source_id="sn-edu-13th-2017")
    news = one(obs, region_code="610000", indicator="preschool_ger", year=2015, kind="actual",
               source_id="sn-cri-2016-10")
    assert (plan["value"], plan["status"]) == (pytest.approx(85.06), "ok")
    assert (news["value"], news["status"]) == (pytest.approx(95.73), "conflict")


def test_zhuanglang_2021_bulletin(cleaned):
    obs = cleaned.observations
    assert one(obs, region_code="620825", indicator="preschool_ger", year=2021,
               kind="actual")["value"] == pytest.approx(93.61)
    assert one(obs, region_code="620825", indicator="compulsory_retention", year=2021,
               kind="actual")["value"] == pytest.approx(97.69)


def test_ten_provinces_have_two_years_of_a_catalogue_indicator(cleaned):
    obs = cleaned.observations
    actual = obs[(obs["kind"] == "actual") & (obs["status"] == "ok") & obs["region_code"].str.fullmatch(r"\d{2}0000")
                 & (obs["region_code"] != "000000")]
    years = actual.groupby(["region_code", "indicator"])["year"].nunique()
    provinces = {code for (code, _), n in years.items() if n >= 2}
    assert len(provinces) >= 10, sorted(provinces)


def test_every_new_row_is_cited_and_quoted(cleaned):
    obs = cleaned.observations
    new = obs[obs["source_id"].str.match(r"(ha|gd|sc|sn|ah|sd|xj|hn|js|zj|zl|sx)-")]
    assert len(new) > 100
    assert new["quote"].notna().all() and (new["quote"].str.len() <= 60).all()
    derived = new[new["method"] == "derived"]
    assert derived["derivation"].notna().all()
    registered = set(cleaned.sources["source_id"])
    assert set(new["source_id"]) <= registered
