"""Rules over stocks: levels carried along a clause chain, counts at 义务教育阶段 level, relative
changes of counts in %, and the vocabulary file the rules read."""
from __future__ import annotations

import pytest

from edueval import vocabulary
from edueval.extract import extract_paths
from edueval.extract.matching import LEVEL_WORDS, PRE_QUALIFIERS
from edueval.extract.metadata import DocumentMeta

from .extraction import one, rows, write


def test_pupils_after_a_school_stock_take_its_level_and_their_relative_change(tmp_path):
    # shape of the 虹口区 2020 statistics page (tests/extract/corpus, documents.csv a06)
    text = "某区2020年教育数据\n2020年末实有小学 33 所，在校学生 23562 人，比上年增长 2.8%；幼儿园 53 所，在园幼儿 12851 人，减少 3.4%。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="school_count", school_level="primary")["value"] == 33
    assert one(t, indicator="student_count", school_level="primary", kind="actual")["value"] == 23562
    change = one(t, indicator="student_count", school_level="primary", kind="change")
    assert change["value"] == pytest.approx(2.8) and change["unit"] == "%" and change["base_year"] == 2019
    assert one(t, indicator="student_count", school_level="preschool", kind="change")["value"] == pytest.approx(-3.4)
    assert one(t, indicator="school_count", school_level="preschool")["value"] == 53


def _held(tmp_path, text, region="620802"):
    result = extract_paths([write(tmp_path, "doc.txt", text)], region=region)
    assert not result.errors, result.errors
    return result.observations, result.skipped


def test_a_semicolon_ends_the_level_a_stock_passes_on_and_no_level_is_guessed_for_the_pupils(tmp_path):
    # 全省共有义务教育阶段学校2757所，比上年减少906所；在校生168.62万人 (documents.csv d02): the gold reads
    # the pupils as the stage's, the rule of the ；as all levels'; the text says neither, so the row is
    # held for review with its reason rather than guessed
    found, held = _held(tmp_path, "2021年，全区有初中4所；在校生1200人。")
    assert list(found["indicator"]) == ["school_count"]
    reason = held.loc[held["quote"].str.contains("1200"), "reason"].iloc[0]
    assert "passes no level on" in reason and "junior" in reason


def test_pupils_after_a_school_type_of_no_contract_level_are_held_not_given_all_levels(tmp_path):
    # shapes of a provincial bulletin (t09: 共有研究生培养机构33所，招生…，在校生…) and a city
    # yearbook (za07: 成人高等专业学校招生…，在校生…): the pupils are that school type's
    text = ("2012年，全省共有研究生培养机构33所，招生2.5万人，在校生7.0万人。"
            "成人高等专业学校招生0.28万人，在校生1.3万人。")
    found, held = _held(tmp_path, text)
    assert "student_count" not in set(found["indicator"])
    reasons = held.loc[held["reason"].str.contains("passes no level on"), "reason"]
    assert len(reasons) == 2 and reasons.str.contains("研究生培养机构").any() and reasons.str.contains("专业学校").any()


def test_pupils_after_the_schools_of_every_level_or_with_their_parts_stay_a_total(tmp_path):
    text = ("2020年，全区共有各级各类学校(机构)410所，比上年减少7所；教育人口123149人，其中，在校生115049人。"
            "2020年，全县有职业学校3所；在校学生总数51000人。")
    found, _ = _held(tmp_path, text)
    pupils = found[(found["indicator"] == "student_count") & (found["school_level"] == "all")]
    assert sorted(pupils["value"]) == [51000, 115049]


def test_counts_at_compulsory_level_and_absolute_deltas_are_no_change(tmp_path):
    # shape of the 陕西 2021 bulletin news (documents.csv c12)
    text = ("2021年，全省共有义务教育阶段学校6205所，招生901620人，在校生4168738人，专任教师289321人。"
            "全省共有幼儿园8226所，比上年增加22所，增长0.27%。")
    t = rows(tmp_path, text, region="610000")
    assert one(t, indicator="school_count", school_level="compulsory")["value"] == 6205
    assert one(t, indicator="student_count", school_level="compulsory")["value"] == 4168738
    assert one(t, indicator="teacher_count", school_level="compulsory")["value"] == 289321
    kg = t[(t["indicator"] == "school_count") & (t["school_level"] == "preschool")]
    assert sorted(kg["kind"]) == ["actual", "change"]  # 增加22所 is an absolute delta: no row
    assert one(kg, kind="change")["value"] == pytest.approx(0.27)
    assert 901620 not in set(t["value"])  # 招生 is intake, not a stock


def test_vocabulary_is_read_by_the_rules():
    assert LEVEL_WORDS["义务教育阶段"] == "compulsory" == vocabulary.words("level")["义务教育阶段"]
    assert ("稳定在", "~") in PRE_QUALIFIERS
    assert vocabulary.longest_first("unit")[0] == "个百分点"


def test_a_broken_vocabulary_line_is_named(tmp_path):
    bad = tmp_path / "vocabulary.csv"
    bad.write_text("section,word,value,note\nlevel,小学,primary,\nlevels,初中,junior,\n", encoding="utf-8")
    with pytest.raises(vocabulary.VocabularyError, match="line 3: unknown section 'levels'"):
        vocabulary._load(bad)


def test_yearbook_thin_space_thousands_and_the_old_name_of_reform_schools(tmp_path):
    # shape of the 黑龙江 2003 yearbook entry (documents.csv a15)
    text = "截至2003年底，全省共有幼儿园2 181所。小学11 400所，在校生2 401 918人。工读学校1所，在校生51人。"
    t = rows(tmp_path, text, region="230000")
    assert one(t, indicator="school_count", school_level="preschool")["value"] == 2181
    assert one(t, indicator="student_count", school_level="primary")["value"] == 2401918
    assert one(t, indicator="school_count", school_level="reform_school")["value"] == 1
    assert one(t, indicator="student_count", school_level="reform_school")["value"] == 51


def test_breakdowns_of_an_ownership_subset_are_no_stocks(tmp_path):
    # shape of the 东昌府区 page (documents.csv b11)
    text = ("2022年，全区现有各类学校178所。公办学校156所(小学120所,初中22所)。"
            "民办幼儿园196所(占比57.48%),在园幼儿29617人。")
    t = rows(tmp_path, text, region="371502")
    assert list(t["value"]) == [178]
    # 各级各类 between the verb and the subset word (tests/extract/corpus ya05)
    t = rows(tmp_path, "2012年,全县现有各级各类公办学校80所,其中小学59所,初级中学13所,高中4所。", region="371502")
    assert t.empty


def test_a_level_outside_the_subset_leaves_the_subset(tmp_path):
    # shape of a district government's page on its schools (yhq.gov.cn, 2022): public and private
    # kindergartens, then the district's primary and junior schools, which are no subset of them
    text = ("2021年,全区有公办幼儿园2所,民办幼儿园3所,小学3所,初中2所,高中1所;"
            "3所民办园共有幼儿201人;中小学在校生3571人;高中在校生2033人。")
    t = rows(tmp_path, text, region="371502")
    assert sorted(zip(t["school_level"], t["value"])) == [("basic", 3571), ("junior", 2), ("primary", 3),
                                                          ("senior", 1), ("senior", 2033)]
    # a level the subset holds stays inside it (公办义务教育学校 → 小学)
    t = rows(tmp_path, "2022年,全区现有公办义务教育学校191所,小学120所,初中71所。", region="371502")
    assert t.empty


def test_staff_pass_their_level_on_but_are_no_rows(tmp_path):
    # shape of the 新疆 2014 special-education paragraph (documents.csv c20)
    text = "2014年，全区有特殊教育学校29所。特殊教育学校有教职工811人，其中专任教师693人；有少数民族专任教师250人。"
    t = rows(tmp_path, text, region="650000")
    assert one(t, indicator="teacher_count")["school_level"] == "special"
    assert one(t, indicator="teacher_count")["value"] == 693
    assert "staff" not in set(t["indicator"])  # 教职工 is no row; 少数民族 teachers are a subgroup


def test_a_stock_opening_its_sentence_takes_the_level_of_the_sentence_before(tmp_path):
    # shape of the 昆明 2022 bulletin mirror (documents.csv c15)
    text = "2022年，全市义务教育阶段共招生176610人，在校生781330人。专任教师52053人。"
    t = rows(tmp_path, text, region="530100")
    assert one(t, indicator="teacher_count")["school_level"] == "compulsory"
    assert one(t, indicator="student_count")["school_level"] == "compulsory"


def test_the_nearest_stock_before_passes_its_level(tmp_path):
    text = "2020年，全市小学427所，在校学生50万名，初中224所，在校学生21.4万名。"
    t = rows(tmp_path, text, region="330200")
    assert one(t, indicator="student_count", school_level="junior")["value"] == 214000
    assert one(t, indicator="student_count", school_level="primary")["value"] == 500000


def test_from_to_gives_two_measured_values_with_their_years(tmp_path):
    # shape of the 陕西 均衡 report (documents.csv c05)
    text = "2016年报告\n全省高中阶段毛入学率由2010年的86.76%提高到2015年的96.4%。"
    t = rows(tmp_path, text, region="610000")
    first, second = one(t, value=86.76), one(t, value=96.4)
    assert (first["year"], first["kind"]) == (2010, "actual")
    assert (second["year"], second["kind"]) == (2015, "actual")


def test_flows_are_no_stocks_and_primary_and_secondary_schools_are_basic(tmp_path):
    text = "2022年，全县新改扩建普惠性幼儿园16所、中小学校20所。全县现有中小学校106所。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="school_count")["value"] == 106
    assert one(t, indicator="school_count")["school_level"] == "basic"


def test_jinxianlv_names_the_gaokao_rates(tmp_path):
    # shape of the 光山县 2017 news (documents.csv b12)
    t = rows(tmp_path, "2017年，全县本科进线率65.3%，本一进线率18.3%。", region="620802")
    assert one(t, indicator="gaokao_bachelor_rate")["value"] == 65.3
    assert one(t, indicator="gaokao_tier1_rate")["value"] == 18.3


def test_the_second_value_of_from_to_never_takes_the_first_ones_year(tmp_path):
    # shape of the 河南 2014 report (documents.csv b19)
    t = rows(tmp_path, "2014年，全省学前三年毛入园率也由2010年的52.8%提高到78.56%。", region="410000")
    assert one(t, value=78.56)["year"] == 2014
    assert one(t, value=52.8)["year"] == 2010


def test_a_clause_naming_no_level_continues_the_level_of_the_sentence_before(tmp_path):
    text = ("初中方面，2021年全市共有初中12所，比上年减少1所。"
            "招生3000人，比上年增加20人；在校生9100人，比上年增长1.5%。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="student_count", kind="actual")["school_level"] == "junior"
    assert one(t, indicator="student_count", kind="change")["value"] == pytest.approx(1.5)


def test_a_sentence_before_about_several_levels_passes_no_level_on(tmp_path):
    text = "2021年全县有小学9所、初中3所。招生800人；在校生5100人。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="student_count")["school_level"] == "all"


def test_a_sentence_opening_with_qizhong_breaks_down_the_stock_before_it(tmp_path):
    text = "2021年教育情况\n现有在校学生9000人。其中：学前1000人，小学5000人，初中3000人。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="student_count", school_level="all")["value"] == 9000
    assert one(t, indicator="student_count", school_level="preschool")["value"] == 1000
    assert one(t, indicator="student_count", school_level="primary")["value"] == 5000
    assert one(t, indicator="student_count", school_level="junior")["value"] == 3000


def test_qizhong_after_a_sentence_ending_on_no_stock_lists_nothing(tmp_path):
    text = "2021年教育情况\n现有在校学生9000人，教学质量稳步提升。其中：小学5000人。"
    t = rows(tmp_path, text, region="620802")
    assert list(t[t["indicator"] == "student_count"]["school_level"]) == ["all"]


def test_school_nouns_after_putong_and_kindergarten_children_nouns(tmp_path):
    text = ("2021年末全县共有普通小学17所，在校学生12117人；中等职业技术学校2所，在校学生700人；"
            "幼儿园30所，在园儿童数5350人。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="school_count", school_level="primary")["value"] == 17
    assert one(t, indicator="student_count", school_level="primary")["value"] == 12117
    assert one(t, indicator="school_count", school_level="vocational")["value"] == 2
    assert one(t, indicator="student_count", school_level="vocational")["value"] == 700
    assert one(t, indicator="student_count", school_level="preschool")["value"] == 5350


def test_stocks_broken_down_like_a_total_of_schools_before_them_take_its_level(tmp_path):
    text = ("2022年，全县有基础教育学校50所，其中：小学20所，初中5所，幼儿园25所。"
            "专任教师900人，其中：小学500人，初中400人。在校学生8000人，其中：小学5000人，初中3000人。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="school_count", school_level="basic")["value"] == 50
    assert one(t, indicator="teacher_count", school_level="basic")["value"] == 900
    assert one(t, indicator="student_count", school_level="basic")["value"] == 8000
    assert one(t, indicator="student_count", school_level="junior")["value"] == 3000


def test_a_stock_not_broken_down_keeps_no_level_after_a_total_of_schools(tmp_path):
    text = "2022年，全县有基础教育学校50所，其中：小学20所，幼儿园30所。另有专任教师900人。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="teacher_count")["school_level"] == "all"


def test_school_counts_in_jia_after_zhiyou_and_pupils_in_wan_without_ren(tmp_path):
    text = ("2014年，全省幼儿园只有3000所，普通初中800所，中等职业学校60家；"
            "全省在园幼儿近120万，比上年增加5万人。")
    t = rows(tmp_path, text, region="410000")
    assert one(t, indicator="school_count", school_level="preschool")["value"] == 3000
    assert one(t, indicator="school_count", school_level="junior")["value"] == 800
    assert one(t, indicator="school_count", school_level="vocational")["value"] == 60
    pupils = one(t, indicator="student_count", school_level="preschool")
    assert pupils["value"] == 1200000 and pupils["qualifier"] != "="


def test_a_number_in_wan_inside_a_clause_is_no_pupil_stock_without_ren(tmp_path):
    t = rows(tmp_path, "2014年，全省在园幼儿人均经费1.2万元。", region="410000")
    assert t.empty or "student_count" not in set(t["indicator"])


def test_putong_zhongxiaoxue_counts_schools_of_basic_education(tmp_path):
    t = rows(tmp_path, "2021年，全市共有普通中小学736所，在校学生80.3万名。", region="330200")
    assert one(t, indicator="school_count")["school_level"] == "basic"


def test_guozhong_is_junior_but_not_inside_quanguo_zhongxiaoxue(tmp_path):
    text = ("某市2022年教育统计\n2022年，全市共有国中学校48所。国中毛入学率102.3%。国中共有专任教师3100人。"
            "全国中小学生体质健康达标率为92.1%。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="school_count")["school_level"] == "junior"
    assert one(t, indicator="junior_ger")["value"] == pytest.approx(102.3)
    assert one(t, indicator="teacher_count")["school_level"] == "junior"
    assert len(t) == 3


def test_total_in_wan_before_a_dun_and_its_parts_inside_and_outside_the_region(tmp_path):
    text = "某区2022年教育概况\n2022年，全区在校生总人数45.6万、占总人口的五分之一，其中区内在校生40.1万人、区外在校生5.5万人。"
    t = rows(tmp_path, text, region="620802")
    assert list(t["value"]) == [456000] and one(t, indicator="student_count")["school_level"] == "all"


def test_stocks_from_one_year_to_another(tmp_path):
    text = "某区教育十三五回顾\n全区小学在校生人数，从2015年的2.4万人，增至2020年的2.9万人，5年间增加0.5万人。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="student_count", year=2015)["value"] == 24000
    second = one(t, indicator="student_count", year=2020)
    assert second["value"] == 29000 and second["school_level"] == "primary" and second["kind"] == "actual"
    assert 5000 not in set(t["value"])


def test_a_stock_opens_after_a_year_and_after_a_province_short_name(tmp_path):
    # shape of a research-institute page (tests/extract/corpus, documents.csv b07)
    t = rows(tmp_path, "2019年福建初中学校数为1249所,同比增长0.24%。", region="350000")
    assert one(t, indicator="school_count", kind="actual")["value"] == 1249
    change = one(t, indicator="school_count", kind="change")
    assert change["value"] == pytest.approx(0.24) and change["base_year"] == 2018
    t = rows(tmp_path, "2019年末初中学校1249所。", region="350000")
    assert one(t, indicator="school_count")["school_level"] == "junior"


def test_a_word_before_the_noun_that_is_no_boundary_opens_no_stock(tmp_path):
    # 城市 ends in 市 but names no place: 城市小学 is a subset, the old guard stays
    t = rows(tmp_path, "2021年，全省城市小学120所。", region="350000")
    assert not len(t[t["indicator"] == "school_count"])


def test_after_a_breakdown_of_schools_teachers_follow_the_pupils_of_all_levels(tmp_path):
    # shape of the 宁化县 news page (tests/extract/corpus, documents.csv b21)
    text = "2009年全县有各类学校39所，其中各类中学13所，完全中学6所，在校学生37811人，专任教师3440人。"
    t = rows(tmp_path, text, region="350424")
    assert one(t, indicator="student_count")["school_level"] == "all"
    assert one(t, indicator="teacher_count")["school_level"] == "all"
    t = rows(tmp_path, "2014年全县小学33所，在校学生23562人，专任教师1200人。", region="350424")
    assert one(t, indicator="teacher_count")["school_level"] == "primary"


def test_kindergartens_standing_on_their_own_are_the_stock(tmp_path):
    t = rows(tmp_path, "截至2014年，全省独立设置的幼儿园达到15821所（不包括附设幼儿机构）。", region="410000")
    assert one(t, indicator="school_count")["value"] == 15821


def test_a_section_heading_that_names_one_level_gives_it_to_the_stocks_under_it(tmp_path):
    # the layout of county bulletins of education statistics: a level as the heading of its
    # paragraph (——小学。) or on a line of its own, the stocks under it naming no level
    text = ("2023年全县教育事业统计\n"
            "——小学。校数21所;毕业3100人;招生2950人;在校生18420人,比上年减少210人。专任教师1203人。\n"
            "——初中。校数9所;在校生9620人。\n"
            "特殊教育\n全县共有学校2所,在校生97人。\n"
            "学前教育和特殊教育\n专任教师700人。\n"
            "二、其他\n学校50所。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="school_count", value=21)["school_level"] == "primary"
    assert one(t, indicator="student_count", value=18420)["school_level"] == "primary"
    assert one(t, indicator="teacher_count", value=1203)["school_level"] == "primary"
    assert one(t, indicator="school_count", value=9)["school_level"] == "junior"
    assert one(t, indicator="student_count", value=9620)["school_level"] == "junior"
    assert one(t, indicator="school_count", value=2)["school_level"] == "special"
    assert one(t, indicator="student_count", value=97)["school_level"] == "special"
    # a heading of two levels, or of none, passes no level on
    assert one(t, indicator="teacher_count", value=700)["school_level"] == "all"
    assert one(t, indicator="school_count", value=50)["school_level"] == "all"


def test_short_names_of_school_types_are_levels_in_a_breakdown_and_a_count(tmp_path):
    # 职高 / 普高 / 中专 / 技校 are how county pages name 职业高中, 普通高中, 中等专业学校 and 技工学校;
    # an item the vocabulary did not know used to end the breakdown (none after it was read)
    text = ("2023年，全县在校学生65321人，其中普高7215人，职高1890人，技校300人，初中15620人，小学28796人。"
            "全县有普高3所、中专1所、技校2所。")
    t = rows(tmp_path, text, region="620802")
    pupils = t[t["indicator"] == "student_count"].set_index("school_level")["value"].to_dict()
    assert pupils == {"all": 65321, "senior": 7215, "vocational": 1890, "technical": 300, "junior": 15620,
                      "primary": 28796}
    schools = t[t["indicator"] == "school_count"].set_index("school_level")["value"].to_dict()
    assert schools == {"senior": 3, "vocational": 1, "technical": 2}


def test_levels_named_together_before_a_school_count_are_one_stock_or_none(tmp_path):
    # 中小学、幼儿园186所 is one count of schools and kindergartens together: the vocabulary's
    # 中小学幼儿园 (basic); 小学和初中学校 has no contract level of its own, so it gives no row
    t = rows(tmp_path, "2022年，全县共有中小学、幼儿园186所，在校学生5.6万人。", region="620802")
    assert one(t, indicator="school_count")["school_level"] == "basic"
    assert one(t, indicator="school_count")["value"] == 186
    t = rows(tmp_path, "2022年，全县小学和初中学校共52所。", region="620802")
    assert t[t["indicator"] == "school_count"].empty


def test_stocks_of_a_school_type_with_no_contract_level_are_no_rows(tmp_path):
    # shape of the 黑龙江 2003 yearbook page (tests/extract/corpus, documents.csv a15): 普通中学 is
    # 初中 and 高中 together; its pupils, and the teachers of a sentence opening on it, are no rows
    text = ("2003年，全省共有小学11 400所，在校生2 401 918人。普通中学2 719所，其中普通初中2 238所，普通高中481所；"
            "普通中学在校生2 473 923人，毕业生658 977人；教职工186 409人，其中专任教师149 647人。"
            "普通初中在校生1 987 827人，专任教师119 919人。")
    t = rows(tmp_path, text, region="230000")
    students = t[t["indicator"] == "student_count"].set_index("school_level")["value"].to_dict()
    assert students == {"primary": 2401918, "junior": 1987827}
    teachers = t[t["indicator"] == "teacher_count"].set_index("school_level")["value"].to_dict()
    assert teachers == {"junior": 119919}
    assert one(t, indicator="school_count", school_level="senior")["value"] == 481


def test_the_levelled_part_of_a_school_type_with_no_contract_level_is_a_row(tmp_path):
    # shape of the 安康 2011 bulletin (tests/extract/corpus, m04): the 普通中学 totals are no rows,
    # their (其中初中…) parts are the junior stocks
    text = "2011年，全市普通中学199所(其中初中165所)，招生57746人，在校学生174679人(其中初中113546人)。"
    t = rows(tmp_path, text, region="610900")
    assert {(r.indicator, r.school_level, r.value) for r in t.itertuples()} == {
        ("school_count", "junior", 165), ("student_count", "junior", 113546)}


def test_a_clause_chain_opening_on_a_school_type_with_no_contract_level_gives_no_pupils(tmp_path):
    # shape of the national 2025 news (documents.csv a08): 本专科 (undergraduate and college) is
    # no contract level, and its pupils after its flow are of it
    text = "2025年，普通、职业本专科招生1070.8万人，在校生3954.0万人，毕业生1105.1万人；普通高中在校生3039.5万人。"
    t = rows(tmp_path, text, region="000000")
    assert t[t["indicator"] == "student_count"]["school_level"].tolist() == ["senior"]


def test_the_children_of_public_kindergartens_are_a_subset_and_no_row(tmp_path):
    t = rows(tmp_path, "2020年，全市公办园在园幼儿11.42万人，全市在园幼儿20.6万人。", region="350400")
    assert list(t["value"]) == [206000]


def test_bulletin_stocks_of_the_h_collection_shapes(tmp_path):
    # shapes of the 承德县 2003, 青羊区 2012 and 郑州 2012 bulletins (tests/extract/corpus, h01–h03)
    text = ("2003年，全县共有学校339所，在校生80847人，比上年增加6379人，其中小学33304人；初中36208人；高中9905人；"
            "招生数15309人。2012年，全区年末共有小学校31所，在校学生37819人。"
            "2012年，全市有各级各类中初等教育学校1520所，在校生140.38万人。其中，普通高(完)中101所，在校生169429人"
            "(其中全日制在校生164536人)；普通初中267所，比上年增加6所，毕业生86139人，比上年减少2181人，下降2.47%。")
    t = rows(tmp_path, text, region="130821")
    students = t[(t["indicator"] == "student_count") & (t["kind"] == "actual")]
    assert sorted(students["value"]) == [9905, 33304, 36208, 37819, 80847, 169429, 1403800]
    schools = t[t["indicator"] == "school_count"].set_index("value")["school_level"].to_dict()
    assert schools == {339: "all", 31: "primary", 1520: "basic", 101: "senior", 267: "junior"}
    assert t[t["kind"] == "change"].empty  # 下降2.47% is the graduates' change, not the schools'


def test_short_and_joint_school_nouns_of_the_i_and_j_collections(tmp_path):
    # shapes of the 福州 work page (i05), the 长白县 page (i03) and the 新疆 white paper (j11)
    text = ("2022年，中等职业学校40所，在校生10.24万人；高校37所，在校生45.9万人。"
            "2008年，新疆共有小学4159所、在校学生201.2万人；中等学校1973所，在校学生172.2万人。")
    t = rows(tmp_path, text, region="650000")
    assert one(t, indicator="school_count", school_level="higher")["value"] == 37
    assert one(t, indicator="student_count", school_level="higher")["value"] == 459000
    basic = rows(tmp_path, "截至2023年末，长白县共有各类普通中小学校33所。", name="b.txt", region="220623")
    assert one(basic, indicator="school_count", school_level="basic")["value"] == 33
    assert 1722000 not in set(t["value"]) and 1973 not in set(t["value"])  # 中等学校: no contract level


def test_a_stocks_rate_of_growth_over_n_years_and_a_gap_between_rates_of_growth(tmp_path):
    # shape of the 海南 2016 news (tests/extract/corpus, j14)
    text = ("2016年我省幼儿园有2179所，比3年前增加了583所，增长率为36.53%，比全国平均增长率高出了近16个百分点；"
            "2016年海南省幼儿园毛入园率达80.84%，比3年前提高了10.87个百分点，比全国平均增长率高出了3.44个百分点。")
    t = rows(tmp_path, text, region="460000")
    change = one(t, indicator="school_count", kind="change")
    assert change["value"] == pytest.approx(36.53) and change["base_year"] == 2013
    assert list(t.loc[t["indicator"] == "preschool_ger", "value"]) == [80.84, 10.87]  # no 3.44, no 16


def test_school_stocks_written_number_first_after_a_verb_of_holding(tmp_path):
    # shape of the 新疆 white paper (tests/extract/corpus, j11); a flow (新建3所小学) is no stock
    text = ("1949年，新疆只有1所大学、9所中学、1355所小学。2020年，全区新建3所小学。2020年，全区现有12所幼儿园。"
            "2022年，全区已有8所幼儿园开设托班。")
    t = rows(tmp_path, text, region="650000")
    found = {(r.year, r.school_level): r.value for r in t.itertuples()}
    assert found == {(1949, "higher"): 1, (1949, "primary"): 1355, (2020, "preschool"): 12}


def test_school_stocks_written_number_first_after_a_total_word_keep_their_qualifier(tmp_path):
    # shapes of district pages (tests/extract/corpus, n04, n05, n09): 共计有 / 总计 / 共有约 before the number
    text = ("2021年，全区共计有92所小学。2022年，全区总计315所幼儿园、约19所初中。"
            "2023年，全区共有约40所高中，另有12所幼儿园正在建设。")
    t = rows(tmp_path, text, region="310113")
    found = {(r.year, r.school_level, r.value, r.qualifier) for r in t.itertuples()}
    assert found == {(2021, "primary", 92, "="), (2022, "preschool", 315, "="), (2022, "junior", 19, "~"),
                     (2023, "senior", 40, "~")}


def test_the_kinds_a_including_list_names_are_parts_of_the_stock_before(tmp_path):
    # shape of the 长白县 page (tests/extract/corpus, i03): the pupils and teachers of the next
    # sentence are of the 中小学 the sentence before counts, 包括…等 naming its parts
    text = ("截至2023年末，全县共有各类普通中小学校33所，包括汉族普通高中、朝鲜族完全中学等。"
            "全县在校学生总数为5078人，教职工1245人，其中专任教师725人。")
    t = rows(tmp_path, text, region="220623")
    assert set(t["school_level"]) == {"basic"} and sorted(t["value"]) == [33, 725, 5078]


def test_pupils_after_a_semicolon_that_parts_a_levels_intake_from_its_stock(tmp_path):
    # shape of the 昆明 2018 bulletin news (tests/extract/corpus, k09); with no flow before the ；
    # (全区有初中4所；在校生1200人) the pupils stay of all levels
    text = ("2018年，义务教育阶段，昆明市共有小学755所，招生92298人，比上年增加7650人；在校生497971人，比上年增加12274人。"
            "全市共有初中学校199所，招生74348人；在校生220926人。")
    t = rows(tmp_path, text, region="530100")
    students = t[(t["indicator"] == "student_count") & (t["kind"] == "actual")].set_index("value")["school_level"].to_dict()
    assert students == {497971: "primary", 220926: "junior"}


def test_a_school_stocks_from_to_gives_both_values_each_of_its_year(tmp_path):
    # shape of the 萍乡 page (tests/extract/corpus, l05); a subset's from-to (省一级示范幼儿园由150所…) gives none
    text = ("2015年，萍乡市各级各类幼儿园从2010年的424所(公办34所、民办390所)增加到795所(公办370所、民办425所)。"
            "与2015年比，省一级示范幼儿园由150所增加到175所。")
    t = rows(tmp_path, text, region="360300")
    assert {(r.year, r.value) for r in t.itertuples()} == {(2010, 424), (2015, 795)}


def test_a_bulletin_says_on_the_previous_year_once_for_the_changes_after_it(tmp_path):
    # shape of a city bulletin (tests/extract/corpus, m03): 比上年 once, then 增长4.2%, 下降2.0% for
    # each stock; a paragraph that never says it gives no base
    text = ("2008年，全市普通高中招收学生24986人，比上年增长4.2%；在校学生74749人，下降2.0%。"
            "初中在校学生171402人，下降2.1%。\n"
            "2008年，全市小学在校学生266799人，下降5.5%。")
    t = rows(tmp_path, text, region="230200")
    changes = t[t["kind"] == "change"]
    assert dict(zip(changes["school_level"], changes["value"])) == {"senior": -2.0, "junior": -2.1}
    assert set(changes["base_year"]) == {2007}
    assert one(t, school_level="primary")["value"] == 266799


def test_a_year_on_year_change_after_a_span_of_years_is_on_the_previous_year(tmp_path):
    # shape of a provincial analysis (tests/extract/corpus, p10): the 2015-2019年 that opens the
    # sentence is the span described, the 同比 after it says each change's base
    text = ("2015-2019年全省专任教师人数持续增长，2018年全省专任教师人数为90.7万人，同比增长2.1%；"
            "2019年全省专任教师人数为91.9万人，同比增长1.3%。2010年至2014年的5年中，全省在园幼儿增长26%。")
    t = rows(tmp_path, text, region="510000")
    changes = t[t["kind"] == "change"]
    assert sorted(zip(changes["year"], changes["value"], changes["base_year"])) == [
        (2014, 26.0, 2010), (2018, 2.1, 2017), (2019, 1.3, 2018)]


def test_the_last_preschool_years_rate_is_not_the_three_year_rate(tmp_path):
    t = rows(tmp_path, "2016年，全省学前教育一年毛入园率达到93.76%，比上年提高1.6个百分点；学前三年毛入园率达到80.2%。",
             region="530000")
    assert list(t["value"]) == [80.2]


def test_a_run_in_heading_after_a_horizontal_bar_and_the_compulsory_stages_schools(tmp_path):
    # shape of a city's statistical notice (tests/extract/corpus, p11): 义务教育段中小学, then
    # paragraphs opening ――小学。 and ――初中。 (U+2015) whose 校数 and 在校生 are of that level
    text = ("义务教育\n\n2022年，全市义务教育段中小学812所，较上年增加23所。\n\n"
            "――小学。校数507所，比上年增加14所；在校生71.07万人，比上年增加2.97万人，增长4.36%。\n\n"
            "――初中。校数305所，比上年增加9所；在校生27.72万人。\n")
    t = rows(tmp_path, "2022年某市教育事业统计公告\n" + text, region="330100")
    stocks = t[t["kind"] == "actual"]
    assert sorted(zip(stocks["indicator"], stocks["school_level"], stocks["value"])) == [
        ("school_count", "compulsory", 812), ("school_count", "junior", 305), ("school_count", "primary", 507),
        ("student_count", "junior", 277200), ("student_count", "primary", 710700)]


def test_bulletin_names_of_the_t_and_u_collection_shapes(tmp_path):
    # shapes of tests/extract/corpus t09, t12, u02 and u05: 其中小学 is 其中 + 小学 (no 中小学),
    # 普通高级中学, 普通高等教育学校, 各类高等教育总规模, and pupils after ；-chains of the level's flows
    text = ("2008年，全县有小学120所，其中小学专任教师3163人。2008年，全市普通高级中学2所。"
            "2008年，全省普通高等教育学校137所，招生49.9万人，在校生165.8万人。"
            "2008年全国各类高等教育总规模达到2907万人。"
            "2008年，全国共有初中5.79万所，比上年减少0.12万所；招生1859.5万人；在校生5574.2万人。")
    t = rows(tmp_path, text, region="000000")
    got = sorted(zip(t["indicator"], t["school_level"], t["value"]))
    assert got == [("school_count", "higher", 137), ("school_count", "junior", 57900), ("school_count", "primary", 120),
                   ("school_count", "senior", 2), ("student_count", "higher", 1658000),
                   ("student_count", "higher", 29070000), ("student_count", "junior", 55742000),
                   ("teacher_count", "primary", 3163)]


def test_the_pupils_of_all_schools_and_their_breakdown(tmp_path):
    # shape of a district bulletin (tests/extract/corpus, p12): 各级各类学校学生 and its parts; 学生 right after
    # one school type is that type's pupils (k05: 普通高等学校学生12.99万人)
    text = ("2023年，全区有各级各类学校学生43905人，其中中等职业学校1239人，基础教育42666人(其中幼儿园8551人，"
            "小学18727人)。2023年，全区普通高等学校学生12.99万人。")
    t = rows(tmp_path, text, region="530113")
    assert sorted(zip(t["school_level"], t["value"])) == [("all", 43905), ("basic", 42666), ("higher", 129900),
                                                          ("preschool", 8551), ("primary", 18727), ("vocational", 1239)]


def test_shapes_of_the_x_collection_news(tmp_path):
    # shapes of tests/extract/corpus x02 and x05: 在公办园就读的幼儿占比, and a count's from-to with 数量
    text = "2021年，全省在公办园就读的幼儿占比达56.9%。2021年，全市在园幼儿数量从19.73万人增长至34.46万人。"
    t = rows(tmp_path, text, region="370200")
    assert sorted(zip(t["indicator"], t["value"])) == [("preschool_public_share", 56.9),
                                                      ("student_count", 197300), ("student_count", 344600)]


def test_the_past_year_of_a_meeting_is_the_year_before_it_was_held(tmp_path):
    path = tmp_path / "meeting.txt"
    path.write_text("全省教育工作会议召开\n会议总结过去一年的工作。过去一年，全省高等教育毛入学率达到53.13%，较上年提高1.27个百分点。",
                    encoding="utf-8")
    t = extract_paths([path], region="410000", metadata={"meeting": DocumentMeta(date="2022-02-20")}).table()
    assert sorted(zip(t["kind"], t["year"], t["base_year"].fillna(0))) == [("actual", 2021, 0), ("change", 2021, 2020)]


def test_an_average_after_a_stock_is_no_item_of_it(tmp_path):
    # shape of a city's news on its bulletin (tests/extract/corpus, k13): 平均规模 and 平均班额 are
    # averages per school and per class (ratios, ANNOTATION.md), not the primary schools' pupils
    text = "2023年,全市共有小学1001所,比上年增加20所,在校生118.21万人,小学平均规模1180.92人,平均班额47.14人。"
    t = rows(tmp_path, text, region="410100")
    assert sorted(t["value"]) == [1001, 1182100]


def test_a_chain_opening_on_a_level_with_a_general_word_before_it(tmp_path):
    # shape of a county bulletin (tests/extract/corpus, z01): 各类中等职业教育招生…, 普通小学招生… open
    # their ；-chains on a level, as 普通高中招生… does; the pupils are of that level
    text = ("2007年末,普通高等教育招生4786人,在校生18503人,毕业生4223人;各类中等职业教育招生2078人,在校生6398人,"
            "毕业生1853人;普通高中招生4239人,在校生13235人;普通小学招生4563人,在校生26154人,毕业生4937人。")
    t = rows(tmp_path, text, region="222401")
    assert sorted(zip(t["school_level"], t["value"])) == [("higher", 18503), ("primary", 26154), ("senior", 13235),
                                                          ("vocational", 6398)]


def test_a_part_of_no_contract_level_is_passed_over_in_a_breakdown(tmp_path):
    # shape of a county bulletin (tests/extract/corpus, z05): 普通中学 has no contract level (no row),
    # and the parts after it are still the total's parts
    text = "2010年全县在校学生总人数74348人。其中:普通中学31950人,职业中学3026人,小学39372人。"
    t = rows(tmp_path, text, region="520327")
    assert sorted(zip(t["school_level"], t["value"])) == [("all", 74348), ("primary", 39372), ("vocational", 3026)]


def test_a_run_in_heading_after_a_bar_gives_its_level_under_a_heading_line(tmp_path):
    # shape of a district bureau's report (tests/extract/corpus, v01): under the heading line 义务教育,
    # ——小学全区共有21所… and ——初中… give their own level to the teachers and pupils after them
    text = ("2022年定海区教育事业统计\n义务教育\n全区义务教育普通中小学31所。\n"
            "——小学全区共有21所。招生2534人,比上年减少50人;在校生16410人。专任教师1200人,比上年增加5人。\n"
            "——初中全区共有10所。招生2457人;在校生7616人,比上年减少212人。\n")
    t = rows(tmp_path, text, region="330902")
    assert sorted(zip(t["indicator"], t["school_level"], t["value"])) == [
        ("student_count", "junior", 7616), ("student_count", "primary", 16410), ("teacher_count", "primary", 1200)]


def test_run_in_headings_inside_one_flattened_paragraph_each_give_their_level(tmp_path):
    # shape of a city bureau's yearly summary whose sections were joined into one line (tests/extract/
    # corpus, x07): each ——小学。 / ——初中。 opens a section of the same paragraph, to the next one
    text = ("2023年某市教育事业发展概况\n全市义务教育中小学214所,比上年减少2所。 ——小学。校数129所,与上年持平;"
            "在校生20.58万人,比上年增加12386人,增加6.40%。专任教师11280人。 ——初中。校数85所,比上年减少2所;"
            "在校生8.42万人。初中专任教师6586人。\n")
    t = rows(tmp_path, text, region="330500")
    actual = t[t["kind"] == "actual"]
    assert sorted(zip(actual["indicator"], actual["school_level"], actual["value"])) == [
        ("school_count", "compulsory", 214), ("school_count", "junior", 85), ("school_count", "primary", 129),
        ("student_count", "junior", 84200), ("student_count", "primary", 205800),
        ("teacher_count", "junior", 6586), ("teacher_count", "primary", 11280)]


def test_a_stock_reached_already_or_to_be_reached(tmp_path):
    # shape of a provincial news item on a plan (tests/extract/corpus, w10): 已达 and 将达 before the number
    text = "2015年,全省幼儿园在园儿童已达17.5万人。根据规划,到2016年,全省在园儿童将达19.6万人。"
    t = rows(tmp_path, text, region="630000")
    assert sorted(zip(t["year"], t["kind"], t["value"])) == [(2015, "actual", 175000), (2016, "target", 196000)]


def test_a_levels_teaching_points_do_not_stop_it_passing_its_level_on(tmp_path):
    # shape of a district's statistics page (tests/extract/corpus, za01): the sentence before names
    # 小学 and its 教学点; the pupils of the next sentence are the primary schools', not the section's
    text = ("2020年教育统计\n三、义务教育\n2020年殷都区共有义务教育阶段学校176所,在校生80751人。\n"
            "小学141所,比上年增加1所;教学点12个。毕业生9587人,比上年减少243人;招生7966人,比上年减少488人;"
            "在校生58449人,比上年减少201人,下降0.34%。")
    t = rows(tmp_path, text, region="410505")
    assert one(t, indicator="student_count", value=58449, kind="actual")["school_level"] == "primary"


def test_levels_sharing_a_noun_of_persons_take_a_value_each(tmp_path):
    # shape of a city bulletin (tests/extract/corpus, za04): 普通高中、初中、小学在校生分别达…; a list whose
    # values are fewer than its levels gives none
    text = "2007年,普通高中、初中、小学在校生分别达40766人、57244人和141202人。"
    t = rows(tmp_path, text, region="360300")
    assert sorted(zip(t["school_level"], t["value"])) == [("junior", 57244), ("primary", 141202), ("senior", 40766)]
    short = rows(tmp_path, "2007年,普通高中、初中、小学在校生分别达40766人和57244人。", region="360300", name="s.txt")
    assert short.empty


def test_vocational_schools_named_plainly_and_two_names_of_rates(tmp_path):
    # shapes of a district bureau's page and a county yearbook (tests/extract/corpus, zg06 and zg08)
    text = ("2020年，全区现有国办中学17所、职业学校2所、小学23所。"
            "2020年，义务教育九年巩固率95.2%，3—6岁儿童入园率达到92%。")
    t = rows(tmp_path, text, region="120102")
    assert sorted(zip(t["indicator"], t["school_level"], t["value"])) == [
        ("compulsory_retention", "all", 95.2), ("preschool_ger", "all", 92),
        ("school_count", "primary", 23), ("school_count", "vocational", 2)]


def test_pupils_named_by_their_level_and_a_breakdown_after_a_stock_of_levels_together(tmp_path):
    # tests/extract/corpus zg08, zb04, k05: 中小学人数 / 小学生 / 普通小学学生 count the pupils of the level
    text = ("2020年教育情况\n全县中小学人数56042人。其中,小学36567人、初中14383人、高中4840人。"
            "小学生4.2万人，初中生2.9万人；普通小学学生14.54万人，特校学生297人。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="student_count", school_level="basic")["value"] == 56042
    assert one(t, indicator="student_count", school_level="primary", value=36567)["year"] == 2020
    assert one(t, indicator="student_count", school_level="senior")["value"] == 4840
    assert set(t.loc[t["school_level"] == "primary", "value"]) == {36567, 42000, 145400}
    assert one(t, indicator="student_count", school_level="junior", value=29000)["kind"] == "actual"
    assert one(t, indicator="student_count", school_level="special")["value"] == 297


def test_xuesheng_and_renshu_alone_or_after_a_subset_an_intake_or_adult_colleges_are_no_pupils(tmp_path):
    # 学生 and 人数 are pupils only right after a level word (src/edueval/reference/vocabulary.csv)
    text = ("2020年教育情况\n全县有学生16万多人，考生人数5200人，贫困学生1200人。"
            "共招收特殊教育学生281人；成人高校学生1.96万人；全年考入各类大专院校学生总人数1759人。")
    t = rows(tmp_path, text, region="620802")
    assert t[t["indicator"] == "student_count"].empty, t.to_string()


def test_a_kind_of_school_the_stock_holds_is_its_own_stock(tmp_path):
    # tests/extract/corpus k11: 普通初中437所(含九年一贯制学校109所)
    text = "2021年教育\n全县普通初中437所(含九年一贯制学校109所),在校生54.42万人。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="school_count", school_level="junior")["value"] == 437
    assert one(t, indicator="school_count", school_level="nine_year")["value"] == 109


def test_the_second_value_of_from_to_takes_the_year_before_the_sentence_not_the_first_values(tmp_path):
    # the sentence writes no year of its own: the one governing it is the paragraph's (2014, 2020), never
    # the first value's 2010 (tests/extract/corpus l05: 在园幼儿人数从2010年的52785人增加到目前的77578人)
    t = rows(tmp_path, "2014年全省教育发展。全省学前三年毛入园率由2010年的52.8%提高到78.56%。", region="410000")
    assert (one(t, value=52.8)["year"], one(t, value=78.56)["year"]) == (2010, 2014)
    t = rows(tmp_path, "2020年全县学前教育发展。在园幼儿人数从2010年的52785人增加到目前的77578人。", region="620802")
    assert (one(t, value=52785)["year"], one(t, value=77578)["year"]) == (2010, 2020)


def test_a_bound_between_the_digits_and_wan_and_the_pupils_of_one_sponsor(tmp_path):
    # tests/extract/corpus zh01 (在校學生140余萬人) and zh03 (其他部门办园(含村办)55所,在园幼儿7636人)
    text = ("2019年，全市有各级各类学校3415所，在校学生140余万人。全区幼儿园136所，在园幼儿25455人。"
            "其他部门办园(含村办)55所,在园幼儿7636人。")
    t = rows(tmp_path, text, region="520300")
    pupils = one(t, indicator="student_count", school_level="all")
    assert (pupils["value"], pupils["qualifier"]) == (1400000, ">")
    assert list(t.loc[(t["school_level"] == "preschool") & (t["indicator"] == "student_count"), "value"]) == [25455]


def test_a_bulletin_s_run_of_growths_is_over_the_year_before_and_an_average_growth_is_none(tmp_path):
    # tests/extract/corpus zk03 (a city bulletin's text on an investment site): no 比上年 is written
    text = ("2017年，全市普通高等教育招生1.32万人，增长6.9%；在校学生3.91万人，增长3.2%；毕业生1.11万人，增长11.9%。"
            "普通高中招生5.30万人，下降13.0%；在校学生17.23万人，下降7.7%。\n"
            "2020年全市普通高等院校在校学生8.18万人，是1987年的272.7倍，年均增长18.5%。")
    t = rows(tmp_path, text, region="440900")
    higher = one(t, indicator="student_count", school_level="higher", kind="change")
    assert (higher["value"], higher["year"], higher["base_year"]) == (3.2, 2017, 2016)
    senior = one(t, indicator="student_count", school_level="senior", kind="change")
    assert (senior["value"], senior["base_year"]) == (-7.7, 2016)
    assert one(t, indicator="student_count", school_level="higher", year=2020)["value"] == 81800


def test_schools_picked_out_by_a_condition_are_no_stock_of_their_level(tmp_path):
    # tests/extract/corpus zj05: 纳入评估的学校共有26所，其中：小学20所… / …均达标的有15所(小学11所…)
    text = ("2017年，全县有各级各类学校83所。全县纳入评估的学校共有26所,其中:小学20所、初级中学5所。"
            "十项办学基本标准均达标的有15所(小学11所、初中4所)。全县义务教育阶段学校有40所。")
    t = rows(tmp_path, text, region="532523")
    assert sorted(zip(t["school_level"], t["value"])) == [("all", 83), ("compulsory", 40)]


def test_a_from_to_over_a_run_of_years_starts_the_year_before_it(tmp_path):
    # shape of a city's review of its two preschool action plans (tests/extract/corpus zn11, 安庆, 2017)
    text = ("2011—2016年,我市成功实施两期学前教育三年行动计划,到2016年底,全市独立幼儿园由170所增加到422所,"
            "其中公办园205所;在园幼儿从67031人增加到110125人;学前三年毛入园率由50%提高到82%。")
    t = rows(tmp_path, text, region="340800")
    got = {(r.indicator, r.value): r.year for r in t.itertuples()}
    assert got == {("school_count", 170): 2010, ("school_count", 422): 2016, ("student_count", 67031): 2010,
                   ("student_count", 110125): 2016, ("preschool_ger", 50): 2010, ("preschool_ger", 82): 2016}
    # 从1949年到2018年 names its first year itself
    t = rows(tmp_path, "从1949年到2018年,全省在园幼儿从2321人增加到45.06万人。", region="620000")
    assert set(zip(t["value"], t["year"])) == {(2321, 1949), (450600, 2018)}
    # a stand-alone junior school is a part of the junior schools, no stock of them
    t = rows(tmp_path, "2020年,全区共有初中10所,其中独立初中8所。", region="330902")
    assert t["value"].tolist() == [10]


def test_an_ownership_part_in_a_breakdown_is_passed_over(tmp_path):
    # shape of a district's entry in a city's education blue book (tests/extract/corpus zo01, 龙岗区, 2017)
    text = "2017年,全区专任教师2.82万人,其中,公办中小学教师1.16万人、民办中小学教师0.71万人、幼儿园教师0.95万人。"
    t = rows(tmp_path, text, region="440307")
    assert sorted(zip(t["school_level"], t["value"])) == [("all", 28200), ("preschool", 9500)]


def test_kindergarten_classes_all_levels_and_vocational_schools_named_as_gazetteers_name_them(tmp_path):
    # shapes of a county's 社会事业 entry (tests/extract/corpus zo08, 梨树县) and a book on 固原 (zo10)
    t = rows(tmp_path, "2013年,全县有职业技术学校2所。小学在校生39335人,幼儿园(班)在校生10153人。", region="220322")
    assert sorted(zip(t["school_level"], t["value"])) == [("preschool", 10153), ("primary", 39335), ("vocational", 2)]
    t = rows(tmp_path, "1949年,全市共有各级学校345所,在校学生11455人。", region="640400")
    assert sorted(zip(t["indicator"], t["school_level"], t["value"])) == [
        ("school_count", "all", 345), ("student_count", "all", 11455)]


def test_a_noun_written_before_the_levels_of_its_values(tmp_path):
    # shape of a county gazetteer's secondary-school section (tests/extract/corpus zo05, 沂南县志)
    t = rows(tmp_path, "1960年全县中学发展到10所,在校生初中3348人,高中224人。", region="371321")
    assert sorted(zip(t["school_level"], t["value"])) == [("junior", 3348), ("senior", 224)]
    assert set(t["indicator"]) == {"student_count"}


def test_a_key_value_table_row_and_a_noun_that_says_it_is_the_total(tmp_path):
    # a county bureau's page on a content site (tests/extract/corpus zm08, 沂水县) and a county
    # bureau's mirror (u05, 长丰县)
    text = "沂水县教育局概况\n| 项目 | 内容 |\n| 学生总数(2023年) | 约28万人 |\n| 考生人数(2023年) | 约1.2万人 |\n"
    t = rows(tmp_path, text, region="371323")
    row = one(t)
    assert (row["indicator"], row["year"], row["value"], row["qualifier"]) == ("student_count", 2023, 280000, "~")
    text = "2009年,全县有初中32所,在校学生9000人;全县在校(园)学生总数122655人。"
    t = rows(tmp_path, text, region="340121")
    assert one(t, value=122655)["school_level"] == "all"


def test_levels_named_by_their_education_and_primary_schools_with_their_teaching_points(tmp_path):
    # shape of a county bulletin's education section (tests/extract/corpus zp02, 奉新县, 2021)
    text = ("2021年全县现有各类学校226所。其中,普通小学及教学点111所,共有在校学生24819人;"
            "特殊教育1所,拥有在校生152人;中等职业教育2所。")
    t = rows(tmp_path, text, region="360921")
    got = sorted(zip(t["indicator"], t["school_level"], t["value"]))
    assert got == [("school_count", "all", 226), ("school_count", "primary", 111), ("school_count", "special", 1),
                   ("school_count", "vocational", 2), ("student_count", "primary", 24819),
                   ("student_count", "special", 152)]


def test_pupils_after_the_breakdown_of_a_total_of_schools_are_of_all_levels(tmp_path):
    # shape of a district bureau's page (单位概况): the total of schools, its breakdown, then after ；the pupils
    text = ("2022年,全区现有各级各类学校126所,其中:普通高中3所、初中12所、小学78所、幼儿园33所;"
            "在校学生58000人,教职工4200人,其中专任教师3900人。")
    t = rows(tmp_path, text, region="620802")
    assert one(t, indicator="student_count")["school_level"] == "all"
    # pupils after a kindergarten stock with no total opening the sentence stay held
    t = rows(tmp_path, "2022年,全区有幼儿园33所;在校学生5800人。", region="620802")
    assert "student_count" not in set(t["indicator"])
    # the total may open on the date and the place's name (an encyclopedia's 截至2020年末，崇信县有…)
    t = rows(tmp_path, "截至2020年末，崇信县有各级各类学校52所，其中普通高中1所，小学32所，幼儿园13所；"
                       "在校学生1.62万人。", region="620823")
    assert one(t, indicator="student_count")["school_level"] == "all"


def test_a_stock_named_by_its_size_and_reached_with_le(tmp_path):
    # shapes of a press conference and a provincial plan (tests/extract/corpus zx06, zv06): 在校生规模,
    # 在校生总规模 and a verb with its 了 (达到了) before the number
    text = "2024年，全区各类职业学校在校生规模达到了57.5万人。2023年，全区普通高中在校生总规模为40万人，幼儿园共有了300所。"
    t = rows(tmp_path, text, region="650000")
    assert sorted(zip(t["indicator"], t["school_level"], t["value"])) == [
        ("school_count", "preschool", 300), ("student_count", "senior", 400000), ("student_count", "vocational", 575000)]


@pytest.mark.parametrize("lead", ["登记注册", "注册的"])
def test_the_kindergartens_on_the_register_are_the_stock(tmp_path, lead):
    # shape of a city news item (tests/extract/corpus zv07): 全市登记注册幼儿园1605所
    t = rows(tmp_path, f"截至2017年底，全市{lead}幼儿园1605所，在园幼儿34.8万人。", region="610100")
    assert sorted(zip(t["indicator"], t["value"])) == [("school_count", 1605), ("student_count", 348000)]


@pytest.mark.parametrize("text, years", [
    # a press conference (tests/extract/corpus zx06): 高校的数量, each value after its year
    ("新疆高校的数量由2012年的39所增加到2024年的63所。", (2012, 2024)),
    # a provincial review (tests/extract/corpus zy11): a pair without years shares the parallel pair's
    ("学前教育发展迅速,在园幼儿人数从1978年的4.8万人增加到2017年的139.43万人,幼儿园从371所增加到8286所。", (1978, 2017)),
    # the first value after a stated base year is of that year
    ("与1978年相比，2017年全省幼儿园从371所增加到8286所。", (1978, 2017)),
])
def test_both_school_stocks_of_a_from_to_pair_take_their_years(tmp_path, text, years):
    t = rows(tmp_path, text, region="650000")
    schools = t[t["indicator"] == "school_count"].sort_values("value")
    assert tuple(schools["year"]) == years


def test_a_level_in_an_aside_of_the_sentence_before_is_no_second_subject(tmp_path):
    # shape of a national bulletin (tests/extract/corpus zy02): (其中职业初中54所) is a part of the junior
    # schools; the pupils of the next sentence are the junior schools' still
    text = ("2011年全国共有初中学校5.41万所(其中九年一贯制54所),比上年减少773所。"
            "招生1634.73万人,比上年减少81.85万人;在校生5066.80万人,比上年减少212.53万人。")
    t = rows(tmp_path, text, region="000000")
    assert one(t, indicator="student_count")["school_level"] == "junior"


def test_a_noun_of_pupils_with_brackets_is_read_as_written(tmp_path):
    # shapes of county pages (tests/extract/corpus q06, zs07): the brackets of 在园(班)幼儿 and 在校(园)学生
    # are characters of the noun, not a pattern's group
    t = rows(tmp_path, "2023年，全县现有在校(园)学生67786人，其中幼儿16532人。", region="500120")
    assert sorted(zip(t["school_level"], t["value"])) == [("all", 67786), ("preschool", 16532)]
    kids = rows(tmp_path, "2005年，全县有在园(班)幼儿13378人。", region="500120", name="k.txt")
    assert list(zip(kids["school_level"], kids["value"])) == [("preschool", 13378)]


@pytest.mark.parametrize("text, level", [
    ("2014年,通州区幼儿园136所,在园幼儿25455人。", "preschool"),  # a district's statistics (corpus zh03)
    ("2020年数据显示小学132所。", "primary"),  # a question-and-answer page (corpus zr03)
    ("2023年,全区义务教育阶段小学共132所。", "primary"),  # the same page's city (corpus zr05)
    ("2009年，我国小学总数为28.02万所。", "primary"),  # a news item on the nation (corpus l12)
])
def test_a_school_stock_opens_after_a_district_s_name_a_source_or_its_stage(tmp_path, text, level):
    t = rows(tmp_path, text, region="110112")
    assert one(t, indicator="school_count")["school_level"] == level


def test_a_school_stock_of_the_town_part_of_a_district_is_not_the_district_s(tmp_path):
    assert rows(tmp_path, "2014年,全区城区幼儿园36所。", region="110112").empty


def test_a_noun_of_pupils_as_a_label_then_each_level_with_its_value(tmp_path):
    # shape of a district's page (tests/extract/corpus zh06): 在校学生数,小学29722人,初中12074人
    t = rows(tmp_path, "截至2023年6月30日，全区在校学生数,小学29722人,初中12074人。", region="500104")
    assert sorted(zip(t["school_level"], t["value"])) == [("junior", 12074), ("primary", 29722)]


def test_schools_per_head_are_a_ratio_not_a_stock(tmp_path):
    # shape of a press conference (tests/extract/corpus zx06): 每106名幼儿就拥有1所幼儿园
    t = rows(tmp_path, "2024年，新疆每106名幼儿就拥有1所幼儿园,每817名小学生就拥有1所小学。全区共有32所小学。", region="650000")
    assert list(zip(t["school_level"], t["value"])) == [("primary", 32)]


def test_pupils_of_secondary_and_higher_vocational_schools_together_have_no_level(tmp_path):
    # shape of a provincial review (tests/extract/corpus zy11): 中高职院校在校生93.38万人
    text = ("2017年，职业教育不断成长壮大,中等职业学校从1978年的123所增加到2017年的413所,高职院校发展到45所,"
            "中高职院校在校生93.38万人。")
    t = rows(tmp_path, text, region="530000")
    assert "student_count" not in set(t["indicator"])


@pytest.mark.parametrize("text, counts", [
    ("2009年全县有普高3所、职高1所。", [("senior", 3), ("vocational", 1)]),  # a county's report (corpus q05)
    ("2022年全县九年制学校12所(城区2所、农村10所)、小学20所。", [("nine_year", 12), ("primary", 20)]),  # corpus zp08
    # a district's page (corpus zb04): the levels a total is made of, after 包括 as after 其中
    ("2019年全区现有学校136所。这些学校包括小学68所,中学45所。", [("all", 136), ("primary", 68)]),
])
def test_more_words_for_schools_and_their_breakdown(tmp_path, text, counts):
    t = rows(tmp_path, text, region="610104")
    assert sorted(zip(t["school_level"], t["value"])) == counts


def test_pupils_taught_at_home_are_a_part_of_the_special_count(tmp_path):
    # shape of a national bulletin (tests/extract/corpus zb02)
    text = "2020年，全国特殊教育在校生88.1万人。其中，送教上门在校生20.3万人，占特殊教育在校生的23.0%。"
    t = rows(tmp_path, text, region="000000")
    assert list(t[t["indicator"] == "student_count"]["value"]) == [881000]


def test_schools_counted_in_chu_and_the_stock_after_them(tmp_path):
    # a district bulletin (tests/extract/corpus yc05): 特殊教育学校1处
    text = "2017年,全区共有特殊教育学校1处,在校残疾儿童172人;中等职业学校1处,在校生3701人。"
    t = rows(tmp_path, text, region="620802")
    assert set(zip(t["indicator"], t["school_level"], t["value"])) >= {
        ("school_count", "special", 1), ("school_count", "vocational", 1), ("student_count", "vocational", 3701)}


def test_a_list_of_pupils_goes_on_past_a_part_of_no_level_and_an_item_named_by_its_schools(tmp_path):
    # a district bulletin (tests/extract/corpus yc03)
    text = "2010年,全区小学阶段在校生40404名,中学阶段29629名,特殊学校46名。"
    t = rows(tmp_path, text, region="620802")
    assert set(zip(t["school_level"], t["value"])) == {("primary", 40404), ("special", 46)}


@pytest.mark.parametrize("noun", ["在籍学生", "在籍生"])
def test_the_pupils_on_the_register_are_the_enrolment(tmp_path, noun):
    t = rows(tmp_path, f"2022年，全县{noun}52360人，其中小学生30000人。", region="620825")
    assert sorted(zip(t["school_level"], t["value"])) == [("all", 52360), ("primary", 30000)]


@pytest.mark.parametrize("sentence", ["2022年，全县有小学、初中、普通高中各72所、12所、2所。",
                                      "2022年，全县小学、初中、普通高中分别有72所、12所、2所。"])
def test_schools_of_levels_listed_before_their_values_pair_by_place(tmp_path, sentence):
    t = rows(tmp_path, sentence, region="620825")
    assert sorted(zip(t["school_level"], t["value"])) == [("junior", 12), ("primary", 72), ("senior", 2)]


def test_each_level_listed_before_one_value_of_ge_has_that_many_schools(tmp_path):
    t = rows(tmp_path, "2022年，全县有特殊教育学校、中等职业学校各1所。", region="620825")
    assert sorted(zip(t["school_level"], t["value"])) == [("special", 1), ("vocational", 1)]
    # an ownership subset listed so is no stock of the levels
    assert rows(tmp_path, "2022年，全县有公办小学、初中各10所。", region="620825").empty


def test_a_stocks_change_written_before_the_value_it_reached(tmp_path):
    # shape of a national news item (tests/extract/corpus yf03); 基础教育司 names an office, no level
    text = ("据教育部基础教育司介绍，截至2019年底，全国特殊教育学校比2015年增长7%，达到2192所，"
            "在校生总数比2015年增长80%，达到79.5万人。")
    t = rows(tmp_path, text, region="000000")
    assert sorted(zip(t["indicator"], t["school_level"], t["kind"], t["value"], t["base_year"].fillna(0))) == [
        ("school_count", "special", "actual", 2192, 0), ("school_count", "special", "change", 7, 2015),
        ("student_count", "special", "actual", 795000, 0), ("student_count", "special", "change", 80, 2015)]
    # an absolute delta before the value is no row; the value is
    t = rows(tmp_path, "2022年，全县幼儿园较上年增加3所，达到86所。", region="620825")
    assert t["value"].tolist() == [86]


def test_a_count_more_than_a_region_of_its_level_can_hold_is_a_unit_slip(tmp_path):
    # tests/extract/corpus yc04: 在校学生19096万人 for a district
    result = extract_paths([write(tmp_path, "d.txt", "2007年，全区在校学生19096万人，专任教师1145人。")], region="420804")
    t = result.table()
    assert t["value"].tolist() == [1145]
    assert result.skipped["reason"].str.contains("more than a region of its level can hold").any()
    # the country's count of the same size is read
    t = rows(tmp_path, "2007年，全国各级各类学校在校学生19096万人。", region="000000")
    assert t["value"].tolist() == [190960000]


def test_an_aside_that_includes_a_subset_counts_the_whole(tmp_path):
    # shape of a district's bulletin (tests/extract/corpus yg04): (含市区两级民办) includes the private schools
    text = ("2023年，全区高中教育阶段学校(含市区两级民办)共17所，在校生20658人；特校1所，在校生303人；"
            "全区幼儿园(含民办)162所，在园人数27218人。")
    t = rows(tmp_path, text, region="431202")
    assert sorted(zip(t["indicator"], t["school_level"], t["value"])) == [
        ("school_count", "preschool", 162), ("school_count", "special", 1), ("school_count", "upper_secondary", 17),
        ("student_count", "preschool", 27218), ("student_count", "special", 303),
        ("student_count", "upper_secondary", 20658)]
    # an aside naming the subset alone is no stock of the level
    assert rows(tmp_path, "2023年，全区幼儿园(民办)30所。", region="431202").empty
