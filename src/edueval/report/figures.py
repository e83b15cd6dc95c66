"""One chart per indicator: actual values, the fitted trend with its interval or scenario
band where the rules allow one, labelled targets, and the national series.

Charts are PNG (Agg, fixed size and metadata) so that the same data give the same bytes.
"""
from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import seaborn as sns  # noqa: E402

from ..catalog import load_catalog  # noqa: E402
from . import html as h  # noqa: E402
from .fonts import register_matplotlib_font  # noqa: E402
from .i18n import QUALIFIER, scope_label  # noqa: E402

SCOPE_COLOURS = {"local": "#1f5fbf", "provincial": "#7b3fb0", "national": "#c0392b", "standard": "#2e7d32",
                 "quoted benchmark": "#8d6e00"}
REGION_COLOUR = "#0b3d91"
NATIONAL_COLOUR = "#8c8c8c"
CHART_UNITS = {"%", "years", "ratio"}


def chartable_indicators(ctx) -> list[tuple[str, str]]:
    """(indicator, school_level) pairs with at least one actual value of the region, rates only
    (a chart of targets alone says nothing the scorecard does not)."""
    catalog = load_catalog()
    keys = set()
    for ind, level in ctx.actuals[["indicator", "school_level"]].drop_duplicates().itertuples(index=False):
        if catalog[ind].unit in CHART_UNITS:
            keys.add((ind, level))
    order = {c: i for i, c in enumerate(catalog.codes)}
    return sorted(keys, key=lambda k: (order[k[0]], k[1]))


def _style() -> None:
    font = register_matplotlib_font()
    sns.set_theme(style="whitegrid", context="notebook", font=font, rc={"axes.unicode_minus": False})


def indicator_chart(ctx, indicator: str, school_level: str = "all") -> tuple[bytes, str]:
    """PNG bytes and a one-line description of what the chart shows."""
    _style()
    lang = ctx.lang
    catalog = load_catalog()
    ind = catalog[indicator]
    fig, ax = plt.subplots(figsize=(7.6, 3.9), dpi=110)
    said = []

    own = ctx.actuals[(ctx.actuals["indicator"] == indicator) & (ctx.actuals["school_level"] == school_level)]
    own = own.sort_values("year")
    nat = ctx.national_actuals()
    nat = nat[(nat["indicator"] == indicator) & (nat["school_level"] == school_level)].sort_values("year")
    if ctx.region.code != "000000" and not nat.empty:
        sns.lineplot(data=nat, x="year", y="value", ax=ax, color=NATIONAL_COLOUR, marker="o", markersize=4,
                     linewidth=1.2, label="全国" if lang == "zh" else "China (national)")
        said.append("全国序列为灰色" if lang == "zh" else "national series in grey")

    curves = ctx.curves[(ctx.curves["indicator"] == indicator) & (ctx.curves["school_level"] == school_level)]
    curves = curves.sort_values("year")
    if not curves.empty and curves["fitted"].notna().any():
        band = curves.dropna(subset=["lower", "upper"])
        kind = str(band["band_kind"].iloc[0]) if not band.empty else ""
        if not band.empty:
            label = _band_label(kind, lang)
            ax.fill_between(band["year"], band["lower"], band["upper"], color=REGION_COLOUR, alpha=0.13, linewidth=0,
                            label=label)
            said.append(label)
        ax.plot(curves["year"], curves["fitted"], color=REGION_COLOUR, linestyle="--", linewidth=1.2,
                label="拟合趋势" if lang == "zh" else "fitted trend")

    if not own.empty:
        derived = own["method"] == "derived"
        sns.lineplot(data=own, x="year", y="value", ax=ax, color=REGION_COLOUR, linewidth=2, marker="o",
                     markersize=7, label=ctx.region_name())
        if derived.any():
            d = own[derived]
            ax.scatter(d["year"], d["value"], s=70, facecolor="white", edgecolor=REGION_COLOUR, zorder=5,
                       label="推算值" if lang == "zh" else "derived value")
        for _, r in own.iterrows():
            ax.annotate(h.fmt_number(r["value"]), (r["year"], r["value"]), textcoords="offset points",
                        xytext=(0, 7), ha="center", fontsize=8, color=REGION_COLOUR)
        said.append(("实际值 {n} 个" if lang == "zh" else "{n} actual value(s)").format(n=len(own)))
    else:
        said.append("本地区没有实际值" if lang == "zh" else "no actual value for this region")

    targets = ctx.targets[(ctx.targets["indicator"] == indicator) & (ctx.targets["school_level"] == school_level)]
    targets = targets[targets["target_value"].notna()].drop_duplicates(["scope", "target_value", "target_year"])
    years = [int(y) for y in (*own["year"], *nat["year"], *curves["year"])]
    if not years and not targets.empty:  # only targets: start the plan line five years before
        years = [int(targets["target_year"].min()) - 5]
    x_min = min(years) if years else 2015
    for _, t in targets.iterrows():
        colour = SCOPE_COLOURS.get(t["scope"], "#444444")
        q = QUALIFIER.get(t["target_qualifier"], t["target_qualifier"])
        label = f"{scope_label(t['scope'], lang)} {q}{h.fmt_number(t['target_value'])}"
        if t["scope"] in ("standard", "quoted benchmark"):
            ax.axhline(t["target_value"], color=colour, linestyle=":", linewidth=1.3, label=label)
        else:
            start = t["plan_base_year"] if pd.notna(t.get("plan_base_year")) else x_min
            ax.hlines(t["target_value"], start, t["target_year"], colors=colour, linestyles=":", linewidth=1.3)
            ax.scatter([t["target_year"]], [t["target_value"]], marker="*", s=120, color=colour, zorder=6,
                       label=f"{label} ({t['target_year']})")
    if not targets.empty:
        said.append(("目标 {n} 个" if lang == "zh" else "{n} target(s)").format(n=len(targets)))

    unit = {"%": "%", "years": "年" if lang == "zh" else "years", "ratio": "系数" if lang == "zh" else "coefficient"}[ind.unit]
    ax.set_title(ctx.series_name(indicator, school_level), fontsize=12, loc="left")
    ax.set_xlabel("年份" if lang == "zh" else "year")
    ax.set_ylabel(unit)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue(), "；".join(said) if lang == "zh" else "; ".join(said)


def _band_label(kind: str, lang: str) -> str:
    if "scenario" in kind:
        return "成对斜率情景区间（非置信区间）" if lang == "zh" else "pairwise-slope scenario band (not a confidence interval)"
    if "prediction" in kind:
        return "95% 预测区间" if lang == "zh" else "95% prediction interval"
    return kind


def figure_html(png: bytes, alt: str, caption: str) -> h.Raw:
    data = base64.b64encode(png).decode("ascii")
    return h.Raw(f"<figure><img alt=\"{h.esc(alt)}\" src=\"data:image/png;base64,{data}\"/>"
                 f"<figcaption>{h.esc(caption)}</figcaption></figure>")
