"""Sentences generated from the evaluation tables: the headline's findings, the policy
section and the methods list.

Sentences only restate what the tables hold; they never claim a cause. Attribution
wording appears only where a comparison group exists, and then with its caveats.
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from ..catalog import load_catalog
from ..regions import load_regions
from . import cells
from .context import PEER_ON
from .html import fmt_number, signed
from .i18n import code_key
from .status import LAGGING, ORDER

METHOD_KEYS = ("methods.data", "methods.rules", "methods.scale", "methods.categories", "methods.schedule",
               "methods.qualifiers", "methods.lines", "methods.standards", "methods.comparisons", "methods.causal")


def _line_name(ctx, line) -> str:
    return f"{ctx.series_name(*line.key)} {cells.target_text(ctx, line.row)}"


def findings(ctx, year, judged: list, empty: list) -> list[str]:
    """Three to six sentences under the headline table."""
    from .comparisons import comparison_rows, plan_aims

    w = ctx.words
    out: list[str] = []
    if not judged and not empty and not ctx.actuals.empty:
        out.append(w("finding.no_targets", n=ctx.actuals["indicator"].nunique()))
    if judged:
        counts = Counter(ln.code for ln in judged)
        parts = [w(code_key("count", c), n=counts[c]) for c in ORDER if counts.get(c)]
        out.append(w("finding.counts", year=year, n=len(judged), parts=w.join(parts)))
        lag = [ln for ln in judged if ln.code in LAGGING]
        if lag:
            out.append(w("finding.lagging", items=w.join(
                w("fmt.name_reason", name=_line_name(ctx, ln), reason=cells.reason_text(ctx, ln)) for ln in lag)))
        unknown = [ln for ln in judged if ln.code == "not assessable"]
        if unknown:
            keys = {ln.reason[0] for ln in unknown}
            if len(keys) == 1:
                out.append(w("finding.unknown_one_reason", n=len(unknown), reason=cells.reason_text(ctx, unknown[0])))
            else:
                out.append(w("finding.unknown", items=w.join(
                    w("fmt.name_reason", name=_line_name(ctx, ln), reason=cells.reason_text(ctx, ln)) for ln in unknown)))
        met = [ln for ln in judged if ln.code == "achieved"]
        if met and len(out) < 4:
            out.append(w("finding.met", items=w.join(_line_name(ctx, ln) for ln in met)))
    compared = [r for r in comparison_rows(ctx) if r.get("nation_gap") is not None]
    if compared:
        behind = [r for r in compared if not r["nation_better"]]
        items = w.join(f"{r['name']} {r['value_text']} / {r['nation_text']}" for r in behind)
        out.append(w("finding.vs_nation_behind", n=len(compared), behind=len(behind), items=items) if behind
                   else w("finding.vs_nation", n=len(compared)))
    for aim in plan_aims(ctx):
        out.append(aim["finding"])
    if year is not None:
        past = Counter(ln.code for ln in ctx.lines
                       if ln.is_target and ln.has_value and int(ln.row["target_year"]) == year - 5)
        if past:
            out.append(w("finding.previous_plan", year=year - 5, n=sum(past.values()),
                         parts=w.join(w(code_key("count", c), n=past[c]) for c in ORDER if past.get(c))))
    derived = ctx.actuals[ctx.actuals["method"] == "derived"]
    if not derived.empty:
        out.append(w("finding.derived", years=w.years(sorted(set(derived["year"].astype(int)))),
                     names=w.join(sorted({ctx.indicator_name(i) for i in derived["indicator"]}))))
    return out[:6]


def policy_view(ctx) -> dict:
    """The policies whose indicators this region has a series of, each by name."""
    w = ctx.words
    pol = ctx.policy
    catalog = load_catalog()
    if pol is None or pol.empty:
        return {"policies": [], "none": w("policy.no_series"), "caveat": w("policy.descriptive")}
    pol = pol[pol["indicator"].map(lambda c: catalog[c].unit != "count")]
    key = "policy_id" if "policy_id" in pol.columns else "policy_year"
    policies = []
    for _, group in pol.groupby(key, sort=False):
        first = group.iloc[0]
        year = int(first["policy_year"])
        name = w.column(first, "policy_name") or w("policy.unnamed", year=year)
        date = first.get("policy_date") if isinstance(first.get("policy_date"), str) else ""
        sentences = []
        for _, r in group[group["segmented"].astype(bool)].iterrows():
            sentences.extend(_segmented(ctx, r))
        short = group[~group["segmented"].astype(bool)]
        if not short.empty:
            sentences.append(w("policy.too_short", year=year, items=w.join(
                w("fmt.before_after", name=ctx.series_name(r["indicator"], r["school_level"]),
                  before=int(r["n_before"]), after=int(r["n_after"])) for _, r in short.iterrows())))
        policies.append({"name": name, "date": date, "year": year, "sentences": sentences,
                         "indicators": w.join(dict.fromkeys(ctx.indicator_name(i) for i in group["indicator"]))})
    return {"policies": policies, "none": "" if policies else w("policy.no_series"), "caveat": w("policy.descriptive")}


def interval(value, lower, upper) -> str:
    return f"{signed(value)} [{signed(lower)}, {signed(upper)}]"


def _segmented(ctx, r) -> list[str]:
    w = ctx.words
    name = ctx.series_name(r["indicator"], r["school_level"])
    unit = cells.unit_of(r["indicator"])
    out = [w("policy.segmented", name=name, year=int(r["policy_year"]),
             level=interval(r["level_change"], r["level_change_lower"], r["level_change_upper"]),
             slope=interval(r["slope_change"], r["slope_change_lower"], r["slope_change_upper"]),
             unit=w.code("diff_unit", unit, default=""), rho=fmt_number(r.get("ar1_rho")))]
    province = r.get(PEER_ON)
    if isinstance(province, str) and province:  # the estimate itself is on the province's page (report/peers.py)
        out.append(w("policy.did_on_province", name=name, province=ctx.region_name(load_regions()[province])))
    else:
        out.append(w("policy.no_comparison", name=name))
    return out


def methods_items(ctx) -> list[str]:
    return [ctx.words(k) for k in METHOD_KEYS]


def count_values(frame: pd.DataFrame) -> int:
    return int(frame["indicator"].nunique()) if not frame.empty else 0
