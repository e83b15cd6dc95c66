"""A plan's goal quoted as a yardstick (extract/rules_yardsticks.py): a benchmark of the plan's
jurisdiction, told by the plan's name or the full name the document gives for a short one."""
from __future__ import annotations

from edueval.extract.pipeline import extract_paths

from .extraction import one, rows, write


def test_a_short_name_the_document_defines_tells_the_plan_s_jurisdiction(tmp_path):
    text = ("毕节市教育局\n按照《国家中长期教育改革和发展规划纲要（2010-2020年）》（以下简称《纲要》）的要求推进。"
            "2021年，我市九年义务教育巩固率达到95.8%，实现《纲要》“达到95%”的目标。")
    t = rows(tmp_path, text)
    assert one(t, kind="actual")["value"] == 95.8
    goal = one(t, kind="benchmark")
    assert (goal["region_code"], goal["value"], goal["applies_to"], goal["qualifier"], goal["year"]) == (
        "000000", 95, "520500", "=", 2021)


def test_a_plan_named_after_its_province_is_that_province_s(tmp_path):
    text = "毕节市教育局\n2021年，我市学前三年毛入园率达到91%，超过《贵州省教育发展规划》“达到90%以上”的目标。"
    t = rows(tmp_path, text)
    assert one(t, kind="actual")["value"] == 91
    goal = one(t, kind="benchmark")
    assert (goal["region_code"], goal["value"], goal["qualifier"]) == ("520000", 90, ">=")


def test_a_plan_of_no_named_jurisdiction_gives_a_reason_not_a_guess(tmp_path):
    text = "毕节市教育局\n2021年，我市普惠性幼儿园覆盖率达到86.5%，实现了《学前教育发展提升行动计划》“达到80%”的目标。"
    result = extract_paths([write(tmp_path, "doc.txt", text)])
    assert list(result.table()["value"]) == [86.5]
    assert result.skipped["reason"].str.contains("whose jurisdiction the document does not name").any()


def test_the_document_s_own_plan_quoted_as_a_yardstick_is_a_benchmark_of_its_own_region(tmp_path):
    # ../shared/ANNOTATION.md: a plan's value quoted as a yardstick is a benchmark (corpus v02, f05, zv08 keep
    # the document's own region for it)
    text = "毕节市教育局\n2021年，我市学前三年毛入园率达到91%，实现《毕节市教育发展规划》“达到90%”的目标。"
    t = extract_paths([write(tmp_path, "doc.txt", text)]).table()
    assert one(t, kind="benchmark")[["value", "region_code"]].tolist() == [90, "520500"]
    assert one(t, kind="actual")["value"] == 91


def test_a_national_texts_plan_of_no_named_jurisdiction_is_the_countrys(tmp_path):
    # tests/extract/corpus v02: a national review quoting 《纲要》
    text = ("教育部新闻发布会\n2020年，全国九年义务教育巩固率为95.2%，比2010年提高4.1个百分点，"
            "实现《纲要》“达到95%”的目标。")
    t = extract_paths([write(tmp_path, "doc.txt", text)], region="000000").table()
    assert one(t, kind="benchmark")[["value", "region_code", "year"]].tolist() == [95, "000000", 2020]


def test_a_yardstick_word_ends_at_its_semicolon(tmp_path):
    # tests/extract/corpus zh01: …达到国家普及高中教育的指标要求；the next rate is the city's own
    text = ("2019年，全市高中阶段毛入学率为90.53%，提前3年达到国家普及高中教育的指标要求；"
            "适龄残疾儿童少年入学率达到97%。")
    t = rows(tmp_path, text, region="520300")
    assert one(t, indicator="special_enrolment")["kind"] == "actual"
    assert one(t, indicator="senior_ger")["kind"] == "actual"


def test_a_yardstick_word_with_a_value_of_its_own_leaves_the_next_clause(tmp_path):
    # tests/extract/corpus zu05: 超过省规定标准1.1个百分点 measures against the yardstick; the
    # retention rate after it is the city's own. A yardstick's own value stays its own (应达到85%)
    text = ("2023年，全市公办强校计划项目校占比达到91.1%,超过省规定标准1.1个百分点,九年义务教育巩固率为98.52%。"
            "国家规定学前三年毛入园率应达到85%，我市学前三年毛入园率达到90%。")
    t = rows(tmp_path, text, region="520200")
    assert one(t, indicator="compulsory_retention")["kind"] == "actual"
    assert sorted(zip(t[t["indicator"] == "preschool_ger"]["kind"], t[t["indicator"] == "preschool_ger"]["value"])) == [
        ("actual", 90.0), ("benchmark", 85.0)]


def test_a_yardstick_word_goes_on_over_a_list_but_not_past_a_clause_of_other_matter(tmp_path):
    # tests/extract/corpus zv08: 要求…达到85%,普惠性幼儿园覆盖率,即…占比达到80%,…达到50% are all the
    # yardstick's; zw05: 完成24所幼儿园的督导评估,…创建为示范幼儿园,小学入学率达99.70% is the county's own
    listed = rows(tmp_path, "2019年，教育部要求县域学前三年毛入园率达到85%,普惠性幼儿园覆盖率达到80%,"
                            "公办园在园幼儿占比达到50%。", region="000000")
    assert set(listed["kind"]) == {"benchmark"} and len(listed) == 3
    own = rows(tmp_path, "2014年,全县幼儿毛入园率达96.3%,完成24所幼儿园的督导评估,县民族幼儿园成功创建为一级示范幼儿园,"
                         "小学入学率达99.70%。", region="530126", name="own.txt")
    assert set(own["kind"]) == {"actual"} and len(own) == 2


def test_a_jurisdictions_goal_compared_with_past_the_name_of_its_plan(tmp_path):
    # 高于国家“十四五”规划85%的目标: the plan's name stands between the jurisdiction and its value
    text = "天水市教育局\n2021年，全市普惠性幼儿园覆盖率达到89.6%，高于国家“十四五”规划85%的目标。"
    t = rows(tmp_path, text)
    goal = one(t, kind="benchmark")
    assert (goal["region_code"], goal["value"], goal["applies_to"]) == ("000000", 85, "620500")
    # the plan's name never reaches over a list of jurisdictions and their values
    text = "天水市教育局\n2021年，全市学前三年毛入园率达到92%，高于国家85%和省政府90%的规划指标。"
    t = rows(tmp_path, text)
    assert sorted(zip(t.loc[t["kind"] == "benchmark", "region_code"], t.loc[t["kind"] == "benchmark", "value"])) == \
        [("000000", 85), ("620000", 90)]
