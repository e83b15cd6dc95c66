"""The rule engine: which method a series gets, from its length n and its bound class.

Every threshold and tolerance of the modelling layer is defined here, once
(docs/methods.md §2 and §8 explain each value).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# ---- thresholds on n, the number of yearly actual values -------------------------------
N_PACE = 2  # a change and a pace
N_TREND = 3  # OLS slope as the pace, pairwise-slope scenario band
N_INTERVAL = 5  # prediction interval and the chance of meeting a target
N_POLICY = 8  # segmented regression at a policy year, autocorrelation check
MIN_SIDE = 3  # values needed on each side of a policy year
RECENT_WINDOW = 5  # the projection and the pace for n >= N_INTERVAL use the last 5 values
MIN_COMPARISON_REGIONS = 2  # difference-in-differences needs at least this many peers
PLAN_LENGTH = 5  # 五年规划: a target year T ending in 0 or 5 has the plan base T - 5
BACKTEST_HORIZON = 5  # years ahead re-forecast by the backtest
# A bounded rate is modelled on the logit scale when any value lies within this many
# percentage points of 0 or 100: there a straight line on the level soon runs past the bound.
NEAR_BOUND_PP = 10.0
EPS = 1e-9  # published values are rounded decimals; compare with a hair of slack
# The rounding of published values, per catalog unit: rates to 0.1 pp, years of schooling to
# 0.1 year, coefficients to 0.01, counts to 1. Scales the near-target pace for other units.
PUBLISHED_RESOLUTION = {"%": 0.1, "years": 0.1, "ratio": 0.01, "count": 1.0}


@dataclass(frozen=True)
class Tolerances:
    """Every tolerance the evaluation uses, in one place (docs/methods.md §8).

    schedule: 序时进度 counts as 基本符合 when the share of the gap closed is within this
        many (absolute) shares of the share of the plan period elapsed (0.05 = 5 points).
    about_relative: a "~" target counts as reached within this fraction of the target.
    near_target_pace: a plan base whose required pace (target - base) / (T - t0) is
        smaller than this, in percentage points a year, is "at the target": no progress
        ratio and no 序时进度 share (0.05 pp/yr = a gap of 0.25 pp over a five-year plan,
        2.5 times the 0.1-pp rounding of published rates). Other units scale it by their
        rounding (PUBLISHED_RESOLUTION): 0.05 years a year, 0.005 a year for coefficients.
    alpha: 1 - coverage of the prediction intervals and the policy intervals.
    """

    schedule: float = 0.05
    about_relative: float = 0.05
    near_target_pace: float = 0.05
    alpha: float = 0.05

    def __post_init__(self):
        for name in ("schedule", "about_relative"):
            if not 0 <= getattr(self, name) < 1:
                raise ValueError(f"tolerance {name} must lie in [0, 1), got {getattr(self, name)}")
        if not 0 <= self.near_target_pace < 5:
            raise ValueError(f"near_target_pace must lie in [0, 5) pp a year, got {self.near_target_pace}")
        if not 0 < self.alpha < 0.5:
            raise ValueError(f"alpha must lie in (0, 0.5), got {self.alpha}")


def near_target_pace(unit: np.ndarray, tolerance: Tolerances) -> np.ndarray:
    """The near-target pace per row, in the indicator's unit a year."""
    scale = np.array([PUBLISHED_RESOLUTION.get(u, 0.1) for u in unit], float) / PUBLISHED_RESOLUTION["%"]
    return tolerance.near_target_pace * scale


RULE_NAMES = {
    "no_actual": "no actual value: nothing to evaluate",
    "status_only": "n = 1: status against each target and the gap, nothing else",
    "two_point": "n = 2: change and pace from two points; no interval or probability",
    "ols_scenario": "n = 3–4: OLS slope as the pace, pairwise slopes as a scenario band; no interval or probability",
    "drift_interval": ("n = 5–7: pace and projection from the last 5 values (random walk with drift), "
                       "t prediction interval and the chance of meeting the target"),
    "drift_interval_policy": ("n ≥ 8: pace and projection from the last 5 values (random walk with drift), "
                              "t prediction interval, plus segmented regression at each policy year "
                              "and an autocorrelation check"),
}
RULE_LABELS_ZH = {
    "no_actual": "无实际值：无法评估",
    "status_only": "n=1：只报告现状与差距",
    "two_point": "n=2：变化与年均进度，不给区间或概率",
    "ols_scenario": "n=3–4：OLS 斜率作进度，成对斜率作情景区间（非置信区间），不给概率",
    "drift_interval": "n=5–7：用最近 5 个值的年均变化（带漂移的随机游走）作进度与外推，给出 t 预测区间与达标可能性",
    "drift_interval_policy": "n≥8：同上，另作政策年分段回归与自相关检验",
}


@dataclass(frozen=True)
class Rule:
    name: str
    n: int
    scale: str  # "level" or "logit" (only used by the interval models)
    reason: str

    @property
    def has_pace(self) -> bool:
        return self.n >= N_PACE

    @property
    def has_trend_line(self) -> bool:
        return self.n >= N_TREND

    @property
    def has_interval(self) -> bool:
        return self.n >= N_INTERVAL

    @property
    def has_policy_model(self) -> bool:
        return self.n >= N_POLICY


def rule_name(n: int) -> str:
    if n <= 0:
        return "no_actual"
    if n < N_PACE:
        return "status_only"
    if n < N_TREND:
        return "two_point"
    if n < N_INTERVAL:
        return "ols_scenario"
    if n < N_POLICY:
        return "drift_interval"
    return "drift_interval_policy"


def model_scale(bound: str, values: np.ndarray) -> tuple[str, str]:
    """("logit" | "level", why) for the interval model of a series with these values."""
    values = np.asarray(values, dtype=float)
    if bound == "may_exceed_100":
        return "level", "gross ratio (may exceed 100): never logit-transformed"
    if bound != "bounded_100":
        return "level", "unbounded indicator: modelled on the level"
    near = (values >= 100 - NEAR_BOUND_PP) | (values <= NEAR_BOUND_PP)
    if not near.any():
        return "level", f"bounded at 100 but no value within {NEAR_BOUND_PP:g} pp of a bound: modelled on the level"
    if ((values <= 0) | (values >= 100)).any():
        return "level", ("bounded at 100 and near the bound, but a value sits exactly on the bound so the "
                         "logit is undefined: modelled on the level, interval capped at the bound")
    return "logit", f"bounded at 100 with a value within {NEAR_BOUND_PP:g} pp of a bound: modelled on the logit scale"


def _reason(name: str, scale_why: str) -> str:
    return RULE_NAMES[name] + (f"; {scale_why}" if scale_why else "") + " (docs/methods.md §2)"


def choose_rule(n: int, bound: str, values: np.ndarray | None = None) -> Rule:
    """The rule for a series of n yearly actual values; records why it fired."""
    name = rule_name(n)
    scale, scale_why = ("level", "")
    if n >= N_INTERVAL and values is not None:
        scale, scale_why = model_scale(bound, values)
    return Rule(name=name, n=n, scale=scale, reason=_reason(name, scale_why))


def choose_rules(n: np.ndarray, bound: np.ndarray, values: np.ndarray, mask: np.ndarray):
    """Vectorised choose_rule for a panel: (names, scales, reasons) arrays."""
    n = np.asarray(n, dtype=int)
    bound = np.asarray(bound, dtype=object)
    if len(n) == 0:
        empty = np.zeros(0, dtype=object)
        return empty, empty.copy(), empty.copy()
    names = np.array([rule_name(int(k)) for k in range(N_POLICY + 1)], dtype=object)[np.minimum(n, N_POLICY)]
    v = np.where(mask, values, 50.0)
    near = ((v >= 100 - NEAR_BOUND_PP) | (v <= NEAR_BOUND_PP)).any(axis=1)
    on_bound = ((v <= 0) | (v >= 100)).any(axis=1)
    bounded = bound == "bounded_100"
    case = np.select(
        [bound == "may_exceed_100", ~bounded, ~near, on_bound],
        ["gross", "unbounded", "far", "on_bound"], default="logit").astype(object)
    probe = {"gross": [50.0], "unbounded": [50.0], "far": [50.0], "on_bound": [95.0, 100.0], "logit": [95.0]}
    bound_of = {"gross": "may_exceed_100", "unbounded": "unbounded"}
    why = {c: model_scale(bound_of.get(c, "bounded_100"), np.array(v_)) for c, v_ in probe.items()}
    interval = n >= N_INTERVAL
    scales = np.where(interval, [why[c][0] for c in case], "level").astype(object)
    reasons = np.array([_reason(nm, why[c][1] if i else "") for nm, c, i in zip(names, case, interval)],
                       dtype=object)
    return names, scales, reasons
