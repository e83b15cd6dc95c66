"""Achievement, pace, progress category and 序时进度 (vectorised over numpy arrays).

Conventions (docs/methods.md §3):
- the qualifier says which side of the target counts: ">=" reached exactly is achieved;
  ">" must be exceeded (the source said 超过/高于, and an equal published value does not
  show that it was exceeded); "=" (达到) is a floor in the indicator's good direction;
  "~" (约/左右) counts from the target minus a relative tolerance in the good direction,
  and both sides for indicators without a direction;
- lower-is-better indicators mirror everything through the goal sign.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

EPS = 1e-9  # published values are rounded decimals; compare with a hair of slack


@dataclass(frozen=True)
class Tolerances:
    """Every tolerance the evaluation uses, in one place.

    schedule: 序时进度 counts as 基本符合 when the share of the gap closed is within this
        many (absolute) shares of the share of the plan period elapsed (0.05 = 5 points).
    about_relative: a "~" target counts as reached within this fraction of the target.
    near_target_relative: a plan base this close to the target (fraction of the target)
        gives no 序时进度 ratio (dividing by a near-zero gap is meaningless).
    alpha: 1 − coverage of the prediction intervals.
    """

    schedule: float = 0.05
    about_relative: float = 0.05
    near_target_relative: float = 0.01
    alpha: float = 0.05

    def __post_init__(self):
        for name in ("schedule", "about_relative", "near_target_relative"):
            if not 0 <= getattr(self, name) < 1:
                raise ValueError(f"tolerance {name} must lie in [0, 1), got {getattr(self, name)}")
        if not 0 < self.alpha < 0.5:
            raise ValueError(f"alpha must lie in (0, 0.5), got {self.alpha}")


def goal_sign(qualifier: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """+1 when more is the goal, −1 when less is, 0 for a two-sided 'about' target."""
    qualifier = np.asarray(qualifier, dtype=object)
    direction = np.asarray(direction, dtype=object)
    by_direction = np.where(direction == "higher", 1, np.where(direction == "lower", -1, 0))
    return np.select(
        [np.isin(qualifier, [">=", ">"]), np.isin(qualifier, ["<=", "<"])],
        [1, -1],
        default=by_direction,
    ).astype(int)


def meets_target(value, target, qualifier, direction, about_relative: float) -> np.ndarray:
    """True where ``value`` satisfies the target; NaN value or target gives False."""
    value = np.asarray(value, dtype=float)
    target = np.asarray(target, dtype=float)
    qualifier = np.asarray(qualifier, dtype=object)
    sign = goal_sign(qualifier, direction)
    tol = np.where(qualifier == "~", about_relative * np.abs(target), 0.0)
    strict = np.isin(qualifier, [">", "<"])
    up = np.where(strict, value > target + EPS, value >= target - tol - EPS)
    down = np.where(strict, value < target - EPS, value <= target + tol + EPS)
    both = np.abs(value - target) <= tol + EPS
    out = np.where(sign > 0, up, np.where(sign < 0, down, both))
    return out & np.isfinite(value) & np.isfinite(target)


def progress_category(ratio, achieved) -> np.ndarray:
    """Statistics Canada / Open SDG categories on the pace ratio observed ÷ required."""
    ratio = np.asarray(ratio, dtype=float)
    achieved = np.asarray(achieved, dtype=bool)
    cat = np.select(
        [ratio >= 0.95, ratio >= 0.60, ratio >= 0, ratio < 0],
        ["on track", "acceleration needed", "limited progress", "deterioration"],
        default="not assessable",
    ).astype(object)
    return np.where(achieved, "achieved", cat)


def schedule_verdict(gap_share, time_share, achieved, base_near_target, tolerance: float) -> np.ndarray:
    """序时进度 verdict: gap closed vs plan time elapsed, with a tolerance for 基本符合."""
    gap_share = np.asarray(gap_share, dtype=float)
    time_share = np.asarray(time_share, dtype=float)
    diff = gap_share - time_share
    verdict = np.select(
        [diff > tolerance, diff >= -tolerance, diff < -tolerance],
        ["ahead of schedule (超序时进度)", "on schedule (基本符合序时进度)", "behind schedule (滞后于序时进度)"],
        default="no 序时进度",
    ).astype(object)
    verdict = np.where(np.asarray(base_near_target, bool),
                       "base at or near the target: no ratio; below target now", verdict)
    return np.where(np.asarray(achieved, bool), "achieved", verdict)


PROBABILITY_BANDS = (
    (0.10, "very unlikely (<10%)"),
    (0.33, "unlikely (10–33%)"),
    (0.66, "about as likely as not (33–66%)"),
    (0.90, "likely (66–90%)"),
    (1.01, "very likely (>90%)"),
)


def probability_band(p) -> np.ndarray:
    """Coarse verbal band for a probability; '' where there is none."""
    p = np.asarray(p, dtype=float)
    out = np.full(p.shape, "", dtype=object)
    lower = 0.0
    for upper, label in PROBABILITY_BANDS:
        out[(p >= lower) & (p < upper)] = label
        lower = upper
    return out
