"""Plain-language narrative generated from the evaluation tables (Chinese or English).

Sentences only restate what the tables hold; they never claim a cause. Attribution
wording appears only where a comparison group exists, and then with its caveats.
"""
from __future__ import annotations

import pandas as pd

from .html import fmt_number
from .i18n import BAND, QUALIFIER, pick, scope_label, t
from .status import scorecard_rows, status_code

GOOD = ("achieved",)
ON_TRACK = ("on track",)
LAGGING = ("acceleration needed", "limited progress", "deterioration", "not achieved")


def _join(items: list[str], lang: str) -> str:
    return "；".join(items) if lang == "zh" else "; ".join(items)


def _target_phrase(ctx, r) -> str:
    q = QUALIFIER.get(r["target_qualifier"], r["target_qualifier"])
    where = scope_label(r["scope"], ctx.lang)
    value = f"{q}{fmt_number(r['target_value'])}"
    year = int(r["target_year"])
    if ctx.lang == "zh":
        return f"{ctx.indicator_name(r['indicator'])}（{where} {value}，{year}年）"
    return f"{ctx.indicator_name(r['indicator'])} ({where} {value}, {year})"


def _value_phrase(ctx, r) -> str:
    if pd.isna(r["status_value"]):
        return ""
    year = int(r["status_year"])
    return f"{fmt_number(r['status_value'])}（{year}年）" if ctx.lang == "zh" else f"{fmt_number(r['status_value'])} in {year}"


def summary_paragraphs(ctx) -> list[str]:
    lang = ctx.lang
    rows = scorecard_rows(ctx.targets).copy()
    out = []
    if rows.empty:
        n = ctx.actuals["indicator"].nunique()
        out.append(f"本地区有 {n} 项指标的实际值，但数据中没有可对照的规划目标或评估标准，因此只描述现状。" if lang == "zh" else
                   f"This region has actual values for {n} indicator(s) but no target or standard to compare them with, so the report only describes them.")
        return out
    rows["effective"] = rows.apply(status_code, axis=1)
    met = rows[rows["effective"].isin(GOOD)]
    track = rows[rows["effective"].isin(ON_TRACK)]
    lag = rows[rows["effective"].isin(LAGGING)]
    unknown = rows[~rows["effective"].isin(GOOD + ON_TRACK + LAGGING)]
    if not met.empty:
        items = [f"{_target_phrase(ctx, r)}：{_value_phrase(ctx, r)}" if lang == "zh" else
                 f"{_target_phrase(ctx, r)}: {_value_phrase(ctx, r)}" for _, r in met.iterrows()]
        out.append(("已达到的目标：" if lang == "zh" else "Targets met: ") + _join(items, lang) + ("。" if lang == "zh" else "."))
    if not track.empty:
        items = [_target_phrase(ctx, r) for _, r in track.iterrows()]
        out.append(("按目前的年均进度可望如期达到：" if lang == "zh" else "On track at the observed pace: ")
                   + _join(items, lang) + ("。" if lang == "zh" else "."))
    if not lag.empty:
        items = []
        for _, r in lag.iterrows():
            word = pick({"acceleration needed": ("需加快", "needs to accelerate"),
                         "limited progress": ("进展有限", "limited progress"),
                         "deterioration": ("在倒退", "moving away from the target"),
                         "not achieved": ("未达到", "not met")}, r["effective"], lang)
            detail = _value_phrase(ctx, r)
            items.append(f"{_target_phrase(ctx, r)} {word}" + (f"，目前 {detail}" if lang == "zh" and detail else
                                                                (f", now {detail}" if detail else "")))
        out.append(("落后或未达到的目标：" if lang == "zh" else "Lagging or not met: ") + _join(items, lang)
                   + ("。" if lang == "zh" else "."))
    no_value = unknown[unknown["effective"] == "no actual"]
    if not no_value.empty:
        names = sorted({ctx.indicator_name(i) for i in no_value["indicator"]})
        out.append((f"有 {len(no_value)} 个目标没有任何实际值可对照，无法评估：" if lang == "zh" else
                    f"{len(no_value)} target(s) have no actual value to compare with and cannot be evaluated: ")
                   + ("、".join(names) if lang == "zh" else ", ".join(names)) + ("。" if lang == "zh" else "."))
    judged_later = unknown[unknown["effective"] != "no actual"]
    if not judged_later.empty:
        why = {"target masked": ("目标值被遮蔽", "the target is masked"),
               "not assessable": ("目前尚未达到，数据点太少或基期已接近目标，无法判断进度",
                                  "not met yet, with too few points (or a base already near the target) to judge the pace")}
        items = [f"{_target_phrase(ctx, r)}：{pick(why, r['effective'], lang)}" if lang == "zh" else
                 f"{_target_phrase(ctx, r)}: {pick(why, r['effective'], lang)}" for _, r in judged_later.iterrows()]
        out.append(("尚无法判断：" if lang == "zh" else "Cannot be judged yet: ") + _join(items, lang) + ("。" if lang == "zh" else "."))
    probs = rows[rows["probability_band"].fillna("") != ""] if "probability_band" in rows else rows.iloc[:0]
    if not probs.empty:
        items = [f"{_target_phrase(ctx, r)} {pick(BAND, r['probability_band'], lang)}" for _, r in probs.iterrows()]
        out.append(("按线性趋势外推（假定趋势不变），到目标年达标的可能性：" if lang == "zh" else
                    "Extrapolating the linear trend (assuming it continues), the chance of meeting the target by the target year: ")
                   + _join(items, lang) + ("。" if lang == "zh" else "."))
    n_by_series = ctx.actuals.groupby(["indicator", "school_level"]).size()
    if not n_by_series.empty and n_by_series.max() < 5:
        out.append("本地区每项指标的年度实际值都少于 5 个，因此报告不给出预测区间或达标概率，只给出进度和情景区间。" if lang == "zh" else
                   "Every indicator has fewer than 5 yearly values here, so the report gives no prediction interval or probability, only paces and scenario bands.")
    derived = ctx.actuals[ctx.actuals["method"] == "derived"]
    if not derived.empty:
        names = sorted({ctx.indicator_name(i) for i in derived["indicator"]})
        out.append(("部分数值由文件中的变化量推算得到（见数据质量与来源表）：" if lang == "zh" else
                    "Some values are derived from changes stated in the documents (see data quality and sources): ")
                   + ("、".join(names) if lang == "zh" else ", ".join(names)) + ("。" if lang == "zh" else "."))
    extracted = ctx.actuals[ctx.actuals["method"] == "extracted"]
    if not extracted.empty:
        out.append("部分数值由程序从文件中自动提取，尚未经人工核对。" if lang == "zh" else
                   "Some values were extracted from documents by the program and have not been reviewed by hand.")
    out.append(t("descriptive_only", lang))
    return out


def policy_paragraphs(ctx) -> list[str]:
    lang = ctx.lang
    pol = ctx.policy
    out = []
    if pol is None or pol.empty:
        out.append("本地区没有可用于政策变化分析的年度序列。" if lang == "zh" else "This region has no yearly series to analyse around a policy year.")
    else:
        for _, r in pol.iterrows():
            name = ctx.indicator_name(r["indicator"])
            if bool(r.get("segmented")):
                lc = f"{r['level_change']:+.2f} [{r['level_change_lower']:+.2f}, {r['level_change_upper']:+.2f}]"
                sc = f"{r['slope_change']:+.2f} [{r['slope_change_lower']:+.2f}, {r['slope_change_upper']:+.2f}]"
                if lang == "zh":
                    out.append(f"{name}：以 {int(r['policy_year'])} 年为界的分段回归，水平变化 {lc} 个百分点，斜率变化 {sc} 个百分点/年"
                               f"（95% 置信区间；AR(1) 敏感性检验 ρ={r['ar1_rho']:.2f}）。这只是描述前后差异。")
                else:
                    out.append(f"{name}: segmented regression at {int(r['policy_year'])}: level change {lc} pp, slope change {sc} pp/yr "
                               f"(95% CI; AR(1) sensitivity ρ = {r['ar1_rho']:.2f}). This describes the before/after difference only.")
                if pd.notna(r.get("did_estimate")):
                    out.append((f"{name}：与 {int(r['did_n_comparison'])} 个同级地区比较的双重差分估计 {r['did_estimate']:+.2f} "
                                f"[{r['did_lower']:+.2f}, {r['did_upper']:+.2f}]。{r['did_note']}") if lang == "zh" else
                               f"{name}: difference-in-differences against {int(r['did_n_comparison'])} same-level regions "
                               f"{r['did_estimate']:+.2f} [{r['did_lower']:+.2f}, {r['did_upper']:+.2f}]. {r['did_note']}")
                else:
                    out.append(f"{name}：没有可比的对照地区，无法估计政策效应。" if lang == "zh" else
                               f"{name}: no comparison group is available, so no policy effect is estimated.")
        # every series too short for a policy model, in one sentence (counts are stocks, not outcomes)
        from ..catalog import load_catalog

        catalog = load_catalog()
        short = pol[~pol["segmented"].astype(bool) & pol["indicator"].map(lambda c: catalog[c].unit != "count")]
        if not short.empty:
            listing = ("、" if lang == "zh" else ", ").join(
                f"{ctx.indicator_name(r['indicator'])}（{int(r['n'])}）" if lang == "zh" else
                f"{ctx.indicator_name(r['indicator'])} ({int(r['n'])})" for _, r in short.iterrows())
            out.append(t("policy_needs", lang, indicators=listing, year=int(short["policy_year"].iloc[0])))
    out.append(t("descriptive_only", lang))
    return out


def methods_paragraphs(ctx) -> list[str]:
    lang = ctx.lang
    if lang == "zh":
        return [
            "数据：人工整理的表格（来源见来源表）经统一校验后合并为一张观测表；被遮蔽的数字不作推测；来源之间不一致时保留排序靠前的来源（人工整理 > 推算 > 自动提取；统计公报 > 年鉴 > 规划 > 新闻），并在数据质量部分列出。",
            "方法按年度实际值个数 n 选择：n=1 只报告现状与差距；n=2 报告变化、年均进度和序时进度，不给区间或概率；n=3–4 用 OLS 斜率作进度，成对斜率的范围作情景区间（不是置信区间）；n=5–7 用 OLS 线性趋势和 t 分布预测区间，并据此给出达标可能性的粗略区间；n≥8 另作政策年分段回归和 AR(1) 敏感性检验。",
            "接近 100 的有界比率在 logit 尺度上拟合；毛入学（园）率可以超过 100，从不做 logit 变换。",
            "进度类别（统计加拿大 / Open SDG 规则）：实际年均进度 ÷ 所需年均进度 ≥0.95 为按进度推进，0.60–0.95 为需加快，0–0.60 为进展有限，<0 为倒退；已达到目标为已达成。",
            "序时进度：已缩小的差距占规划期初差距的比例，与已过去的规划时间比例比较；规划期按五年计（如“十四五”2020→2025），期初值缺失时不计算。",
            "“以上/不低于”等目标：恰好等于目标值即视为达到；“超过”须严格大于；“约/左右”在容差范围内视为达到（见 docs/methods.md）。",
            "单一地区的前后对比只是描述；只有存在可比对照地区时才给出双重差分估计，并报告平行趋势检验及其局限。",
        ]
    return [
        "Data: curated tables (see the sources table) are validated and merged into one observation table; masked figures are never guessed; when sources disagree the better-ranked one is kept (curated > derived > extracted; bulletin > yearbook > plan > news) and the disagreement is listed under data quality.",
        "The method follows the number n of yearly actual values: n = 1 status and gap only; n = 2 change, pace and 序时进度, no interval or probability; n = 3–4 OLS slope as the pace and the range of pairwise slopes as a scenario band (not a confidence interval); n = 5–7 OLS linear trend with a t prediction interval and a coarse chance of meeting the target; n ≥ 8 also segmented regression at the policy year with an AR(1) sensitivity check.",
        "Bounded rates near 100 are fitted on the logit scale; gross enrolment ratios can exceed 100 and are never logit-transformed.",
        "Progress categories (Statistics Canada / Open SDG rule): observed ÷ required pace ≥ 0.95 on track, 0.60–0.95 acceleration needed, 0–0.60 limited progress, below 0 deterioration; a met target is achieved.",
        "序时进度 compares the share of the plan-start gap closed with the share of the plan period elapsed; plans are five-year (e.g. 十四五 2020→2025); without a plan-start value it is not computed.",
        "Targets stated as 以上 / 不低于 count as met when reached exactly; 超过 needs strictly more; 约 / 左右 counts within a tolerance (docs/methods.md).",
        "A single region's before/after comparison is descriptive; a difference-in-differences estimate is given only with comparison regions, with its pre-trend check and limits.",
    ]
