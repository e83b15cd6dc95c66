"""Split through-train schools between levels with the official pupil weights.

A 九年一贯制 school (primary + junior), 完全中学 (junior + senior) or 十二年一贯制 school
(all three) reports its teachers, rooms, grounds, equipment and classrooms for the
whole school. For the evaluation each level part is treated as a school of its own,
and the shared resources are apportioned between the parts in proportion to
pupils × weight:

    share_l = P_l · w_l / Σ_k P_k · w_k        R_l = R · share_l

with weights primary : junior = 1 : 1.1 (九年一贯制), junior : senior = 1 : 1.2 (完全中学)
and primary : junior : senior = 1 : 1.1 : 1.32 (十二年一贯制). The part keeps its own
pupils P_l, so its per-pupil value is R · w_l / Σ_k P_k w_k: a junior pupil of a
九年一贯制 school is credited with 1.1 times what a primary pupil of the same school
is credited with. The weights do not change pupil numbers (the pupil weights P_i of
the 差异系数 remain the real pupils).

Hand-computed case (also a test): a 九年一贯制 school with 600 primary and 400 junior
pupils and 5,000 m² of teaching rooms. Weighted pupils 600·1 + 400·1.1 = 1,040;
primary share 600/1,040 = 0.5769 → 2,884.6 m² (4.81 m² per pupil); junior share
440/1,040 = 0.4231 → 2,115.4 m² (5.29 m² per pupil = 1.1 × 4.81).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .schools import PUPIL_COLUMNS, RESOURCE_COLUMNS

# Relative pupil weights by school type and level.
WEIGHTS: dict[str, dict[str, float]] = {
    "primary": {"primary": 1.0},
    "junior": {"junior": 1.0},
    "nine_year": {"primary": 1.0, "junior": 1.1},
    "complete_secondary": {"junior": 1.0, "senior": 1.2},
    "twelve_year": {"primary": 1.0, "junior": 1.1, "senior": 1.32},
}

_ID_COLUMNS = ["county_code", "county_name", "year", "school_key", "school_name", "school_code",
               "school_type", "file", "row"]


def level_shares(schools: pd.DataFrame) -> pd.DataFrame:
    """Each school's share of its resources for each level (columns primary/junior/senior).

    Shares of a school sum to 1; a level the school does not teach, or teaches with
    no pupils, gets 0.
    """
    types = schools["school_type"].to_numpy()
    weighted = {}
    for level, col in PUPIL_COLUMNS.items():
        w = np.zeros(len(schools))
        for t, wt in WEIGHTS.items():
            if level in wt:
                w[types == t] = wt[level]
        weighted[level] = schools[col].to_numpy(dtype=float) * w
    total = sum(weighted.values())
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame({lv: weighted[lv] / total for lv in PUPIL_COLUMNS}, index=schools.index)


def split_levels(schools: pd.DataFrame, levels: tuple[str, ...] = ("primary", "junior")
                 ) -> pd.DataFrame:
    """One row per school part: ``level``, ``pupils``, ``share`` and the seven resources
    apportioned by ``share`` (identifying columns kept). Parts with no pupils are dropped.
    Pass ``levels=("primary", "junior", "senior")`` to see the senior part as well.
    """
    shares = level_shares(schools)
    keep = [c for c in _ID_COLUMNS if c in schools.columns]
    parts = []
    for level in levels:
        pupils = schools[PUPIL_COLUMNS[level]].to_numpy(dtype=float)
        mask = pupils > 0
        if not mask.any():
            continue
        part = schools.loc[mask, keep].copy()
        part["level"] = level
        part["pupils"] = pupils[mask]
        share = shares[level].to_numpy()[mask]
        part["share"] = share
        for col in RESOURCE_COLUMNS:
            part[col] = schools[col].to_numpy(dtype=float)[mask] * share
        parts.append(part)
    if not parts:
        cols = keep + ["level", "pupils", "share", *RESOURCE_COLUMNS]
        return pd.DataFrame(columns=cols)
    out = pd.concat(parts, ignore_index=True)
    out["level"] = out["level"].astype("string")
    return out
