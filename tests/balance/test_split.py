"""Through-train schools: resources apportioned by pupils × weight."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from edueval.balance import WEIGHTS, evaluate, level_shares, read_schools, split_levels
from edueval.balance.schools import RESOURCE_COLUMNS, SCHOOL_TYPES


def school(stype, primary=0, junior=0, senior=0, **resources):
    row = {"county_code": "X", "county_name": "", "year": 2024, "school_key": "s",
           "school_name": "s", "school_code": "", "school_type": stype,
           "pupils_primary": float(primary), "pupils_junior": float(junior),
           "pupils_senior": float(senior), "file": "f", "row": 2}
    for c in RESOURCE_COLUMNS:
        row[c] = float(resources.get(c, 0.0))
    return row


def test_weights_cover_every_school_type():
    assert set(WEIGHTS) == set(SCHOOL_TYPES)
    for stype, levels in SCHOOL_TYPES.items():
        assert set(WEIGHTS[stype]) == set(levels)
    assert WEIGHTS["nine_year"]["junior"] / WEIGHTS["nine_year"]["primary"] == pytest.approx(1.1)
    assert WEIGHTS["complete_secondary"]["senior"] / WEIGHTS["complete_secondary"]["junior"] == pytest.approx(1.2)
    assert [WEIGHTS["twelve_year"][lv] for lv in ("primary", "junior", "senior")] == [1.0, 1.1, 1.32]


def test_nine_year_hand_case():
    # 600 primary + 400 junior pupils, 5,000 m² of rooms.
    # weighted pupils 600·1 + 400·1.1 = 1,040; primary 600/1,040, junior 440/1,040
    df = pd.DataFrame([school("nine_year", 600, 400, room_area=5000, qualified_teachers=52)])
    parts = split_levels(df).set_index("level")
    assert parts.loc["primary", "room_area"] == pytest.approx(5000 * 600 / 1040)  # 2,884.6
    assert parts.loc["junior", "room_area"] == pytest.approx(5000 * 440 / 1040)  # 2,115.4
    assert parts.loc["primary", "room_area"] == pytest.approx(2884.615, abs=1e-3)
    assert parts.loc["junior", "room_area"] == pytest.approx(2115.385, abs=1e-3)
    per_pupil_p = parts.loc["primary", "room_area"] / 600
    per_pupil_j = parts.loc["junior", "room_area"] / 400
    assert per_pupil_p == pytest.approx(4.8077, abs=1e-4)
    assert per_pupil_j == pytest.approx(5.2885, abs=1e-4)
    assert per_pupil_j / per_pupil_p == pytest.approx(1.1)
    # pupils are not weighted: each part keeps its real pupils
    assert parts.loc["primary", "pupils"] == 600 and parts.loc["junior", "pupils"] == 400
    # teachers: 52 · 600/1040 = 30, 52 · 440/1040 = 22
    assert parts.loc["primary", "qualified_teachers"] == pytest.approx(30.0)
    assert parts.loc["junior", "qualified_teachers"] == pytest.approx(22.0)


def test_complete_secondary_hand_case():
    # junior 500, senior 300: weighted 500 + 360 = 860; 100 teachers → 58.14 junior
    df = pd.DataFrame([school("complete_secondary", junior=500, senior=300, qualified_teachers=100)])
    parts = split_levels(df, ("primary", "junior", "senior")).set_index("level")
    assert list(parts.index) == ["junior", "senior"]
    assert parts.loc["junior", "qualified_teachers"] == pytest.approx(100 * 500 / 860)
    assert parts.loc["senior", "qualified_teachers"] == pytest.approx(100 * 360 / 860)
    # the default evaluation keeps only the compulsory levels
    assert list(split_levels(df)["level"]) == ["junior"]


def test_twelve_year_hand_case():
    # 300 / 200 / 100 pupils: weighted 300 + 220 + 132 = 652; equipment 1,304,000 元
    df = pd.DataFrame([school("twelve_year", 300, 200, 100, equipment_value=1_304_000)])
    parts = split_levels(df, ("primary", "junior", "senior")).set_index("level")
    assert parts.loc["primary", "equipment_value"] == pytest.approx(600_000)
    assert parts.loc["junior", "equipment_value"] == pytest.approx(440_000)
    assert parts.loc["senior", "equipment_value"] == pytest.approx(264_000)
    # per pupil: 2,000 / 2,200 / 2,640 = 1 : 1.1 : 1.32
    per = parts["equipment_value"] / parts["pupils"]
    assert list(per) == pytest.approx([2000, 2200, 2640])


def test_single_level_schools_keep_everything():
    df = pd.DataFrame([school("primary", 200, room_area=900), school("junior", junior=300, room_area=1800)])
    parts = split_levels(df)
    assert list(parts["share"]) == [1.0, 1.0]
    assert list(parts["room_area"]) == [900.0, 1800.0]


def test_through_train_school_with_one_empty_level():
    df = pd.DataFrame([school("nine_year", 0, 250, room_area=1500)])
    parts = split_levels(df)
    assert list(parts["level"]) == ["junior"]
    assert parts["room_area"].iloc[0] == 1500.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(sorted(SCHOOL_TYPES)),
                          st.integers(1, 3000), st.integers(1, 3000), st.integers(1, 3000),
                          st.floats(0, 1e6)), min_size=1, max_size=20))
def test_split_conserves_resources(rows):
    data = []
    for stype, p, j, s, r in rows:
        lv = SCHOOL_TYPES[stype]
        data.append(school(stype, p if "primary" in lv else 0, j if "junior" in lv else 0,
                           s if "senior" in lv else 0, sports_area=r))
    df = pd.DataFrame(data)
    shares = level_shares(df)
    assert np.allclose(shares.sum(axis=1), 1.0)
    parts = split_levels(df, ("primary", "junior", "senior"))
    assert parts["sports_area"].sum() == pytest.approx(df["sports_area"].sum(), rel=1e-9, abs=1e-9)
    assert parts["pupils"].sum() == df[["pupils_primary", "pupils_junior", "pupils_senior"]].to_numpy().sum()


def test_example_file_nine_year_school_is_split(example_path):
    # 示例学校F 2024: 600 primary, 400 junior pupils, 5,000 m² rooms, 60 qualified teachers
    result = evaluate(read_schools(example_path))
    u = result.units
    f = u[(u["school_name"] == "示例学校F") & (u["year"] == 2024)].set_index("level")
    assert f.loc["primary", "value_room_area"] == pytest.approx(5000 / 1040)
    assert f.loc["junior", "value_room_area"] == pytest.approx(5000 * 1.1 / 1040)
    assert f.loc["primary", "value_qualified_teachers"] == pytest.approx(100 * 60 / 1040)
    assert f.loc["junior", "value_qualified_teachers"] == pytest.approx(100 * 60 * 1.1 / 1040)
