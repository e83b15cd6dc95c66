"""One status and one reason per scorecard line, shared by the headline, the scorecard,
the narrative and the index.

The status comes from the evaluation table (src/edueval/models; docs/methods.md §3–4);
this module only chooses which of its columns a reader sees, and why a line cannot be
judged — one reason, the first that applies, never a hedged pair.
"""
from __future__ import annotations

import pandas as pd

PROGRESS = ("on track", "acceleration needed", "limited progress", "deterioration")
STATUS_ONLY = ("standard", "quoted benchmark")
# display order of the status codes (the index counts them in this order)
ORDER = ("achieved", "on track", "acceleration needed", "limited progress", "deterioration", "not achieved",
         "not assessable", "no actual", "target masked")
SYMBOL = {"achieved": "✓", "on track": "↗", "acceleration needed": "⚠", "limited progress": "⚠",
          "deterioration": "▼", "not achieved": "×", "not assessable": "?", "no actual": "–", "target masked": "–"}
CSS = {"achieved": "achieved", "on track": "on_track", "acceleration needed": "acceleration_needed",
       "limited progress": "limited_progress", "deterioration": "deterioration", "not achieved": "not_met",
       "not assessable": "not_assessable", "no actual": "no_data", "target masked": "no_data"}
LAGGING = ("acceleration needed", "limited progress", "deterioration", "not achieved")
NO_VALUE_BY_TARGET = "no actual by target year"  # src/edueval/models: values only after the target year
VERDICT_BASE_NEAR = "base at or near the target: no ratio; below target now"
VERDICT_FELL_BELOW = "fell below the target (the plan base had met it)"
SCHEDULE = {"achieved": "achieved", "ahead of schedule (超序时进度)": "ahead",
            "on schedule (基本符合序时进度)": "on_schedule", "behind schedule (滞后于序时进度)": "behind",
            VERDICT_BASE_NEAR: "base_near", VERDICT_FELL_BELOW: "fell_below", "no 序时进度": "none"}


def _num(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def status_code(row) -> str:
    """One status per target row: met, a progress category, or why it cannot be judged."""
    if row["status"] in ("no actual", "target masked", "achieved"):
        return row["status"]
    if row["status"] == NO_VALUE_BY_TARGET:
        return "not assessable"
    if row["category"] in PROGRESS:
        return row["category"]
    deadline_ahead = pd.notna(row.get("status_year")) and row["target_year"] > row["status_year"]
    if row["scope"] not in STATUS_ONLY and deadline_ahead:
        return "not assessable"  # below a target whose year has not come, with no usable pace
    return "not achieved"


def scorecard_rows(targets: pd.DataFrame) -> pd.DataFrame:
    """Target rows worth a scorecard line: a masked target (the masked copy of a document)
    says nothing a reader can check; it is listed under data quality instead."""
    return targets[targets["status"] != "target masked"]


def observed_period(row) -> tuple[int, int] | None:
    """The years the observed pace was measured over (the models' window when given)."""
    if _num(row.get("observed_pace")) is None:
        return None
    start, end = row.get("trend_window_start"), row.get("trend_window_end")
    if start is not None and end is not None and pd.notna(start) and pd.notna(end):
        return int(start), int(end)
    basis = str(row.get("observed_pace_basis") or "")
    latest = row.get("latest_year")
    if pd.isna(latest):
        return None
    if "plan window" in basis and pd.notna(row.get("plan_base_year")):
        return int(row["plan_base_year"]), int(latest)
    first = row.get("first_year")
    return (int(first), int(latest)) if pd.notna(first) else None


def required(row) -> tuple[float, int, int] | None:
    """The pace still needed (value, from year, to year): from the latest value when the target
    year is ahead, else the plan's pace from its base; None for a met target."""
    if row["status"] == "achieved":
        return None
    target_year = int(row["target_year"])
    now = _num(row.get("required_pace_now"))
    if now is not None and pd.notna(row.get("latest_year")):
        return now, int(row["latest_year"]), target_year
    plan = _num(row.get("required_pace_plan"))
    if plan is not None and pd.notna(row.get("plan_base_year")):
        return plan, int(row["plan_base_year"]), target_year
    return None


def ratio_parts(row) -> tuple[float, float, float] | None:
    """(observed, required, ratio) of the progress ratio, with the denominator it used."""
    ratio = _num(row.get("progress_ratio"))
    if ratio is None:
        return None
    basis = str(row.get("progress_ratio_basis") or "")
    den = _num(row.get("required_pace_now")) if "latest" in basis else _num(row.get("required_pace_plan"))
    obs = _num(row.get("observed_pace"))
    if den is None or obs is None:
        return None
    return obs, den, ratio


def reason(row, code: str) -> tuple[str, dict]:
    """The one reason for a line's status: a catalogue key (``reason.*``) and its values."""
    year, value = row.get("status_year"), _num(row.get("status_value"))
    if code == "no actual":
        return "reason.no_data", {}
    if code == "target masked":
        return "reason.masked", {}
    if code == "achieved":
        return "reason.met", {"year": int(year), "value": value}
    if code in PROGRESS:
        parts = ratio_parts(row)
        if parts is not None:
            return "reason.ratio", {"observed": parts[0], "required": parts[1], "ratio": parts[2]}
    if code == "not achieved":
        if row["scope"] in STATUS_ONLY:
            return "reason.below", {"year": int(year), "value": value}
        return "reason.missed", {"year": int(year), "value": value, "target_year": int(row["target_year"])}
    # not assessable: the first reason that applies
    if row["status"] == NO_VALUE_BY_TARGET:
        return "reason.no_value_by_target", {"target_year": int(row["target_year"]),
                                             "first": int(row["first_year"]) if pd.notna(row.get("first_year")) else ""}
    base_year, latest = row.get("plan_base_year"), row.get("latest_year")
    if row.get("schedule_verdict") == VERDICT_BASE_NEAR:
        return "reason.base_near", {"base": int(base_year), "value": _num(row.get("plan_base_value"))}
    if pd.notna(base_year) and pd.notna(latest) and int(latest) <= int(base_year):
        return "reason.no_value_in_period", {"base": int(base_year), "latest": int(latest)}
    if int(row.get("n_actual") or 0) == 1:
        return "reason.one_value", {"year": int(latest)}
    if pd.notna(base_year) and _num(row.get("plan_base_value")) is None:
        return "reason.no_base", {"base": int(base_year)}
    return "reason.no_pace", {}


def schedule_code(row) -> str:
    """序时进度 in one word: a met target is 'achieved', whatever the plan base."""
    if row["status"] == "achieved":
        return "achieved"
    code = SCHEDULE.get(str(row.get("schedule_verdict")), "none")
    if code != "none":
        return code
    base_year, latest = row.get("plan_base_year"), row.get("latest_year")
    if pd.isna(base_year):
        return "no_plan"
    if _num(row.get("plan_base_value")) is None:
        return "no_base"
    if pd.isna(latest) or int(latest) <= int(base_year):
        return "no_value_in_period"
    return "none"
