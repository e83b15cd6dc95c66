"""Reading and lazy validation of school files."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from edueval.balance import COLUMNS, SchoolDataError, read_school_dir, read_schools, template_headers
from edueval.balance.schools import parse_header

HEAD = template_headers()
TEMPLATE = Path(__file__).resolve().parents[2] / "data" / "examples" / "schools_template.csv"


def write(path, rows, headers=HEAD, encoding="utf-8"):
    lines = [",".join(headers)] + [",".join(str(v) for v in r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def good(name="甲", stype="小学", p=100, j=0, s="", year=2024, county="X-T"):
    #       county, name, year, school, code, type, pupils×3, 7 resources
    return [county, "测试县", year, name, "", stype, p, j, s, 5, 1, 1, 500, 800, 210000, 3]


def test_reads_example(example_path):
    df = read_schools(example_path)
    assert len(df) == 16
    assert set(df["school_type"]) == {"primary", "nine_year", "junior"}
    assert df["year"].dtype == "Int64" and set(df["year"]) == {2023, 2024}
    assert df["row"].tolist() == list(range(2, 18))
    assert df["file"].iloc[0].endswith("schools_example.csv")
    f = df[(df["school_name"] == "示例学校F") & (df["year"] == 2024)].iloc[0]
    assert (f["pupils_primary"], f["pupils_junior"], f["pupils_senior"]) == (600, 400, 0)
    assert f["equipment_value"] == 2_300_000


def test_template_has_every_column_and_reads_empty():
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    assert lines == [",".join(HEAD)]  # one header line, nothing else
    mapped = {parse_header(h)[0] for h in HEAD}
    assert mapped == {c.code for c in COLUMNS}
    df = read_schools(TEMPLATE)
    assert len(df) == 0


def test_header_units_convert():
    assert parse_header("教学仪器设备值（万元）") == ("equipment_value", 1e4, None)
    assert parse_header("教学仪器设备值(元)") == ("equipment_value", 1.0, None)
    assert parse_header("体育运动场馆面积（m²）") == ("sports_area", 1.0, None)
    assert parse_header("room_area") == ("room_area", 1.0, None)
    assert parse_header("备注") == (None, 1.0, None)
    code, _, problem = parse_header("教学及辅助用房面积（亩）")
    assert code == "room_area" and "亩" in problem


def test_wan_yuan_header_and_english_headers(tmp_path):
    headers = list(HEAD)
    headers[headers.index("教学仪器设备值（元）")] = "教学仪器设备值（万元）"
    row = good()
    row[14] = 21  # 万元
    df = read_schools(write(tmp_path / "a.csv", [row], headers))
    assert df["equipment_value"].iloc[0] == 210_000
    codes = [c.code for c in COLUMNS]
    df2 = read_schools(write(tmp_path / "b.csv", [good()], codes))
    assert df2["equipment_value"].iloc[0] == 210_000


def test_xlsx_reads_like_csv(tmp_path, example_path):
    raw = pd.read_csv(example_path, dtype=str, keep_default_na=False)
    for col in raw.columns[6:]:
        raw[col] = pd.to_numeric(raw[col])  # numbers as numbers in the workbook
    xlsx = tmp_path / "schools.xlsx"
    raw.to_excel(xlsx, index=False)
    a = read_schools(example_path).drop(columns="file")
    b = read_schools(xlsx).drop(columns="file")
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


def test_gbk_csv(tmp_path):
    df = read_schools(write(tmp_path / "gbk.csv", [good("乙")], encoding="gbk"))
    assert df["school_name"].iloc[0] == "乙"


def test_every_error_is_collected_with_file_and_row(tmp_path):
    rows = [
        good("甲"),                                  # row 2 fine
        good("乙", p=0),                              # row 3 zero pupils
        good("丙", stype="职业高中"),                  # row 4 unknown type
        good("丁"),                                  # row 5 ...
        good("丁"),                                  # row 6 duplicate of row 5
        good("戊", stype="教学点"),                    # row 7 unknown type with a hint
        good("己", p=120, j=80),                      # row 8 primary school with junior pupils
        good("庚", stype="九年一贯制", p=300, j=""),    # row 9 junior pupils missing
    ]
    rows[0][12] = -10   # row 2 negative room area
    rows[3][15] = "三"  # row 5 not a number
    rows[3][2] = 2024
    path = write(tmp_path / "bad.csv", rows)
    with pytest.raises(SchoolDataError) as exc:
        read_schools(path)
    errors = exc.value.errors
    by_row = {}
    for e in errors:
        assert e.file.endswith("bad.csv")
        by_row.setdefault(e.row, []).append(e.message)
    assert any("negative value -10" in m for m in by_row[2])
    assert by_row[3] == ["zero pupils"]
    assert any("unknown school type '职业高中'" in m for m in by_row[4])
    assert any("'三' is not a number" in m for m in by_row[5])
    assert any("duplicate school '丁'" in m and "row 5" in m for m in by_row[6])
    assert any("merge a 教学点" in m for m in by_row[7])
    assert any("does not teach this level" in m for m in by_row[8])
    assert any("empty for a school that teaches this level" in m for m in by_row[9])
    text = str(exc.value)
    assert "bad.csv: row 2: 教学及辅助用房面积: negative value -10" in text
    assert text.startswith(f"{len(errors)} problem(s)")


def test_missing_columns_and_empty_resources(tmp_path):
    headers = [h for h in HEAD if not h.startswith("体育运动场馆面积")]
    row = good()
    del row[13]
    with pytest.raises(SchoolDataError) as exc:
        read_schools(write(tmp_path / "m.csv", [row], headers))
    assert "missing required column(s): 体育运动场馆面积" in str(exc.value)
    row = good()
    row[11] = ""
    with pytest.raises(SchoolDataError) as exc:
        read_schools(write(tmp_path / "e.csv", [row]))
    assert exc.value.errors[0].row == 2 and "empty" in exc.value.errors[0].message


def test_errors_of_several_files_and_duplicates_across_files(tmp_path):
    a = write(tmp_path / "a.csv", [good("甲"), good("乙", p=-5)])
    b = write(tmp_path / "b.csv", [good("甲"), good("丙", year="二〇二四")])
    with pytest.raises(SchoolDataError) as exc:
        read_schools([a, b])
    msgs = [str(e) for e in exc.value.errors]
    assert "a.csv: row 3: 小学在校生数: negative value -5" in msgs[0]
    assert not any("zero pupils" in m for m in msgs)  # the negative count is the problem
    assert any("b.csv: row 3: 年份: '二〇二四' is not a year" in m for m in msgs)
    assert [e.file.endswith("a.csv") for e in exc.value.errors] == [True, False, False]
    assert any("b.csv: row 2" in m and "duplicate school '甲'" in m and "a.csv: row 2" in m for m in msgs)


def test_same_school_in_two_years_is_not_a_duplicate(tmp_path):
    df = read_schools(write(tmp_path / "y.csv", [good("甲", year=2023), good("甲", year=2024)]))
    assert len(df) == 2


def test_school_code_identifies_the_school(tmp_path):
    r1, r2 = good("甲"), good("甲")
    r1[4], r2[4] = "1001", "1002"  # same name, different 学校标识码: two schools
    df = read_schools(write(tmp_path / "c.csv", [r1, r2]))
    assert list(df["school_key"]) == ["1001", "1002"]


def test_unsupported_and_missing_files(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_schools(tmp_path / "nope.csv")
    (tmp_path / "x.txt").write_text("a")
    with pytest.raises(ValueError, match="unsupported file type"):
        read_schools(tmp_path / "x.txt")


def test_read_school_dir(tmp_path):
    assert read_school_dir(tmp_path / "absent") is None
    assert read_school_dir(tmp_path) is None
    write(tmp_path / "one.csv", [good("甲")])
    write(tmp_path / "two.csv", [good("乙")])
    assert sorted(read_school_dir(tmp_path)["school_name"]) == ["乙", "甲"]
