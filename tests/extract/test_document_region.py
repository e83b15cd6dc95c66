"""The document's region, date and reference year, told from the document itself."""
from __future__ import annotations

import pytest

from edueval.extract.dating import reference_year
from edueval.extract.pipeline import extract_paths
from edueval.extract.regions import resolve_document_region
from edueval.extract.years import document_date


def region_of(title: str, text: str):
    return resolve_document_region(title, text)


def test_the_title_wins_over_a_district_in_the_header():
    text = "武威市教育事业发展驶入快车道\n凉州区新建幼儿园12所。\n全市学前三年毛入园率达到95%。"
    decision = region_of("武威市教育事业发展驶入快车道", text)
    assert (decision.code, decision.resolved) == ("620600", True)
    assert "title" in decision.reason


def test_a_shared_name_resolves_only_with_its_parent_named():
    alone = region_of("鼓楼区教育工作总结", "鼓楼区教育工作总结\n全区学前三年毛入园率达到98%。")
    assert not alone.resolved and alone.pseudo
    assert "鼓楼区" in alone.reason and "set aside" in alone.reason
    with_parent = region_of("鼓楼区教育工作总结", "福州市鼓楼区教育工作总结\n全区学前三年毛入园率达到98%。")
    assert (with_parent.code, with_parent.resolved) == ("350102", True)


def test_a_one_character_name_inside_a_word_is_not_a_place():
    # 示范县 holds 范县 (河南), 科教兴县 holds 兴县 (山西): neither is the document's region
    text = "创建教育示范县\n我们坚持科教兴县战略。\n学前三年毛入园率达到90%。"
    decision = region_of("创建教育示范县", text)
    assert decision.code not in ("410926", "141123")
    assert not decision.resolved


def test_a_short_name_in_the_title_and_an_autonomous_region_speaking_of_itself():
    county = region_of("“精彩宁化”:教育事业欣欣向荣", "“精彩宁化”:教育事业欣欣向荣\n全县学龄儿童入学率达99.9%。")
    assert county.code == "350424"  # 宁化县 in 三明市 today; 352724 is the code it had until 1983
    province = region_of("", "新华社消息 记者从内蒙古自治区教育厅获悉\n内蒙古全区普惠性幼儿园覆盖率达72%。")
    assert province.code == "150000"


def test_the_signature_names_the_region_and_dates_the_document():
    body = "\n".join(f"第{n}项工作稳步推进。" for n in "一二三四五六七八")  # the header is the first 8 lines
    text = f"教育工作总结\n{body}\n一年来，全县学前三年毛入园率达到93.5%。\n\n宁化县教育局\n2021年12月30日"
    decision = region_of("教育工作总结", text)
    assert decision.code == "350424" and "signature" in decision.reason
    assert document_date(text) == ("2021-12-30", "the date under the signature")


def test_a_national_body_in_the_header_makes_the_text_national():
    text = "国家统计局发布《中华人民共和国2025年国民经济和社会发展统计公报》\n普通高中在校生3039.5万人。"
    assert region_of("", text).code == "000000"


def test_a_national_body_in_the_header_does_not_make_a_district_text_national():
    # a district's news of a national list it joined (tests/extract/corpus, r03): 教育部 in the
    # header, 我区 in the body and no place named; the region is for review, not the nation
    text = ("日前,教育部公布2025年学前教育普及普惠县(市、区)名单,我区榜上有名。\n"
            "全区现有幼儿园63所,学前三年毛入学率接近99%。我区将继续努力。")
    decision = region_of("", text)
    assert decision.code != "000000" and not decision.resolved
    assert "set aside" in decision.reason


def test_a_short_name_right_after_its_citys_name_is_the_county():
    # a district bureau's report (tests/extract/corpus, v01): 舟山定海 is 定海区 of 舟山市, neither
    # named in full; a province's short name after 中国 (中国甘肃网, a site) is no such pair
    text = "2022学年,区教育局深入实施舟山定海教育“十四五”规划。\n全区在校生31959人。"
    assert region_of("", text).code == "330902"
    site = "您当前的位置 : 中国甘肃网 >> 新闻中心\n截至2019年,全国共有各级各类学校53.01万所,我国教育事业取得成就。"
    assert region_of("", site).code == "000000"


def test_a_townships_text_is_held_for_review_not_given_to_its_county():
    # a township's report (tests/extract/corpus, zb01): 我乡位于凤冈县南端 names the county it lies in,
    # but 我乡有初级中学1所… are the township's schools, and townships are not in the registry
    text = ("我乡“两基”工作自2002年通过省人民政府验收以来,继续加大力度。\n"
            "我乡位于凤冈县南端,距县城七十二公里。全乡辖6个行政村。\n我乡有初级中学1所,完全小学11所。")
    decision = region_of("", text)
    assert not decision.resolved and decision.code != "520327" and "township" in decision.reason
    county = region_of("", "凤冈县教育局\n全县有初级中学12所,其中城关镇2所。全县小学…")
    assert county.code == "520327"


def test_a_place_in_a_gambling_advert_is_no_mention():
    # a mirror page's spam (【澳门新葡京】 after each sentence) names no place the text is of
    sentences = ["全县学前三年毛入园率达到93.5%。", "九年义务教育巩固率达到97%。", "高中阶段毛入学率达到92%。"]
    text = "宁化县教育事业发展情况\n" + "".join(s + "【澳门新葡京】澳门金沙娱乐城" for s in sentences)
    decision = region_of("", text)
    assert decision.code == "350424"
    assert region_of("", "澳门特别行政区教育概况\n澳门共有学校170所。").code == "820000"


def test_reference_year_from_the_title_before_the_date():
    assert reference_year("2014年新疆维吾尔自治区教育事业发展统计公报", "", "2015-05-26")[0] == 2014
    assert reference_year("十二五期间教育发展成就", "", None)[0] == 2015
    assert reference_year("教育工作总结", "", "2021-03-01") == (2021, "the document's date (2021-03-01)")
    assert reference_year("教育工作总结", "没有年份", None)[0] is None


def test_rows_of_an_unresolved_region_are_held_back_with_the_reason(tmp_path):
    doc = tmp_path / "gulou.txt"
    doc.write_text("鼓楼区教育工作总结\n2021年，全区学前三年毛入园率达到98.2%。", encoding="utf-8")
    result = extract_paths([doc])
    assert result.observations.empty
    held = result.skipped[result.skipped["indicator"].notna()]
    assert held[["indicator", "year", "value"]].values.tolist() == [["preschool_ger", 2021, 98.2]]
    assert held["reason"].iloc[0].startswith("the document's region is not resolved: ambiguous region name 鼓楼区")
    assert "2021年" in held["sentence"].iloc[0]


def test_a_year_from_the_title_is_marked_inferred(tmp_path):
    doc = tmp_path / "bulletin.txt"
    doc.write_text("2021年福州市鼓楼区教育事业发展统计公报\n全区学前三年毛入园率达到98.2%。\n"
                   "2020年全区小学学龄儿童净入学率100%。", encoding="utf-8")
    result = extract_paths([doc])
    table = result.table().set_index("indicator")
    assert table.loc["preschool_ger", "year"] == 2021
    assert table.loc["preschool_ger", "note"].startswith("year inferred (the title's year (2021))")
    assert bool(table.loc["preschool_ger", "year_inferred"])
    assert table.loc["primary_ner", "year"] == 2020 and not bool(table.loc["primary_ner", "year_inferred"])
    assert set(table["region_code"]) == {"350102"}


def test_the_publisher_names_the_region_only_of_a_text_that_names_no_place():
    table = "教育事业基本情况\n项目 2020年 2021年\n小 学 31 30\n"
    decision = resolve_document_region("教育事业基本情况", table, publisher="武威市统计局")
    assert (decision.code, decision.resolved) == ("620600", True) and "publisher" in decision.reason
    # a place the text names, even once, is not overruled by where the page was published
    named = resolve_document_region("", "凉州区教育事业\n全区小学31所。\n", publisher="武威市统计局")
    assert named.code != "620600"
    # a publisher naming no place changes nothing
    assert not resolve_document_region("教育事业基本情况", table, publisher="新华网").resolved


def test_the_venue_of_a_meeting_is_not_the_documents_region():
    title = "在武威召开的2023年甘肃省教育工作会议上获悉"
    decision = region_of(title, title + "\n全省学前三年毛入园率达到92%。")
    assert decision.code == "620000" and "甘肃省" in decision.reason
    # without 在…召开 the more specific place of the title still wins
    assert region_of("武威市甘肃省教育工作会议", "全市学前三年毛入园率达到92%。").code == "620600"


def test_a_short_name_glued_to_its_own_levels_pronoun_speaks_of_itself():
    text = "省政协调研学前教育\n截至2022年底，甘肃全省有幼儿园6100所。我省将继续扩大普惠资源。"
    decision = region_of("省政协调研学前教育", text)
    assert (decision.code, decision.resolved) == ("620000", True)
    # named once without the pronoun, a short name is not taken
    once = region_of("省政协调研学前教育", "省政协调研学前教育\n与甘肃相比，我省幼儿园较多。")
    assert once.code != "620000"


def test_a_news_pages_time_stamp_in_the_header_is_its_date():
    assert document_date("学前教育加速布局\n编辑：王某 2021年06月02日 10:12:25 来源：某网\n正文。")[0] == "2021-06-02"
    assert document_date("学前教育加速布局\n2021年6月2日\n正文。")[0] == "2021-06-02"
    # a date inside the first sentence is an event's, not the page's
    assert document_date("2021年6月2日，区教育局召开会议。\n正文。")[0] is None


@pytest.mark.parametrize("line", ["——2023年1月12日在崆峒区第十八届人民代表大会第三次会议上",
                                  "（2023年1月12日）", "2023年1月12日在县委经济工作会议上的讲话"])
def test_the_date_a_report_was_given_under_its_title_is_its_date(line):
    assert document_date(f"政府工作报告\n{line}\n区长 王明\n各位代表：正文。")[0] == "2023-01-12"
    # a date that opens a sentence of the text is still an event's
    assert document_date("政府工作报告\n2023年1月12日，区政府召开常务会议。\n正文。")[0] is None


def test_a_venue_named_with_its_hall_is_not_the_documents_region():
    title = "在武威市会议中心召开的甘肃省教育工作会议上获悉"
    assert region_of(title, title + "\n全省学前三年毛入园率达到92%。").code == "620000"


def test_news_of_a_bulletin_gives_the_year_the_bulletin_reports():
    text = "某省教育统计数据出炉\n记者从省教育厅获悉，最新统计公报数据显示，2029年，全省共有幼儿园1.2万所。"
    assert reference_year("某省教育统计数据出炉", text, "2030-06-14")[0] == 2029
    # a date after 公报显示 is an event, not the year reported
    event = "某省教育统计\n公报显示，2030年6月起实施新办法。"
    assert reference_year("某省教育统计", event, "2030-06-14")[0] == 2030


def test_places_named_only_inside_school_names_are_not_the_documents_region():
    # shape of the 伊春 yearbook entry (tests/extract/corpus, i06): the header lists the city's key
    # schools (铁力市一中, 铁力局马永顺中学, 伊春区二中, …); none of them names the region, so no guess
    text = ("概况\n基础教育\n小学314所，专任教师6 467人。\n"
            "高级中学13所，其中市级重点中学5所（铁力市一中、铁力局马永顺中学、伊春区二中、友好区三中、嘉荫县一中）。\n")
    decision = resolve_document_region("", text)
    assert not decision.resolved, decision
    # a place named for itself in the same header still decides
    assert resolve_document_region("", "嘉荫县教育概况\n" + text).name == "嘉荫县"


def test_a_short_name_inside_a_word_of_a_spam_title_is_no_mention():
    # shape of the mirror of a 新疆 news item (tests/extract/corpus, j10): its spam title line holds
    # 中文成人, which holds 文成 (文成县); the county is named nowhere else
    decision = resolve_document_region("九九艳阳天电影免费观看,中文成人久久影院", "新疆：持续增加普惠性学前教育资源供给\n全区学前三年毛入园率98%。")
    assert decision.code != "330328"


def test_a_city_named_again_and_again_stands_for_a_district_named_once_in_passing():
    # shape of the 宁波 page (tests/extract/corpus, k10): a prose line with figures is no title, and
    # the district of one sentence (宁波市江北区成为…) is not the document's region
    text = ("2012至2022这10年间，宁波市义务教育从基本均衡迈向优质均衡。2022年4月，宁波市江北区成为全国两个义务教育优质均衡发展区之一。\n"
            "截至2022年末，宁波市共有各级各类幼儿园1028所，在园儿童28.5万人。根据海曙区教育局的实施意见，宁波市幼儿园招生坚持就近。\n"
            "宁波市高等教育质量水平持续增高，宁波市共有普通高校16所。\n")
    assert resolve_document_region("", text).name == "宁波市"


def test_a_persons_home_in_a_story_and_a_closing_paragraph_are_no_signature():
    # shape of a mirror of national news (tests/extract/corpus, l14)
    text = ("幼儿园多了 收费少了\n“十三五”期间，我国学前教育取得跨越式发展。2020年，全国幼儿园总数达到29.17万所，"
            "全国学前三年毛入园率达到85.2%，增加10.2个百分点，普惠性幼儿园覆盖率达到84.74%，比2016年增加17.5个百分点，"
            "超额完成党中央国务院确定的普及普惠目标任务。与2015年相比，幼儿园数量增加了30%，在园幼儿规模增长了13%，"
            "全国新增幼儿园8.6万所，新增学位2000多万个，有效缓解了入园难问题，学前教育公共服务体系基本建成。"
            "各地扩大普惠性资源供给，健全经费投入机制，加强幼儿园教师队伍建设，全国幼儿园专任教师达到291.34万人，"
            "比2015年增加86万人，学前教育普及水平和保障能力明显提高。\n破解入园难\n家住贵州省凯里市炉山镇洛棉村的杨仙囈小朋友，上的是村里建的公办幼儿园。"
            "党的十八大以来，凯里市投入资金2亿余元，新建和改建农村公办幼儿园75所，实现了农村幼儿园全覆盖。")
    assert resolve_document_region("", text).code == "000000"


def test_a_census_bulletin_reports_the_census_year():
    # a county's bulletin of the seventh census (tests/extract/corpus, v07), published in 2021
    year, why = reference_year("陆河县第七次全国人口普查公报(第五号)", "现将人口受教育情况公布如下", "2021-06-03")
    assert year == 2020 and "第七次全国人口普查" in why
    assert reference_year("", "第六次全国人口普查主要数据公报\n全县常住人口…", None)[0] == 2010
    assert reference_year("2021年统计公报", "与第七次全国人口普查相比", None)[0] == 2021  # the title's year wins


def test_a_byline_is_no_title_and_its_paper_names_no_region(tmp_path):
    # tests/extract/corpus zh01: a 贵州日报 item about 遵义市 opens on its writer's byline
    path = tmp_path / "item.txt"
    path.write_text("文_贵州日报当代融媒体记者 / 蒋洪飞\n遵义市坚持把教育事业放在优先发展位置。\n"
                    "2019年，全市学前教育三年毛入园率达88.6%，遵义市九年义务教育巩固率达96.21%。\n", encoding="utf-8")
    document = extract_paths([path]).documents.iloc[0]
    assert document["title"] != "文_贵州日报当代融媒体记者 / 蒋洪飞"
    assert (document["region_code"], document["region_name"]) == ("520300", "遵义市")


def test_a_place_left_out_of_a_count_is_no_subject_of_the_text():
    # a provincial news item on its poor counties names one district only to leave it out
    # (litlightbulb.com mirror of an 安徽 item, http://litlightbulb.com/news/20230725/1703713.shtml)
    text = ("2019年,全省学前毛入园率达88.7%,义务教育巩固率94.6%。31个贫困县、区(不含六安市叶集区)摘帽时,"
            "义务教育巩固率均接近、达到或超过全省平均水平。")
    decision = resolve_document_region("", text)
    assert not decision.resolved and "叶集" not in decision.name
    # the same district named as the text's subject still is its region
    assert resolve_document_region("", "六安市叶集区2019年学前毛入园率达88.7%。叶集区义务教育巩固率94.6%。").name == "叶集区"
    # 消除 / 免除 are verbs, not a leaving-out
    assert resolve_document_region("叶集区教育局", "免除叶集区学生学杂费。").name == "叶集区"


def test_a_documents_number_in_its_first_lines_dates_it():
    # 杭州市人民政府 2005 (doczj.com copy): its own number after its title, a quoted one after 《…》
    text = ("杭州市人民政府关于加快学前教育改革与发展的若干意见(试行)(杭政函〔2005〕39号)各区、县(市)人民政府:\n"
            "2007年,全市学前三年幼儿入园率达到96%以上。")
    assert document_date(text) == ("2005", "the document's number in its first lines (杭政函〔2005〕39号)")
    quoted = "为贯彻《转发教育部等部门关于幼儿教育改革与发展指导意见的通知》(国办发〔2003〕13号)精神\n正文。"
    assert document_date(quoted)[0] is None
    assert document_date("第一行\n第二行\n(杭政函〔2005〕39号)")[0] is None  # not in the first lines


def test_a_document_the_header_quotes_names_its_own_place_not_this_ones():
    # shape of a city bureau's quarterly summary on a copy site (m.bimoxiezuo.com, 2024), its city masked
    text = ("市教育局2024年第三季度工作总结\n一、第三季度工作开展情况\n"
            "(一)推进学前教育发展。截至9月,我市公办幼儿园在园幼儿占比达56.13%。"
            "印发《xx市落实湖南省3-6岁儿童学习与发展指南实施方案》,组织开展全市学前教育宣传月活动。\n")
    decision = resolve_document_region("市教育局2024年第三季度工作总结", text)
    assert decision.pseudo and "xx市" in decision.name
    # a place the header names outside quotation marks still stands
    assert resolve_document_region("", "长沙市教育局2024年工作总结\n印发《湖南省实施方案》。\n").name == "长沙市"


def test_a_text_naming_its_place_only_in_its_schools_names_is_of_that_place():
    # shape of a mirror of a city bureau's profile (tests/extract/corpus zm03, 鄂州, 2011)
    text = ("截至2011年,全市共有高等学校1所(鄂州大学),中等专业学校2所(鄂州中专、鄂州高新技术学校),"
            "普通中小学290所。全市在校学生151919人。")
    decision = resolve_document_region("企业简介", text)
    assert decision.name == "鄂州市" and "names of its schools" in decision.reason
    # one school's name is not enough, nor schools of a place of another level than the pronouns'
    assert not resolve_document_region("", "全市共有高等学校1所(鄂州大学),中小学290所。").resolved
    assert not resolve_document_region("", "全县有鄂州大学分校、鄂州中专教学点各1所,中小学29所。").resolved


def test_a_long_line_of_prose_opening_a_page_is_no_title(tmp_path):
    # a county-level city's news page (tests/extract/corpus zp08, 孝义市) opens on a paragraph that names
    # its province once in passing: no title, so the province's short name is no title's place
    from edueval.extract.pipeline import load_document

    path = tmp_path / "page.txt"
    path.write_text("近年来,我市深入学习贯彻习近平总书记考察调研山西重要讲话重要指示精神,认真落实省委、省政府关于教育工作的"
                    "安排部署,紧紧围绕建设全国一流的教育强市目标,全力办好人民满意教育。\n全市现有义务教育学校42所。\n",
                    encoding="utf-8")
    doc = load_document(path, None)
    assert not doc.title.startswith("近年来") and doc.region.name != "山西省"


def test_a_citys_meeting_reported_by_a_county_site_is_the_citys():
    # shape of a county news centre's item on its city's meeting (tests/extract/corpus zq06, 宁化 / 三明)
    text = ("宁化县新闻中心\n7月27日,全市基础教育改革发展现场会在宁化召开,进一步加快我市基础教育改革发展步伐。"
            "近年来,我市教育教学工作亮点纷呈。\n")
    decision = resolve_document_region("全市基础教育改革发展现场会在宁化召开", text)
    assert decision.name == "三明市" and "宁化县" in decision.reason
    # a county that speaks of itself stays itself; a county-level city says 我市 of itself
    assert resolve_document_region("", "宁化县新闻中心\n全县教育工作会议召开,我市我县教育…全市。\n").name == "宁化县"
    assert resolve_document_region("", "孝义市新闻中心\n我市教育工作会议召开,全市教育…。\n").name == "孝义市"


def test_a_city_a_provincial_text_quotes_in_its_first_lines_is_not_its_region(tmp_path):
    # a province's news item whose first paragraph goes on to its cities: the text says 我省 / 全省 and
    # never 我市 / 全县, so the cities it names are quoted places of the province
    text = ("我省学前教育发展取得显著成效\n发布时间：2023-06-01 来源：甘肃日报\n记者从省教育厅获悉，2022年，"
            "全省学前三年毛入园率达到94.1%，普惠性幼儿园覆盖率达到91.3%。其中，兰州市学前三年毛入园率达到96.2%。\n")
    decision = resolve_document_region("我省学前教育发展取得显著成效", text)
    assert decision.name == "甘肃省" and "兰州市" in decision.reason
    (tmp_path / "n.txt").write_text(text, encoding="utf-8")
    t = extract_paths([tmp_path / "n.txt"]).table()
    regions = dict(zip(t["value"], t["region_code"]))
    assert (regions[94.1], regions[91.3], regions[96.2]) == ("620000", "620000", "620100")
    # a district's text that says 全区 of itself and 全省 of its province stays the district's
    text = "崆峒区教育局\n2022年，全区学前三年毛入园率达到92%，高于全省平均水平3个百分点，居全省前列。\n"
    assert resolve_document_region("", text).name == "崆峒区"
    # a city's text that also speaks of its province stays the city's
    assert resolve_document_region("", "兰州市教育局\n全市学前三年毛入园率达到96.2%，高于全省2个百分点，居全省首位。\n").name \
        == "兰州市"


def test_an_encyclopedia_entrys_headword_is_its_title_not_the_line_naming_its_parents(tmp_path):
    text = ("崇信县\n中国甘肃省平凉市下辖县\n崇信县，隶属甘肃省平凉市，位于甘肃省东部。\n教育\n"
            "2020年，全县学前三年毛入园率96.3%，专任教师1342人。\n")
    (tmp_path / "e.txt").write_text(text, encoding="utf-8")
    t = extract_paths([tmp_path / "e.txt"]).table()
    assert set(t["region_code"]) == {"620823"} and len(t) == 2
    # a first line that is a place's name, above a real title, leaves the title as it was
    from edueval.extract.pipeline import _title

    assert _title("平凉市\n平凉市2022年教育事业发展统计公报\n正文。") == "平凉市2022年教育事业发展统计公报"


def test_a_short_name_opening_the_name_of_a_news_outlet_names_its_place():
    text = "非凡十年｜我市教育事业实现跨越式发展\n2022-09-20 09:30 来源：天水日报\n十年来，我市学前三年毛入园率提高到93.2%。\n"
    assert resolve_document_region("非凡十年｜我市教育事业实现跨越式发展", text).name == "天水市"
    # a province's paper reports on its counties: a county's news it carries is not the province's
    text = "城关幼儿园开园\n2022-09-20 来源：甘肃日报\n记者日前从县教育局获悉，全县学前三年毛入园率达到93.2%。\n"
    decision = resolve_document_region("城关幼儿园开园", text)
    assert decision.code != "620000" and not decision.resolved
    # a short name inside a word stays no mention (均衡水平 holds 衡水)
    text = "义务教育均衡水平提升\n来源：某某日报\n我市义务教育均衡水平持续提升。\n"
    assert not resolve_document_region("义务教育均衡水平提升", text).resolved


def test_a_pronoun_in_a_title_is_no_name_of_an_unregistered_place():
    text = "在全县教育工作会议上的讲话\n同志们：\n去年以来，全县学前三年毛入园率达到93.1%。\n"
    decision = resolve_document_region("在全县教育工作会议上的讲话", text)
    assert not decision.resolved and "在全县" not in decision.reason and "no region named" in decision.reason


def test_a_functional_zone_named_after_a_place_is_not_that_place():
    # 兰州新区 is no division of the registry: its figures are not 兰州市's, so they wait for review
    decision = resolve_document_region("兰州新区2022年教育工作总结", "兰州新区2022年教育工作总结\n新区学前三年毛入园率达到95.2%。\n")
    assert not decision.resolved and "兰州新区" in decision.reason
    # a zone the registry holds is read whole; a zone's page naming the district that runs it is the district's
    assert resolve_document_region("浦东新区教育概况", "浦东新区教育概况\n全区共有幼儿园315所。\n").name == "浦东新区"
    text = "哈尔滨新区推进学前教育发展座谈会\n松北区副区长作学前教育发展情况汇报。新区共有幼儿园67所。\n"
    assert resolve_document_region("哈尔滨新区推进学前教育发展座谈会", text).name == "松北区"


def test_a_place_whose_body_visits_the_documents_place_is_the_visitor():
    # shape of a county's news of a neighbour's congress come to study it (tests/extract/corpus yd03)
    text = ("启东市人大来我县调研学前教育改革发展情况\n发布时间:2019-10-21 来源:如东县人民政府\n"
            "目前,我县幼儿园共54所。\n")
    assert resolve_document_region("启东市人大来我县调研学前教育改革发展情况", text).name == "如东县"


def test_a_tie_between_places_goes_to_the_one_named_first_not_to_the_lower_code():
    text = "灵台县教育局\n2023-05-01\n全县学前三年毛入园率达到92%。泾川县、崇信县也召开了会议。\n"
    assert resolve_document_region("", text).name == "灵台县"


def test_a_title_opening_on_an_unnamed_local_body_is_no_national_text():
    # shape of a district bureau's plan (tests/extract/corpus zz02): 全国 only in the names of programmes
    text = ("区教体局2020年工作计划\n一、2020年重点项目\n1.创建全国义务教育优质均衡发展区。\n"
            "2.扎实推进“全国儿童青少年近视防控试点区”建设。\n3.创建全省全国首批义务教育优质均衡发展区。\n")
    decision = resolve_document_region("区教体局2020年工作计划", text)
    assert decision.code != "000000" and decision.level == "county" and decision.pseudo
