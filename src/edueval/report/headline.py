"""The headline block: the plan period's targets at a glance, first on every page.

In the manner of the SDG 4 Scorecard: one line per local, provincial or national target
of the plan period with the baseline (year), the latest value (year), the target (year),
the gap, the pace needed and the pace achieved (each with its period) and a verdict word
with its symbol and one reason. It says which year the newest local data are from and
what is missing, and a few sentences of findings follow (report/narrative.py).
"""
from __future__ import annotations

from . import cells
from .lines import Line, headline_year


def line_view(ctx, line: Line) -> dict:
    row = line.row
    ind, level = line.key
    base = cells.value_cell(ctx, ind, level, row.get("plan_base_value"), row.get("plan_base_year"))
    if base["text"] == "–" and line.is_target and not cells.tx.missing(row.get("plan_base_year")):
        base["text"] = ctx.words("word.no_value_in", year=int(row["plan_base_year"]))  # say which year is missing
    return {
        "indicator": ctx.series_name(ind, level),
        "target": cells.target_text(ctx, row),
        "owner": cells.owner_text(ctx, row, line.also_owners),
        "target_anchor": target_anchor(ctx, row),
        "base": base,
        "latest": cells.value_cell(ctx, ind, level, row.get("status_value"), row.get("status_year")),
        "gap": cells.gap_cell(ctx, line),
        "need": cells.need_cell(ctx, line),
        "achieved": cells.achieved_cell(ctx, line),
        "verdict": cells.verdict(ctx, line.code),
        "reason": cells.reason_text(ctx, line),
        "code": line.code,
        "documents": cells.documents(ctx, line),
    }


def target_anchor(ctx, row) -> str | None:
    """The anchor of the observation row that states this target (in the appendix)."""
    row_ = target_observation(ctx, row)
    return ctx.anchor(row_) if row_ is not None else None


def target_observation(ctx, row):
    """The observation row stating this target, found once a page (the headline, the cells and
    the appendix each ask for it)."""
    kind = "benchmark" if row["target_kind"] == "benchmark" else "target"
    key = (row["target_owner"], row["indicator"], row["school_level"], kind, row["target_year"], row["target_source_id"])
    return ctx.memo(("target_observation", *key), lambda: _target_observation(ctx, key))


def _target_observation(ctx, key: tuple):
    owner, indicator, level, kind, year, source_id = key
    # the page's targets and benchmarks by series, grouped once: filtering every observation
    # for each line was most of the headline's cost
    by_series = ctx.memo(("statements_by_series",), lambda: _statements_by_series(ctx.observations))
    obs = by_series.get((owner, indicator, level))
    if obs is None:
        return None
    match = obs[(obs["kind"] == kind) & (obs["year"] == year) & (obs["source_id"] == source_id)]
    return match.iloc[0] if not match.empty else None


def _statements_by_series(obs) -> dict:
    stated = obs[obs["kind"].isin(["target", "benchmark"])]
    return {k: g for k, g in stated.groupby(["region_code", "indicator", "school_level"], sort=False, observed=True)}


def plan_lines(ctx) -> tuple[int | None, list[Line]]:
    """The headline year and its target lines (targets only, not standards or quoted benchmarks)."""
    year = headline_year(ctx, ctx.lines)
    if year is None:
        return None, []
    return year, [ln for ln in ctx.lines if ln.is_target and int(ln.row["target_year"]) == year]


def missing_national(ctx, year: int | None, lines: list[Line]) -> list[str]:
    """National targets of the headline year for indicators the region has no value of."""
    if year is None:
        return []
    obs = ctx.observations
    national = obs[(obs["region_code"] == "000000") & (obs["kind"] == "target") & (obs["year"] == year)
                   & (obs["status"] == "ok")]
    have = set(zip(ctx.actuals["indicator"], ctx.actuals["school_level"])) | {ln.key for ln in lines}
    keys = [k for k in dict.fromkeys(zip(national["indicator"], national["school_level"])) if k not in have]
    return [ctx.series_name(i, lv) for i, lv in keys]


def without_target(ctx, year: int | None, lines: list[Line]) -> list[str]:
    """Rate series the region has values of but no target for the headline year."""
    from .figures import chartable_indicators

    if year is None:
        return []
    targeted = {ln.key for ln in lines}
    return [ctx.series_name(*k) for k in chartable_indicators(ctx) if k not in targeted]


def headline_view(ctx) -> dict:
    from .narrative import findings

    w = ctx.words
    year, lines = plan_lines(ctx)
    judged = [ln for ln in lines if ln.has_value]
    empty = [ln for ln in lines if not ln.has_value]
    actual = ctx.actuals
    local_year = int(actual["year"].max()) if not actual.empty else None
    facts = []
    if local_year is None:
        has_children = ctx.children is not None and not ctx.children.empty and ctx.children["has_page"].any()
        facts.append(w("headline.no_local_data_children" if has_children else "headline.no_local_data"))
    else:
        facts.append(w("headline.latest_local", year=local_year))
        if year is not None and local_year <= year - 5:
            facts.append(w("headline.nothing_in_period", start=year - 4, end=year, year=local_year))
    if empty:
        facts.append(w("headline.targets_without_data", n=len(empty), year=year,
                       names=w.join(f"{ctx.series_name(*ln.key)} {cells.target_text(ctx, ln.row, False)}"
                                    for ln in empty)))
    untargeted = without_target(ctx, year, lines)
    if untargeted:
        facts.append(w("headline.no_target_for_period", year=year, names=w.join(untargeted)))
    absent = missing_national(ctx, year, lines)
    if absent:
        facts.append(w("headline.national_without_data", year=year, names=w.join(absent)))
    return {"year": year, "rows": [line_view(ctx, ln) for ln in judged], "facts": facts,
            "findings": findings(ctx, year, judged, empty), "has_targets": bool(lines)}
