"""A province's regions against their same-level peers, after each policy (the province's page).

Each row of evaluation_policy with a difference-in-differences estimate compares one region
with the other regions of its level in its province (models/policy.py, models/did.py). The
estimate moves whenever any peer's values move, so it is shown here, beside the whole peer
group, and a region's own page only says where to find it (report/context.py says why: a
county's edit must not re-render its neighbours).
"""
from __future__ import annotations

import numpy as np

from ..regions import load_regions
from . import cells
from .html import Markup, render
from .narrative import interval


def peers_view(ctx) -> dict | None:
    peers = ctx.peer_policy
    if peers is None or peers.empty:
        return None
    w, registry = ctx.words, load_regions()
    from .sections import page_file

    policies = []
    for _, group in peers.groupby("policy_id", sort=False):
        first = group.iloc[0]
        year = int(first["policy_year"])
        tables = []
        levels = group["region_code"].map(lambda c: registry[c].level)
        for (indicator, school_level, level), rows in group.groupby(
                [group["indicator"], group["school_level"], levels], sort=False):
            unit = w.code("diff_unit", cells.unit_of(indicator), default="")
            tables.append({
                "caption": w("peers.caption", series=ctx.series_name(indicator, school_level),
                             level=w.code("region_level", level), n=len(rows)),
                "rows": [{"name": ctx.region_name(registry[r["region_code"]]),
                          "href": page_file(registry[r["region_code"]], ctx.lang),
                          "estimate": interval(r["did_estimate"], r["did_lower"], r["did_upper"]) + unit,
                          "n": int(r["did_n_comparison"]),
                          "perm_p": f"{r['did_perm_p']:.2f}" if np.isfinite(r["did_perm_p"]) else "–"}
                         for _, r in rows.iterrows()]})
        policies.append({"name": w.column(first, "policy_name") or w("policy.unnamed", year=year),
                         "year": year, "tables": tables})
    return {"policies": policies}


def peers(ctx) -> Markup | None:
    view = peers_view(ctx)
    return None if view is None else render("peers.html.j2", w=ctx.words, **view)
