"""Report wording in Chinese and English. Codes come from the package; words live here."""
from __future__ import annotations

LANGS = ("zh", "en")

STATUS = {
    # category (edueval.models): (symbol, zh, en) — symbol and word carry the meaning; colour only repeats it
    "achieved": ("✓", "已达成", "achieved"),
    "on track": ("↗", "按进度推进", "on track"),
    "acceleration needed": ("⚠", "需加快", "acceleration needed"),
    "limited progress": ("⚠", "进展有限", "limited progress"),
    "deterioration": ("▼", "倒退", "deterioration"),
    "not achieved": ("×", "未达到", "not met"),
    "not assessable": ("?", "无法判断", "cannot be judged"),
    "no actual": ("–", "无实际值", "no actual value"),
    "target masked": ("–", "目标值被遮蔽", "target masked"),
}
CSS_CLASS = {"achieved": "achieved", "on track": "on_track", "acceleration needed": "acceleration_needed",
             "limited progress": "limited_progress", "deterioration": "deterioration", "not achieved": "not_met",
             "not assessable": "not_assessable", "no actual": "no_data", "target masked": "no_data"}
VERDICT = {
    "achieved": ("已达成", "achieved"),
    "ahead of schedule (超序时进度)": ("超序时进度", "ahead of schedule"),
    "on schedule (基本符合序时进度)": ("基本符合序时进度", "on schedule"),
    "behind schedule (滞后于序时进度)": ("滞后于序时进度", "behind schedule"),
    "no 序时进度": ("无法计算（缺规划基期值或规划期内尚无实际值）", "not computed (no plan-base value, or no value yet inside the plan period)"),
    "base at or near the target: no ratio; below target now": ("基期已接近目标，不计算比例；目前未达标",
                                                              "base at or near the target: no ratio; below target now"),
}
RULE = {
    "no_actual": ("无实际值：无法评估", "no actual value: nothing to evaluate"),
    "status_only": ("n=1：只报告现状与差距", "n = 1: status and gap only"),
    "two_point": ("n=2：变化与年均进度，不给区间或概率", "n = 2: change and pace; no interval or probability"),
    "ols_scenario": ("n=3–4：OLS 斜率作进度，成对斜率作情景区间（非置信区间），不给概率",
                     "n = 3–4: OLS slope as pace, pairwise-slope scenario band (not a confidence interval); no probability"),
    "ols_interval": ("n=5–7：OLS 趋势，t 预测区间与达标可能性", "n = 5–7: OLS trend, t prediction interval, chance of meeting the target"),
    "ols_interval_policy": ("n≥8：OLS 趋势与预测区间，另作政策年分段回归",
                            "n ≥ 8: OLS trend and interval, plus segmented regression at the policy year"),
}
BAND = {
    "very unlikely (<10%)": ("很不可能（<10%）", "very unlikely (<10%)"),
    "unlikely (10–33%)": ("不太可能（10–33%）", "unlikely (10–33%)"),
    "about as likely as not (33–66%)": ("可能性约一半（33–66%）", "about as likely as not (33–66%)"),
    "likely (66–90%)": ("很可能（66–90%）", "likely (66–90%)"),
    "very likely (>90%)": ("非常可能（>90%）", "very likely (>90%)"),
}
SCOPE = {
    "local": ("本地规划目标", "local plan target"),
    "provincial": ("省级目标", "provincial target"),
    "national": ("国家目标", "national target"),
    "standard": ("县域评估标准", "county evaluation standard"),
    "quoted benchmark": ("文件引用的对比指标", "benchmark quoted in a local document"),
    "quoted_benchmark": ("文件引用的对比指标", "benchmark quoted in a local document"),
}
QUALIFIER = {"=": "=", ">=": "≥", ">": ">", "<=": "≤", "<": "<", "~": "约"}
SCHOOL_LEVEL = {"preschool": ("幼儿园", "pre-primary"), "primary": ("小学", "primary"), "junior": ("初中", "lower secondary"),
                "senior": ("高中", "upper secondary"), "nine_year": ("九年一贯制", "nine-year school"),
                "twelve_year": ("十二年一贯制", "twelve-year school"), "complete_secondary": ("完全中学", "complete secondary"),
                "special": ("特殊教育", "special education"), "vocational": ("中职", "vocational"),
                "higher": ("高等教育", "higher education"), "teaching_point": ("教学点", "teaching point")}
KIND = {"actual": ("实际值", "actual"), "target": ("目标", "target"), "benchmark": ("对比基准", "benchmark"),
        "change": ("变化量", "change")}
ISSUE = {"masked": ("遮蔽", "masked"), "conflict": ("来源冲突", "conflicting sources"), "derived": ("推算", "derived"),
         "extracted_only": ("仅自动提取", "extracted only"), "extraction_disagrees": ("提取值与人工值不同", "extraction disagrees"),
         "rejected": ("已拒绝", "rejected"), "above_100": ("毛入学率超过100", "gross ratio above 100"),
         "duplicate": ("重复", "duplicate")}
METHOD = {"curated": ("人工整理", "curated"), "derived": ("推算", "derived"), "extracted": ("自动提取", "extracted")}
LEVEL = {"national": ("全国", "national"), "province": ("省级", "province"), "city": ("地级市", "city"),
         "county": ("县级", "county / district")}

TEXT = {
    "title": ("{name}教育发展评估报告", "Education evaluation report: {name}"),
    "level_parent": ("行政级别：{level}；上级：{parents}", "Level: {level}; part of: {parents}"),
    "period": ("数据覆盖年份：{first}–{last}", "Years covered: {first}–{last}"),
    "no_period": ("本地区没有实际值数据，只有目标或对比指标。", "No actual values for this region, only targets or benchmarks."),
    "sources_used": ("使用来源：{n} 个（见文末来源表）", "Sources used: {n} (listed in the sources table)"),
    "as_of": ("数据截至：{date}（最新来源日期）；数据版本 {version}", "Data as of {date} (newest source date); data version {version}"),
    "scope_q": (
        "本报告回答：{name}各项教育指标现在处于什么水平，相对于本地规划、省级和国家目标以及县域评估标准是否达到、是否按进度推进，以及现有数据能够支持什么样的判断。",
        "This report asks where {name} stands on each education indicator, whether it meets or is on course for its local, provincial and national targets and the county evaluation standards, and what the available data can and cannot support.",
    ),
    "h_scorecard": ("指标记分卡", "Scorecard"),
    "h_summary": ("概述", "Summary"),
    "h_charts": ("指标走势", "Indicator charts"),
    "h_policy": ("政策变化分析", "Policy-change analysis"),
    "h_balance": ("义务教育优质均衡（校际差异系数）", "Balanced development (between-school coefficients)"),
    "h_quality": ("数据质量", "Data quality"),
    "h_sources": ("来源与出处", "Sources and provenance"),
    "h_methods": ("方法与假设", "Methods and assumptions"),
    "h_build": ("构建信息", "Build information"),
    "col_indicator": ("指标", "Indicator"),
    "col_latest": ("最新值（年份）", "Latest value (year)"),
    "col_target": ("目标", "Target"),
    "col_scope": ("目标层级与文件", "Target level and document"),
    "col_status": ("状态", "Status"),
    "col_pace": ("年均进度 实际 / 所需（百分点/年）", "Pace observed / required (pp per year)"),
    "col_schedule": ("序时进度", "Time-schedule check (序时进度)"),
    "col_projection": ("目标年预测", "Projection for the target year"),
    "col_rule": ("方法规则", "Method rule"),
    "col_source": ("来源", "Source"),
    "col_year": ("年份", "Year"),
    "col_value": ("数值", "Value"),
    "col_kind": ("类型", "Kind"),
    "col_locator": ("位置", "Locator"),
    "col_quote": ("原文摘录", "Quote"),
    "col_issue": ("问题", "Issue"),
    "col_detail": ("说明", "Detail"),
    "col_title": ("标题", "Title"),
    "col_publisher": ("发布者", "Publisher"),
    "col_date": ("日期", "Date"),
    "col_where": ("获取位置", "Where to find it"),
    "col_method": ("方法", "Method"),
    "no_targets": ("没有可对照的目标。", "No target applies."),
    "no_charts": ("没有可绘制的比率类指标。", "No rate indicator to chart."),
    "no_quality_issues": ("本地区数据没有遮蔽、冲突、推算或仅来自自动提取的数值。", "No masked, conflicting, derived or extraction-only values for this region."),
    "missing_years": ("{indicator}：{first}–{last} 年间缺少 {years} 年的数据。", "{indicator}: no value for {years} between {first} and {last}."),
    "descriptive_only": (
        "单一地区的前后对比只是描述，不能说明政策造成了变化；要作因果判断，需要可比的对照地区。",
        "A single region's before/after comparison is descriptive: it cannot show that the policy caused the change. A causal estimate needs comparison regions.",
    ),
    "policy_needs": (
        "以下指标的年度值不足（括号内为个数），不做政策变化分析：{indicators}。分段回归需要政策年（{year}）前后各至少 3 个年度值；估计政策效应还需要可比地区的同一指标序列。",
        "Too few yearly values for a policy-change analysis (count in brackets): {indicators}. Segmented regression needs at least 3 values on each side of the policy year ({year}); an effect estimate also needs the same series for comparison regions.",
    ),
    "fig_caption": ("图：{indicator}。{detail}", "Figure: {indicator}. {detail}"),
    "derived_flag": ("（推算）", " (derived)"),
    "extracted_flag": ("（自动提取，未经人工核对）", " (extracted, not reviewed by hand)"),
    "masked": ("遮蔽", "masked"),
}


def t(key: str, lang: str, **kw) -> str:
    zh, en = TEXT[key]
    return (zh if lang == "zh" else en).format(**kw)


def status_label(code: str, lang: str) -> tuple[str, str]:
    symbol, zh, en = STATUS.get(code, ("?", code, code))
    return symbol, zh if lang == "zh" else en


def scope_label(code: str, lang: str) -> str:
    zh, en = SCOPE.get(code, (code, code))
    return zh if lang == "zh" else en


def level_label(code: str, lang: str) -> str:
    zh, en = LEVEL.get(code, (code, code))
    return zh if lang == "zh" else en


def pick(table: dict, code, lang: str) -> str:
    """A (zh, en) entry of ``table`` in ``lang``; the code itself when it is not listed."""
    if code not in table:
        return "" if code is None else str(code)
    zh, en = table[code]
    return zh if lang == "zh" else en
