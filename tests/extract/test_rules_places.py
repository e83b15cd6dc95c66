"""Whose figure: a place named before a number in its sentence (extract/rules_places.py), and a
web page's banner line that names the site's owner, not the document (extract/pipeline.py)."""
from __future__ import annotations

from edueval.extract.pipeline import extract_paths
from edueval.extract.regions import resolve_document_region

from .extraction import one, rows, write


def _extract(tmp_path, text, region=None):
    result = extract_paths([write(tmp_path, "doc.txt", text, "utf-8")], region=region)
    assert not result.errors, result.errors
    return result.table(), result.skipped


def test_a_county_a_prefecture_document_names_gets_its_own_figure(tmp_path):
    text = "2022年，全州学前三年毛入园率达到92.1%。其中，宾川县学前三年毛入园率为95.3%。"
    t = rows(tmp_path, text, region="大理白族自治州")
    assert one(t, region_code="532900")["value"] == 92.1
    county = one(t, region_code="532924")
    assert county["value"] == 95.3 and county["region_name"] == "宾川县" and "宾川县" in county["note"]


def test_a_province_ranking_its_cities_gives_each_named_city_its_figure(tmp_path):
    text = "2021年，全省高中阶段毛入学率为91.5%，兰州市高中阶段毛入学率为98.2%，居全省首位。"
    t = rows(tmp_path, text, region="620000")
    assert one(t, region_code="620000")["value"] == 91.5
    assert one(t, region_code="620100")["value"] == 98.2


def test_a_neighbour_or_a_sibling_is_set_aside_never_given_to_the_document(tmp_path):
    text = "2022年，祥云县学前三年毛入园率为90.2%。"
    t, skipped = _extract(tmp_path, text, region="532924")  # a document of 宾川县
    assert t.empty
    assert skipped["reason"].str.contains("祥云县 named before it, not of the document's region").any()


def test_a_school_named_after_its_place_is_no_region(tmp_path):
    text = "2022年，宾川县第一中学本科上线率达到85.6%，全县高中阶段毛入学率为93.2%。"
    t, skipped = _extract(tmp_path, text, region="532924")
    assert list(t["value"]) == [93.2]
    assert skipped["reason"].str.contains("a figure of a school").any()


def test_a_place_a_figure_is_compared_with_is_not_whose_it_is(tmp_path):
    text = "2022年，全县学前三年毛入园率比祥云县高出不少，达到93.5%。"
    t = rows(tmp_path, text, region="532924")
    assert one(t, indicator="preschool_ger")["region_code"] == "532924"


def test_pronouns_after_the_name_speak_for_the_document_or_for_the_name(tmp_path):
    # 全州 after the county's name: the prefecture's own figure; 该县: the county just named
    t = rows(tmp_path, "2022年，宾川县召开教育工作会议，全州学前三年毛入园率92.1%。", region="532900")
    assert one(t, indicator="preschool_ger")["region_code"] == "532900"
    t = rows(tmp_path, "2022年，记者从宾川县教育局获悉，该县学前三年毛入园率达到95.3%。", region="532900")
    assert one(t, indicator="preschool_ger")["region_code"] == "532924"


def test_a_place_above_the_document_and_the_document_itself_change_nothing(tmp_path):
    t = rows(tmp_path, "2022年，云南省大理州宾川县学前三年毛入园率为95.3%。", region="532924")
    assert one(t, indicator="preschool_ger")["region_code"] == "532924"


def test_several_places_in_one_list_are_set_aside(tmp_path):
    text = "2022年，宾川县、祥云县学前三年毛入园率分别为95.3%、90.2%。"
    t, skipped = _extract(tmp_path, text, region="532900")
    assert t.empty or not set(t["region_code"]) & {"532924", "532923"}
    assert not t.empty or len(skipped)


def test_a_site_banner_above_the_title_names_the_site_not_the_document(tmp_path):
    text = "曲靖市人民政府网\n会泽县2023年教育工作总结\n2023年，全县九年义务教育巩固率达到96.5%。"
    result = extract_paths([write(tmp_path, "doc.txt", text, "utf-8")])
    doc = result.documents.iloc[0]
    assert (doc["title"], doc["region_code"]) == ("会泽县2023年教育工作总结", "530326")
    # a title that is the document's own keeps its place (福建省… stands against a county it cites)
    assert resolve_document_region("曲靖市人民政府关于2023年教育工作的报告", "全市…").name == "曲靖市"


def test_a_pronoun_of_a_place_above_the_document_gives_that_place_s_figure(tmp_path):
    # a county's report quoting its province (全省…90%), a 北京 district quoting the city (全市 is 北京市),
    # and a county-level city speaking of itself (全市 in 英德市's report stays its own)
    text = "2020年，全省学前三年毛入园率达到90%，全县学前三年毛入园率达到92%，高于全省平均水平。"
    t = rows(tmp_path, text, region="620802")
    assert one(t, value=90)["region_code"] == "620000"
    assert one(t, value=92)["region_code"] == "620802"
    t = rows(tmp_path, "2020年，全市学前三年毛入园率达到90%，全区学前三年毛入园率达到92%。", region="110112")
    assert (one(t, value=90)["region_code"], one(t, value=92)["region_code"]) == ("110000", "110112")
    t = rows(tmp_path, "2020年，全市学前三年毛入园率达到90%。", region="441881")
    assert one(t, value=90)["region_code"] == "441881"
    # a pronoun speaks for its own clause only: the county's title, then its own rate
    t = rows(tmp_path, "2020年，我县被评为全省教育强县，全国学前三年毛入园率达到85.2%，学前三年毛入园率达到92%。",
             region="620802")
    assert (one(t, value=85.2)["region_code"], one(t, value=92)["region_code"]) == ("000000", "620802")


def test_a_rate_of_a_part_of_the_region_is_no_row_of_the_region(tmp_path):
    # shape of a city's 2005 opinion on preschool education (杭政函〔2005〕39号, doczj.com copy of
    # 杭州市人民政府's document): the city's goal, then its urban districts' and its counties'
    text = ("2007年,全市学前三年幼儿入园率达到96%以上,其中市区学前三年幼儿入园率达到98%以上,"
            "县(市)学前三年幼儿入园率达到92%以上。2020年,全市农村学前三年毛入园率为90%。")
    t, skipped = _extract(tmp_path, text, region="330100")
    assert t["value"].tolist() == [96.0]
    reasons = " ".join(skipped["reason"])
    assert "a part of the region (市区)" in reasons and "(县(市))" in reasons and "(农村)" in reasons
    # 其中 is no mention of 中市区, a name several places bore
    assert "中市区" not in reasons
    # a district named 城区 reads its own 城区 rates
    t, _ = _extract(tmp_path, "2020年,城区学前三年毛入园率为93%。", region="140302")
    assert t["value"].tolist() == [93.0]


def test_a_places_own_pronoun_after_another_places_value_goes_on_with_the_indicator(tmp_path):
    text = "2020年,全国高中阶段毛入学率为91.2%,我县为93.5%。全省学前三年毛入园率为88%,全县达到90%。"
    t, _ = _extract(tmp_path, text, region="620802")
    got = {(r.region_code, r.indicator, r.value) for r in t.itertuples()}
    assert ("620802", "senior_ger", 93.5) in got and ("620802", "preschool_ger", 90.0) in got
    assert ("000000", "senior_ger", 91.2) in got


def test_another_places_name_and_a_verb_go_on_with_the_indicator_for_that_place(tmp_path):
    text = "2022年，其中，兰州市学前三年毛入园率达到96.2%，天水市达到93.5%，白银市为90.1%。"
    t, _ = _extract(tmp_path, text, region="甘肃省")
    got = {(r.region_code, r.indicator, r.value) for r in t.itertuples()}
    assert got == {("620100", "preschool_ger", 96.2), ("620500", "preschool_ger", 93.5),
                   ("620400", "preschool_ger", 90.1)}
    # a word that only ends like a place (城市, 全区) opens no such clause
    t, _ = _extract(tmp_path, "2022年，全省学前三年毛入园率达到92%，城市达到96%。", region="甘肃省")
    assert set(t["value"]) == {92}


def test_a_place_named_in_an_earlier_item_of_a_list_of_tasks_is_not_the_later_figures(tmp_path):
    # shape of a city's work-report digest (tests/extract/corpus zz07): ；closes each task
    text = ("泸州市政府工作报告\n2020年,确保叙永县、古蔺县义务教育发展基本均衡县通过国检;加快高中新建工程等项目建设,"
            "确保高中阶段毛入学率在90%以上。")
    assert one(rows(tmp_path, text, region="泸州市"), indicator="senior_ger")["region_code"] == "510500"
    # within one item the place named before still takes the figure
    text = "泸州市政府工作报告\n2020年,古蔺县新建幼儿园5所,学前三年毛入园率达到90%。"
    assert one(rows(tmp_path, text, region="泸州市"), indicator="preschool_ger")["region_code"] == "510525"


def test_a_school_named_before_a_figures_name_is_no_region_even_without_a_place(tmp_path):
    text = "2023年，县一中本科上线率达到85.2%，城关中学一本上线率30%，全县本科上线率54.6%。"
    t, skipped = _extract(tmp_path, text, region="620825")
    assert t["value"].tolist() == [54.6]
    assert skipped["reason"].str.contains("a figure of a school").sum() == 2
    # a level's word before 中学 names no school
    t, _ = _extract(tmp_path, "2023年，全县初级中学专任教师学历合格率达到99%。", region="620825")
    assert t["value"].tolist() == [99]
