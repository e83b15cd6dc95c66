"""The cells of a target line, shared by the headline block and the scorecard.

Each function returns plain text or a small dict for a template; nothing here writes HTML.
Every pace carries its period, every ratio its numerator and denominator, every verdict
one reason.
"""
from __future__ import annotations

import pandas as pd

from ..catalog import load_catalog
from ..regions import load_regions
from . import text as tx
from .html import fmt_number
from .lines import Line
from .status import CSS, SYMBOL, observed_period, ratio_parts, required, schedule_code


def unit_of(indicator: str) -> str:
    return load_catalog()[indicator].unit


def value_flags(ctx, indicator: str, level: str, year) -> dict:
    """Whether the region's value in ``year`` was derived, approximate or extracted."""
    if tx.missing(year):
        return {}
    row = ctx.actual_index.get((indicator, level, int(year)))
    if row is None:
        return {}
    return {"derived": row["method"] == "derived", "approx": row["qualifier"] == "~",
            "extracted": row["method"] == "extracted", "anchor": ctx.anchor(row)}


def value_cell(ctx, indicator: str, level: str, value, year) -> dict:
    """{'text', 'anchor', 'flag'}: 94.08%（2020）, ≈ for approximate, a word for derived."""
    w = ctx.words
    if tx.missing(value):
        return {"text": "–", "anchor": None, "flag": ""}
    flags = value_flags(ctx, indicator, level, year)
    text = tx.with_year(tx.number(value, unit_of(indicator), w, "~" if flags.get("approx") else "="), year, w)
    flag = w("flag.derived") if flags.get("derived") else (w("flag.extracted") if flags.get("extracted") else "")
    return {"text": text, "anchor": flags.get("anchor"), "flag": flag}


def target_text(ctx, row, with_year: bool = True) -> str:
    w = ctx.words
    if tx.missing(row["target_value"]):
        return w("word.masked")
    text = tx.number(row["target_value"], unit_of(row["indicator"]), w, row["target_qualifier"])
    return tx.with_year(text, row["target_year"], w) if with_year else text


def owner_text(ctx, row, also_owners: list[str] = ()) -> str:
    """Whose target: 本地 / 甘肃省 / 国家 — and for a quoted benchmark, who quoted it."""
    w = ctx.words
    owner = load_regions().resolve(row["target_owner"])
    scope = w.code("scope", row["scope"])
    if row["scope"] in ("local", "national") or owner is None:  # a national target is always the nation's
        text = scope
    else:
        text = w("fmt.scope_owner", scope=scope, owner=ctx.region_name(owner))
    if also_owners:  # the same target for another jurisdiction too
        registry = load_regions()
        text += w("fmt.also_owner", owners=w.join(ctx.region_name(registry[c]) for c in dict.fromkeys(also_owners)
                                                  if c in registry))
    return text


def verdict(ctx, code: str) -> dict:
    return {"symbol": SYMBOL.get(code, "?"), "word": ctx.words.code("status", code), "css": CSS.get(code, "no_data")}


def reason_text(ctx, line: Line) -> str:
    key, values = line.reason
    w, unit = ctx.words, unit_of(line.row["indicator"])
    shown = {}
    for name, value in values.items():
        if name in ("value",):
            shown[name] = tx.number(value, unit, w)
        elif name in ("observed", "required"):
            shown[name] = tx.pace(value, unit, w)
        elif name == "ratio":
            shown[name] = fmt_number(value)
        else:
            shown[name] = value
    if key == "reason.ratio":
        obs = observed_period(line.row)
        req = required(line.row) if "latest" in str(line.row.get("progress_ratio_basis") or "") else None
        plan = (line.row.get("plan_base_year"), line.row["target_year"])
        shown["observed_period"] = tx.period(*obs, w) if obs else "–"
        shown["required_period"] = tx.period(req[1], req[2], w) if req else tx.period(*plan, w)
        base = line.row.get("plan_base_year")
        if obs and not tx.missing(base) and obs[1] <= int(base):  # judged on the previous plan's pace
            return w(key, **shown) + w("reason.previous_period", base=int(base))
    return w(key, **shown)


def need_cell(ctx, line: Line) -> str:
    """The pace still needed, with its period; – for a met target or a standard."""
    w = ctx.words
    if line.code == "achieved":
        return w("word.met_no_need")
    if line.row["scope"] in ("standard", "quoted benchmark"):
        return "–"
    need = required(line.row)
    if need is None:
        return "–"
    return w("fmt.pace_period", pace=tx.pace(need[0], unit_of(line.row["indicator"]), w),
             period=tx.period(need[1], need[2], w))


def achieved_cell(ctx, line: Line) -> str:
    """The observed pace with the years it was measured over, flagged when a derived value is in it."""
    w, row = ctx.words, line.row
    period = observed_period(row)
    if period is None:
        return "–"
    text = w("fmt.pace_period", pace=tx.pace(row["observed_pace"], unit_of(row["indicator"]), w),
             period=tx.period(*period, w))
    if bool(row.get("derived_inputs")):
        text += w("flag.with_derived")
    return text


def ratio_cell(ctx, line: Line) -> str:
    parts = ratio_parts(line.row)
    if parts is None:
        return ""
    unit = unit_of(line.row["indicator"])
    return ctx.words("fmt.ratio", observed=tx.pace(parts[0], unit, ctx.words), required=tx.pace(parts[1], unit, ctx.words),
                     ratio=fmt_number(parts[2]))


def gap_cell(ctx, line: Line) -> str:
    w, row = ctx.words, line.row
    if line.code == "achieved":
        return w("word.met")
    if tx.missing(row.get("gap")):
        return "–"
    return tx.gap(row["gap"], unit_of(row["indicator"]), w)


def schedule_cell(ctx, line: Line) -> str:
    w, row = ctx.words, line.row
    if row["scope"] in ("standard", "quoted benchmark"):
        return "–"
    code = schedule_code(row)
    word = w.code("schedule", code)
    if code in ("ahead", "on_schedule", "behind") and pd.notna(row.get("schedule_gap_share")):
        word += w("fmt.schedule_shares", gap=fmt_number(100 * row["schedule_gap_share"], 0),
                  time=fmt_number(100 * row["schedule_time_share"], 0))
    if code == "no_base":
        word = w("schedule.no_base_year", year=int(row["plan_base_year"]))
    if code == "no_value_in_period":
        word = w("schedule.no_value_since", year=int(row["plan_base_year"]))
    return word


def projection_cell(ctx, line: Line) -> str:
    w, row = ctx.words, line.row
    if tx.missing(row.get("projection")):
        return "–"
    unit = unit_of(row["indicator"])
    text = tx.number(row["projection"], unit, w)
    if not tx.missing(row.get("interval_lower")):
        label = w.column(row, "interval_label") or w.code("interval", _interval_kind(row.get("interval_kind")))
        text += w("fmt.interval", lower=fmt_number(row["interval_lower"]), upper=fmt_number(row["interval_upper"]),
                  label=label)
    claim = w.column(row, "probability_claim")
    if claim:
        text += w("sep.clause") + claim
    elif isinstance(row.get("probability_band"), str) and row["probability_band"]:
        text += w("sep.clause") + w.code("band", row["probability_band"])
    return text


def _interval_kind(kind) -> str:
    kind = str(kind or "")
    return "scenario" if "scenario" in kind else ("prediction" if "prediction" in kind else "other")


def documents(ctx, line: Line) -> list[dict]:
    """The target's document and the others that state or quote it, as links to the appendix."""
    from .provenance import src_anchor

    ids = [line.row["target_source_id"], *[s for s in line.also_in if s != line.row["target_source_id"]]]
    return [{"id": s, "anchor": src_anchor(s), "title": ctx.source_title(s)} for s in ids]
