"""Rules for the shapes of county pages (bureau introductions, news mirrors): stock lists after a
colon, 各N所, subsets opening a sentence, holding verbs, levels inside a noun, other scopes of a rate,
nouns sharing a rate's last word, 分别 names outside the catalogue, founding years, numeric dates,
and a header's province giving way to the county the body speaks of. Sentences written for the tests."""
from __future__ import annotations

from edueval.extract.normalize import normalize
from edueval.extract.regions import resolve_document_region
from edueval.extract.years import find_years, latest_year, numeric_date_years

from .extraction import one, rows

REGION = "620802"


def _levels(t, indicator):
    sub = t[t["indicator"] == indicator]
    return dict(zip(sub["school_level"], sub["value"]))


def test_stock_items_after_a_colon_pass_over_an_aside(tmp_path):
    text = "2020年，全县共有在校生9000人：初中3000人，小学4000人，幼儿园2000人（民办园500人），特教60人。"
    t = rows(tmp_path, text, region=REGION)
    assert _levels(t, "student_count") == {"all": 9000, "junior": 3000, "primary": 4000, "preschool": 2000,
                                           "special": 60}


def test_items_of_staff_after_a_colon_are_no_rows(tmp_path):
    t = rows(tmp_path, "2020年，全县教职工800人：小学500人，初中300人。", region=REGION)
    assert t.empty


def test_each_school_noun_of_a_list_takes_the_count_of_ge(tmp_path):
    t = rows(tmp_path, "2020年，全县有职业中学、青少年宫、特殊教育学校各2所。", region=REGION)
    assert _levels(t, "school_count") == {"vocational": 2, "special": 2}  # 青少年宫 has no contract level


def test_a_list_of_new_schools_with_ge_is_a_flow(tmp_path):
    t = rows(tmp_path, "2020年，全县新建小学、初中各2所。", region=REGION)
    assert t.empty


def test_a_sentence_opening_on_public_schools_has_no_stock_rows_through_its_semicolon(tmp_path):
    text = "2021年，全县现有公办中小学60所，其中小学40所；在校生30000人，其中小学20000人。"
    t = rows(tmp_path, text, region=REGION)
    assert t.empty


def test_public_and_private_together_is_the_total_and_a_status_of_staff_no_subset(tmp_path):
    text = ("2021年，全县现有公、民办中小学60所，其中公办学校40所。"
            "2021年，全县在编教职工500人，在校学生6000人。")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count")["school_level"] == "basic"
    assert one(t, indicator="school_count")["value"] == 60
    assert one(t, indicator="student_count")["value"] == 6000


def test_a_holding_verb_opens_a_stock_and_a_level_inside_the_noun_names_it(tmp_path):
    text = "2019年，该局管辖中小学校120所，在校中小学生5.2万人。"
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count", school_level="basic")["value"] == 120
    assert one(t, indicator="student_count", school_level="basic")["value"] == 52000


def test_a_total_broken_down_takes_the_level_of_the_schools_before_a_staff_breakdown(tmp_path):
    text = ("2019年，该局管辖中小学校120所，教职工6000人，其中小学3000人、初中2000人。"
            "在校学生总数为8万人，其中小学5万人，初中3万人。")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="student_count", value=80000)["school_level"] == "basic"


def test_a_one_year_preschool_rate_is_not_the_three_year_rate(tmp_path):
    t = rows(tmp_path, "2018年，全县学前一年入园率100%，学前三年入园率95%。", region=REGION)
    assert list(t["indicator"]) == ["preschool_ger"] and list(t["value"]) == [95]


def test_nouns_listed_before_a_rate_share_its_last_word(tmp_path):
    t = rows(tmp_path, "2018年，全县义务教育巩固率和适龄儿童、三残儿童入学率均为100%。", region=REGION)
    assert sorted(t["indicator"]) == ["compulsory_retention", "primary_ner", "special_enrolment"]


def test_a_listed_scope_word_shares_no_rate(tmp_path):
    t = rows(tmp_path, "2018年，全县学前一年和学前三年毛入园率均为95%。", region=REGION)
    assert list(t["indicator"]) == ["preschool_ger"]


def test_fenbie_names_outside_the_catalog_keep_their_place_in_a_second_list(tmp_path):
    text = "2019年，全县小学入学率和辍学率分别为100%和0.3%，初中入学率和辍学率分别为99.5%和1.2%。"
    t = rows(tmp_path, text, region=REGION)
    assert dict(zip(t["indicator"], t["value"])) == {"primary_ner": 100, "junior_ger": 99.5}


def test_a_fenbie_name_sharing_the_prefix_of_the_one_before_is_read_in_its_place(tmp_path):
    # 义务教育入学率、巩固率 (tests/extract/corpus, x07): 巩固率 is 义务教育巩固率, 入学率 no indicator;
    # 小学…巩固率 is a primary-only rate, not the nine-year one (ANNOTATION.md)
    text = ("2023年，全市义务教育入学率、巩固率分别为100%、99.2%，完成率100%。"
            "2023年，小学学龄儿童入学率、巩固率分别为100%、98.9%。")
    t = rows(tmp_path, text, region="330500")
    assert sorted(zip(t["indicator"], t["value"])) == [("compulsory_retention", 99.2), ("primary_ner", 100)]


def test_a_founding_year_dates_no_figure():
    years = find_years("县教育局成立于2001年5月，2019年全县有小学20所")
    assert [(y.year, y.role) for y in years] == [(2001, "event"), (2019, "point")]
    assert latest_year("县教育局成立于2001年5月。") is None


def test_figures_after_a_founding_year_take_another_year(tmp_path):
    text = "某县教育局成立于2001年5月，管辖中小学校120所。\n2019年，全县新建幼儿园3所。"
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count")["year"] == 2019


def test_numeric_dates_are_years_a_text_mentions():
    assert numeric_date_years("这一天：“2017·12·29”，或2016.9.1、2015-06-30") == [2017, 2016, 2015]
    assert numeric_date_years("电话0571-8470-7368，版本2017.13.01，比例3.5.6") == []
    assert latest_year("喜讯定格在“2017·12·29”") == 2017


def test_a_header_province_gives_way_to_the_county_the_body_speaks_of():
    text = ("福州\n首页>福州>要闻\n日前，省教育厅公布2023年福建省示范幼儿园名单，我县3所幼儿园名列其中。\n"
            "近年来，我县新建幼儿园5所。目前，永泰县普惠性幼儿园覆盖率达92%，我县学前教育…\n")
    decision = resolve_document_region("我县3所幼儿园入选", text)
    assert decision.name == "永泰县"


def test_a_provincial_text_naming_one_county_stays_the_province():
    text = ("广西壮族自治区教育厅\n2023年，全区学前三年毛入园率达91%，全区普惠性幼儿园覆盖率达88%。\n"
            "全区现场会在阳朔县召开，全区各地参加。\n")
    decision = resolve_document_region("广西壮族自治区2023年教育工作", text)
    assert decision.name == "广西壮族自治区"


def test_a_back_reference_reaches_a_stock_of_what_the_stock_before_it_counted(tmp_path):
    text = "1980年全省小学在校生仅为120万人，这个数字在2020年达到356万，翻了近两番。"
    t = rows(tmp_path, text, region="620000")
    pupils = t[t["indicator"] == "student_count"]
    assert dict(zip(pupils["year"], pupils["value"])) == {1980: 1200000, 2020: 3560000}
    assert set(pupils["school_level"]) == {"primary"}


def test_a_back_reference_without_a_stock_before_it_gives_no_row(tmp_path):
    t = rows(tmp_path, "2020年全省普及率较高，这个数字达到98万。", region="620000")
    assert t.empty


def test_one_value_for_kindergartens_and_their_children_is_the_childrens_share_only(tmp_path):
    text = "到2025年，全省普惠性幼儿园数、在园幼儿数均占总数的85%以上。"
    t = rows(tmp_path, text, region="620000")
    row = one(t, indicator="preschool_inclusive_share")
    assert (row["value"], row["kind"], row["qualifier"], row["year"]) == (85, "target", ">=", 2025)
    assert len(t) == 1  # the share of kindergartens is no row


def test_a_place_name_opens_a_stock_of_schools(tmp_path):
    t = rows(tmp_path, "2021年，平凉市学校（园）达到1200所，职业高中、特教学校各3所。", region="620800")
    assert _levels(t, "school_count") == {"all": 1200, "vocational": 3, "special": 3}


def test_schools_of_the_towns_are_no_stock_of_the_place(tmp_path):
    t = rows(tmp_path, "2021年，城市学校20所，农村学校30所。", region="620800")
    assert t.empty


def test_a_line_broken_mid_sentence_is_read_on(tmp_path):
    text = ("2019年，全县共有幼儿园40所，在园幼儿9000余人。全县学前三年毛入园率和普惠性幼儿园覆盖率均\n"
            "超过90%。\n")
    norm = normalize(text)
    assert "均超过90%" in norm.text  # the break read on, and the space it left between two words closed
    t = rows(tmp_path, text, region=REGION)
    assert sorted(t.loc[t["unit"] == "%", "indicator"]) == ["preschool_ger", "preschool_inclusive_share"]


def test_a_line_broken_after_a_clause_mark_is_read_on(tmp_path):
    # shape of the 虹口区 2020 page (tests/extract/corpus, a06): the page breaks its lines after ， and ；,
    # and the 比上年 of the first clause is the base of the changes on the next line
    text = ("教育事业稳步发展，各项指标全面完成。年末实有小学 33 所，在校学生 23562 人，\n"
            "比上年增长 2.8%；普通高中 10 所，在校学生 8020 人，增长 0.9%；\n"
            "幼儿园 53 所，在园幼儿 12851 人，减少 3.4% 。\n")
    t = rows(tmp_path, "某区2020年教育数据\n" + text, region=REGION)
    changes = t[t["kind"] == "change"].set_index("school_level")["value"].to_dict()
    assert changes == {"primary": 2.8, "senior": 0.9, "preschool": -3.4}
    assert set(t.loc[t["kind"] == "change", "base_year"]) == {2019}


def test_headings_table_rows_and_short_lines_are_not_joined():
    text = ("2019年，全县共有幼儿园40所，在园幼儿9000余人，专任教师800人，教育事业持续发展\n"
            "二、主要指标\n"
            "全县教育统计，单位：所、人     小学  20  初中  8\n"
            "幼儿园  40  9000\n"
            "近年来，全县教育发展\n"
            "成效明显。\n")
    folded = normalize(text).text
    assert [i for i, c in enumerate(folded) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]


def test_a_place_the_title_names_stands_against_a_county_the_body_speaks_of():
    text = "日前，省教育厅召开现场会。\n我县经验：永泰县普惠性幼儿园覆盖率达92%，我县学前教育…\n"
    assert resolve_document_region("福建省教育厅关于推广县域学前教育经验的通知", text).name == "福建省"


def test_a_county_bulletins_short_names_of_pupils_schools_and_rates(tmp_path):
    # shapes of county bulletins (tests/extract/corpus, q04 and q06): a terse 招生/在校/毕业 list,
    # 特殊学校 for 特殊教育学校, 在园(班)幼儿 and 初中阶段入学率 without 毛
    text = ("2011年，全县普通初中招生8713人，在校25481人，毕业9255人；特殊学校1所，在校生198人；"
            "在园(班)幼儿13378人，初中阶段入学率111.1%。")
    t = rows(tmp_path, text, region="500153")
    assert {(r.indicator, r.school_level, r.value) for r in t.itertuples()} == {
        ("student_count", "junior", 25481), ("school_count", "special", 1), ("student_count", "special", 198),
        ("student_count", "preschool", 13378), ("junior_ger", "all", 111.1)}


def test_each_chain_of_a_terse_list_is_of_the_level_that_opens_it(tmp_path):
    # shape of a county bulletin (tests/extract/corpus, q04): 招生/在校/毕业 chains parted by ；, each
    # opening on its level; the pupils of a later chain are not those of the chains before
    text = ("2011年，全县普通初中招生8713人，在校25481人，毕业9255人；普通高中招生4163人，在校13135人，"
            "毕业3879人；小学招生9096人，在校48989人，毕业8713人；中等职业学校招生2232人，在校4953人。")
    t = rows(tmp_path, text, region="500153")
    assert dict(zip(t["school_level"], t["value"])) == {"junior": 25481, "senior": 13135, "primary": 48989,
                                                        "vocational": 4953}


def test_the_pupils_right_after_a_levelled_intake_are_of_its_level(tmp_path):
    # shapes of city bulletins (tests/extract/corpus, q08 and m04): 普通高中招生…，在校生… after another
    # level's stock, and 中等职业院校招生…(不含技工学校)，在校学生…; 全年 before a stock's noun
    text = ("2011年，全市全年学校数7546所，在校生2866650人。其中，高等教育招生数9639人，在校学生38228人，"
            "普通高中招生76592人，在校生222078人，毕业生72767人。全年成人高等教育招生2255人，"
            "中等职业院校招生14185人(不含技工学校)，在校学生33048人。")
    t = rows(tmp_path, text, region="411600")
    assert sorted(zip(t["indicator"], t["school_level"], t["value"])) == [
        ("school_count", "all", 7546), ("student_count", "all", 2866650), ("student_count", "higher", 38228),
        ("student_count", "senior", 222078), ("student_count", "vocational", 33048)]


def test_the_breakdown_of_a_count_of_public_schools_is_no_stock_of_the_levels(tmp_path):
    # shape of a county bulletin (tests/extract/corpus, q02): 公立 names the public schools, a subset
    text = "2011年，全县共有小学20所。全县共有公立普通中小学18所(其中:完全中学1所、初级中学2所、小学13所)。"
    t = rows(tmp_path, text, region="652822")
    assert list(zip(t["school_level"], t["value"])) == [("primary", 20)]


def test_a_bound_that_counts_places_or_schools_is_no_value(tmp_path):
    # shape of a provincial census bulletin (tests/extract/corpus, zc02): the bounds sort the counties
    text = ("2020年，全省人口的平均受教育年限为10.1年。19个市县中，平均受教育年限在10年以上的市县有4个，"
            "在9年以下的市县有3个。2020年，学前三年毛入园率达到95%以上的县区有12个。")
    t = rows(tmp_path, text, region="460000")
    assert list(zip(t["indicator"], t["value"])) == [("years_schooling", 10.1)]


def test_a_bound_followed_by_how_many_places_reach_it_is_no_value(tmp_path):
    # shape of a provincial news item (tests/extract/corpus, zt09): 达到50%的有3个市县 counts the
    # counties past the bound; the province's own shares stand before it
    text = ("截至2019年12月底，全省公办园在园幼儿占比24.51%。目前，公办园就读幼儿比例达到50%的有3个市县，"
            "普惠性幼儿园覆盖率达到80%的有9个市县。")
    t = rows(tmp_path, text, region="460000")
    assert list(zip(t["indicator"], t["value"])) == [("preschool_public_share", 24.51)]
