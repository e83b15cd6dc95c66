"""The policy section names its policy (the policy registry's columns, when the evaluation has them)."""
from __future__ import annotations

from edueval.report import sections


def with_registry(ctx):
    """The evaluation's policy rows as the models write them with the registry (policy_id, names, date)."""
    pol = ctx.policy.copy()
    after_school = pol["indicator"].str.startswith("after_school")
    pol["policy_id"] = ["double-reduction" if a else "fyp14-start" for a in after_school]
    pol["policy_name_zh"] = ["“双减”" if a else "“十四五”规划期开始" for a in after_school]
    pol["policy_name_en"] = ["Double Reduction" if a else "start of the 14th Five-Year Plan period" for a in after_school]
    pol["policy_date"] = ["2021-07" if a else "2021-01" for a in after_school]
    ctx.policy = pol
    return ctx


def test_a_named_policy_is_shown_by_name_and_date(context_of):
    zh = str(sections.policy(with_registry(context_of("000000", "zh"))))
    assert "“十四五”规划期开始" in zh and "2021-01" in zh and "2021 年为第一个完整年度" in zh
    assert "未注明政策" not in zh
    en = str(sections.policy(with_registry(context_of("000000", "en"))))
    assert "start of the 14th Five-Year Plan period" in en and "segmented regression at 2021" in en


def test_without_the_registry_the_year_is_said_to_be_unnamed(context_of):
    ctx = context_of("620802", "zh")
    ctx.policy = ctx.policy.drop(columns=[c for c in ctx.policy if c.startswith(("policy_id", "policy_name"))])
    ctx.policy = ctx.policy.drop_duplicates(["indicator", "school_level"])
    html = str(sections.policy(ctx))
    assert "2021 年前后（未注明政策）" in html
    assert "单一地区的前后对比只是描述" in html
