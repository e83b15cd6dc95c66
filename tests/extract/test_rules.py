"""Extraction rules on short fixtures written for these tests (paraphrases, not copied text)."""
from __future__ import annotations

import pytest

from edueval.extract import extract_paths
from edueval.extract.normalize import normalize

from .extraction import one, rows, write


def test_fenbie_pairs_levels_and_changes_in_order(tmp_path):
    text = ("某区教育发展规划\n2020年，该区学前三年毛入园率为90.5%，义务教育巩固率为96.1%，"
            "高中阶段毛入学率为91.2%，较“十二五”末分别提高12.5、3.25、6.0个百分点。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="compulsory_retention", kind="change")["value"] == pytest.approx(3.25)
    senior = one(t, indicator="senior_ger", kind="change")
    assert senior["value"] == 6.0 and senior["base_year"] == 2015 and senior["year"] == 2020
    assert senior["unit"] == "pp"
    assert one(t, indicator="preschool_ger", kind="actual")["value"] == 90.5


def test_fenbie_with_fewer_names_than_values_is_not_guessed(tmp_path):
    t = rows(tmp_path, "2021年，全区初中毛入学率和另一个比率分别为101.2%、88.0%。", region="620802")
    assert t.empty


def test_benchmarks_belong_to_the_quoted_jurisdiction(tmp_path):
    text = "截至2022年底，崆峒区普惠性幼儿园覆盖率88.2%，高于全国85%、全省86%和全市87%的水平。"
    t = rows(tmp_path, text)
    assert one(t, kind="actual")["region_code"] == "620802"
    national = one(t, kind="benchmark", region_code="000000")
    assert national["value"] == 85 and national["applies_to"] == "620802" and national["year"] == 2022
    assert one(t, kind="benchmark", region_code="620000")["value"] == 86  # the province
    assert one(t, kind="benchmark", region_code="620800")["value"] == 87  # the county's city


def test_province_of_an_anonymised_region_is_not_guessed(tmp_path):
    t = rows(tmp_path, "XX市消息。截至2021年底，我市学前三年毛入园率91%，高于国家85%和省政府88%的目标。")
    assert set(t["region_code"]) == {t["region_code"][t["kind"] == "actual"].iloc[0], "000000"}
    assert not (t["value"] == 88).any()


def test_masked_digits_are_masked_rows_never_numbers(tmp_path):
    t = rows(tmp_path, "发布时间：2022-03-01\n截至20**年底，全市共有幼儿园***所，学前三年毛入园率**.*%，"
                       "二本B类以上达线率近五年提升*.*个百分点。", region="140400")
    assert (t["status"] == "masked").all() and t["value"].isna().all()
    assert set(t["indicator"]) == {"school_count", "preschool_ger", "gaokao_tier2b_rate"}
    assert "masked" in one(t, indicator="school_count")["reason"]


def test_traditional_text_matches_while_quotes_keep_the_original(tmp_path):
    text = "長治市教育局：2021年，全市學前三年毛入園率達到93.5%，九年義務教育鞏固率98.2%。"
    t = rows(tmp_path, text)
    row = one(t, indicator="preschool_ger")
    assert row["region_code"] == "140400" and "學前三年毛入園率" in row["quote"]
    assert text[row["offset"]:].startswith("93.5")


def test_romanisation_left_in_brackets_is_ignored_with_offsets_intact(tmp_path):
    text = "2023年，平涼市九年義務(wù)教育鞏(gǒng)固率達(dá)到97.3%。"
    t = rows(tmp_path, text)
    row = one(t, indicator="compulsory_retention")
    assert row["value"] == 97.3 and text[row["offset"]:].startswith("97.3")


def test_full_width_digits_and_chinese_numerals(tmp_path):
    text = "泾川县2022年九年义务教育巩固率达到９７．５％，全县共有小学三十二所，高中阶段毛入学率为百分之九十二。"
    t = rows(tmp_path, text)
    assert one(t, indicator="compulsory_retention")["value"] == 97.5
    assert one(t, indicator="senior_ger")["value"] == 92
    assert one(t, indicator="school_count", school_level="primary")["value"] == 32


def test_wan_and_yi_multipliers_on_stocks(tmp_path):
    t = rows(tmp_path, "2022年，全国在校生2.9亿人，全国共有幼儿园28.9万所。")
    assert one(t, indicator="student_count")["value"] == pytest.approx(2.9e8)
    assert one(t, indicator="school_count")["value"] == pytest.approx(289000)
    assert (t["region_code"] == "000000").all()  # a national text


def test_year_far_from_the_value_and_plan_targets(tmp_path):
    text = ("灵台县“十四五”教育发展规划\n截至2020年底，全县教育事业稳步发展，各项工作取得成效。"
            "全县高中阶段毛入学率92.4%。\n到2025年，全县学前三年毛入园率力争达到95%以上，"
            "义务教育巩固率不低于97%。")
    t = rows(tmp_path, text)
    assert one(t, indicator="senior_ger")["year"] == 2020
    target = one(t, indicator="preschool_ger")
    assert target["kind"] == "target" and target["year"] == 2025 and target["qualifier"] == ">="
    assert target["applies_to"] == "620822"
    assert one(t, indicator="compulsory_retention")["qualifier"] == ">="


@pytest.mark.parametrize("phrase, qualifier", [
    ("超95%", ">"), ("近95%", "~"), ("约95%", "~"), ("95%左右", "~"), ("95%以上", ">="),
    ("不足95%", "<"), ("不低于95%", ">="), ("不超过95%", "<="), ("95%", "="),
])
def test_qualifiers(tmp_path, phrase, qualifier):
    t = rows(tmp_path, f"2021年，华亭市九年义务教育巩固率{phrase}。")
    assert one(t, indicator="compulsory_retention")["qualifier"] == qualifier


def test_figures_about_unnamed_places_are_not_attributed(tmp_path):
    text = "2024年，一些地方教师交流轮岗比例已超过30%。我市教师交流轮岗比例为12%。"
    t = rows(tmp_path, text, region="X-S002")
    assert list(t["value"]) == [12.0]


def test_count_needs_a_school_level_and_a_stock(tmp_path):
    text = "2021年，全区共有幼儿园120所，其中新建公办幼儿园8所；在校生共计5万名，其中小学2.1万名，初中1.2万名。"
    t = rows(tmp_path, text, region="620802")
    schools = t[t["indicator"] == "school_count"]
    assert list(schools["value"]) == [120.0] and schools["school_level"].iloc[0] == "preschool"
    students = t[t["indicator"] == "student_count"].set_index("school_level")["value"]
    assert students.to_dict() == {"all": 50000.0, "primary": 21000.0, "junior": 12000.0}


def test_inclusive_kindergarten_share_is_not_child_coverage(tmp_path):
    # ANNOTATION.md: the share of kindergartens that are 普惠 is no row; it is set aside, with its reason
    result = extract_paths([write(tmp_path, "doc.txt", "到2025年，崆峒区普惠性幼儿园占比达到92%，普惠性幼儿园覆盖率达到90%。")])
    t = result.observations
    assert list(t["value"]) == [90.0] and t["indicator"].iloc[0] == "preschool_inclusive_share"
    assert result.skipped["reason"].str.contains("share of kindergartens").any()


def test_coordinated_levels_share_a_value(tmp_path):
    t = rows(tmp_path, "到2025年，崇信县小学、初中专任教师学历合格率均达到100%。")
    assert set(t["school_level"]) == {"primary", "junior"}


def test_ocr_slip_in_an_indicator_name(tmp_path):
    t = rows(tmp_path, "2019年，庄浪县学前三年毛人园率为88.6%。")
    row = one(t, indicator="preschool_ger")
    assert row["value"] == 88.6 and "OCR" not in row["reason"] or row["confidence"] < 0.9


def test_headline_without_year_gives_way_to_the_dated_statement(tmp_path):
    text = "静宁县巩固率达到96.4%\n发布时间：2023-02-01\n2022年，静宁县九年义务教育巩固率达到96.4%。"
    t = rows(tmp_path, text)
    assert list(t["year"]) == [2022]


def test_change_without_a_base_year_is_skipped_not_guessed(tmp_path):
    result = extract_paths([write(tmp_path, "d.txt", "2022年，崆峒区高中阶段毛入学率提高了2.5个百分点。")])
    assert result.observations.empty
    assert "base year" in result.skipped["reason"].iloc[0]


def test_offset_map_survives_length_changing_folds():
    original = "甲㍻乙(xué)丙①９５％"
    norm = normalize(original)
    pos = norm.text.index("95")
    assert original[norm.to_original(pos):].startswith("９５")


def test_fenbie_list_pairs_by_place_when_a_name_is_no_indicator(tmp_path):
    text = "某县2021年教育\n2021年，全县小学适龄儿童入学率和小学生毕业率分别达到99.6%和98.1%。"
    t = rows(tmp_path, text, region="620802")
    assert list(t["indicator"]) == ["primary_ner"] and list(t["value"]) == [99.6]


def test_expected_value_this_year_is_a_target_of_the_indicator_before(tmp_path):


    text = ("某市2021年12月教育发布会\n截至2020年底，全市高中阶段毛入学率由90.2%提高到93.1%，预计今年可达96%以上；"
            "义务教育巩固率为97.5%。")
    t = rows(tmp_path, text, name="doc.txt", region="620802")
    target = one(t, indicator="senior_ger", kind="target")
    assert target["value"] == 96 and target["qualifier"] == ">=" and target["year"] == 2021
    assert one(t, indicator="compulsory_retention")["kind"] == "actual"


def test_a_reach_verb_inside_from_to_is_no_target_cue_for_the_clauses_after(tmp_path):
    text = ("某省教育十二五回顾\n全省学前三年毛入园率由2010年的60.5%提高到2015年的90.1%，"
            "九年义务教育巩固率保持在98%以上。")
    t = rows(tmp_path, text, region="620802")
    kept = one(t, indicator="compulsory_retention")
    assert kept["kind"] == "actual" and kept["year"] == 2015 and kept["qualifier"] == ">="
    assert one(t, indicator="preschool_ger", year=2015)["kind"] == "actual"


def test_a_change_over_a_span_of_years_is_on_its_first_year(tmp_path):
    # shape of the 河南 2014 bulletin news (tests/extract/corpus, documents.csv b19)
    t = rows(tmp_path, "2010年至2014年的5年中，全省学前三年毛入园率提高近26个百分点。", region="410000")
    row = one(t, kind="change")
    assert (row["year"], row["base_year"], row["value"], row["qualifier"]) == (2014, 2010, 26.0, "~")
    # a school year is no span; its figures, and its start (学年初), are of the autumn of its first year
    t = rows(tmp_path, "2024-2025学年，全省学前三年毛入园率比上年提高1.2个百分点。", region="410000")
    assert (one(t, kind="change")["year"], one(t, kind="change")["base_year"]) == (2024, 2023)
    t = rows(tmp_path, "2016/2017学年初，全省在园幼儿131.5万人，学前三年毛入园率比上年提高4.45个百分点。",
             region="530000")
    assert set(t["year"]) == {2016} and one(t, kind="change")["base_year"] == 2015


def test_the_years_of_a_plan_name_are_no_span_and_a_gap_still_to_close_is_no_row(tmp_path):
    text = ("2019年我国高中阶段毛入学率为89.5%。《高中阶段教育普及攻坚计划(2017—2020年)》提出到2020年"
            "我国高中阶段教育毛入学率要达到90%，还需提高0.5个百分点。")
    result = extract_paths([write(tmp_path, "d.txt", text)], region="000000")
    t = result.table()
    assert sorted(t["kind"]) == ["actual", "target"]
    assert result.skipped["reason"].str.contains("gap still to close").any()


def test_levels_listed_before_a_rate_share_its_rate_word_and_a_second_list_its_names(tmp_path):
    # shape of the 西藏 news of 2022 (tests/extract/corpus, documents.csv f08)
    text = ("2022年，全区学前教育毛入园率,小学净入学率,初中阶段、高中阶段、高等教育毛入学率分别为84.42%、"
            "99.71%、102.88%、86.62%和47.65%,分别比2012年提高39.22%、0.31%、4.28%、16.42%和20.25%。")
    t = rows(tmp_path, text, region="540000")
    actual = dict(zip(t[t["kind"] == "actual"]["indicator"], t[t["kind"] == "actual"]["value"]))
    assert actual == {"preschool_ger": 84.42, "primary_ner": 99.71, "junior_ger": 102.88,
                      "senior_ger": 86.62, "higher_ger": 47.65}
    change = t[t["kind"] == "change"].set_index("indicator")
    assert change.loc["junior_ger", "value"] == 4.28 and change.loc["higher_ger", "value"] == 20.25
    assert set(change["base_year"]) == {2012} and len(change) == 5
    # a level that, with the rate word, names no indicator of the catalog gives no row
    t = rows(tmp_path, "2022年，全区初中阶段、研究生教育毛入学率分别为102.88%和3.1%。", region="540000")
    assert list(t["indicator"]) == ["junior_ger"]


def test_a_from_to_list_gives_each_name_its_start_and_its_goal(tmp_path):
    # shape of the 黑龙江 news of 2012-02-21 (tests/extract/corpus, documents.csv f11)
    text = ("这个省今年将加快幼儿教育发展,幼儿在园人数、学前一年毛入园率、学前三年毛入园率将由2010年末的"
            "49.2万人、93%、50.6%分别提高至58万人、95%和68%。")
    meta = tmp_path / "documents.csv"
    write(tmp_path, "news.txt", text)
    meta.write_text("file,region,date\nnews.txt,黑龙江省,2012-02-21\n", encoding="utf-8")
    result = extract_paths([tmp_path / "news.txt"])
    t = result.table()
    got = {(r.indicator, r.year, r.kind, r.value) for r in t.itertuples()}
    assert got == {("student_count", 2010, "actual", 492000.0), ("preschool_ger", 2010, "actual", 50.6),
                   ("student_count", 2012, "target", 580000.0), ("preschool_ger", 2012, "target", 68.0)}
    assert set(t[t["indicator"] == "student_count"]["school_level"]) == {"preschool"}
    # 学前一年 is another indicator: its two values are set aside, with the reason
    assert result.skipped["reason"].str.contains("no indicator of the catalog").sum() == 2
    # a goal the sentence gives no year is no row
    t = rows(tmp_path, "全省学前三年毛入园率、九年义务教育巩固率将由2010年的50.6%、90%分别提高至68%、95%。",
             region="230000")
    assert set(t["kind"]) == {"actual"} and len(t) == 2


def test_the_working_age_years_of_schooling_named_without_average(tmp_path):
    t = rows(tmp_path, "2022年，全区主要劳动年龄人口受教育年限达到9.8年。", region="540000")
    assert (one(t, indicator="years_schooling")["value"], one(t, indicator="years_schooling")["unit"]) == (9.8, "years")


def test_the_share_after_a_subsets_children_is_the_public_or_inclusive_share(tmp_path):
    # shapes of the 东昌府区 2022 page and the 内蒙古 2019 news (tests/extract/corpus, b11 and a13):
    # 占比 after the children of 公办 kindergartens is the public share; the 占比 of the kindergartens
    # before them and the share of the private 普惠 part are no rows
    text = ("2022年，全区公办幼儿园145所(占比42.52%)，在园幼儿15420人(占比34.24%)。"
            "民办普惠性幼儿园172所(占比87.8%)，在园幼儿26673人(占比90.06%)。"
            "至2019年底，公办幼儿园达1554所，在园幼儿29.96万人，在园幼儿占比49.36%。")
    t = rows(tmp_path, text, region="371502")
    shares = t[t["unit"] == "%"]
    assert sorted(shares["value"]) == [34.24, 49.36]
    assert set(shares["indicator"]) == {"preschool_public_share"}


def test_the_spending_share_is_read_in_the_ways_a_budget_names_its_spending(tmp_path):
    # shape of the 武威 news (tests/extract/corpus, c04); the share of GDP is another indicator
    text = "2021年，教育财政支出占财政支出的16.19%，教育经费支出占GDP的4.1%。"
    t = rows(tmp_path, text, region="620600")
    assert list(t["value"]) == [16.19] and t["indicator"].iloc[0] == "edu_spending_share"


def test_a_parallel_from_to_pair_takes_the_years_of_the_pair_before_it(tmp_path):
    # shape of the 三明 十三五 news (tests/extract/corpus, g02), with names of the two preschool shares
    text = "公办在园幼儿数占比从2015年的25.15%提升至2020年的55.53%，在普惠性幼儿园就读的幼儿占比从65%提升至95.21%。"
    t = rows(tmp_path, text, region="350400")
    inclusive = t[t["indicator"] == "preschool_inclusive_share"].set_index("year")["value"].to_dict()
    assert inclusive == {2015: 65.0, 2020: 95.21}
    public = t[t["indicator"] == "preschool_public_share"].set_index("year")["value"].to_dict()
    assert public == {2015: 25.15, 2020: 55.53}


def test_a_number_before_nian_that_is_no_plausible_year_dates_nothing(tmp_path):
    # a rule reading the year inside its own pattern (由…年末的… / 从…年的…) meets noise as well:
    # 5655年 is set aside with the reason, never written as a year the schema refuses
    text = "2021年，全县在校生人数由5655年末的7.4万人增加到2021年的8.1万人。"
    result = extract_paths([write(tmp_path, "doc.txt", text)], region="130123")
    assert list(result.observations["year"]) == [2021]
    assert result.skipped["reason"].str.contains("no plausible year").any()


def test_a_change_written_after_a_share_without_a_name_is_its_change(tmp_path):
    # shape of the national 2021 bulletin (tests/extract/corpus, a03)
    text = ("2021年，全国共有幼儿园29.48万所。其中，普惠性幼儿园在园幼儿4218.20万人，"
            "占全国在园幼儿的比例87.78%，比上年提高3.05个百分点。")
    t = rows(tmp_path, text, region="000000")
    change = one(t, indicator="preschool_inclusive_share", kind="change")
    assert change["value"] == pytest.approx(3.05) and change["unit"] == "pp" and change["base_year"] == 2020
    assert one(t, indicator="preschool_inclusive_share", kind="actual")["value"] == pytest.approx(87.78)


def test_two_shares_of_a_fenbie_list_may_write_their_share_word_once(tmp_path):
    # shape of a city news item (tests/extract/corpus, s01): 公办园在园幼儿和普惠性幼儿园在园幼儿占比分别…
    text = "2021年，全市公办园在园幼儿和普惠性幼儿园在园幼儿占比分别达到50.1%和82.5%。"
    t = rows(tmp_path, text, region="640100")
    assert dict(zip(t["indicator"], t["value"])) == {"preschool_public_share": 50.1, "preschool_inclusive_share": 82.5}


def test_the_public_share_stated_as_a_part_of_all_the_children(tmp_path):
    # shape of a county yearbook (tests/extract/corpus, zg08); the private 普惠 part's share is no row
    text = ("2020年，全县在园幼儿总人数16501人。其中，公办幼儿园在园幼儿9067人，占总在园人数的55%；"
            "民办普惠性幼儿园在园幼儿3000人，占在园总人数的20%。")
    t = rows(tmp_path, text, region="469028")
    shares = t[t["unit"] == "%"]
    assert list(zip(shares["indicator"], shares["value"])) == [("preschool_public_share", 55)]



def test_the_inclusive_share_stated_as_a_part_of_the_nation_s_children(tmp_path):
    # shape of a national bulletin's news item (tests/extract/corpus, zy01): 占全国在园幼儿的91.61%
    text = "2024年，普惠性幼儿园在园幼儿3283.19万人，占全国在园幼儿的91.61%。"
    t = rows(tmp_path, text, region="000000")
    assert list(zip(t["indicator"], t["value"])) == [("preschool_inclusive_share", 91.61)]


def test_a_school_year_s_figures_are_of_its_first_year_and_a_goal_from_it_on_of_its_second(tmp_path):
    # tests/extract/corpus u05 (2009—2010學年度, the county's counts) and the seed 002 (从2024-2025学年开始，
    # 确保每年有不低于15%的专任教师…交流: a goal from then on)
    t = rows(tmp_path, "2009—2010学年度，全县共有初中34所，在校学生总数122655人。", region="340121")
    assert set(t["year"]) == {2009}
    t = rows(tmp_path, "2024年报告\n从2024-2025学年开始，确保每年九年义务教育巩固率不低于97%。", region="410000")
    assert (one(t, indicator="compulsory_retention")["kind"], one(t, indicator="compulsory_retention")["year"]) \
        == ("target", 2025)
