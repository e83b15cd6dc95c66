"""Rules over rates: gaps to another jurisdiction, second 分别 lists of changes against 十年前."""
from __future__ import annotations

import pytest

from edueval.extract import extract_paths
from edueval.extract.metadata import DocumentMeta

from .extraction import one, rows, write


def test_gaps_to_other_jurisdictions_are_changes_of_the_own_region(tmp_path):
    text = ("2021年，崆峒区学前三年毛入园率92.5%，高出全省平均水平3.5个百分点；"
            "普惠性幼儿园覆盖率80%，低于全国平均水平2个百分点。")
    t = rows(tmp_path, text, region="620802")
    gaps = t[t["kind"] == "change"].set_index("indicator")
    assert set(gaps["region_code"]) == {"620802"}
    assert gaps.loc["preschool_ger", "value"] == pytest.approx(3.5)
    assert gaps.loc["preschool_ger", "applies_to"] == "620000"
    assert gaps.loc["preschool_inclusive_share", "value"] == pytest.approx(-2.0)
    assert gaps.loc["preschool_inclusive_share", "unit"] == "pp"
    assert set(t["value"]) == {92.5, 3.5, 80.0, -2.0}  # no value of the province or the nation invented


def test_second_fenbie_list_of_changes_against_ten_years_ago(tmp_path):
    # shape of the 西藏 2022 news mirror (documents.csv c10), rewritten in Simplified
    text = ("2022年，崆峒区学前教育毛入园率、九年义务教育巩固率分别达到87.71%、96.94%，"
            "比十年前分别提高了42.51、16.89个百分点。")
    t = rows(tmp_path, text, region="620802")
    change = t[(t["kind"] == "change") & (t["indicator"] == "compulsory_retention")].iloc[0]
    assert change["value"] == pytest.approx(16.89) and change["base_year"] == 2012
    assert t[(t["kind"] == "actual") & (t["indicator"] == "preschool_ger")].iloc[0]["value"] == pytest.approx(87.71)


def test_footnote_markers_glued_to_names_are_not_numbers(tmp_path):
    # shape of the national 2021 bulletin mirror (documents.csv a03)
    text = "2021年，全国共有各级各类学校[2]52.93万所。学前教育毛入园率[5]88.1%，比上年提高2.9个百分点。"
    t = rows(tmp_path, text, region="000000")
    assert set(t["value"]) == {529300, 88.1, 2.9}
    assert t[t["indicator"] == "school_count"].iloc[0]["school_level"] == "all"


def test_short_and_regional_names_of_rates(tmp_path):
    # 普惠率 / 公办率 (documents.csv b10), 高中段教育毛入学率 (b03)
    t = rows(tmp_path, "2021年，全区普惠率97%，公办率88%，高中段教育毛入学率为97.3%。", region="620802")
    got = dict(zip(t["indicator"], t["value"]))
    assert got == {"preschool_inclusive_share": 97, "preschool_public_share": 88, "senior_ger": 97.3}


def test_a_year_after_a_semicolon_does_not_govern_the_value_before(tmp_path):
    # shape of the 重庆 news (documents.csv c08)
    text = "2024年工作回顾。全市普惠性幼儿园覆盖率达95.2%，满足需求；自2026年起，实施学前一年免费教育。"
    t = rows(tmp_path, text, region="500000")
    row = t[t["indicator"] == "preschool_inclusive_share"].iloc[0]
    assert (row["kind"], row["year"]) == ("actual", 2024)


def test_the_first_value_of_from_to_takes_the_stated_base_year(tmp_path):
    text = ("某市教育发展回顾\n与2015年相比，截至2019年底，全市新增学校20所。"
            "学前三年毛入园率从90.5%提高到95.2%，高中阶段毛入学率从88.1%提高到92.3%。")
    t = rows(tmp_path, text, region="620802")
    ger = t[t["indicator"] == "preschool_ger"].set_index("year")["value"]
    assert ger.to_dict() == {2015: 90.5, 2019: 95.2}
    assert one(t, indicator="senior_ger", year=2015)["value"] == pytest.approx(88.1)


def test_from_to_without_a_base_year_keeps_the_sentence_year(tmp_path):
    t = rows(tmp_path, "2019年，全市学前三年毛入园率从90.5%提高到95.2%。", region="620802")
    assert sorted(t[t["indicator"] == "preschool_ger"]["year"]) == [2019, 2019]


def test_the_first_value_of_from_to_written_as_now_is_of_the_document_s_date(tmp_path):
    # shape of a national news item (tests/extract/corpus, zv09): 由目前的75%提升至85% over a goal year
    # is what stands at the time of writing and the goal; with no date, 目前 is held for review
    dated = "发布时间:2017-5-17\n\n意见提出,到2020年,全国学前三年毛入园率由目前的75%提升至85%。"
    t = rows(tmp_path, dated, region="000000")
    assert sorted(zip(t["year"], t["kind"], t["value"])) == [(2017, "actual", 75.0), (2020, "target", 85.0)]
    # a title in the metadata naming the goal's year (its reference year) leaves the deadline a deadline
    path = write(tmp_path, "t.txt", dated)
    meta = {str(path): DocumentMeta(title="2020年全国学前三年毛入园率提升至85%", date="2017-05-17", origin="test")}
    titled = extract_paths([path], region="000000", metadata=meta).table()
    assert sorted(zip(titled["year"], titled["kind"], titled["value"])) == [(2017, "actual", 75.0), (2020, "target", 85.0)]
    undated = rows(tmp_path, "到2020年,全国学前三年毛入园率由目前的75%提升至85%。", region="000000", name="u.txt")
    assert list(undated["value"]) == [85.0]


@pytest.mark.parametrize(("sentence", "kind"), [
    ("到2021年，全市公办率提升到52.5%。", "actual"),  # a reach verb before a past year: what was reached
    ("到2025年，全市公办率提升到60%。", "target"),  # before a future year: a target
    ("力争到2021年，全市公办率达到52.5%。", "target"),  # a goal word keeps it a target, past year or not
])
def test_a_reach_verb_reports_a_value_or_a_target_by_the_year_against_the_date(tmp_path, sentence, kind):
    text = "某市教育综述\n发布时间：2022-03-01\n" + sentence
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="preschool_public_share")["kind"] == kind


def test_values_since_a_plan_period_began_are_actual(tmp_path):
    text = "某市召开新闻发布会\n发布时间：2022-03-01\n“十四五”以来，全市普惠性幼儿园覆盖率达92.1%，公办率达55.2%。"
    t = rows(tmp_path, text, region="620802")
    assert set(t["kind"]) == {"actual"}
    assert one(t, indicator="preschool_inclusive_share")["value"] == pytest.approx(92.1)


def test_values_for_the_end_of_a_plan_period_stay_targets(tmp_path):
    text = "某市召开新闻发布会\n发布时间：2022-03-01\n到“十四五”末，全市普惠性幼儿园覆盖率达到95%。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="preschool_inclusive_share")["kind"] == "target"


def test_share_of_children_in_puhui_kindergartens_named_with_youer_zhanbi(tmp_path):
    text = "2021年，全省普惠性幼儿园幼儿占比达88.1%，公办幼儿园幼儿占比45.2%。"
    t = rows(tmp_path, text, region="130000")
    assert one(t, indicator="preschool_inclusive_share")["value"] == pytest.approx(88.1)
    assert one(t, indicator="preschool_public_share")["value"] == pytest.approx(45.2)


def test_a_rate_of_disabled_children_is_not_the_rate_of_all_children(tmp_path):
    text = "2021年，全市学前三年毛入园率98.2%，适龄残疾幼儿学前入园率91.5%；残疾儿童九年义务教育入学率达99.1%。"
    t = rows(tmp_path, text, region="330200")
    assert one(t, indicator="preschool_ger")["value"] == pytest.approx(98.2)
    assert one(t, indicator="special_enrolment")["value"] == pytest.approx(99.1)


def test_a_change_after_a_semicolon_is_not_of_the_indicator_before_it(tmp_path):
    text = "2021年，全市义务教育巩固率达99.1%；高校招生报名人数同比增长5%。"
    t = rows(tmp_path, text, region="330200")
    assert list(t["kind"]) == ["actual"]


def test_a_short_name_after_a_pair_shares_the_first_names_prefix(tmp_path):
    t = rows(tmp_path, "2018年，全省义务教育入学率、巩固率均为99.6%。", region="330000")
    assert one(t, indicator="compulsory_retention")["value"] == pytest.approx(99.6)


def test_a_short_name_without_a_known_compound_is_no_mention(tmp_path):
    t = rows(tmp_path, "2018年，全省高考报名率、录取率均为99.6%。", region="330000")
    assert t.empty


def test_gaokao_pass_rate_named_only_as_shangxianlv_with_its_change(tmp_path):
    text = ("某县2020年高考成绩\n2020年，全县高考报名2400人，本科上线1500人，上线率62.5%，较上年提高3.2个百分点。"
            "其中县一中二本上线900人，上线率为70.1%。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="gaokao_bachelor_rate", kind="actual")["value"] == 62.5
    change = one(t, indicator="gaokao_bachelor_rate", kind="change")
    assert change["value"] == 3.2 and change["base_year"] == 2019
    assert 70.1 not in set(t["value"])  # one school's rate (其中…中学) is not the county's


def test_first_tier_pass_rate_is_not_the_bachelor_rate(tmp_path):
    t = rows(tmp_path, "某县2020年高考\n2020年全县高考重本上线300人，重本上线率12.5%。", region="620802")
    assert "gaokao_bachelor_rate" not in set(t["indicator"])


def test_school_age_children_rate_is_the_primary_net_rate_but_not_its_gross_form(tmp_path):
    text = "某市2021年教育统计\n2021年，全市学龄儿童入学率99.7%，小学学龄儿童毛入学率102.4%，大专院校在校生5120人。"
    t = rows(tmp_path, text, region="620802")
    assert list(t[t["indicator"] == "primary_ner"]["value"]) == [99.7]
    assert one(t, indicator="student_count")["school_level"] == "higher"


def test_a_change_of_years_of_schooling_in_years(tmp_path):
    text = "某市2022年统计公报\n2022年，全市人均受教育年限为10.8年，比上年提高0.2年。"
    t = rows(tmp_path, text, region="620802")
    change = one(t, indicator="years_schooling", kind="change")
    assert change["value"] == pytest.approx(0.2) and change["unit"] == "years" and change["base_year"] == 2021
    assert one(t, indicator="years_schooling", kind="actual")["value"] == pytest.approx(10.8)


@pytest.mark.parametrize("sentence, value", [
    ("2022年，崆峒区学前三年毛入园率达到93.5%，比全省平均水平高2.1个百分点。", 2.1),
    ("2022年，崆峒区学前三年毛入园率达到86.5%，较全国平均水平低1.2个百分点。", -1.2),
])
def test_a_gap_written_with_the_jurisdiction_first(tmp_path, sentence, value):
    gap = one(rows(tmp_path, sentence, region="620802"), kind="change")
    assert (gap["value"], gap["region_code"], gap["unit"]) == (pytest.approx(value), "620802", "pp")
    assert gap["applies_to"] in ("620000", "000000")


def test_a_change_over_time_is_no_gap(tmp_path):
    t = rows(tmp_path, "2022年，崆峒区学前三年毛入园率达到93.5%，比上年高2.1个百分点。", region="620802")
    change = one(t, kind="change")
    assert change["base_year"] == 2021 and change["applies_to"] not in ("620000", "000000")


def test_names_listed_before_jun_each_take_the_value(tmp_path):
    text = "2022年，崆峒区小学适龄儿童入学率、初中适龄人口入学率均保持在100%。"
    t = rows(tmp_path, text, region="620802")
    assert dict(zip(t["indicator"], t["value"])) == {"primary_ner": 100, "junior_ger": 100}


def test_a_name_listed_without_jun_keeps_no_value(tmp_path):
    text = "2022年，崆峒区小学适龄儿童入学率、初中适龄人口入学率保持稳定，后者为99.5%。"
    t = rows(tmp_path, text, region="620802")
    assert "primary_ner" not in set(t["indicator"])


def test_education_spending_share_named_with_de(tmp_path):
    t = rows(tmp_path, "2022年，崆峒区教育支出占一般公共预算支出的比例为18.6%。", region="620802")
    assert one(t, indicator="edu_spending_share")["value"] == pytest.approx(18.6)


def test_the_kindergartens_entry_rate_is_the_three_year_rate_and_a_raw_score_line_is_none(tmp_path):
    # shape of the 青羊区 2012 bulletin (tests/extract/corpus, h02)
    text = "2012年，全区幼儿园入园率为99%。高考硬上线率为44.1%，比上年(硬上线441人、29.2%)增长34.2%。"
    t = rows(tmp_path, text, region="510105")
    assert list(t["indicator"]) == ["preschool_ger"] and list(t["value"]) == [99.0]


def test_the_upper_secondary_rate_named_without_gross_or_education(tmp_path):
    t = rows(tmp_path, "2012年，普通高级中学在校生47825人，高中阶段入学率达70.2%。", region="540000")
    assert one(t, indicator="senior_ger")["value"] == pytest.approx(70.2)


def test_each_named_rate_of_a_list_takes_the_value_past_a_name_with_no_code(tmp_path):
    # shape of the 上海 2022 news (tests/extract/corpus, j05): 义务教育 (毛入学率) has no code of its
    # own; the rates before and after it share the value
    t = rows(tmp_path, "2022年，学前三年毛入园率、义务教育和高中阶段教育毛入学率均接近100%。", region="310000")
    assert sorted(t["indicator"]) == ["preschool_ger", "senior_ger"]
    assert set(t["qualifier"]) == {"~"}


def test_two_years_compared_date_each_from_to_pair_after_them(tmp_path):
    # shape of national news (tests/extract/corpus, p06): the two years compared are written once
    # before the pairs; a pair may write no change verb (从3.1%到100.9%)
    text = ("1949年和2018年两个年份的统计数据比较显示：小学净入学率从20%提高到99.95%，"
            "初中毛入学率从3.1%到100.9%，大学毛入学率从0.26%到48.1%。")
    t = rows(tmp_path, text, region="000000")
    assert sorted(zip(t["indicator"], t["year"], t["value"])) == [
        ("higher_ger", 1949, 0.26), ("higher_ger", 2018, 48.1), ("junior_ger", 1949, 3.1),
        ("junior_ger", 2018, 100.9), ("primary_ner", 1949, 20.0), ("primary_ner", 2018, 99.95)]
    assert set(t["kind"]) == {"actual"}


@pytest.mark.parametrize("sentence, code", [
    ("2009年全县初中适龄少年入学率为100%。", "junior_ger"),  # a county bulletin (corpus z04)
    ("2018年全区学前教育普惠园率达到78%以上。", "preschool_inclusive_share"),  # a district's news (corpus y08)
    ("2020年全市普惠园覆盖率达到85%。", "preschool_inclusive_share"),
    ("2006年全县初中学龄人口入学率为96.66%。", "junior_ger"),  # county bulletins (corpus za05, za07)
    ("2006年全县小学学龄人口入学率为99.25%。", "primary_ner"),
    ("2018年全市初中阶段适龄人口入学率为99.9%。", "junior_ger"),
    ("2019年全省公辦園就讀幼兒比例為24.5%。", "preschool_public_share"),  # a provincial news item (corpus zt09)
    ("2011年，全区入园率达85﹪以上。", "preschool_ger"),  # a district's report (corpus o09)
    ("2009年全縣初中適齡少年兒童入學率98.4%。", "junior_ger"),  # a county bulletin (corpus u05)
])
def test_other_names_of_catalogue_rates(tmp_path, sentence, code):
    t = rows(tmp_path, sentence, region="500120")
    assert list(t["indicator"]) == [code]


def test_the_rate_of_the_last_pre_primary_year_is_not_the_bare_entry_rate(tmp_path):
    assert rows(tmp_path, "2011年，全区学前一年入园率达98%。", region="500120").empty


def test_a_fenbie_list_reaching_its_values_pairs_them_by_place(tmp_path):
    # shape of a county news item (tests/extract/corpus, v05): 分别提高至 reaches the values, one per name
    # (both went to the last name before); 分别提高 without 到/至 stays a list of changes
    t = rows(tmp_path, "2020年,全县学前教育公办率、普惠率大幅提升,分别提高至53.12%、95.33%。", region="350524")
    assert sorted(zip(t["indicator"], t["kind"], t["value"])) == [
        ("preschool_inclusive_share", "actual", 95.33), ("preschool_public_share", "actual", 53.12)]
    c = rows(tmp_path, "2020年,全县公办率、普惠率分别比上年提高5.1、3.2个百分点。", region="350524", name="c.txt")
    assert set(c["kind"]) == {"change"} and sorted(c["value"]) == [3.2, 5.1]


def test_the_public_share_named_by_the_kindergartens_count_of_children(tmp_path):
    # a county plan (tests/extract/corpus, w03)
    t = rows(tmp_path, "2020年,全县公办幼儿园在园幼儿数占比达到51%。", region="360733")
    assert list(zip(t["indicator"], t["value"])) == [("preschool_public_share", 51)]


def test_a_fenbie_list_after_a_rate_given_its_value_names_its_own_rates(tmp_path):
    # shape of a provincial plan (tests/extract/corpus, w06): the 毛入园率 before the ；has its value;
    # 小学、初中…入学率 share one rate word and take the two values (the 100% went to 毛入园率)
    text = ("2015年,全区学前三年毛入园率为91.57%,比2010年增加35.85个百分点;"
            "小学、初中适龄人口入学率分别为100%、100.22%,普及水平进一步巩固。")
    t = rows(tmp_path, text, region="150000")
    actual = t[t["kind"] == "actual"]
    assert sorted(zip(actual["indicator"], actual["value"])) == [
        ("junior_ger", 100.22), ("preschool_ger", 91.57), ("primary_ner", 100)]


def test_a_date_the_figure_stands_at_is_no_goal_and_fenbie_values_may_follow_at_once(tmp_path):
    # tests/extract/corpus zk03: an undated page whose figures are of 2020, then 截至2021年11月底…; zk08:
    # 分别100%100.9% on a page that lost its 、
    text = ("2020年全市教育情况\n2020年全市小学入学率100%。\n截至2021年11月底，全市公办幼儿园在园幼儿占比52.83%。\n"
            "2023年，全县小学入学率、初中入学率分别100%100.9%。")
    t = rows(tmp_path, text, region="440900")
    assert one(t, indicator="preschool_public_share")["kind"] == "actual"
    assert one(t, indicator="primary_ner", year=2023)["value"] == 100
    assert one(t, indicator="junior_ger", year=2023)["value"] == 100.9


def test_levels_listed_before_a_rate_of_each_level_each_take_a_value(tmp_path):
    # tests/extract/corpus zk05 (a city bulletin): 达标率 is the 学历合格率 (src/edueval/reference/indicators.csv)
    text = "2019年，全市小学、初中、普通高中的专任教师学历达标率分别为100%、99.99%、99.36%。"
    t = rows(tmp_path, text, region="440400")
    got = t[t["indicator"] == "teacher_qualification_rate"]
    assert sorted(zip(got["school_level"], got["value"])) == [("junior", 99.99), ("primary", 100), ("senior", 99.36)]


def test_levels_listed_right_before_a_coefficient_each_take_a_value_and_the_lists_bound(tmp_path):
    # shape of a county people's congress's survey of balanced compulsory education: the levels run into
    # the name (初中校际综合差异系数), and a bound after the last value (以内) bounds each goal
    text = ("2022年，全县小学、初中校际综合差异系数分别为0.412和0.356。"
            "到2025年，全县小学、初中校际综合差异系数分别控制在0.50和0.45以内。")
    t = rows(tmp_path, text, region="620823")
    got = sorted(zip(t["school_level"], t["year"], t["kind"], t["value"], t["qualifier"]))
    assert got == [("junior", 2022, "actual", 0.356, "="), ("junior", 2025, "target", 0.45, "<="),
                   ("primary", 2022, "actual", 0.412, "="), ("primary", 2025, "target", 0.5, "<=")]


def test_a_year_in_an_aside_after_the_value_does_not_date_it(tmp_path):
    # tests/extract/corpus l14: …普惠性幼儿园覆盖率达到84.74%，比2016年增加17.5个百分点(2016年开始统计…)
    text = ("2020年，全国幼儿园总数达到29.17万所。全国学前三年毛入园率达到85.2%，普惠性幼儿园覆盖率达到84.74%，"
            "比2016年增加17.5个百分点(2016年开始统计普惠性幼儿园覆盖率)。")
    t = rows(tmp_path, text, region="000000")
    assert one(t, indicator="preschool_ger")["year"] == 2020
    assert one(t, indicator="preschool_inclusive_share", kind="actual")["year"] == 2020


@pytest.mark.parametrize("sentence, value", [
    # tests/extract/corpus zo01 (龙岗区, 2017) and zi02 (a Traditional mirror of a city's plan)
    ("2017年教育经费为550135万元,占全区公共财政预算支出的比例为14.83%。", 14.83),
    ("2017年,全区教育财政拨款占财政支出的比例达到20%。", 20.0),
    ("2017年,全区财政性教育经费占一般公共预算支出的比重为18.2%。", 18.2),
])
def test_a_share_of_government_spending_on_education_is_read_however_worded(tmp_path, sentence, value):
    t = rows(tmp_path, sentence, region="440307")
    row = one(t, indicator="edu_spending_share")
    assert (row["value"], row["year"]) == (value, 2017)


def test_a_share_of_education_spending_is_not_the_share_of_government_spending(tmp_path):
    t = rows(tmp_path, "2017年,全区教育经费中人员经费占比为60%,学前教育经费占财政支出的比例为8%。", region="440307")
    assert "edu_spending_share" not in set(t.get("indicator", []))


def test_levels_written_after_a_rate_of_each_level_each_take_their_value(tmp_path):
    # shape of a county bureau's page (tests/extract/corpus zm09, 睢宁县)
    text = "2022年,全县专任教师12186人。教师学历合格率高中95.06%、初中95.93%、小学100%、幼儿园87.65%。"
    t = rows(tmp_path, text, region="320324")
    got = dict(zip(t.loc[t["indicator"] == "teacher_qualification_rate", "school_level"],
                   t.loc[t["indicator"] == "teacher_qualification_rate", "value"]))
    assert got == {"senior": 95.06, "junior": 95.93, "primary": 100, "preschool": 87.65}


def test_a_change_in_a_clause_of_another_quantity_is_not_the_rates(tmp_path):
    # shapes of a county's gaokao news (tests/extract/corpus zq05, 肇州县) and a city's work report (zq06)
    t = rows(tmp_path, "2023年,全县一本上线率达41.2%,重点大学录取人数同比增长23%。", region="230621")
    assert t["value"].tolist() == [41.2]
    t = rows(tmp_path, "2017年,全市本一上线率达26.28%,同比去年增长6.92个百分点。", region="350400")
    assert set(t["indicator"]) == {"gaokao_tier1_rate"} and sorted(t["value"]) == [6.92, 26.28]


def test_a_full_stop_after_a_per_cent_sign_is_a_lost_list_separator(tmp_path):
    # shape of a 定西 yearbook entry (tests/extract/corpus zs09): 88.9%.77.6%,44.9%
    text = "2001年,全区小学、初中、高中教师学历合格率分别达到88.9%.77.6%,44.9%。"
    t = rows(tmp_path, text, region="621100")
    assert dict(zip(t["school_level"], t["value"])) == {"primary": 88.9, "junior": 77.6, "senior": 44.9}


def test_a_fenbie_list_that_lost_a_value_gives_no_name_a_value_it_may_not_own(tmp_path):
    text = "2001年,全区小学、初中、高中教师学历合格率分别达到88.9%,44.9%。"
    assert rows(tmp_path, text, region="621100").empty


def test_spans_of_pre_primary_years_listed_before_a_rate_each_take_a_value(tmp_path):
    # shape of a provincial news item (tests/extract/corpus, zv03): 学前一年、二年、三年毛入园率 are three
    # rates; only the three-year one is in the catalogue, and the list of changes after it (较2010年分别
    # 提高…) pairs the same way
    text = "2013年，甘肃省学前一年、二年、三年毛入园率分别达到93.25%、71.23%、57.52%,较2010年分别提高27.13、22.13、17.84个百分点。"
    t = rows(tmp_path, text, region="620000")
    assert sorted(zip(t["kind"], t["value"], t["base_year"].fillna(0))) == [("actual", 57.52, 0), ("change", 17.84, 2010)]


def test_a_value_in_years_ends_the_names_a_fenbie_list_may_speak_of(tmp_path):
    # shape of a provincial plan (tests/extract/corpus, zv06): 人均受教育年限达到10年 has its value, so the
    # 分别 list after it is of the two rates named after it; 学前3年教育毛入学率 is the pre-primary rate
    text = ("到2010年,全省人均受教育年限达到10年,到2020年达到12年;到2010年,小学、初中适龄人口入学率分别达到99.9%、99%,"
            "学前3年教育毛入学率达到80%。")
    t = rows(tmp_path, text, region="130000")
    assert sorted(zip(t["indicator"], t["year"], t["value"])) == [
        ("junior_ger", 2010, 99.0), ("preschool_ger", 2010, 80.0), ("primary_ner", 2010, 99.9),
        ("years_schooling", 2010, 10.0), ("years_schooling", 2020, 12.0)]


def test_a_list_of_changes_that_writes_baifendian_once_after_its_last_value(tmp_path):
    text = ("某省教育统计\n发布时间：2023-08-10\n2022年,全省学前三年毛入园率、九年义务教育巩固率分别达到91.2%、96.5%,"
            "较2020年分别提高2.1个、0.8个百分点。")
    t = rows(tmp_path, text, region="620000")
    changes = t[t["kind"] == "change"]
    assert sorted(zip(changes["indicator"], changes["value"], changes["base_year"])) == [
        ("compulsory_retention", 0.8, 2020), ("preschool_ger", 2.1, 2020)]


def test_an_aside_gives_the_same_indicators_value_of_the_year_it_names(tmp_path):
    # shape of a national plan item (tests/extract/corpus yb06)
    text = ("某省教育扩优提质行动方案\n发布时间：2023-08-10\n到2027年,全省公办园在园幼儿占比力争达到60%以上(2022年为54%),"
            "普惠性幼儿园覆盖率达到92%(2022年为89.5%)。")
    t = rows(tmp_path, text, region="620000")
    assert set(zip(t["indicator"], t["year"], t["kind"], t["value"])) == {
        ("preschool_public_share", 2027, "target", 60), ("preschool_public_share", 2022, "actual", 54),
        ("preschool_inclusive_share", 2027, "target", 92), ("preschool_inclusive_share", 2022, "actual", 89.5)}


def test_the_puhui_share_named_by_its_two_kinds_of_kindergartens(tmp_path):
    # tests/extract/corpus yb03: 公办园和普惠性民办园覆盖率 is the 普惠 share of children
    t = rows(tmp_path, "2020年,全区公办园和普惠性民办园覆盖率达到80%左右。", region="620802")
    assert one(t)[["indicator", "value", "qualifier"]].tolist() == ["preschool_inclusive_share", 80, "~"]


def test_a_bound_passed_then_the_value_it_was_passed_with_gives_the_value(tmp_path):
    t = rows(tmp_path, "2023年,全区高考本科上线率首次突破70%,达71.2%。", region="620802")
    assert one(t)[["indicator", "value", "qualifier"]].tolist() == ["gaokao_bachelor_rate", 71.2, "="]


def test_the_nine_year_rate_named_by_its_pupils(tmp_path):
    t = rows(tmp_path, "截至2021年底,全区义务教育阶段学生巩固率为98.9%。", region="620802")
    assert one(t)[["indicator", "year", "value"]].tolist() == ["compulsory_retention", 2021, 98.9]


@pytest.mark.parametrize("name", ["重点本科上线率", "重点本科达线率", "本一达线率", "重点大学上线率"])
def test_the_first_tier_lines_other_names_are_not_the_bachelor_line(tmp_path, name):
    # ../shared/ANNOTATION.md: 一本 / 本一 / 重点 are the first-tier line; 本科上线率 inside 重点本科上线率
    # is not the name read
    t = rows(tmp_path, f"2022年，全县{name}达到22.2%，本科上线率66%。", region="620825")
    assert sorted(zip(t["indicator"], t["value"])) == [("gaokao_bachelor_rate", 66), ("gaokao_tier1_rate", 22.2)]


def test_the_value_a_change_brought_the_rate_to_is_read_after_it(tmp_path):
    # 较上年提高1.5个百分点，达到92%: the change first, then the rate it reached
    t = rows(tmp_path, "2022年，全县学前三年毛入园率较上年提高1.5个百分点，达到92%。", region="620825")
    assert sorted(zip(t["kind"], t["value"])) == [("actual", 92), ("change", 1.5)]
    # a clause naming another rate keeps its own value
    t = rows(tmp_path, "2022年，全县学前三年毛入园率较上年提高1.5个百分点，普惠性幼儿园覆盖率达到90%。", region="620825")
    assert one(t, kind="actual")["indicator"] == "preschool_inclusive_share"


def test_a_change_per_year_on_average_is_no_change_between_two_years(tmp_path):
    text = "2022年，全县普惠性幼儿园覆盖率达到90%，比2020年增长5个百分点，年均增长2.5个百分点。"
    t = rows(tmp_path, text, region="620825")
    assert sorted(zip(t["kind"], t["value"])) == [("actual", 90), ("change", 5)]


def test_a_change_after_a_from_to_of_two_years_is_between_them(tmp_path):
    text = "全县学前三年毛入园率由2020年的88%提高到2022年的92%，两年提高4个百分点。"
    t = rows(tmp_path, text, region="620825")
    change = one(t, kind="change")
    assert (change["value"], change["year"], change["base_year"]) == (4, 2022, 2020)


def test_the_last_preschool_years_rate_written_with_jiaoyu_is_not_the_three_year_rate(tmp_path):
    # tests/extract/corpus yd01: 学前三年入园率…，学前一年教育入园率从99.2%提升至99.7%
    t = rows(tmp_path, "2012年，全市学前三年入园率达到97.3%，学前一年教育入园率从99.2%提升至99.7%。", region="350582")
    assert t["value"].tolist() == [97.3]


def test_the_academic_high_schools_rate_is_not_the_upper_secondary_rate(tmp_path):
    # ../shared/ANNOTATION.md: 普通高中入学率 is not 高中阶段毛入学率
    t = rows(tmp_path, "2022年，全省普通高中毛入学率62.1%，高中阶段毛入学率93.2%。", region="620000")
    assert t.loc[t["indicator"] == "senior_ger", "value"].tolist() == [93.2]


@pytest.mark.parametrize("sentence", ["2022年，全县小学、初中的校际综合差异系数分别为0.412、0.356。",
                                      "2022年，全县义务教育学校校际综合差异系数小学为0.412、初中为0.356。"])
def test_a_coefficient_of_each_compulsory_level_takes_its_level(tmp_path, sentence):
    t = rows(tmp_path, sentence, region="620825")
    assert sorted(zip(t["school_level"], t["value"])) == [("junior", 0.356), ("primary", 0.412)]


def test_a_fenbie_list_past_a_semicolon_is_not_of_the_rates_valued_before_it(tmp_path):
    # tests/extract/corpus za05: the dropout rates after ；are no enrolment rates
    text = ("2006年，全县初中学龄人口入学率为96.66%，小学学龄人口入学率为99.25%；"
            "普通初中和小学学生辍学率分别为1.25%和0.17%。")
    t = rows(tmp_path, text, region="340828")
    assert sorted(t["value"]) == [96.66, 99.25]
    # a list of changes past a ；still speaks of them
    text = "2022年，全县学前三年毛入园率、九年义务教育巩固率分别为92%、97%；分别比上年提高1.2和0.5个百分点。"
    assert sorted(rows(tmp_path, text, region="340828")["value"]) == [0.5, 1.2, 92, 97]
