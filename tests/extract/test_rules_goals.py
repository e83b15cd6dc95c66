"""Goals named after their value (…达到98%的目标), goals set before a 由…到… phrase, goals of the
indicator valued in the clause before, and changes over a named plan period; on sentences written here."""
from __future__ import annotations

import pytest

from edueval.extract import extract_paths

from .extraction import one, rows

REGION = "620802"


@pytest.mark.parametrize("sentence", [
    "为实现2027年全区高中阶段毛入学率达到98%目标，我们将扩大普通高中学位。",
    "全区努力实现2027年高中阶段毛入学率98%以上的目标。",
    "要完成2027年高中阶段毛入学率达到98%的发展目标。",
])
def test_a_goal_word_after_the_value_makes_it_a_target(tmp_path, sentence):
    t = rows(tmp_path, "崆峒区教育工作会议\n发布时间：2027-01-10\n" + sentence, region=REGION)
    row = one(t, indicator="senior_ger")
    assert (row["kind"], row["year"], row["value"]) == ("target", 2027, 98)


def test_a_value_without_a_goal_word_stays_actual(tmp_path):
    text = "崆峒区教育工作会议\n发布时间：2024-03-01\n2023年全区高中阶段毛入学率达到96%，目标任务全面完成。"
    assert one(rows(tmp_path, text, region=REGION), indicator="senior_ger")["kind"] == "actual"


def test_a_named_plans_quoted_goal_is_not_made_the_documents_target(tmp_path):
    # the clause quotes a plan by its title: its “达到90%” is that plan's yardstick
    text = ("崆峒区教育工作会议\n发布时间：2024-03-01\n"
            "2023年全区高中阶段毛入学率为96%，远高于《规划》“达到90%”的目标。")
    t = rows(tmp_path, text, region=REGION)
    assert not ((t["value"] == 90) & (t["kind"] == "target")).any()


def test_a_goal_set_before_from_to_is_a_target_for_the_second_value(tmp_path):
    text = ("崆峒区教育工作会议\n发布时间：2022-03-01\n"
            "“十四五”期间，全区力争把人均受教育年限从2020年的10.2年提高到11年。")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="years_schooling", value=10.2)[["year", "kind"]].tolist() == [2020, "actual"]
    assert one(t, indicator="years_schooling", value=11)[["year", "kind"]].tolist() == [2025, "target"]


def test_from_to_without_a_goal_reports_two_measured_values(tmp_path):
    text = "崆峒区教育工作会议\n发布时间：2022-03-01\n全区人均受教育年限从2015年的9.8年提高到2020年的10.2年。"
    t = rows(tmp_path, text, region=REGION)
    assert set(t["kind"]) == {"actual"} and set(t["year"]) == {2015, 2020}


def test_a_clause_naming_only_a_goal_is_the_goal_of_the_indicator_before(tmp_path):
    text = "“十三五”期间，全区学前三年毛入园率达91%，超过规划的85%的目标，新建幼儿园6所。"
    t = rows(tmp_path, text, region=REGION)
    goal = one(t, indicator="preschool_ger", kind="target")
    assert (goal["value"], goal["year"], goal["qualifier"]) == (85, 2020, "=")
    assert one(t, indicator="preschool_ger", kind="actual")["value"] == 91


def test_a_second_value_in_a_clause_without_a_goal_word_is_not_taken(tmp_path):
    text = "2020年，全区学前三年毛入园率达91%，其中城区95%。"
    t = rows(tmp_path, text, region=REGION)
    assert list(t["value"]) == [91]


def test_a_change_over_a_named_plan_period_is_on_the_year_before_it(tmp_path):
    text = "“十三五”期间，全区教育事业快速发展。高中阶段毛入学率达93.5%，提高了8个百分点。"
    change = one(rows(tmp_path, text, region=REGION), kind="change")
    assert (change["value"], change["year"], change["base_year"]) == (8, 2020, 2015)


def test_a_change_at_the_end_of_a_period_has_no_base_year_of_its_own(tmp_path):
    # 末 is a point in time, not a span: the change's base is not stated
    text = "到“十三五”末，全区高中阶段毛入学率达93.5%，提高了8个百分点。"
    t = rows(tmp_path, text, region=REGION)
    assert not (t["kind"] == "change").any()


def test_schools_of_every_kind_are_a_stock(tmp_path):
    t = rows(tmp_path, "2022年，全区共有各类幼儿园42所，在园幼儿8100人。", region=REGION)
    assert one(t, indicator="school_count")[["school_level", "value"]].tolist() == ["preschool", 42]


def test_a_party_congress_as_the_base_of_a_change(tmp_path):
    text = "崆峒区教育工作会议\n发布时间：2024-03-01\n2023年，全区学前三年毛入园率达到93%，比十八大前提高了21个百分点。"
    change = one(rows(tmp_path, text, region=REGION), kind="change")
    assert (change["value"], change["year"], change["base_year"]) == (21, 2023, 2012)


def test_since_a_party_congress_is_a_span_not_the_year_of_a_value(tmp_path):
    # no year but the congress: the value is not dated 2012 (it falls back to the year before the
    # document's date, a year's figures coming out in the next)
    text = "崆峒区教育工作会议\n发布时间：2024-03-01\n党的十八大以来，全区学前三年毛入园率达到93%。"
    assert one(rows(tmp_path, text, region=REGION), indicator="preschool_ger")["year"] == 2023


def test_a_bare_gross_rate_takes_the_one_stage_its_sentence_or_paragraph_names(tmp_path):
    text = "2023年，全区高中阶段教育普及水平进一步提高，毛入学率达到93.2%。"
    assert one(rows(tmp_path, text, region=REGION), value=93.2)["indicator"] == "senior_ger"
    paragraph = "2023年，全区大力发展高等教育，新增本科院校一所。毛入学率达到48.5%。"
    assert one(rows(tmp_path, paragraph, region=REGION), value=48.5)["indicator"] == "higher_ger"


@pytest.mark.parametrize("text", [
    "2023年，全区高中阶段教育和高等教育协调发展，毛入学率达到93.2%。",  # two stages: not told
    "2023年，全区教育事业稳步发展，毛入学率达到93.2%。",  # no stage
    "2023年，全区学前教育毛入园率达到93%，小学毛入学率达到103.2%。",  # a level's own rate
])
def test_a_bare_gross_rate_without_one_stage_is_not_read(tmp_path, text):
    t = rows(tmp_path, text, region=REGION)
    assert not (t["value"] == 93.2).any() and not (t["value"] == 103.2).any()


def test_from_to_over_a_plan_period_dates_the_first_value_before_the_period(tmp_path):
    text = "崆峒区教育工作总结\n发布时间：2021-03-01\n“十三五”期间，全区学前三年毛入园率由83%提高到91%。"
    t = rows(tmp_path, text, region=REGION)
    assert one(t, value=83)[["year", "kind"]].tolist() == [2015, "actual"]
    assert one(t, value=91)[["year", "kind"]].tolist() == [2020, "actual"]


def test_from_to_at_the_end_of_a_period_keeps_the_periods_year(tmp_path):
    # 末 is a point: without a span the first value has no year of its own but the sentence's
    text = "崆峒区教育工作总结\n发布时间：2021-03-01\n“十三五”末，全区学前三年毛入园率由83%提高到91%。"
    assert 2015 not in set(rows(tmp_path, text, region=REGION)["year"])


def test_a_clause_of_a_reach_verb_and_a_value_goes_on_with_the_indicator_before(tmp_path):
    t = rows(tmp_path, "2022年，全区九年义务教育巩固率稳居全市前列，达99.1%。", region=REGION)
    assert one(t, indicator="compulsory_retention")["value"] == pytest.approx(99.1)


def test_a_value_two_clauses_away_is_not_taken(tmp_path):
    t = rows(tmp_path, "2022年，全区九年义务教育巩固率稳步提高，投入持续加大，达99.1%。", region=REGION)
    assert t.empty


def test_tupo_is_beyond_the_value(tmp_path):
    t = rows(tmp_path, "2022年，全区高考本科上线率首次突破60%。", region=REGION)
    assert one(t, indicator="gaokao_bachelor_rate")["qualifier"] == ">"


@pytest.mark.parametrize("sentence, year, kind", [
    ("去年，全区学前三年毛入园率达到92%。", 2022, "actual"),
    ("上年度全区学前三年毛入园率为92%。", 2022, "actual"),
    ("明年，全区学前三年毛入园率将达到92%。", 2024, "target"),
])
def test_a_year_named_against_the_documents_own(tmp_path, sentence, year, kind):
    t = rows(tmp_path, "崆峒区教育工作会议\n发布时间：2023-03-01\n" + sentence, region=REGION)
    assert one(t, indicator="preschool_ger")[["year", "kind"]].tolist() == [year, kind]


def test_bijiaqunian_is_the_base_of_a_change_not_the_year_of_a_value(tmp_path):
    # a meeting of 2023-03 reports the figure of 2022 (the year before its date), up on the year before that
    text = "崆峒区教育工作会议\n发布时间：2023-03-01\n全区学前三年毛入园率为92%，比去年提高1个百分点。"
    t = rows(tmp_path, text, region=REGION)
    assert one(t, kind="actual")["year"] == 2022 and one(t, kind="change")["base_year"] == 2021
    assert one(t, kind="change")["year"] == 2022


def test_a_share_of_the_goal_tasks_is_no_goal(tmp_path):
    text = "崆峒区教育工作会议\n发布时间：2027-01-10\n2027年全区高中阶段毛入学率达到95%的目标任务已完成。"
    assert one(rows(tmp_path, text, region=REGION), indicator="senior_ger")["kind"] == "actual"


def test_another_governments_goal_is_not_made_the_documents_target(tmp_path):
    text = "崆峒区教育工作会议\n发布时间：2027-01-10\n2027年全区学前三年毛入园率达到省定85%的目标。"
    t = rows(tmp_path, text, region=REGION)
    assert not ((t["kind"] == "target") & (t["region_code"] == REGION) & (t["value"] == 85)).any()


def test_a_news_item_about_completing_a_plan_is_not_the_plan(tmp_path):
    # shape of the 重庆 press-conference news (tests/extract/corpus, c08): 高质量完成“十四五”规划 in its
    # first lines names a plan it acts on; a 十四五期间 value reached (建成…，…入学率达98.99%) is actual
    text = ("中新网重庆10月20日电 截至目前，重庆学前教育毛入园率达93.5%。\n"
            "20日，在重庆召开的“高质量完成‘十四五’规划 谱写新篇章”系列主题新闻发布会上，市教委主任透露前述消息。\n"
            "“十四五”期间，重庆建成特殊教育学校41所，义务教育阶段适龄残疾儿童青少年入学率达98.99%。")
    t = rows(tmp_path, text, region="500000")
    assert set(t["kind"]) == {"actual"}


def test_a_reach_verb_with_no_year_in_a_dated_report_is_what_was_reached(tmp_path):
    # shape of the 西藏 2017 news (tests/extract/corpus, j13), dated only by its page's address:
    # 提高到 with no year of its own outside a plan reports a value reached; 将提高到 is a goal
    meta = tmp_path / "doc.meta.yml"
    meta.write_text("date: 2017-09-30\n", encoding="utf-8")
    text = ("西藏教育发展成就\n继续突出控辍保学工作，九年义务教育巩固率提高到91.42%；高中阶段毛入学率将提高到85%。"
            "主要劳动年龄人口平均受教育年限提高到11.2年。\n")
    t = rows(tmp_path, text, region="540000")
    assert one(t, indicator="compulsory_retention")["kind"] == "actual"
    assert one(t, indicator="years_schooling")["kind"] == "actual"  # 主要 is no 要
    assert one(t, indicator="senior_ger")["kind"] == "target"


def test_a_plans_review_of_its_baseline_year_is_actual(tmp_path):
    # shape of the 甘肃 十一五 plan (tests/extract/corpus, i11): 到2005年 in a plan for 2006–2010 is
    # its baseline, reached; 小学和初中学龄儿童入学率 names two rates
    text = ("甘肃省“十一五”教育事业发展规划\n（一）发展成就\n“十五”期间，到2005年，"
            "小学和初中学龄儿童入学率分别达到98.87%和83.39%。到2010年，初中阶段毛入学率达到95%。\n")
    t = rows(tmp_path, text, region="620000")
    assert one(t, indicator="primary_ner")["kind"] == "actual"
    assert one(t, indicator="junior_ger", year=2005)["kind"] == "actual"
    assert one(t, indicator="junior_ger", year=2010)["kind"] == "target"


def test_last_year_counts_from_the_date_a_news_item_was_written_not_the_bulletins_year(tmp_path):
    # shape of the 郑州日报 item of 2025-05-20 on the 2024 bulletin (tests/extract/corpus, k11)
    text = ("《2024年郑州市教育事业发展统计公报》发布\n发布时间：2025-05-20\n"
            "本报讯 昨日，《2024年郑州市教育事业发展统计公报》发布，去年一年，全市共有各级各类学校3767所。\n")
    t = rows(tmp_path, text, region="410100")
    assert one(t, indicator="school_count")["year"] == 2024


def test_a_work_reports_goal_for_its_own_year_is_a_target(tmp_path):
    # 2024年，全区…要达到93% in the 2024 report: what it is to reach, not what it reached
    text = "2024年崆峒区政府工作报告\n过去一年，全区学前三年毛入园率达到92%。\n2024年，全区学前三年毛入园率要达到93%。"
    t = rows(tmp_path, text, region=REGION)
    assert sorted(zip(t["year"], t["kind"], t["value"])) == [(2023, "actual", 92), (2024, "target", 93)]


def test_a_reach_verb_with_its_own_value_makes_no_later_value_a_goal(tmp_path):
    # shape of a county's news digest (tests/extract/corpus, zf08): 提升至104.41% is that rate's, the
    # 本科上线率 after it is what the exams gave
    text = "2025年共和县学前教育毛入园率达103%,高中阶段完成率提升至104.41%[3] - 2025年共和县本科上线率55.3%。"
    t = rows(tmp_path, text, region="632521")
    assert sorted(zip(t["indicator"], t["kind"])) == [("gaokao_bachelor_rate", "actual"), ("preschool_ger", "actual")]
    goal = rows(tmp_path, "2025年，全县力争本科上线率提升至56%。", region="632521")
    assert list(goal["kind"]) == ["target"]


def test_the_value_reached_against_a_goal_is_an_actual_of_the_same_indicator(tmp_path):
    # shape of a county bureau's self-check report (tests/extract/corpus, zf05)
    text = "2019年普惠性幼儿园覆盖率全年任务目标数是78.9%,实际已完成95.31%,完成率为120.80%。"
    t = rows(tmp_path, text, region="430424")
    assert sorted(zip(t["indicator"], t["kind"], t["value"])) == [
        ("preschool_inclusive_share", "actual", 95.31), ("preschool_inclusive_share", "target", 78.9)]


def test_a_plans_period_in_its_title_makes_its_figures_goals_not_its_last_years_actuals(tmp_path):
    # shape of a city's news item on its plan (tests/extract/corpus zn01, 赣州, 2014): the title's
    # (2014-2020年) is the plan's period, not the year its figures are of
    text = ("赣州市出台教育改革发展试验区建设实施方案(2014-2020年)\n"
            "具体阶段目标为:第一阶段(2014-2018年):用三至五年时间,逐步缩小差距。"
            "基本普及学前两年教育,学前三年毛入园率达到80%以上,义务教育巩固率达到94%。\n")
    t = rows(tmp_path, text, region="360700")
    assert set(zip(t["year"], t["kind"])) == {(2018, "target")}
    # with no figure year, a plan's figure is of the year before its period
    t = rows(tmp_path, "某县学前教育三年行动计划（2021—2023年）\n全县学前三年毛入园率为88%。\n", region=REGION)
    assert (one(t)["year"], one(t)["kind"]) == (2020, "actual")


def test_a_review_of_a_plan_is_no_plan():
    from edueval.extract.years import plan_of_document

    assert plan_of_document("某县学前教育三年行动计划（2011—2013年）实施情况总结", "") is None
    assert plan_of_document("贯彻落实《某县学前教育三年行动计划（2011—2013年）》", "") is None
    assert plan_of_document("某县学前教育三年行动计划（2011—2013年）", "") == (2011, 2013)
    assert plan_of_document("某县“十四五”教育事业发展规划中期评估报告", "") is None
    assert plan_of_document("关于某县“十四五”教育发展规划实施情况的报告", "") is None
    assert plan_of_document("某县“十四五”教育事业发展规划", "") == (2021, 2025)
    # a prose paragraph among the first lines that names a plan tells of it (tests/extract/corpus s07, f02)
    prose = "2024年是实现“十四五”规划目标任务的关键一年,全县教育持续发力。\n一、学前教育\n"
    assert plan_of_document("", prose) is None
    assert plan_of_document("", "某县“十四五”教育事业发展规划\n一、发展基础\n") == (2021, 2025)


@pytest.mark.parametrize("sentence", [
    "到2020年,全县学前三年毛入园率已达到90%。",
    "截至2020年,全县学前三年毛入园率提高到90%。",
    "到2020年底,全县学前三年毛入园率均已提高到90%。",
])
def test_a_value_reached_by_a_date_is_measured_even_in_an_undated_text(tmp_path, sentence):
    t = rows(tmp_path, sentence, region=REGION)
    assert (one(t)["kind"], one(t)["year"]) == ("actual", 2020)


@pytest.mark.parametrize("sentence", [
    "到2025年,全县学前三年毛入园率将达到95%。",
    "力争到2025年学前三年毛入园率已达到95%。",
    "到2025年,全县实现学前三年毛入园率达到95%的目标。",
])
def test_a_goal_stays_a_goal(tmp_path, sentence):
    assert one(rows(tmp_path, sentence, region=REGION))["kind"] == "target"


def test_a_year_and_a_plain_reach_verb_report_in_a_text_with_no_date_and_no_plan(tmp_path):
    # in the corpus's undated dev documents every value after 提高到 / 提升到 is measured (16 of 16)
    t = rows(tmp_path, "2020年,全县学前三年毛入园率提高到90%。", region=REGION)
    assert one(t)["kind"] == "actual"
    # a date after the year, a plan, or 到2020年 keep it a goal
    t = rows(tmp_path, "崆峒区教育工作会议\n发布时间：2019-03-01\n2020年,全区学前三年毛入园率提高到90%。", region=REGION)
    assert one(t)["kind"] == "target"
    t = rows(tmp_path, "某县教育事业发展“十四五”规划\n2025年,全县学前三年毛入园率提高到95%。", region=REGION)
    assert one(t)["kind"] == "target"


@pytest.mark.parametrize("sentence", [
    "2023年全区学前三年毛入园率达到92%,到2025年达到95%。",
    "2023年,全区学前三年毛入园率达到92%;2025年,力争达到95%。",
])
def test_a_clause_of_a_later_year_goes_on_with_the_indicator_valued_before(tmp_path, sentence):
    t = rows(tmp_path, "崆峒区教育工作会议\n发布时间：2024-01-10\n" + sentence, region=REGION)
    assert sorted(zip(t["year"], t["kind"], t["value"])) == [(2023, "actual", 92), (2025, "target", 95)]


def test_a_year_before_the_page_was_written_is_past_though_after_its_titles_year(tmp_path):
    # shape of a copy-site page (tests/extract/corpus zi09): a spam title of 2014, the page dated 2018
    from edueval.extract.metadata import DocumentMeta

    path = tmp_path / "page.txt"
    path.write_text("纳溪区2014年危房改造有补贴吗\n到2015年,全区幼儿园57所,比2010年增加12所。\n", encoding="utf-8")
    result = extract_paths([path], region="510503", metadata={"page": DocumentMeta(date="2018-08-19")})
    assert one(result.table())["kind"] == "actual"
    # a page written in March 2020 on the figures of 2019 still aims at 2020
    path.write_text("2019年全国教育事业发展情况\n2020年,义务教育巩固率达到95%,这是规划提出的约束性目标。\n",
                    encoding="utf-8")
    result = extract_paths([path], region="000000", metadata={"page": DocumentMeta(date="2020-03-01")})
    assert one(result.table(), year=2020)["kind"] == "target"


@pytest.mark.parametrize(("sentence", "year", "kind"), [
    # a year-end summary written in 2024: the goal words belong to other clauses
    ("围绕建设教育强区目标,2023年全区学前三年毛入园率达到92%。", 2023, "actual"),
    ("2023年,全区完成了年度目标任务,学前三年毛入园率达到92%。", 2023, "actual"),
    ("为确保教育质量,2023年全区学前三年毛入园率达到92%。", 2023, "actual"),
    ("2023年,全区争取资金3亿元,学前三年毛入园率达到92%。", 2023, "actual"),
    ("2023年,围绕预期目标,全区义务教育巩固率达到99%。", 2023, "actual"),
    # while a goal word still sets a goal for a later year
    ("力争到2025年,全区学前三年毛入园率达到95%。", 2025, "target"),
    ("围绕建设教育强区目标,到2025年全区学前三年毛入园率达到95%。", 2025, "target"),
    ("2025年,全区力争学前三年毛入园率达到95%。", 2025, "target"),
])
def test_a_goal_word_of_another_clause_makes_no_past_years_value_a_goal(tmp_path, sentence, year, kind):
    t = rows(tmp_path, "崆峒区教育工作总结\n发布时间：2024-01-10\n" + sentence, region=REGION)
    assert (one(t)["year"], one(t)["kind"]) == (year, kind)


def test_an_expected_value_takes_the_year_it_names(tmp_path):
    head = "崆峒区教育工作总结\n发布时间：2024-01-10\n"
    t = rows(tmp_path, head + "2023年,全区学前三年毛入园率预计达到92%。", region=REGION)
    assert (one(t)["year"], one(t)["kind"]) == (2023, "actual")  # an estimate of a year already ended
    t = rows(tmp_path, head + "全区学前三年毛入园率预计明年达到94%。", region=REGION)
    assert (one(t)["year"], one(t)["kind"]) == (2025, "target")


def test_what_will_be_reached_this_year_is_a_goal(tmp_path):
    # shape of a news title (tests/extract/corpus zv05): 今年学前三年毛入园率将达84%, on a page of 2018-02-05
    t = rows(tmp_path, "河北:今年学前三年毛入园率将达84%\n\n2018-02-05 16:55:12 来源:人民网\n\n全省教育事业稳步发展。",
             region="130000")
    assert list(zip(t["year"], t["kind"], t["value"])) == [(2018, "target", 84.0)]


def test_a_goal_word_that_says_the_goal_was_met_makes_no_target(tmp_path):
    # shape of a city plan's baseline (tests/extract/corpus r01): 阶段性目标完成，…毛入学率达92.3% reports
    # what the last plan reached; 力争 in the plan's own goals keeps its target
    text = ("荆州市教育事业发展“十四五”规划\n\n（一）发展基础\n\n高中阶段教育普及攻坚阶段性目标完成,高中阶段教育毛入学率达92.3%。\n\n"
            "（二）主要目标\n\n到2025年,高中阶段教育毛入学率力争达到95%。")
    t = rows(tmp_path, text, region="421000")
    assert sorted(zip(t["kind"], t["value"])) == [("actual", 92.3), ("target", 95.0)]


def test_a_value_that_stands_now_is_measured_not_a_goal_of_the_period_named_before(tmp_path):
    # shape of a district's report (tests/extract/corpus s07): 十四五期间 plans earlier in the paragraph,
    # then 目前 and the count of today
    t = rows(tmp_path, "崆峒区学前教育发展座谈会\n发布时间：2022-01-02\n"
             "区里将学前教育纳入“十四五”教育发展规划,“十四五”期间计划增加学位1.1万个;新增公办幼儿园25所。"
             "目前,全区共有幼儿园89所,其中公办幼儿园17所。", region=REGION)
    row = one(t, indicator="school_count", value=89)
    assert (row["year"], row["kind"]) == (2022, "actual") and "目前" in row["note"]
    # a goal word in the clause keeps the goal: 目前…力争达到
    t = rows(tmp_path, "崆峒区学前教育发展座谈会\n发布时间：2022-01-02\n"
             "“十四五”期间,全区将扩大学前教育资源。目前全区正在推进,力争学前三年毛入园率达到95%。", region=REGION)
    assert one(t, indicator="preschool_ger")["kind"] == "target"


def test_a_titles_year_after_the_document_was_written_is_a_goals_not_its_reference_year():
    from edueval.extract.dating import reference_year

    title = "“十四五”期间某省教育怎么干? 到2025年九年义务教育巩固率超过97%"
    assert reference_year(title, "正文\n", "2022-04-26")[0] == 2022
    assert reference_year("2021年某县国民经济和社会发展统计公报", "正文\n", "2022-03-01")[0] == 2021


def test_the_goal_year_a_title_names():
    from edueval.extract.dating import goal_year

    assert goal_year("区教体局2020年工作计划", None)[0] == 2020
    assert goal_year("某县教育局2021年工作要点", "2021-02-01")[0] == 2021
    assert goal_year("四川教育“十三五”规划公布 到2020年建成教育强省", "2017-09-13")[0] == 2020
    # a plan of work for a year already past, a summary, or a title's 到 year before the writing: no goals
    assert goal_year("某县教育局2019年工作计划", "2021-05-01")[0] is None
    assert goal_year("某县教育局2020年工作总结", "2021-01-05")[0] is None
    assert goal_year("到2020年全县学前三年毛入园率达到90%", "2021-06-01")[0] is None


def test_undated_figures_of_a_years_plan_of_work_are_its_goals(tmp_path):
    # shape of a district bureau's plan (tests/extract/corpus zz02)
    t = rows(tmp_path, "区教体局2020年工作计划\n一、重点工作\n5.深入开展小区配套园治理,学前三年毛入园率达到95%,"
             "公办园在园幼儿占比达到53%。\n", region=REGION)
    assert set(zip(t["indicator"], t["year"], t["kind"])) == {
        ("preschool_ger", 2020, "target"), ("preschool_public_share", 2020, "target")}
    assert "plan of work" in one(t, indicator="preschool_ger")["note"]


@pytest.mark.parametrize(("date", "sentence", "kind"), [
    # a work meeting of March sets the year's goals (tests/extract/corpus zw05)
    ("2015-03-20", "通过努力奋斗,实现学前教育毛入园率达97%以上。", "target"),
    # 已 says it was reached, and a page of the autumn can report the year's rate
    ("2015-03-20", "学前教育毛入园率已达到97%。", "actual"),
    ("2015-10-20", "通过努力奋斗,实现学前教育毛入园率达97%以上。", "actual"),
])
def test_a_rate_its_own_year_reaches_written_early_in_that_year_is_a_goal(tmp_path, date, sentence, kind):
    text = f"崆峒区教育工作会议\n发布时间：{date}\n会上安排部署了2015年教育工作,要重点做好八个方面的工作。{sentence}\n"
    assert one(rows(tmp_path, text, region=REGION), indicator="preschool_ger")["kind"] == kind


def test_the_year_of_an_aside_with_its_own_figure_dates_that_figure_only(tmp_path):
    # shape of a national plan item (tests/extract/corpus yb06)
    text = ("关于基础教育扩优提质行动计划的意见\n发布时间：2023-08-10\n意见提出,到2027年,学前教育阶段,公办园在园幼儿占比"
            "力争达到60%以上(2022年为54%);特殊教育方面,适龄残疾儿童义务教育入学率保持在97%以上。")
    row = one(rows(tmp_path, text, region="000000"), indicator="special_enrolment")
    assert (row["year"], row["kind"]) == (2027, "target")


def test_a_work_reports_section_of_the_years_plan_gives_goals_and_its_review_measures(tmp_path):
    # the shape of a county government's work report: the year before reviewed, then the year's tasks
    text = ("2024年崆峒区人民政府工作报告\n一、2023年工作回顾\n"
            "过去一年,我们坚持教育优先发展,学前三年毛入园率达91%,义务教育巩固率达96.8%。\n"
            "二、2024年工作安排\n(一)优先发展教育事业\n学前三年毛入园率保持在92%以上,普惠性幼儿园覆盖率达到90%。\n"
            "三、加强政府自身建设\n全区义务教育巩固率达到97%。\n")
    t = rows(tmp_path, text, region=REGION)
    got = set(zip(t["indicator"], t["year"], t["kind"], t["value"]))
    assert {("preschool_ger", 2023, "actual", 91), ("compulsory_retention", 2023, "actual", 96.8),
            ("preschool_ger", 2024, "target", 92), ("preschool_inclusive_share", 2024, "target", 90)} <= got
    # the next top heading closes the plan's section
    assert ("compulsory_retention", 2024, "target", 97) not in got


def test_the_sections_of_a_years_plan_of_work():
    from edueval.extract.dating import section_years, work_report_year

    def years(paragraphs, written, plan_end=None):
        return [(s.year, s.goal) if s else None for s in section_years(paragraphs, written, plan_end)]

    assert work_report_year("2024年崆峒区人民政府工作报告") == 2024
    assert work_report_year("沙依巴克区人民政府2022年履行教育职责工作报告") is None
    prose = ("全区学前三年毛入园率达91%。", False)
    paragraphs = [("一、2023年工作回顾", True), prose, ("二、2024年工作安排", True), ("(一)优先发展教育事业", True),
                  prose, ("三、其他", True), prose]
    assert years(paragraphs, 2024) == [(2023, False), (2023, False), (2024, True), (2024, True), (2024, True),
                                       None, None]
    # 今年 counts from the year the document was written; a plan of a past year is no goal
    assert years([("今年工作打算", True), prose], 2024) == [(2024, True), (2024, True)]
    assert years([("2019年工作计划", True), prose], 2024) == [None, None]
    # a plan's section of goals opens on its last year, also as a paragraph's label
    assert years([("一、发展基础", True), prose, ("主要目标:到2022年,…", False), prose], None, 2025) == \
        [None, None, (2025, True), (2025, True)]
    # a review of the year before the writing, of a period, or of two years at once
    assert years([("一、过去一年工作回顾", True), prose], 2024) == [(2023, False), (2023, False)]
    assert years([("(一)十二五期间取得的成效", True), prose], 2018) == [(2015, False), (2015, False)]
    assert years([("一、2022年工作总结和2023年工作计划", True), prose], 2023) == [None, None]
    # a report's 重点工作 of its year sets goals; how the year's 重点工作 went is a review
    assert years([("二、2024年重点工作", True), prose], 2024) == [(2024, True), (2024, True)]
    assert years([("一、2023年重点工作完成情况", True), prose], 2024) == [(2023, False), (2023, False)]


def test_a_title_reporting_how_a_years_plan_went_sets_no_goals():
    from edueval.extract.dating import goal_year

    assert goal_year("2024年全县教育重点工作", "2024-02-01")[0] == 2024
    assert goal_year("2023年全县教育重点工作完成情况", "2023-12-20")[0] is None


def test_a_work_reports_review_section_dates_its_figures_to_the_year_it_reviews(tmp_path):
    # a report with no year in its title, given on the date under it: its review is of the year its
    # heading names, its plan of work of the next (rates and exam results alike)
    text = ("政府工作报告\n——2023年1月12日在崆峒区第十八届人民代表大会第三次会议上\n区长 王明\n"
            "一、2022年工作回顾\n教育事业优先发展。学前三年毛入园率达到91.2%，高考本科上线率达到46.8%，"
            "比上年提高3.2个百分点。\n二、2023年工作安排\n办好人民满意的教育。学前三年毛入园率达到92%以上。\n")
    t = rows(tmp_path, text, region=REGION)
    got = set(zip(t["indicator"], t["year"], t["kind"], t["value"]))
    assert {("preschool_ger", 2022, "actual", 91.2), ("gaokao_bachelor_rate", 2022, "actual", 46.8),
            ("gaokao_bachelor_rate", 2022, "change", 3.2), ("preschool_ger", 2023, "target", 92)} == got
    assert one(t, indicator="gaokao_bachelor_rate", kind="change")["base_year"] == 2021


def test_exam_results_in_a_document_written_before_the_gaokao_are_the_year_befores(tmp_path):
    # the gaokao is sat in June: a February page's undated pass rate is of the last summer's exam
    text = "崆峒区教育工作会议召开\n发布时间：2023-02-20\n会议指出，全区高考本科上线率达到52.3%。\n"
    assert one(rows(tmp_path, text, region=REGION), indicator="gaokao_bachelor_rate")["year"] == 2022
    # in its own summer the page reports that year's exam
    summer = text.replace("2023-02-20", "2023-07-10")
    assert one(rows(tmp_path, summer, region=REGION), indicator="gaokao_bachelor_rate")["year"] == 2023


def test_a_deadline_year_followed_by_what_the_place_has_is_the_date_a_stock_stands_at(tmp_path):
    # an encyclopedia page with no date: 至2010年底 dates its stocks and the rate after them
    text = "崆峒区 - 百科\n教育\n至2010年底,全区有小学98所,在校生3.8万人;幼儿园32所。适龄儿童入学率达99.8%。\n"
    t = rows(tmp_path, text, region=REGION)
    assert set(t["kind"]) == {"actual"} and set(t["year"]) == {2010}
    # a plan's 到2025年 still sets goals
    t = rows(tmp_path, "崆峒区教育规划\n到2025年,全区学前三年毛入园率达到95%。\n", region=REGION)
    assert one(t)["kind"] == "target"


def test_the_first_value_of_a_from_to_over_a_span_of_past_years_is_of_the_year_it_began_from(tmp_path):
    text = ("崆峒区教育工作会议\n发布时间：2024-01-20\n2023年,过去五年,全区高中阶段毛入学率由88.5%提高到94.2%,"
            "四十年来,小学学龄儿童入学率从60%提高到99.9%。\n")
    t = rows(tmp_path, text, region=REGION)
    assert set(zip(t["indicator"], t["year"], t["value"])) == {
        ("senior_ger", 2018, 88.5), ("senior_ger", 2023, 94.2), ("primary_ner", 1983, 60), ("primary_ner", 2023, 99.9)}


def test_a_plans_goals_for_two_years_and_its_section_of_goals(tmp_path):
    text = ("崆峒区学前教育发展提升行动计划(2021—2025年)\n一、发展基础\n全区学前三年毛入园率为88%。\n二、发展目标\n"
            "主要目标:到2022年,全区学前三年毛入园率达到92%,普惠性幼儿园覆盖率达到85%;到2025年分别达到95%和90%。\n"
            "九年义务教育巩固率达到97%。\n三、主要措施\n")
    t = rows(tmp_path, text, region=REGION)
    assert set(zip(t["indicator"], t["year"], t["kind"], t["value"])) == {
        ("preschool_ger", 2020, "actual", 88), ("preschool_ger", 2022, "target", 92),
        ("preschool_inclusive_share", 2022, "target", 85), ("preschool_ger", 2025, "target", 95),
        ("preschool_inclusive_share", 2025, "target", 90), ("compulsory_retention", 2025, "target", 97)}


def test_a_paragraph_a_colon_introduces_takes_the_introducing_paragraphs_year(tmp_path):
    # shape of a city's news on its work report (tests/extract/corpus zz07)
    text = ("两会上的那些民生事儿\n发布时间：2020-01-15\n在市长所作的政府工作报告中,2020年持续保障和改善民生,仍是浓墨重彩的一笔,"
            "也是持续提高群众幸福指数的关键:\n优先发展教育事业,新建公办幼儿园19所,普惠性幼儿园覆盖率达80%;"
            "确保高中阶段毛入学率在90%以上。\n")
    t = rows(tmp_path, text, region=REGION)
    assert set(zip(t["indicator"], t["year"], t["kind"])) == {
        ("preschool_inclusive_share", 2020, "target"), ("senior_ger", 2020, "target")}


def test_the_end_of_a_plan_period_reached_to_is_a_goals_year(tmp_path):
    # 到“十四五”末 is 到2025年: in a text with no date the goal stays a goal; a later period's end in the
    # next clause goes on with the same indicator
    t = rows(tmp_path, "到“十四五”末，全区九年义务教育巩固率保持在97%以上。", region=REGION)
    assert (one(t)["year"], one(t)["kind"]) == (2025, "target")
    t = rows(tmp_path, "到“十四五”末，全区学前三年毛入园率达到92%，到“十五五”末提高到95%。", region=REGION)
    assert sorted(zip(t["year"], t["kind"], t["value"])) == [(2025, "target", 92), (2030, "target", 95)]


def test_years_listed_before_one_name_each_take_a_value_of_its_fenbie_list(tmp_path):
    text = "崆峒区教育局\n发布时间：2022-05-01\n到2023年和2025年，全区学前三年毛入园率分别达到90%和95%以上。"
    t = rows(tmp_path, text, region=REGION)
    assert sorted(zip(t["year"], t["kind"], t["value"], t["qualifier"])) == [
        (2023, "target", 90, ">="), (2025, "target", 95, ">=")]
    t = rows(tmp_path, "2021年、2022年，全区学前三年毛入园率分别为88%、90%。", region=REGION)
    assert sorted(zip(t["year"], t["kind"], t["value"])) == [(2021, "actual", 88), (2022, "actual", 90)]


def test_a_plan_title_copied_with_a_blank_or_named_a_scheme_is_a_plan():
    from edueval.extract.years import plan_of_document

    # tests/extract/corpus yf01: 柳州市“十四五”特殊 教育發展提升行動計劃實施方案
    assert plan_of_document("柳州市“十四五”特殊 教育发展提升行动计划实施方案", "") == (2021, 2025)
    assert plan_of_document("某县“十四五”学前教育发展提升实施方案", "") == (2021, 2025)


def test_the_year_a_from_to_starts_from_dates_its_first_value_only(tmp_path):
    # a work report's five years in review: the values after the from–to are of the year it reviews
    text = ("2022年崆峒区人民政府工作报告\n一、过去五年工作回顾\n学前三年毛入园率由2016年的76.5%提高到93.2%，"
            "九年义务教育巩固率达到97.6%。\n")
    t = rows(tmp_path, text, region=REGION)
    assert sorted(zip(t["indicator"], t["year"], t["value"])) == [
        ("compulsory_retention", 2021, 97.6), ("preschool_ger", 2016, 76.5), ("preschool_ger", 2021, 93.2)]


def test_next_year_inside_a_clause_is_a_goals_year(tmp_path):
    # tests/extract/corpus ye08's title: 新疆明年公辦園在園幼兒占比將達50%, on a page of 2019
    text = "新疆明年公办园在园幼儿占比将达50%\n发布时间：2019-10-21\n正文。\n"
    assert one(rows(tmp_path, text, region="650000"))[["year", "kind"]].tolist() == [2020, "target"]
    # 预计今年 is the expected value's, read by its own rule, and dates nothing after it
    text = ("发布时间：2020-03-01\n崆峒区：高中阶段毛入学率从89.83%提高到92.95%，预计今年可达95%以上；"
            "人均受教育年限从9.89年提高到11.05年。")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="years_schooling", value=11.05)["year"] == 2019
