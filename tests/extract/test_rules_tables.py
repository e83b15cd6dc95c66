"""The reader of flattened tables (src/edueval/extract/rules_tables.py): pipes, one cell per line
with group headers, whitespace columns, transposed tables and year columns; on tables written here."""
from __future__ import annotations

import pytest

from edueval.extract import extract_paths
from edueval.extract.rules_tables import read_label

from .extraction import one, rows, write

REGION = "620802"


def test_cell_per_line_table_with_group_headers_units_and_changes(tmp_path):
    header = ["指标", "招生人数", "在校生人数", "绝对数", "比上年", "绝对数", "比上年",
              "(万人)", "增长(%)", "(万人)", "增长(%)"]
    body = ["普通小学", "3.1", "2.0", "20.5", "-1.5", "成人高等教育", "1.1", "4.0", "3.3", "2.2",
            "初中", "2.8", "0.7", "9.6", "3.4"]
    lines = ["某市2023年教育事业统计", "2023年各级学校招生和在校生人数"]
    for cell in header + body:
        lines += [cell, "|"]
    t = rows(tmp_path, "\n".join(lines), region=REGION)
    assert one(t, indicator="student_count", school_level="primary", kind="actual")["value"] == 205000
    change = one(t, indicator="student_count", school_level="junior", kind="change")
    assert change["value"] == pytest.approx(3.4) and change["base_year"] == 2022 and change["unit"] == "%"
    assert one(t, indicator="student_count", school_level="primary", kind="change")["value"] == pytest.approx(-1.5)
    assert set(t["year"]) == {2023}
    # 成人高等教育 is no contract level and an intake (招生) is no stock
    assert set(t["school_level"]) == {"primary", "junior"} and len(t) == 4


def test_markdown_table_takes_level_from_the_row_and_year_from_the_caption(tmp_path):
    text = ("某县学校概况\n表1 学校数量(2021年)\n| 类别 | 学校数(所) | 专任教师(人) | 说明 |\n|---|---|---|---|\n"
            "| 幼儿园 | 41 | 530 | 含民办 |\n| 小学 | 27 | 1,204 | 2所新建 |\n| 高职院校 | 2 | 310 | |\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count", school_level="preschool")["value"] == 41
    assert one(t, indicator="teacher_count", school_level="primary")["value"] == 1204
    assert set(t["year"]) == {2021}
    assert "higher" not in set(t["school_level"])  # 高职院校 is no level word


def test_digits_inside_a_count_of_the_caption_are_no_year(tmp_path):
    # a bureau page's prose above its table: 在园幼儿12035人 holds 2035, which is no year of the table
    text = ("崆峒区教育概况\n发布时间：2023-03-08\n2022年全区在园幼儿12035人。\n"
            "学校类型 学校数（所） 在校生（人） 专任教师（人）\n小学 72 25012 1580\n初中 12 12356 980\n")
    t = rows(tmp_path, text, region=REGION)
    cells = t[t["quote"].str.startswith(("小学 ", "初中 "))]
    assert len(cells) == 6 and set(cells["year"]) == {2022} and set(cells["kind"]) == {"actual"}


def test_key_value_rows_read_the_label_alone_with_its_qualifier(tmp_path):
    text = "某县2022年教育数据表\n项目 | 数值 |\n学校总数(所) | 90+ |\n在校学生人数(人) | 约3.5万 |\n教职工人数(人) | 2100 |\n"
    t = rows(tmp_path, text, region=REGION)
    total = one(t, indicator="school_count")
    assert total["value"] == 90 and total["qualifier"] == ">" and total["school_level"] == "all"
    pupils = one(t, indicator="student_count")
    assert pupils["value"] == 35000 and pupils["qualifier"] == "~"
    assert "2100" not in " ".join(t["quote"])  # 教职工 is no row


def test_transposed_whitespace_table_with_levels_as_columns(tmp_path):
    text = ("某区2020年各级学校基本情况\n"
            "项目        小学      初中      普通高中\n"
            "学校数      12        6         2\n"
            "在校学生数  8650      4120      2300\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count", school_level="junior")["value"] == 6
    assert one(t, indicator="student_count", school_level="senior")["value"] == 2300
    assert len(t) == 6 and set(t["year"]) == {2020}


def test_year_columns_give_each_cell_its_year(tmp_path):
    text = ("某县近三年教育发展\n| 指标 | 2019年 | 2020年 | 2021年 |\n| 学前三年毛入园率(%) | 88.5 | 90.1 | 92.4 |\n"
            "| 小学学校数(所) | 30 | 28 | 27 |\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="preschool_ger", year=2020)["value"] == pytest.approx(90.1)
    assert one(t, indicator="school_count", year=2021)["value"] == 27
    assert one(t, indicator="school_count", year=2019)["school_level"] == "primary"


def test_a_pipe_row_that_ends_early_keeps_its_cells_in_place_and_invents_none(tmp_path):
    # an empty cell inside a pipe row stays a cell (| 初中 | | 4000 |), so a short row lacks its last cells
    text = ("某县2021年学校\n| 类别 | 学校数 | 在校生 | 专任教师 |\n| 小学 | 20 | 9000 | 700 |\n| 初中 | 8 | 4100 |\n"
            "| 高中 | | 3000 | 260 |\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count", school_level="primary")["value"] == 20
    assert one(t, indicator="school_count", school_level="junior")["value"] == 8
    assert one(t, indicator="student_count", school_level="junior")["value"] == 4100
    assert not ((t["school_level"] == "junior") & (t["indicator"] == "teacher_count")).any()
    assert one(t, indicator="student_count", school_level="senior")["value"] == 3000
    assert not ((t["school_level"] == "senior") & (t["indicator"] == "school_count")).any()


@pytest.mark.parametrize("label, code, level", [
    ("中等职业学校", None, "vocational"), ("普通高等教育", None, "higher"), ("成人高等教育", None, "?"),
    ("小学学校数", "school_count", "primary"), ("在校(学)人数", "student_count", None),
    ("幼儿园数量(所)", "school_count", "preschool"), ("教职工人数(人)", "-", None),
    ("小  学", None, "primary"), ("#普通高中", None, "senior"), ("其中：初中", None, "junior"),
    ("2.特殊教育学校", None, "special"),
    # the schools of 各类学校 / 各级各类学校 say whose pupils; 各类学校数 counts the schools
    ("四、各类学校在校生人数", "student_count", None), ("各级各类学校在校生", "student_count", "all"),
    ("各类学校毕业人数", "-", None), ("普通高中学校数", "school_count", "senior"),
])
def test_labels_say_what_and_which_level(label, code, level):
    got = read_label(label)
    assert (got.code, got.level) == (code, level)


def test_a_page_in_two_columns_is_read_column_by_column(tmp_path):
    # each line holds a piece of the left column (the region's economy) and of the right one
    # (its schools); read line by line, 小学 would be cut from 学校数
    left = ["全年地区生产总值增长百分之五", "其中第一产业增加值二十亿元", "第二产业增加值一百亿元",
            "第三产业增加值二百亿元", "全年固定资产投资同比增长", "社会消费品零售总额增长"]
    right = ["教育 2021年末全区有小学", "学校数 31 所,在校学生数 1", "8450 人。幼儿园学校数 22 所",
             ",在校学生数 5120 人。普通中", "学学校数 3 所,在校学生数 ", "2100 人。"]
    text = "某区年鉴\n" + "\n".join(f"    {a}{' ' * (34 - 2 * len(a))}    {b}" for a, b in zip(left, right))
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count", school_level="primary")["value"] == 31
    assert one(t, indicator="student_count", school_level="primary")["value"] == 18450
    assert one(t, indicator="student_count", school_level="preschool")["value"] == 5120
    # pupils of 普通中学 (no contract level) are no row, and not those of the kindergartens before
    assert 2100 not in set(t["value"])
    assert all(q and q in text.replace("\n", " ") for q in t["quote"])


def test_prose_with_double_spaces_is_not_taken_for_columns():
    from edueval.extract.columns import column_order

    assert column_order("2021年全区有小学  31所。\n在校学生  18450人。\n") is None


def test_caption_names_what_is_counted_and_its_unit_when_the_columns_are_years(tmp_path):
    text = ("某县教育统计\n各级学校在校生数(单位:万人)\n| | 2020年 | 2021年 |\n|---|---|---|\n"
            "| 小学 | 1.25 | 1.31 |\n| 初中 | 0.62 | 0.64 |\n| 合计 | — | 1.95 |\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="student_count", school_level="junior", year=2021)["value"] == 6400
    assert one(t, indicator="student_count", school_level="primary", year=2020)["value"] == 12500
    # the 合计 row is the total of all levels; a dash is no value
    assert one(t, school_level="all")["value"] == 19500 and len(t) == 5


def test_whitespace_table_whose_header_has_no_stub_and_a_row_a_cell_short(tmp_path):
    text = ("某县2019年各级教育基本情况\n"
            "            学校数(所)    在校生(人)    专任教师(人)\n"
            "小学        24            9120          610\n"
            "初中        9             4380          402\n"
            "特殊教育学校  1             86\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="teacher_count", school_level="junior")["value"] == 402
    assert one(t, indicator="student_count", school_level="primary")["value"] == 9120
    # the short row's values sit under 学校数 and 在校生: it has no teacher figure
    assert one(t, indicator="student_count", school_level="special")["value"] == 86
    assert one(t, indicator="school_count", school_level="special")["value"] == 1
    assert len(t) == 8


def test_pipe_table_with_a_unit_row_under_its_header_and_levels_as_columns(tmp_path):
    text = ("某区2022年教育基本情况\n| 项目 | 小学 | 初中 |\n| | (所/人) | (所/人) |\n| 学校数 | 14 | 5 |\n"
            "| 在校生 | 1.02万 | 4380 |\n| 说明 | 含教学点 | 含九年一贯制 |\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count", school_level="primary")["value"] == 14
    assert one(t, indicator="student_count", school_level="primary")["value"] == 10200
    assert one(t, indicator="student_count", school_level="junior")["value"] == 4380
    assert len(t) == 4


@pytest.mark.parametrize("body", [
    # header cells on lines of their own, then a level and its values per row
    ["学校数(所)", "在校生(人)", "专任教师(人)", "小学", "16", "7240", "455", "初中", "6", "3310", "290"],
    # label and value on alternate lines
    ["小学学校数(所)", "16", "小学在校生(人)", "7240", "小学专任教师(人)", "455", "初中学校数(所)", "6",
     "初中在校生(人)", "3310", "初中专任教师(人)", "290"],
])
def test_one_cell_per_line_with_the_header_before_or_beside_each_value(tmp_path, body):
    t = rows(tmp_path, "某县2020年教育基本情况\n" + "\n".join(body) + "\n", region=REGION)
    assert one(t, indicator="student_count", school_level="junior")["value"] == 3310
    assert one(t, indicator="teacher_count", school_level="primary")["value"] == 455
    assert len(t) == 6 and set(t["year"]) == {2020}


def test_yearbook_labels_spread_over_their_column(tmp_path):
    text = ("某县2018年教育统计\n"
            "项    目      学校数(所)    在校生(人)\n"
            "小    学      16            7240\n"
            "初    中      6             3310\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="school_count", school_level="primary")["value"] == 16
    assert one(t, indicator="student_count", school_level="junior")["value"] == 3310
    assert len(t) == 4


def test_a_plan_tables_baseline_and_goal_columns(tmp_path):
    text = ("某区“十四五”教育发展规划\n主要目标\n| 指标 | 2020年基数 | 2025年目标 | 属性 |\n|---|---|---|---|\n"
            "| 学前三年毛入园率(%) | 91.2 | 95 | 预期性 |\n| 高中阶段毛入学率(%) | 90.1 | 93以上 | 约束性 |\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, indicator="preschool_ger", year=2020)[["kind", "value"]].tolist() == ["actual", 91.2]
    goal = one(t, indicator="senior_ger", year=2025)
    assert (goal["kind"], goal["value"], goal["qualifier"]) == ("target", 93, ">=")
    assert len(t) == 4


def test_a_goal_column_of_a_past_year_stays_a_target(tmp_path):
    # a review written after the plan ended: 2020年目标 beside 2020年实际值
    text = ("某区“十三五”教育规划实施情况（2021年3月）\n| 指标 | 2020年目标 | 2020年实际值 |\n|---|---|---|\n"
            "| 学前三年毛入园率(%) | 90 | 92.4 |\n")
    t = rows(tmp_path, text, region=REGION)
    assert one(t, value=90)["kind"] == "target" and one(t, value=92.4)["kind"] == "actual"


def test_a_docx_table_read_as_tab_separated_lines(tmp_path):
    import io

    import docx

    from edueval.extract import extract_paths

    document = docx.Document()
    document.add_paragraph("崆峒区2022年各级学校基本情况")
    table = document.add_table(rows=3, cols=3)
    for r, cells in enumerate([("学校类别", "学校数(所)", "在校生(人)"), ("小学", "31", "16200"), ("初中", "12", "8100")]):
        for c, text in enumerate(cells):
            table.rows[r].cells[c].text = text
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "schools.docx"
    path.write_bytes(buffer.getvalue())
    t = extract_paths([path], region=REGION).table()
    assert one(t, indicator="student_count", school_level="junior")["value"] == 8100
    assert one(t, indicator="school_count", school_level="primary")["value"] == 31
    assert len(t) == 4


def test_cells_one_per_line_under_a_header_of_years_in_sections(tmp_path):
    # the layout of a yearbook page copied one cell per line (tests/extract/corpus, documents.csv f10):
    # a bar line between cells, two bars in a row where a label was lost, a section per counted thing
    cells = ["表1 各类教育事业基本情况", "一、学校数 计量单位:所", "指 标", "2014年", "2013年", "",
             "1470", "1253", "中等职业学校", "57", "58", "成人中专", "6", "7", "幼儿园", "774", "564",
             "二、在校学生数 计量单位:人", "指 标", "2014年", "2013年", "幼儿园", "187404", "175511",
             "三、毕业生数 计量单位:人", "指 标", "2014年", "2013年", "小学", "47989", "48204"]
    text = "\n|\n".join(cells) + "\n|\n"
    t = rows(tmp_path, text, region="320100")
    got = {(r.indicator, r.school_level, r.year): r.value for r in t.itertuples()}
    assert got == {("school_count", "vocational", 2014): 57, ("school_count", "vocational", 2013): 58,
                   ("school_count", "preschool", 2014): 774, ("school_count", "preschool", 2013): 564,
                   ("student_count", "preschool", 2014): 187404, ("student_count", "preschool", 2013): 175511}


def test_table_copied_with_one_space_between_cells(tmp_path):
    # a web table pasted as text keeps one space between cells; a row a cell short ends early
    text = ("2023年各级各类学校情况\n学校类别 学校数 在校学生数 专任教师数\n小学 62 28796 1650\n"
            "高中 3 7215\n特殊教育学校 1 97 30")
    t = rows(tmp_path, text, region=REGION)
    got = {(r.indicator, r.school_level): r.value for r in t.itertuples()}
    assert got == {("school_count", "primary"): 62, ("student_count", "primary"): 28796,
                   ("teacher_count", "primary"): 1650, ("school_count", "senior"): 3,
                   ("student_count", "senior"): 7215, ("school_count", "special"): 1,
                   ("student_count", "special"): 97, ("teacher_count", "special"): 30}
    assert set(t["year"]) == {2023}


def test_a_yearbook_table_of_places_under_grouped_headers(tmp_path):
    # shape of the 福建 2016 yearbook's table 22-17 (tests/extract/corpus, i12): groups (专任教师数,
    # 在校生数) over repeated level columns, an unlabelled total row, one row a place; the document
    # is of the place that holds the others, and each row is of its own place
    text = ("22-17 普通教育专任教师及在校学生数(2015年)\n单位:人\n地区 专任教师数 在校生数\n"
            "普通高中 普通初中 小学 普通高中 普通初中 小学\n\n"
            "    50463 97965 162496 626272 1133458 2883136\n"
            "  福州市 8685 17253 29046 108062 212842 551035\n"
            "    福州市辖区 3172 5366 10069 43157 79238 210524\n"
            "      鼓楼区 1348 1641 2711 18183 25221 53144\n"
            "      台江区 458 683 1227 6694 10235 24915\n")
    result = extract_paths([write(tmp_path, "t.txt", text)])
    assert result.documents["region_name"].item() == "福州市"
    t = result.table()
    assert len(t) == 18 and set(t["year"]) == {2015}
    assert one(t, region_code="350102", indicator="student_count", school_level="primary")["value"] == 53144
    assert one(t, region_code="350100", indicator="teacher_count", school_level="senior")["value"] == 8685
    assert one(t, region_code="350103", indicator="teacher_count", school_level="junior")["value"] == 683


def test_a_yearbook_table_with_a_unit_column_section_lines_and_spaced_thousands(tmp_path):
    # shape of the 成都年鉴2021 table (tests/extract/corpus, k06): 单位 says what a row counts,
    # 在校生数 alone on its line heads the rows under it
    text = ("成都市统计资料\n"
            "      单位       2010 年     2019 年     2020 年\n"
            "       小学                  所        504        607         623\n"
            "      在校生数\n"
            "       普通高等学校              人       617 482    879 335    927 111\n"
            "       小学                  人      682 423   1 029 271  1 062 195\n")
    t = rows(tmp_path, text, region="510100")
    assert one(t, indicator="school_count", year=2020)["value"] == 623
    assert one(t, indicator="student_count", school_level="higher", year=2019)["value"] == 879335
    assert one(t, indicator="student_count", school_level="primary", year=2020)["value"] == 1062195
    assert len(t) == 9


def test_the_stub_over_a_tables_labels_gives_its_unit_and_a_cell_with_its_own_unit_keeps_it(tmp_path):
    # shape of the 宁波 page's table (tests/extract/corpus, k10)
    text = ("指标(在校学生数/万人) | 2022年 | 2021年 | 2020年\n"
            "普通高等学校 | 19.1 | 18.4 | 17.7 |\n"
            "特殊教育 | / | 1261人 | 1264人 |\n")
    t = rows(tmp_path, text, region="330200")
    assert one(t, school_level="higher", year=2021)["value"] == 184000
    assert one(t, school_level="special", year=2020)["value"] == 1264
    assert len(t) == 5


def test_the_stubs_count_wins_over_a_caption_of_prose(tmp_path):
    # shape of the 绍兴 page (tests/extract/corpus, k04): the prose above the table names pupils,
    # schools and teachers; the stub names what the cells count
    text = ("截至2020年年末，绍兴市有普通高校12所，普通本专科在校生11.67万人。幼儿园584所，在园幼儿14.25万人，专任教师5.94万人。\n"
            "指标(在校学生数/万人) | 2019年 | 2020年 |\n"
            "普通高中 | 9.12 | 9.01 |\n小学 | 26.19 | 26.8 |\n")
    t = rows(tmp_path, text, region="330600")
    table = t[t["quote"].str.contains("|", regex=False)]
    assert one(table, school_level="primary", year=2020)["value"] == 268000 and len(table) == 4


def test_a_table_with_a_column_a_place_and_sections_of_what_it_counts(tmp_path):
    # shape of the 金华 2008 yearbook table (tests/extract/corpus, k03): 市区 is no registered place;
    # a row that ends early gives only its first value (whose the others are is not told); the
    # graduates' section gives no row
    text = ("12-10 教育事业基本情况(2008年) 单位:所、人\n"
            "| 指标 | 金华市 | 市区 | 兰溪市 | 义乌市 | |\n| 一、学校数 | |||||\n"
            "| 1.高等学校 | 8 | 5 | |||\n| 6.普通小学 | 504 | 89 | 79 | 81 | |\n"
            "| 三、各类学校毕业人数 | |||||\n| 6.普通小学 | 62292 | 13371 | 8000 | 9000 | |\n")
    t = rows(tmp_path, text, region="330700")
    found = {(r.region_code, r.school_level): r.value for r in t.itertuples()}
    assert found == {("330700", "higher"): 8, ("330700", "primary"): 504, ("330781", "primary"): 79,
                     ("330782", "primary"): 81}


def test_a_table_of_places_section_of_pupils_reads_its_numbered_and_marked_rows(tmp_path):
    # the same table's 四、各类学校在校生人数: the section counts pupils (its 学校 say whose), and the
    # rows' own markers (1. / #) are not read as words of the joined label
    text = ("12-10 教育事业基本情况(2008年) 单位:所、人\n"
            "| 指标 | 金华市 | 市区 | 兰溪市 | 义乌市 | |\n| 一、学校数 | |||||\n"
            "| 6.普通小学 | 504 | 89 | 79 | 81 | |\n| 四、各类学校在校生人数 | |||||\n"
            "| 1.高等学校 | 69788 | 48716 | |||\n| 4.普通中学 | 267549 | 50640 | 39235 | 47539 | |\n"
            "| #初中 | 184259 | 33610 | 26082 | 33906 | |\n| 高中 | 83290 | 17030 | 13153 | 13633 | |\n")
    t = rows(tmp_path, text, region="330700")
    pupils = {(r.region_code, r.school_level): r.value for r in t[t["indicator"] == "student_count"].itertuples()}
    assert pupils == {("330700", "higher"): 69788, ("330700", "junior"): 184259, ("330781", "junior"): 26082,
                      ("330782", "junior"): 33906, ("330700", "senior"): 83290, ("330781", "senior"): 13153,
                      ("330782", "senior"): 13633}
    assert len(t[t["indicator"] == "school_count"]) == 3


def test_a_cell_per_line_table_whose_change_header_is_broken_over_two_lines(tmp_path):
    # shape of a city bulletin's table (tests/extract/corpus, t10): a numbered title, the stub, and
    # 比上年 / 增长(%) one header cell over two lines; the change is of the count before it
    cells = ["表12 各级各类学校学生情况", "类 别", "在校学生数(万人)", "比上年", "增长(%)", "毕业学生数(万人)", "比上年",
             "增长(%)", "普通高等学校", "51.28", "2.0", "12.69", "3.9", "普通小学", "67.12", "13.6", "11.36", "8.8"]
    text = "某市2009年国民经济和社会发展统计公报\n\n" + "\n\n".join(cells) + "\n"
    t = rows(tmp_path, text, region="310000")
    got = sorted(zip(t["school_level"], t["kind"], t["value"], t["base_year"].fillna(0)))
    assert got == [("higher", "actual", 512800, 0), ("higher", "change", 2.0, 2008),
                   ("primary", "actual", 671200, 0), ("primary", "change", 13.6, 2008)]


def test_a_count_with_a_fraction_is_held_for_its_missing_unit_not_read_as_people(tmp_path):
    # shape of a city's table of pupils in 万 with the unit in a line the rules do not read (corpus
    # k10, as the code of its day read it: 普通高等学校 | 19.1 became 19.1 pupils)
    text = ("某市2022年各级各类学校在校生\n说明：以下单位均为万人\n| 学段 | 在校生 | 学校数 |\n"
            "| 小学 | 55.5 | 120 |\n| 初中 | 22.8 | 40 |\n")
    result = extract_paths([write(tmp_path, "doc.txt", text)], region=REGION)
    found = result.observations
    assert set(found["indicator"]) == {"school_count"} and sorted(found["value"]) == [40, 120]
    held = result.skipped[result.skipped["reason"].str.contains("no whole number")]
    assert len(held) == 2 and held["reason"].str.contains("55.5").any()


def test_a_one_space_table_whose_header_runs_over_lines_and_rows_with_gaps(tmp_path):
    # shape of a district's statistics page (tests/extract/corpus zh04): header cells one a line with their
    # units under them, a label spread over its column (合 计), an empty row, masked cells, a note after the
    # last value, and a row the page broke over two lines, which is not placed
    text = ("2021年教育事业统计情况表\n基本情况(一)\n2021年 备 注\n校(园)数 教职工总数 学校占地面积\n(平方米)\n图书\n(册)\n"
            "合 计 131 4800 1180825.87 960791\n幼儿园 56 1040 119044.8 82176 含民办20所\n九年一贯制学校\n"
            "小学 62 1874 508860.65 385295\n基本情况(二)\n"
            "教育班数 其中:标准班 毕业生数 在校生数 专任教师数\n合 计 1011\n10506 40297 3025\n"
            "学前教育 283 * 2896 9268 535 含民办\n小学 592 492 4298 20247 1763\n")
    t = rows(tmp_path, text, region="500156")
    schools = t[t["indicator"] == "school_count"]
    assert sorted(zip(schools["school_level"], schools["value"])) == [("all", 131), ("preschool", 56), ("primary", 62)]
    assert one(t, indicator="student_count", school_level="preschool")["value"] == 9268
    assert one(t, indicator="teacher_count", school_level="primary")["value"] == 1763
    assert t[t["value"].isin([40297, 3025])].empty
    assert set(t["year"]) == {2021}


def test_a_kindergarten_table_by_district_whose_header_the_page_broke_over_lines(tmp_path):
    # shape of 北京's 2018 kindergartens by district, republished by a school-choice site
    # (tests/extract/corpus zs01; source 北京市教育委员会)
    text = ("2018年北京各区幼儿园数量、班级数量统计\n| 幼儿园分区园数、班数 | ||\n| 园数 (所) |\n班数 (个) |\n|\n"
            "| 总 计 | 1657 | 16176 |\n| 首都功能核心区 | ||\n| 东城区 | 57 | 576 |\n| 西城区 | 82 | 761 |\n")
    t = rows(tmp_path, text, region="110000")
    got = {(r.region_code, r.value) for r in t.itertuples()}
    assert got == {("110000", 1657), ("110101", 57), ("110102", 82)}
    assert set(t["indicator"]) == {"school_count"} and set(t["school_level"]) == {"preschool"}
    assert set(t["year"]) == {2018}
