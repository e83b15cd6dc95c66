"""The per-school standard: at least 6 of 7 met, any missed one at least 85%."""
from __future__ import annotations

import pandas as pd
import pytest

from edueval.balance import INDICATORS, school_standard
from edueval.balance.standards import per_pupil_values

CODES = [i.code for i in INDICATORS]
PRIMARY = {i.code: i.standard["primary"] for i in INDICATORS}
JUNIOR = {i.code: i.standard["junior"] for i in INDICATORS}


def frame(rows, level="primary"):
    values = pd.DataFrame(rows, columns=CODES)
    return school_standard(values, pd.Series([level] * len(values)))


def test_standard_values_match_the_guide():
    assert PRIMARY == {"qualified_teachers": 4.2, "backbone_teachers": 1.0, "pe_arts_teachers": 0.9,
                       "room_area": 4.5, "sports_area": 7.5, "equipment_value": 2000.0,
                       "multimedia_rooms": 2.3}
    assert JUNIOR == {"qualified_teachers": 5.3, "backbone_teachers": 1.0, "pe_arts_teachers": 0.9,
                      "room_area": 5.8, "sports_area": 10.2, "equipment_value": 2500.0,
                      "multimedia_rooms": 2.4}


def test_exactly_at_standard_from_counts_passes():
    # 21 teachers for 500 pupils is 4.2 per 100 even though 100*21/500 is not exact in binary
    units = pd.DataFrame({"pupils": [500.0], "qualified_teachers": [21.0], "backbone_teachers": [5.0],
                          "pe_arts_teachers": [4.5], "room_area": [2250.0], "sports_area": [3750.0],
                          "equipment_value": [1_000_000.0], "multimedia_rooms": [11.5]})
    values = per_pupil_values(units)
    out = school_standard(values, pd.Series(["primary"]))
    assert out["n_met"].iloc[0] == 7 and bool(out["passes"].iloc[0])
    assert out["reason"].iloc[0] == ""


def test_six_met_and_the_seventh_at_90_percent_passes():
    row = dict(PRIMARY, sports_area=0.9 * 7.5)
    out = frame([row])
    assert out["n_met"].iloc[0] == 6
    assert out["min_ratio"].iloc[0] == pytest.approx(0.9)
    assert bool(out["passes"].iloc[0])


def test_exactly_85_percent_passes_and_84_fails():
    out = frame([dict(PRIMARY, room_area=0.85 * 4.5), dict(PRIMARY, room_area=0.84 * 4.5)])
    assert list(out["passes"]) == [True, False]
    assert out["reason"].iloc[1] == "未达标项低于标准值的 85%：教学及辅助用房 84.0%（<85%）"


def test_two_missed_fails_even_when_both_are_close():
    out = frame([dict(PRIMARY, room_area=0.99 * 4.5, multimedia_rooms=0.99 * 2.3)])
    assert out["n_met"].iloc[0] == 5 and not bool(out["passes"].iloc[0])
    assert out["reason"].iloc[0] == "2 项未达标（至多 1 项）：教学及辅助用房 99.0%；网络多媒体教室 99.0%"


def test_junior_standards_apply_to_junior_parts():
    out = frame([PRIMARY], level="junior")  # primary values fall short of junior standards
    # only the two indicators whose standard is the same for both levels are met
    assert out["n_met"].iloc[0] == 2
    assert bool(out["met_backbone_teachers"].iloc[0]) and bool(out["met_pe_arts_teachers"].iloc[0])
    assert not bool(out["passes"].iloc[0])
    assert out["ratio_sports_area"].iloc[0] == pytest.approx(7.5 / 10.2)


def test_shares_are_rounded_down_in_the_reason():
    out = frame([dict(PRIMARY, equipment_value=0.84999 * 2000)])
    assert "84.9%（<85%）" in out["reason"].iloc[0]
