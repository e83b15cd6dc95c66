"""Notes and printable labels (English and Chinese) for the evaluation tables.

``TargetFacts`` holds the per-row facts the notes are written from; ``target_notes``
turns them into one "; "-joined note per target row. The interval, probability and
policy labels carry the coverage each method has been measured to have
(docs/methods.md §5–§6), so the report can print them as they are.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .projection import BACKTEST_NATIONAL, SIMULATED_COVERAGE
from .rules import N_PACE, RECENT_WINDOW

INTERVAL_KIND = "prediction interval {level}% (recent pace)"
SCENARIO_KIND = "scenario band (pairwise slopes; not a confidence interval)"
NO_INTERVAL = "none"


@dataclass
class TargetFacts:
    """Per-row facts (arrays of equal length) that the notes of the targets table state."""

    scope: np.ndarray
    has: np.ndarray  # the region has the series
    status_only: np.ndarray
    future: np.ndarray  # target year after the latest actual year
    target_year: np.ndarray
    status_year: np.ndarray
    no_value_by_target: np.ndarray  # target year passed, no value in or before it
    plan: np.ndarray
    plan_base_year: np.ndarray
    plan_base: np.ndarray
    schedule_ok: np.ndarray
    base_met: np.ndarray
    base_near: np.ndarray
    n: np.ndarray
    qualifier: np.ndarray
    pace_basis: np.ndarray
    stated_change: np.ndarray  # text of the stated change used as the pace, or ""
    projectable: np.ndarray
    scenario: np.ndarray
    interval: np.ndarray
    logit: np.ndarray
    probability: np.ndarray
    strict_equal: np.ndarray
    degenerate: np.ndarray  # zero residual spread: no interval
    collapsed: np.ndarray  # interval of zero width after capping at the valid range
    capped: np.ndarray
    derived: np.ndarray
    later_not_met: np.ndarray  # met in its year, the latest value no longer meets it


def _row_notes(f: TargetFacts, i: int) -> list[str]:
    parts = []
    if not f.has[i]:
        return ["the region has no usable actual value of this indicator"]
    year, status_year = int(f.target_year[i]), f.status_year[i]
    if f.no_value_by_target[i]:
        parts.append(f"no actual in or before {year}: status not judged on a later value")
    elif f.future[i] and not f.status_only[i]:
        parts.append(f"target year ahead: status of the latest value ({int(status_year)})")
    elif f.scope[i] == "standard":
        parts.append(f"evaluation standard (no deadline): status of the latest value ({int(status_year)})")
    elif np.isfinite(status_year) and status_year < year:
        parts.append(f"no actual in {year}: judged on the nearest earlier value ({int(status_year)})")
    if f.later_not_met[i]:
        parts.append("met in its year, but the latest value no longer meets it")
    if f.plan[i] and not np.isfinite(f.plan_base[i]):
        parts.append(f"no actual in the plan base year {int(f.plan_base_year[i])}: no plan-consistent pace "
                     "and no 序时进度")
    elif f.plan[i] and not f.schedule_ok[i]:
        parts.append("no actual inside the plan period: no 序时进度")
    if not f.plan[i] and not f.status_only[i]:
        parts.append(f"{year} is not a five-year-plan year: no plan base")
    if f.base_met[i]:
        parts.append("the plan base already met the target: no progress ratio")
    elif f.base_near[i]:
        parts.append("the required pace is below the near-target tolerance (within rounding of the target): "
                     "no progress ratio")
    if f.stated_change[i]:
        parts.append(f.stated_change[i])
    if f.n[i] < N_PACE and not f.status_only[i]:
        parts.append("n = 1: status and gap only, no progress category")
    if f.projectable[i] and f.n[i] <= N_PACE:
        parts.append("n ≤ 2: no projection")
    if f.scenario[i]:
        parts.append("n = 3–4: scenario band from the pairwise slopes, not a confidence interval; no probability")
    if f.interval[i]:
        parts.append(f"projection from the last {RECENT_WINDOW} values (random walk with drift)"
                     + ("; logit scale, back-transformed (the projection is the median)" if f.logit[i] else ""))
        if f.degenerate[i]:
            parts.append("no interval and no probability: the values show no spread around the trend")
        elif f.collapsed[i]:
            parts.append("no interval: capped at the valid range it has no width")
        elif not np.isfinite(f.probability[i]):
            parts.append("no probability: " + ("an exact '=' target has probability 0 under a continuous model"
                                               if f.strict_equal[i] else "the logit model cannot reach 100"))
    if f.capped[i]:
        parts.append("projection or interval capped at the indicator's valid range")
    if f.qualifier[i] == ">":
        parts.append("'>' must be exceeded: a value equal to the target is not achieved")
    return parts


def target_notes(f: TargetFacts) -> np.ndarray:
    notes = []
    for i in range(len(f.has)):
        parts = _row_notes(f, i)
        if f.derived[i]:
            parts.append("derived inputs (computed from other rows; see derivation)")
        if f.scope[i] == "quoted benchmark":
            parts.append("benchmark quoted in the region's own documents")
        notes.append("; ".join(parts))
    return np.array(notes, dtype=object)


# ---- printable labels -------------------------------------------------------------------

def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def interval_labels(kind: np.ndarray, alpha: float):
    """(label_en, label_zh, claim_en, claim_zh) per row of interval kinds."""
    level = f"{100 * (1 - alpha):g}"
    bt = BACKTEST_NATIONAL
    sim_lo, sim_hi = SIMULATED_COVERAGE["iid"]
    text = {
        INTERVAL_KIND.format(level=level): (
            f"{level}% prediction interval (pace of the last {RECENT_WINDOW} values)",
            f"{level}%预测区间（按最近{RECENT_WINDOW}个值的年均变化外推）",
            (f"Method chosen by backtest: re-forecasting the national series from their own earlier years, such "
             f"intervals held {_pct(bt['coverage'])} of {bt['forecasts']} later values 1–5 years ahead (a straight "
             f"line through every year: {_pct(bt['line_all_coverage'])}); if the deviations "
             f"from a straight line are independent they are wider than needed ({_pct(sim_lo)}–{_pct(sim_hi)} "
             "in simulation)."),
            (f"方法依回测选定：用全国序列回测（以较早年份预测其后1–5年），此类区间覆盖了{bt['forecasts']}个后续实际值中的"
             f"{_pct(bt['coverage'])}（过全部年份的直线趋势仅{_pct(bt['line_all_coverage'])}）；若偏离直线的波动相互独立，"
             f"区间偏宽（模拟覆盖率{_pct(sim_lo)}–{_pct(sim_hi)}）。")),
        SCENARIO_KIND: (
            "scenario band from pairwise slopes (not a confidence interval)",
            "成对斜率情景区间（非置信区间）",
            ("With 3–4 values no interval with a stated coverage is possible; the band shows the range of the "
             "paces between pairs of years."),
            "仅有3–4个值，无法给出有明确覆盖率的区间；情景区间只显示两两年份间年均变化的范围。"),
    }
    empty = ("", "", "", "")
    rows = [text.get(k, empty) for k in kind]
    return tuple(np.array([r[j] for r in rows], dtype=object) for j in range(4))


def probability_claims(has_probability: np.ndarray):
    """(claim_en, claim_zh): how the chances of meeting a target fared in the backtest."""
    bt = BACKTEST_NATIONAL
    en = (f"Chance from the same model. In the national backtest such chances ran high (on average "
          f"{_pct(bt['mean_p'])} forecast, {_pct(bt['met_rate'])} met; Brier score {bt['brier']:.2f} against "
          f"{bt['brier_base_rate']:.2f} for always forecasting the share met): read the band as a rough guide.")
    zh = (f"达标可能性来自同一模型。全国序列回测中此类可能性偏高（平均预测{_pct(bt['mean_p'])}，实际达到"
          f"{_pct(bt['met_rate'])}；Brier 分数{bt['brier']:.2f}，总是报实际达标比例的基准为"
          f"{bt['brier_base_rate']:.2f}），只宜作粗略参考。")
    return (np.where(has_probability, en, "").astype(object), np.where(has_probability, zh, "").astype(object))


def rule_labels(rule: np.ndarray):
    from .rules import RULE_LABELS_ZH, RULE_NAMES
    en = np.array([RULE_NAMES.get(r, r) for r in rule], dtype=object)
    zh = np.array([RULE_LABELS_ZH.get(r, r) for r in rule], dtype=object)
    return en, zh


def did_labels(n_comparison: np.ndarray, alpha: float, perm_p: np.ndarray):
    """(label_en, label_zh) for the difference-in-differences interval of each policy row."""
    level = f"{100 * (1 - alpha):g}"
    en, zh = [], []
    for g, perm in zip(n_comparison, perm_p):
        if g <= 0:
            en.append("")
            zh.append("")
            continue
        perm_en = (f"; permutation p = {perm:.2f} (placebo in space)" if np.isfinite(perm) else
                   f"; no permutation p-value: with {g} comparison regions the smallest possible is "
                   f"1/{g + 1} = {1 / (g + 1):.2f}")
        perm_zh = (f"；置换检验 p = {perm:.2f}（空间安慰剂）" if np.isfinite(perm) else
                   f"；不报告置换检验 p 值：{g} 个对照地区时最小可能值为 1/{g + 1} = {1 / (g + 1):.2f}")
        en.append(f"{level}% interval from the spread of {g} comparison regions' own before/after changes "
                  f"(valid if this region varies like its peers; {level}% held in simulation with 3–20 peers)"
                  + perm_en)
        zh.append(f"{level}%区间，依据 {g} 个对照地区自身前后变化的离散程度（前提是本地区的波动与对照地区相当；"
                  f"模拟中3–20个对照地区时覆盖率约{level}%）" + perm_zh)
    return np.array(en, dtype=object), np.array(zh, dtype=object)


def band_labels(kind: np.ndarray, alpha: float):
    en, zh, _, _ = interval_labels(kind, alpha)
    return en, zh

