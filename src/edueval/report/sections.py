"""The sections of a region's report, each a function of the region's context.

The report notebook calls these in order and displays their HTML; a researcher can
call the same functions in JupyterLab.
"""
from __future__ import annotations

import pandas as pd

from ..catalog import load_catalog
from ..regions import load_regions
from . import html as h
from .figures import chartable_indicators, figure_html, indicator_chart
from .i18n import BAND, CSS_CLASS, ISSUE, KIND, QUALIFIER, RULE, VERDICT, level_label, pick, scope_label, status_label, t
from .provenance import build_info, documents_table, obs_anchor, observations_table, src_anchor, value_text
from .status import scorecard_rows, status_code

SCOPE_ORDER = {"local": 0, "provincial": 1, "national": 2, "standard": 3, "quoted benchmark": 4}


def _pp(value, lang: str) -> str:
    return "–" if pd.isna(value) else f"{value:+.2f}"


def header(ctx) -> h.Raw:
    lang, region = ctx.lang, ctx.region
    parents = " / ".join(ctx.region_name(r) for r in load_regions().ancestors(region.code)) or "–"
    actual = ctx.actuals
    period = (t("period", lang, first=int(actual["year"].min()), last=int(actual["year"].max()))
              if not actual.empty else t("no_period", lang))
    used = ctx.sources[ctx.sources["source_id"].isin(ctx.used_rows["source_id"])]
    newest = used["date"].max() if not used.empty else "–"
    pseudo = ""
    if region.pseudo:
        pseudo = h.para("该地区在来源文件中被匿名，本项目使用稳定的代号，不推测其真实名称。" if lang == "zh"
                        else "The source documents anonymise this region; it keeps a stable pseudo-code and is never matched to a real place.",
                        css="callout")
    return h.Raw(
        f"<div class=\"ee\"><h1>{h.esc(t('title', lang, name=ctx.region_name()))}</h1>"
        + h.para(f"{region.code} · {ctx.region_name()} · "
                 + t("level_parent", lang, level=level_label(region.level, lang), parents=parents), css="meta")
        + h.para(period, css="meta")
        + h.para(t("sources_used", lang, n=len(used)), css="meta")
        + h.para(t("as_of", lang, date=newest, version=ctx.data_version), css="meta")
        + pseudo + h.para(t("scope_q", lang, name=ctx.region_name())) + "</div>"
    )


def _target_row_anchor(ctx, row) -> str | None:
    obs = ctx.observations
    kind = "benchmark" if row["scope"] in ("standard", "quoted benchmark") else "target"
    match = obs[(obs["region_code"] == row["target_owner"]) & (obs["indicator"] == row["indicator"])
                & (obs["school_level"] == row["school_level"]) & (obs["kind"] == kind)
                & (obs["year"] == row["target_year"]) & (obs["source_id"] == row["target_source_id"])]
    return obs_anchor(match.iloc[0]) if not match.empty else None


def _latest_cell(ctx, indicator: str, level: str) -> h.Raw:
    rows = ctx.actuals[(ctx.actuals["indicator"] == indicator) & (ctx.actuals["school_level"] == level)]
    if rows.empty:
        return h.Raw("–")
    r = rows.sort_values("year").iloc[-1]
    flag = t("derived_flag", ctx.lang) if r["method"] == "derived" else (
        t("extracted_flag", ctx.lang) if r["method"] == "extracted" else "")
    return h.Raw(f"{h.link('#' + obs_anchor(r), value_text(r, ctx.lang))} ({int(r['year'])}){h.esc(flag)}")


def _status_cell(row, lang: str) -> h.Raw:
    code = status_code(row)
    symbol, word = status_label(code, lang)
    extra = ""
    if code in ("not achieved", "not assessable") and pd.notna(row.get("gap")) and row["gap"] > 0:
        extra = f"（差 {h.fmt_number(abs(row['gap']))}）" if lang == "zh" else f" (gap {h.fmt_number(abs(row['gap']))})"
    return h.Raw(f"<span class=\"status s-{CSS_CLASS.get(code, 'not_assessable')}\">{h.esc(symbol)} {h.esc(word)}{h.esc(extra)}</span>")


def _projection_cell(row, lang: str) -> str:
    if pd.isna(row.get("projection")):
        return "–"
    text = f"{h.fmt_number(row['projection'])}"
    if pd.notna(row.get("interval_lower")):
        kind = str(row.get("interval_kind", ""))
        label = ("情景区间" if lang == "zh" else "scenario band") if "scenario" in kind else (
            "95%预测区间" if lang == "zh" else "95% PI")
        text += f" [{h.fmt_number(row['interval_lower'])}, {h.fmt_number(row['interval_upper'])}] {label}"
    if isinstance(row.get("probability_band"), str) and row["probability_band"]:
        text += f"; {pick(BAND, row['probability_band'], lang)}"
    return text


def scorecard(ctx) -> h.Raw:
    lang = ctx.lang
    catalog = load_catalog()
    shown = scorecard_rows(ctx.targets)
    targets = shown.assign(_scope=shown["scope"].map(SCOPE_ORDER).fillna(9),
                           _ind=shown["indicator"].map({c: i for i, c in enumerate(catalog.codes)}))
    rows = []
    for _, r in targets.sort_values(["_ind", "school_level", "_scope", "target_year"]).iterrows():
        name = ctx.series_name(r["indicator"], r["school_level"])
        q = QUALIFIER.get(r["target_qualifier"], r["target_qualifier"])
        target_text = f"{q}{h.fmt_number(r['target_value'])} ({int(r['target_year'])})" if pd.notna(r["target_value"]) else t("masked", lang)
        anchor = _target_row_anchor(ctx, r)
        target_cell = h.link("#" + anchor, target_text) if anchor else target_text
        owner = load_regions()[r["target_owner"]]
        scope = h.Raw(f"{h.esc(scope_label(r['scope'], lang))} · {h.esc(ctx.region_name(owner))}<br/>"
                      + h.link("#" + src_anchor(r["target_source_id"]), r["target_source_id"]))
        pace = "–"
        if pd.notna(r["observed_pace"]) or pd.notna(r["required_pace_plan"]):
            req = r["required_pace_plan"] if pd.notna(r["required_pace_plan"]) else r["required_pace_now"]
            if r["status"] == "achieved":
                req = float("nan")  # nothing is required of a met target (a negative "need" confuses)
            pace = f"{_pp(r['observed_pace'], lang)} / {_pp(req, lang)}"
            if pd.notna(r["progress_ratio"]):
                pace += f"（比值 {r['progress_ratio']:.2f}）" if lang == "zh" else f" (ratio {r['progress_ratio']:.2f})"
        rows.append([name, _latest_cell(ctx, r["indicator"], r["school_level"]), target_cell, scope,
                     _status_cell(r, lang), pace, pick(VERDICT, r["schedule_verdict"], lang),
                     _projection_cell(r, lang), pick(RULE, r["rule"], lang)])
    # indicators with values but no target still belong on the card
    targeted = set(zip(ctx.targets["indicator"], ctx.targets["school_level"]))
    for ind, level in sorted(set(zip(ctx.actuals["indicator"], ctx.actuals["school_level"])) - targeted,
                             key=lambda k: (catalog.codes.index(k[0]), k[1])):
        if catalog[ind].unit == "count":
            continue
        name = ctx.series_name(ind, level)
        rows.append([name, _latest_cell(ctx, ind, level), "–", t("no_targets", lang), h.Raw("–"), "–", "–", "–", "–"])
    if not rows:
        return h.section(t("h_scorecard", lang), h.para(t("no_targets", lang)), anchor="scorecard")
    headers = [t("col_indicator", lang), t("col_latest", lang), t("col_target", lang), t("col_scope", lang),
               t("col_status", lang), t("col_pace", lang), t("col_schedule", lang), t("col_projection", lang),
               t("col_rule", lang)]
    legend = h.para("状态一栏的符号与文字共同表达含义：✓ 已达成，↗ 按进度推进，⚠ 需加快或进展有限，▼ 倒退，× 未达到，? 无法判断。"
                    "进度为百分点/年：实际 / 所需，比值 = 实际 ÷ 所需。点击数值可跳到其来源行。" if lang == "zh" else
                    "Symbols and words carry the status together: ✓ achieved, ↗ on track, ⚠ acceleration needed or limited "
                    "progress, ▼ deterioration, × not met, ? cannot be judged. Pace in pp per year: observed / required "
                    "and their ratio. Click a value to jump to its source row.", css="note")
    return h.section(t("h_scorecard", lang), legend + h.table(headers, rows, css="scorecard"), anchor="scorecard")


def charts(ctx) -> h.Raw:
    lang = ctx.lang
    keys = chartable_indicators(ctx)
    if not keys:
        return h.section(t("h_charts", lang), h.para(t("no_charts", lang)), anchor="charts")
    parts = []
    for ind, level in keys:
        png, detail = indicator_chart(ctx, ind, level)
        name = ctx.indicator_name(ind)
        parts.append(figure_html(png, alt=f"{name}: {detail}", caption=t("fig_caption", lang, indicator=name, detail=detail)))
    n_by_key = ctx.actuals.groupby(["indicator", "school_level"]).size()
    thin = [ctx.indicator_name(i) for i, lv in keys if n_by_key.get((i, lv), 0) < 3]
    note = ""
    if thin:
        note = h.para(("以下指标实际值少于 3 个，图中不画趋势线：" if lang == "zh" else
                       "Fewer than 3 actual values, so no trend line is drawn: ") + "、".join(thin), css="note")
    return h.section(t("h_charts", lang), note + "".join(parts), anchor="charts")


def narrative(ctx) -> h.Raw:
    from .narrative import summary_paragraphs

    return h.section(t("h_summary", ctx.lang), "".join(h.para(p) for p in summary_paragraphs(ctx)), anchor="summary")


def policy(ctx) -> h.Raw:
    from .narrative import policy_paragraphs

    return h.section(t("h_policy", ctx.lang), "".join(h.para(p) for p in policy_paragraphs(ctx)), anchor="policy")


def balance(ctx, data=None) -> h.Raw | None:
    """The school-balance section, present only when the region has school-level data
    (``data/raw/schools/`` by default, or ``data`` as accepted by ``balance_section``)."""
    import io

    from ..balance.section import balance_section
    from .figures import _style

    _style()  # Chinese glyphs in the balance figure
    sec = balance_section(ctx.region.code, data)
    if sec is None:
        return None
    buf = io.BytesIO()
    sec.figure.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    intro = h.para(("{year} 年数据。按《县域义务教育优质均衡发展督导评估办法》，每项指标的校际差异系数小学不高于 0.50、初中不高于 0.45；"
                    "综合差异系数（七项平均）按 2012 年基本均衡标准（0.65 / 0.55）仅作补充。" if ctx.lang == "zh" else
                    "Year {year}. The official test: every indicator's between-school coefficient at most 0.50 (primary) and "
                    "0.45 (junior); the composite (mean of the seven) against the 2012 thresholds (0.65 / 0.55) is supplementary.")
                   .format(year=sec.year), css="note")
    table = h.table(list(sec.table.columns), sec.table.itertuples(index=False))
    failing = (h.table(list(sec.failing.columns), sec.failing.itertuples(index=False)) if not sec.failing.empty
               else h.para("所有学校都达到单校标准。" if ctx.lang == "zh" else "Every school meets the per-school standard."))
    figure = figure_html(buf.getvalue(), alt="学校各项指标相对标准值" if ctx.lang == "zh" else "schools against each standard",
                         caption=("图：各校七项指标相对于标准值的比例（100% 与 85% 两条参考线）。" if ctx.lang == "zh" else
                                  "Figure: each school's seven indicators relative to the standard (100% and 85% lines)."))
    return h.section(t("h_balance", ctx.lang), intro + table + figure + failing + h.bullets(sec.notes), anchor="balance")


def quality(ctx) -> h.Raw:
    lang = ctx.lang
    q = ctx.quality
    parts = []
    if q is not None and not q.empty:
        rows = [[pick(ISSUE, r["issue"], lang), ctx.series_name(r["indicator"], r["school_level"]), r["year"], pick(KIND, r["kind"], lang),
                 "–" if pd.isna(r["value"]) else h.fmt_number(r["value"]),
                 h.link("#" + src_anchor(r["source_id"]), r["source_id"]), r["detail"]]
                for _, r in q.sort_values(["issue", "indicator", "year"]).iterrows()]
        parts.append(h.table([t("col_issue", lang), t("col_indicator", lang), t("col_year", lang), t("col_kind", lang),
                              t("col_value", lang), t("col_source", lang), t("col_detail", lang)], rows, numeric=[2, 4]))
    else:
        parts.append(h.para(t("no_quality_issues", lang)))
    gaps = []
    for (ind, level), g in ctx.actuals.groupby(["indicator", "school_level"]):
        years = sorted(int(y) for y in g["year"])
        missing = sorted(set(range(years[0], years[-1] + 1)) - set(years))
        if missing:
            gaps.append(t("missing_years", lang, indicator=ctx.indicator_name(ind), first=years[0], last=years[-1],
                          years="、".join(map(str, missing)) if lang == "zh" else ", ".join(map(str, missing))))
    if gaps:
        parts.append(h.bullets(gaps))
    return h.section(t("h_quality", lang), "".join(parts), anchor="quality")


def provenance(ctx) -> h.Raw:
    lang = ctx.lang
    intro = h.para("下表列出本报告用到的每一行数据（本地区、上级地区和全国），每行链接到其来源文件；文件表列出标题、发布者、日期和获取位置。"
                   if lang == "zh" else
                   "Every data row this report uses (this region, its parent regions and the nation), each linked to its "
                   "document; the documents table gives title, publisher, date and where to find it.", css="note")
    return h.section(t("h_sources", lang), intro + observations_table(ctx, ctx.used_rows) + documents_table(ctx, ctx.used_rows),
                     anchor="sources")


def methods(ctx) -> h.Raw:
    from .narrative import methods_paragraphs

    return h.section(t("h_methods", ctx.lang), h.bullets(methods_paragraphs(ctx)), anchor="methods")


def build(ctx) -> h.Raw:
    return h.section(t("h_build", ctx.lang), build_info(ctx), anchor="build")
