"""Builders for small observation tables valid under edueval.schema.Observations."""
from __future__ import annotations

import pandas as pd
import pytest

from edueval.catalog import load_catalog
from edueval.regions import load_regions
from edueval.schema import COLUMNS


def obs_row(region_code, indicator, year, value, kind="actual", qualifier="=", school_level="all",
            applies_to=None, status="ok", method="curated", base_year=None, unit=None, source_id="test-src",
            derivation=None):
    catalog, regions = load_catalog(), load_regions()
    if unit is None:
        unit = "pp" if kind == "change" else catalog[indicator].unit
    if method == "derived" and derivation is None:
        derivation = "test arithmetic"
    return {
        "region_code": region_code, "region_name": regions[region_code].name_zh, "indicator": indicator,
        "school_level": school_level, "year": year, "value": value, "unit": unit, "kind": kind,
        "qualifier": qualifier, "base_year": base_year, "applies_to": applies_to, "status": status,
        "method": method, "source_id": source_id, "locator": None, "quote": None,
        "derivation": derivation, "note": None,
    }


def make_obs(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["year"] = frame["year"].astype("Int64")
    frame["base_year"] = pd.array(frame["base_year"], dtype="Int64")
    frame["value"] = frame["value"].astype(float)
    return frame


def series_rows(region_code, indicator, years, values, **kw):
    return [obs_row(region_code, indicator, y, v, **kw) for y, v in zip(years, values)]


# National 学前三年毛入园率, MoE statistical bulletins (2020 base of 十四五) and the
# 十四五 target "above 90" (90%以上 → '>=') for 2025.
NATIONAL_PRESCHOOL = {2020: 85.2, 2021: 88.1, 2022: 89.7, 2023: 91.1}


@pytest.fixture
def national_preschool_obs():
    rows = series_rows("000000", "preschool_ger", NATIONAL_PRESCHOOL.keys(), NATIONAL_PRESCHOOL.values())
    rows.append(obs_row("000000", "preschool_ger", 2025, 90.0, kind="target", qualifier=">=", source_id="plan-14"))
    return make_obs(rows)
