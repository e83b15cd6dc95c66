"""The indicator catalog (src/edueval/reference/indicators.csv) as the code reads it."""
from __future__ import annotations

import pytest

from edueval.catalog import REPORTED, _parse_row, load_catalog


def test_when_each_indicator_is_reported_is_one_of_the_known_ways():
    catalog = load_catalog()
    reported = {code: catalog[code].reported for code in ("preschool_ger", "student_count", "gaokao_bachelor_rate",
                                                          "after_school_participation")}
    assert reported == {"preschool_ger": "next_year", "student_count": "next_year",
                        "gaokao_bachelor_rate": "same_year", "after_school_participation": "same_year"}
    assert all(catalog[code].reported in REPORTED for code in catalog.codes)


def test_an_unknown_way_of_reporting_is_refused_with_the_indicator_named():
    row = {"code": "x_rate", "name_zh": "某率", "aliases": "", "name_en": "x", "unit": "%", "min": "0", "max": "100",
           "bound": "bounded_100", "direction": "higher", "needs_school_level": "False", "group": "exam",
           "reported": "weekly"}
    with pytest.raises(ValueError, match="x_rate: reported 'weekly'"):
        _parse_row(row)
    assert _parse_row({**row, "reported": ""}).reported == "next_year"
