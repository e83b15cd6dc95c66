"""Achievement, pace, progress category and 序时进度 (vectorised over numpy arrays).

Conventions (docs/methods.md §3 and §4):
- the qualifier says which side of the target counts: ">=" reached exactly is achieved;
  ">" must be exceeded (the source said 超过/高于, and an equal published value does not
  show that it was exceeded); "=" (达到) is a floor in the indicator's good direction;
  "~" (约/左右) counts from the target minus a relative tolerance in the good direction,
  and both sides for indicators without a direction;
- lower-is-better indicators mirror everything through the goal sign.
"""
from __future__ import annotations

import numpy as np

from .rules import EPS, Tolerances  # noqa: F401  (Tolerances re-exported)


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


VERDICT_BASE_NEAR = "base at or near the target: no ratio; below target now"
VERDICT_FELL_BELOW = "fell below the target (the plan base had met it)"


def schedule_verdict(gap_share, time_share, achieved, base_near_target, base_met, tolerance: float) -> np.ndarray:
    """序时进度 verdict: gap closed vs plan time elapsed, with a tolerance for 基本符合.

    A base that already met the target and a value below it now is a fall, not a
    schedule; a base within rounding of the target gives no share (docs/methods.md §4).
    """
    gap_share = np.asarray(gap_share, dtype=float)
    time_share = np.asarray(time_share, dtype=float)
    diff = gap_share - time_share
    verdict = np.select(
        [diff > tolerance, diff >= -tolerance, diff < -tolerance],
        ["ahead of schedule (超序时进度)", "on schedule (基本符合序时进度)", "behind schedule (滞后于序时进度)"],
        default="no 序时进度",
    ).astype(object)
    verdict = np.where(np.asarray(base_near_target, bool), VERDICT_BASE_NEAR, verdict)
    verdict = np.where(np.asarray(base_met, bool), VERDICT_FELL_BELOW, verdict)
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
