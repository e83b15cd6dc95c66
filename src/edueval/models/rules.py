"""The rule engine: which method a series gets, from its length n and its bound class.

GUIDE.md §5 is binding; docs/methods.md §2 explains the choices where it is silent.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A bounded rate is modelled on the logit scale when any value lies within this many
# percentage points of 0 or 100: there a straight line on the level soon runs past the bound.
NEAR_BOUND_PP = 10.0

RULE_NAMES = {
    "no_actual": "no actual value: nothing to evaluate",
    "status_only": "n = 1: status against each target and the gap, nothing else",
    "two_point": "n = 2: change and pace from two points; no interval or probability",
    "ols_scenario": "n = 3–4: OLS slope as the pace, pairwise slopes as a scenario band; no interval or probability",
    "ols_interval": "n = 5–7: OLS trend with a t prediction interval and the chance of meeting the target",
    "ols_interval_policy": "n ≥ 8: OLS trend with a t prediction interval, plus segmented regression at the policy year",
}


@dataclass(frozen=True)
class Rule:
    name: str
    n: int
    scale: str  # "level" or "logit" (only used by the interval models)
    reason: str

    @property
    def has_trend_line(self) -> bool:
        return self.n >= 3

    @property
    def has_interval(self) -> bool:
        return self.n >= 5

    @property
    def has_policy_model(self) -> bool:
        return self.n >= 8


def rule_name(n: int) -> str:
    if n <= 0:
        return "no_actual"
    if n == 1:
        return "status_only"
    if n == 2:
        return "two_point"
    if n <= 4:
        return "ols_scenario"
    if n <= 7:
        return "ols_interval"
    return "ols_interval_policy"


def model_scale(bound: str, values: np.ndarray) -> tuple[str, str]:
    """("logit" | "level", why) for the interval model of a series with these values."""
    values = np.asarray(values, dtype=float)
    if bound == "may_exceed_100":
        return "level", "gross ratio (may exceed 100): never logit-transformed"
    if bound != "bounded_100":
        return "level", "unbounded indicator: linear on the level"
    near = (values >= 100 - NEAR_BOUND_PP) | (values <= NEAR_BOUND_PP)
    if not near.any():
        return "level", f"bounded at 100 but no value within {NEAR_BOUND_PP:g} pp of a bound: linear on the level"
    if ((values <= 0) | (values >= 100)).any():
        return "level", ("bounded at 100 and near the bound, but a value sits exactly on the bound so the "
                         "logit is undefined: linear on the level, interval capped at the bound")
    return "logit", f"bounded at 100 with a value within {NEAR_BOUND_PP:g} pp of a bound: OLS on the logit scale"


def choose_rule(n: int, bound: str, values: np.ndarray | None = None) -> Rule:
    """The rule for a series of n yearly actual values; records why it fired."""
    name = rule_name(n)
    scale, scale_why = ("level", "")
    if n >= 5 and values is not None:
        scale, scale_why = model_scale(bound, values)
    reason = RULE_NAMES[name] + (f"; {scale_why}" if scale_why else "") + " (GUIDE §5)"
    return Rule(name=name, n=n, scale=scale, reason=reason)


def choose_rules(n: np.ndarray, bound: np.ndarray, values: np.ndarray, mask: np.ndarray):
    """Vectorised choose_rule for a panel: (names, scales, reasons) arrays."""
    n = np.asarray(n)
    bound = np.asarray(bound, dtype=object)
    names = np.array([rule_name(int(k)) for k in range(9)], dtype=object)[np.minimum(n, 8)]
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
    interval = n >= 5
    scales = np.where(interval, [why[c][0] for c in case], "level").astype(object)
    reasons = np.array([
        RULE_NAMES[nm] + (f"; {why[c][1]}" if i else "") + " (GUIDE §5)"
        for nm, c, i in zip(names, case, interval)
    ], dtype=object)
    return names, scales, reasons
