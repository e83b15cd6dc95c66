"""The report section on balanced development for one county.

The report reads only what the balance stage published (src/edueval/balance/stage.py):
the page's slice holds the county's coefficients (``ctx.balance``), its school parts
(``ctx.balance_schools``) and those missing the per-school standard
(``ctx.balance_failing``); :func:`balance_view` turns them into the section's values in
the page's language, or None when the county has no school data (the page leaves the
section out). It never reads data/raw/schools.

:func:`balance_section` is the researchers' entry point (a :class:`BalanceResult`, school
files, or every file of data/raw/schools): it returns the tables with Chinese headers and
the figure, as before.

Figures are :class:`matplotlib.figure.Figure` objects built without pyplot (no global
state); their words come from the report's catalogue (report/catalogue/words.csv).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from .evaluation import BalanceResult, evaluate, evaluate_files, indicator_name
from .schools import SCHOOL_TYPE_ZH, read_school_dir
from .standards import (
    INDICATORS,
    LEVEL_ZH,
    LEVELS,
    MIN_INDICATORS_MET,
    MIN_SHARE_OF_STANDARD,
)

PASS_COLOUR, FAIL_COLOUR = "#4c72b0", "#c44e52"


@dataclass
class BalanceSection:
    county_code: str
    county_name: str
    year: int
    table: pd.DataFrame  # coefficients with thresholds and pass/fail (Chinese headers)
    figure: Figure
    failing: pd.DataFrame  # school parts missing the per-school standard, and on what
    notes: list[str] = field(default_factory=list)


def _words(w=None):
    from ..report.i18n import words

    return w or words("zh")


def balance_view(ctx, data: BalanceResult | None = None) -> dict | None:
    """The section's values for the page of ``ctx`` (None without school data)."""
    from ..report.figures import style, svg
    from ..report.html import Markup, fmt_number

    w = ctx.words
    coef, units = ctx.balance, ctx.balance_schools
    if data is not None:
        res = data.for_county(ctx.region.code)
        coef, units = res.coefficients, res.units
    if coef is None or coef.empty:
        return None
    years = sorted(int(y) for y in coef["year"].dropna().unique())
    year = years[-1]
    coef = coef[coef["year"] == year]
    rows = []
    for _, r in coef.iterrows():
        passed = r["passed"]
        result = "–" if pd.isna(passed) else w("balance.pass" if bool(passed) else "balance.fail")
        role = w("balance.supplementary") if r.get("role") == "supplementary" else ""
        rows.append([w.code("level", r["level"]), _indicator(w, r["indicator"]) + role, int(r["n_schools"]),
                     fmt_number(r["mean"], 3), fmt_number(r["cv"], 3), "≤" + fmt_number(r["threshold"]), result])
    figure = None
    if units is not None and not units.empty and "ratio_" + INDICATORS[0].code in units:
        style()
        mine = units[units["year"] == year]
        fig = standards_figure(mine, title="", words=w)
        figure = Markup(svg(fig, "balance"))
        failing = [[w.code("level", u["level"]), u["school_name"], w.code("school_type", u["school_type"]),
                    int(u["n_met"]), failing_reason(u, w)] for _, u in mine[~mine["passes"].astype(bool)].iterrows()]
    else:
        f = ctx.balance_failing
        f = f[f["year"] == year] if f is not None and not f.empty else pd.DataFrame()
        failing = [[w.code("level", u["level"]), u["school_name"], w.code("school_type", u["school_type"]),
                    int(u["n_met"]), u["reason"]] for _, u in f.iterrows()]
    notes = [w("balance.note_cv"), w("balance.note_composite"),
             w("balance.note_school", n=MIN_INDICATORS_MET, share=f"{MIN_SHARE_OF_STANDARD:.0%}")]
    if len(years) > 1:
        notes.append(w("balance.note_years", first=years[0], last=years[-1], year=year))
    headers = [w("col.school_level"), w("col.indicator"), w("balance.col_schools"), w("balance.col_mean"),
               w("balance.col_cv"), w("balance.col_threshold"), w("col.verdict")]
    failing_headers = [w("col.school_level"), w("balance.col_school"), w("balance.col_type"), w("balance.col_met"),
                       w("balance.col_why")]
    invented = w("balance.invented") if "invented" in (ctx.region.note or "") else ""
    return {"intro": w("balance.intro", year=year), "headers": headers, "rows": rows, "figure": figure,
            "figure_alt": w("balance.figure_alt", year=year), "figure_caption": w("balance.figure_caption"),
            "failing": failing, "failing_headers": failing_headers, "notes": notes, "invented": invented}


def _indicator(w, code: str) -> str:
    return w("balance.ind." + code)


def failing_reason(unit, w) -> str:
    """Which of the seven indicators a school part misses, with its share of the standard."""
    missed = []
    for ind in INDICATORS:
        if not bool(unit[f"met_{ind.code}"]):
            share = int(float(unit[f"ratio_{ind.code}"]) * 1000 + 1e-6) / 10  # rounded down: 84.97% is not 85%
            key = "balance.missed_below" if share < 100 * MIN_SHARE_OF_STANDARD else "balance.missed"
            missed.append(w(key, name=w("balance.short." + ind.code), share=f"{share:g}%"))
    return w("balance.reason", n=int(unit["n_met"]), need=MIN_INDICATORS_MET, items=w.join(missed))


def balance_section(county_code: str,
                    data: BalanceResult | pd.DataFrame | str | Path | Iterable[str | Path] | None = None,
                    *, year: int | None = None) -> BalanceSection | None:
    """The balanced-development tables and figure for ``county_code``, or None without school data.

    For researchers: ``data`` is a :class:`BalanceResult`, a validated school table, one or
    more school files, or None for every file in ``data/raw/schools/``. ``year`` defaults to
    the latest year the county has. (The report itself uses :func:`balance_view`.)
    """
    result = _result(data)
    if result is None:
        return None
    res = result.for_county(county_code)
    if res.units.empty:
        return None
    years = sorted(int(y) for y in res.units["year"].unique())
    if year is None:
        year = years[-1]
    elif year not in years:
        return None
    coef = res.coefficients[res.coefficients["year"] == year]
    units = res.units[res.units["year"] == year]
    name = str(units["county_name"].iloc[0])
    w = _words()
    notes = [w("balance.note_cv"), w("balance.note_composite"),
             w("balance.note_school", n=MIN_INDICATORS_MET, share=f"{MIN_SHARE_OF_STANDARD:.0%}")]
    if len(years) > 1:
        notes.append(w("balance.note_years", first=years[0], last=years[-1], year=year))
    for r in coef[coef["note"] != ""].itertuples():
        notes.append(f"{LEVEL_ZH[str(r.level)]} {indicator_name(r.indicator)}：{r.note}")
    return BalanceSection(county_code=county_code, county_name=name, year=year, table=coefficient_table(coef),
                          figure=standards_figure(units, title=w("balance.figure_title", name=name, year=year)),
                          failing=failing_table(units), notes=notes)


def _result(data) -> BalanceResult | None:
    if isinstance(data, BalanceResult):
        return data
    if isinstance(data, pd.DataFrame):
        return evaluate(data)
    if data is None:
        schools = read_school_dir()
        return None if schools is None else evaluate(schools)
    return evaluate_files(data)


def coefficient_table(coef: pd.DataFrame) -> pd.DataFrame:
    """The coefficients of one county and year, for display (Chinese headers)."""
    passed = coef["passed"].map(lambda v: "—" if pd.isna(v) else ("达标" if v else "未达标"))
    return pd.DataFrame({
        "学段": coef["level"].astype(str).map(LEVEL_ZH),
        "指标": coef["indicator"].map(indicator_name),
        "学校数": coef["n_schools"].astype(int),
        "县域均值": coef["mean"].round(3),
        "差异系数": coef["cv"].round(3),
        "标准（≤）": coef["threshold"],
        "结果": passed,
        "说明": coef["note"].astype(str),
    }).reset_index(drop=True)


def failing_table(units: pd.DataFrame) -> pd.DataFrame:
    """School parts missing the per-school standard, for display (Chinese headers)."""
    f = units[~units["passes"]]
    return pd.DataFrame({
        "学段": f["level"].astype(str).map(LEVEL_ZH),
        "学校": f["school_name"],
        "学校类型": f["school_type"].astype(str).map(SCHOOL_TYPE_ZH),
        "达标项数": f["n_met"].astype(int),
        "未达标情况": f["reason"],
    }).reset_index(drop=True)


def standards_figure(units: pd.DataFrame, title: str = "", words=None) -> Figure:
    """Every school part against each standard: value ÷ standard in %, with the 100% and
    85% lines; one panel per level, schools missing the standard in their own colour.
    Points are spread by a fixed offset (no random jitter: the same data, the same figure)."""
    w = _words(words)
    levels = [lv for lv in LEVELS if (units["level"] == lv).any()]
    fig = Figure(figsize=(7.2, 2.7 * max(1, len(levels)) + 0.3))
    axes = fig.subplots(max(1, len(levels)), 1, squeeze=False)[:, 0]
    fig.subplots_adjust(left=0.09, right=0.98, top=0.93 if title else 0.96, bottom=0.08, hspace=0.75)
    labels = [w("balance.short." + i.code) for i in INDICATORS]
    for ax, level in zip(axes, levels):
        d = units[units["level"] == level].reset_index(drop=True)
        offsets = (d.index.to_numpy() - (len(d) - 1) / 2) * (0.5 / max(len(d), 1))
        for passes, colour, key in ((True, PASS_COLOUR, "balance.legend_pass"), (False, FAIL_COLOUR, "balance.legend_fail")):
            part = d[d["passes"].astype(bool) == passes]
            xs = [j + offsets[k] for j in range(len(INDICATORS)) for k in part.index]
            ys = [100 * float(part.loc[k, f"ratio_{ind.code}"]) for ind in INDICATORS for k in part.index]
            ax.scatter(xs, ys, s=22, color=colour, label=w(key), zorder=3)
        ax.axhline(100, color="black", linewidth=1, label=w("balance.legend_standard"))
        ax.axhline(100 * MIN_SHARE_OF_STANDARD, color="black", linewidth=1, linestyle="--",
                   label=w("balance.legend_floor", share=f"{MIN_SHARE_OF_STANDARD:.0%}"))
        ax.set_xticks(range(len(INDICATORS)), labels, fontsize=7.5)
        ax.set_ylim(bottom=0)
        ax.set_ylabel(w("balance.axis"))
        ax.set_title(w("balance.panel", level=w.code("level", level), n=len(d)))
        ax.legend(loc="upper right", fontsize=7, frameon=False, ncols=2)
    if title:
        fig.suptitle(title)
    return fig


__all__ = [
    "BalanceSection",
    "balance_section",
    "balance_view",
    "coefficient_table",
    "failing_reason",
    "failing_table",
    "standards_figure",
]
