"""The report section on balanced development for one county.

``balance_section(code)`` returns the coefficient table with thresholds and pass/fail,
a figure of every school against each standard, and the schools that miss the
per-school standard — or None when there is no school data for the county, so that
the report leaves the section out.

The figure is a :class:`matplotlib.figure.Figure` built without pyplot (no global
state, nothing shown twice in a notebook); display it with ``display(sec.figure)``
or save it with ``sec.figure.savefig(...)``. Fonts are left to the caller.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from .evaluation import BalanceResult, evaluate, evaluate_files, indicator_name
from .schools import SCHOOL_TYPE_ZH, read_school_dir
from .standards import INDICATORS, LEVEL_ZH, LEVELS, MIN_INDICATORS_MET, MIN_SHARE_OF_STANDARD


@dataclass
class BalanceSection:
    county_code: str
    county_name: str
    year: int
    table: pd.DataFrame  # coefficients with thresholds and pass/fail (Chinese headers)
    figure: Figure
    failing: pd.DataFrame  # school parts missing the per-school standard, and on what
    notes: list[str] = field(default_factory=list)


def balance_section(county_code: str,
                    data: BalanceResult | pd.DataFrame | str | Path | Iterable[str | Path] | None = None,
                    *, year: int | None = None) -> BalanceSection | None:
    """The balanced-development section for ``county_code``, or None without school data.

    ``data`` is a :class:`BalanceResult`, a validated school table, one or more school
    files, or None for every file in ``data/raw/schools/``. ``year`` defaults to the
    latest year the county has.
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

    notes = [
        "差异系数 = S / X̄，按在校生数加权（县域义务教育优质均衡发展督导评估办法, 2017）；"
        "七项指标须各自 ≤ 0.50（小学）/ ≤ 0.45（初中）。",
        "综合差异系数（七项平均）仅作补充，对照 2012 年基本均衡标准 ≤ 0.65 / ≤ 0.55。",
        f"学校标准：七项中至少 {MIN_INDICATORS_MET} 项达到标准值，其余项不低于标准值的 "
        f"{MIN_SHARE_OF_STANDARD:.0%}。九年一贯制、完全中学、十二年一贯制学校的资源按在校生数 × "
        "权重（小学 1、初中 1.1、高中 1.32）分摊到各学段。",
    ]
    if len(years) > 1:
        notes.append(f"该县有 {years[0]}–{years[-1]} 年的学校数据，本节为 {year} 年。")
    for r in coef[coef["note"] != ""].itertuples():
        notes.append(f"{LEVEL_ZH[str(r.level)]} {indicator_name(r.indicator)}：{r.note}")

    return BalanceSection(
        county_code=county_code,
        county_name=name,
        year=year,
        table=coefficient_table(coef),
        figure=standards_figure(units, title=f"{name} {year} 年各校七项指标相对标准值"),
        failing=failing_table(units),
        notes=notes,
    )


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
    """The coefficients of one county and year, for display."""
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
    """School parts missing the per-school standard, for display."""
    f = units[~units["passes"]]
    return pd.DataFrame({
        "学段": f["level"].astype(str).map(LEVEL_ZH),
        "学校": f["school_name"],
        "学校类型": f["school_type"].astype(str).map(SCHOOL_TYPE_ZH),
        "达标项数": f["n_met"].astype(int),
        "未达标情况": f["reason"],
    }).reset_index(drop=True)


def standards_figure(units: pd.DataFrame, title: str = "") -> Figure:
    """Every school part against each standard: value ÷ standard in %, with the 100%
    and 85% lines; one panel per level, schools missing the standard marked."""
    levels = [lv for lv in LEVELS if (units["level"] == lv).any()]
    long = units.melt(
        id_vars=["level", "school_name", "passes"],
        value_vars=[f"ratio_{i.code}" for i in INDICATORS],
        var_name="indicator", value_name="ratio",
    )
    long["percent"] = 100 * long["ratio"]
    labels = {f"ratio_{i.code}": i.label_zh for i in INDICATORS}
    long["指标"] = long["indicator"].map(labels)
    long["学校标准"] = long["passes"].map({True: "达到学校标准", False: "未达到学校标准"})
    order = [i.label_zh for i in INDICATORS]

    fig = Figure(figsize=(11, 3.6 * max(1, len(levels))), layout="constrained")
    axes = fig.subplots(max(1, len(levels)), 1, squeeze=False)[:, 0]
    for ax, level in zip(axes, levels):
        d = long[long["level"] == level]
        sns.stripplot(data=d, x="指标", y="percent", hue="学校标准", order=order,
                      hue_order=["达到学校标准", "未达到学校标准"],
                      palette={"达到学校标准": "#4c72b0", "未达到学校标准": "#c44e52"},
                      jitter=0.15, size=6, ax=ax)
        ax.axhline(100, color="black", linewidth=1, label="标准值 100%")
        ax.axhline(100 * MIN_SHARE_OF_STANDARD, color="black", linewidth=1, linestyle="--",
                   label=f"{MIN_SHARE_OF_STANDARD:.0%} 底线")
        ax.set_ylim(bottom=0)
        ax.set_xlabel("")
        ax.set_ylabel("相对标准值（%）")
        ax.set_title(f"{LEVEL_ZH[level]}（{(units['level'] == level).sum()} 所学校/学段）")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    if title:
        fig.suptitle(title)
    return fig


__all__ = ["BalanceSection", "balance_section", "coefficient_table", "failing_table",
           "standards_figure"]
