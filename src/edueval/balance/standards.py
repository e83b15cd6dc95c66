"""The seven resource indicators of 义务教育优质均衡 and their standards (docs/balance.md).

县域义务教育优质均衡发展督导评估办法 (2017) sets, per school, a standard value for seven
resource indicators (primary / junior), and across a county's schools a ceiling on each
indicator's 差异系数 (0.50 primary, 0.45 junior). The older 基本均衡 evaluation (2012)
used the composite coefficient (the mean of the indicators' coefficients) with ceilings
0.65 / 0.55; it is reported here only as a supplementary figure.

The per-school rule: a school (or the primary / junior part of a through-train school)
meets the standard when at least 6 of the 7 indicators reach their standard value and
any missed one reaches at least 85% of it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

LEVELS = ("primary", "junior")
LEVEL_ZH = {"primary": "小学", "junior": "初中", "senior": "高中"}

# Ceilings on each indicator's 差异系数 (优质均衡, 2017) and on the composite (基本均衡, 2012).
CV_MAX = {"primary": 0.50, "junior": 0.45}
COMPOSITE_MAX = {"primary": 0.65, "junior": 0.55}

# The per-school rule.
MIN_INDICATORS_MET = 6
MIN_SHARE_OF_STANDARD = 0.85

# A per-school value counts as reaching a standard when value >= standard * (1 - RTOL):
# the tolerance only absorbs binary floating-point error (e.g. 100 * 21 / 500 = 4.2).
RTOL = 1e-9


@dataclass(frozen=True)
class BalanceIndicator:
    code: str  # short code; the observation indicator is ``balance_cv_<code>``
    resource: str  # the input column holding the school's stock
    name_zh: str
    label_zh: str  # short label for figures and tables
    per: int  # 1: per pupil; 100: per 100 pupils
    unit_zh: str  # unit of the per-pupil value
    standard: dict[str, float]  # level -> standard value

    @property
    def observation_code(self) -> str:
        return f"balance_cv_{self.code}"


INDICATORS: tuple[BalanceIndicator, ...] = (
    BalanceIndicator("qualified_teachers", "qualified_teachers",
                     "每百名学生拥有高于规定学历教师数", "高于规定学历教师", 100, "人/百名学生",
                     {"primary": 4.2, "junior": 5.3}),
    BalanceIndicator("backbone_teachers", "backbone_teachers",
                     "每百名学生拥有县级及以上骨干教师数", "县级以上骨干教师", 100, "人/百名学生",
                     {"primary": 1.0, "junior": 1.0}),
    BalanceIndicator("pe_arts_teachers", "pe_arts_teachers",
                     "每百名学生拥有体育、艺术（美术、音乐）专任教师数", "体育艺术教师", 100, "人/百名学生",
                     {"primary": 0.9, "junior": 0.9}),
    BalanceIndicator("room_area", "room_area",
                     "生均教学及辅助用房面积", "教学及辅助用房", 1, "平方米/生",
                     {"primary": 4.5, "junior": 5.8}),
    BalanceIndicator("sports_area", "sports_area",
                     "生均体育运动场馆面积", "体育运动场馆", 1, "平方米/生",
                     {"primary": 7.5, "junior": 10.2}),
    BalanceIndicator("equipment_value", "equipment_value",
                     "生均教学仪器设备值", "教学仪器设备", 1, "元/生",
                     {"primary": 2000.0, "junior": 2500.0}),
    BalanceIndicator("multimedia_rooms", "multimedia_rooms",
                     "每百名学生拥有网络多媒体教室数", "网络多媒体教室", 100, "间/百名学生",
                     {"primary": 2.3, "junior": 2.4}),
)
INDICATOR_CODES = tuple(i.code for i in INDICATORS)
BY_CODE = {i.code: i for i in INDICATORS}
COMPOSITE = "composite"


def per_pupil_values(units: pd.DataFrame) -> pd.DataFrame:
    """The seven per-pupil (or per-100-pupil) values of each school-level unit.

    ``units`` holds ``pupils`` and the seven resource columns (already apportioned
    to the level for through-train schools). Returns a frame with one column per
    indicator code, on the index of ``units``.
    """
    pupils = units["pupils"].to_numpy(dtype=float)
    out = {}
    for ind in INDICATORS:
        out[ind.code] = ind.per * units[ind.resource].to_numpy(dtype=float) / pupils
    return pd.DataFrame(out, index=units.index)


def standard_matrix(levels: pd.Series) -> pd.DataFrame:
    """The standard value of each indicator for each row's level (NaN for senior)."""
    lv = levels.to_numpy()
    out = {}
    for ind in INDICATORS:
        std = np.full(len(lv), np.nan)
        for level, v in ind.standard.items():
            std[lv == level] = v
        out[ind.code] = std
    return pd.DataFrame(out, index=levels.index)


def school_standard(values: pd.DataFrame, levels: pd.Series) -> pd.DataFrame:
    """Apply the per-school rule to per-pupil ``values`` (columns: indicator codes).

    Returns, on the same index: ``ratio_<code>`` (value ÷ standard), ``met_<code>``,
    ``n_met``, ``min_ratio`` (over the missed indicators, 1.0 when none is missed),
    ``passes`` and ``reason`` (empty when the unit passes; otherwise which indicators
    fall short and by how much).
    """
    std = standard_matrix(levels)
    ratio = values[list(INDICATOR_CODES)].to_numpy(dtype=float) / std.to_numpy()
    met = ratio >= 1.0 - RTOL
    n_met = met.sum(axis=1)
    missed_ratio = np.where(met, np.inf, ratio)
    min_missed = missed_ratio.min(axis=1)
    min_ratio = np.where(np.isinf(min_missed), 1.0, min_missed)
    passes = (n_met >= MIN_INDICATORS_MET) & (min_ratio >= MIN_SHARE_OF_STANDARD - RTOL)

    out = pd.DataFrame(index=values.index)
    for j, code in enumerate(INDICATOR_CODES):
        out[f"ratio_{code}"] = ratio[:, j]
    for j, code in enumerate(INDICATOR_CODES):
        out[f"met_{code}"] = met[:, j]
    out["n_met"] = n_met
    out["min_ratio"] = min_ratio
    out["passes"] = passes
    out["reason"] = _reasons(ratio, met, n_met, passes, values.index)
    return out


def _reasons(ratio: np.ndarray, met: np.ndarray, n_met: np.ndarray, passes: np.ndarray,
             index: pd.Index) -> pd.Series:
    """Why a unit fails: the missed indicators with their share of the standard.

    Built indicator by indicator with vectorised string operations over the failing
    units, not row by row.
    """
    S = np.dtypes.StringDType()
    fail = ~passes
    r, m = ratio[fail], met[fail]
    text = np.full(len(r), "", dtype=S)
    for j, ind in enumerate(INDICATORS):
        # shown rounded down, so that 84.97% never reads as 85.0%
        pct = (np.floor(r[:, j] * 1000 + 1e-6) / 10).astype(S)
        piece = np.strings.add(np.strings.add(ind.label_zh + " ", pct), "%")
        below = r[:, j] < MIN_SHARE_OF_STANDARD - RTOL
        piece = np.where(below, np.strings.add(piece, "（<85%）"), piece)
        sep = np.where(text == "", "", "；").astype(S)
        text = np.where(m[:, j], text, np.strings.add(np.strings.add(text, sep), piece))
    n_missed = len(INDICATORS) - n_met[fail]
    head = np.where(n_missed > len(INDICATORS) - MIN_INDICATORS_MET,
                    np.strings.add(n_missed.astype(S), " 项未达标（至多 1 项）"),
                    "未达标项低于标准值的 85%").astype(S)
    out = np.full(len(passes), "", dtype=object)
    out[fail] = np.strings.add(np.strings.add(head, "："), text).astype(object)
    return pd.Series(out, index=index, dtype="string")
