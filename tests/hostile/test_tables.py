"""Malformed curated tables, source registries and school tables, through `make data`.

A table that cannot be used stops the build with one line per problem naming the file (and
the line, for a row), a last line saying what to fix, no traceback, and data/processed/ as
it was. A table that can be used is used, and make tracks it whatever the case of its suffix.
"""
from __future__ import annotations

import csv
import io
import math
import os
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from .conftest import HEADER, Cases, Project, payload

case = Cases()
RAW_PY = "extract (raw.py): "


def rejected(p: Project, r, *names, line: int | None = None) -> str:
    """The build stopped on bad input: exit 2, each problem names its file, nothing published;
    the problem lines about ``names``."""
    assert r.rc == 2, r
    p.names(r, *names)
    mine = p.said(r, *names)
    if line is not None:
        assert f"line {line}" in mine or f"row {line}" in mine, mine
    last = r.problems[-1]
    assert last.startswith(("edueval clean:", "edueval balance:")) and "problem(s)" in last, r
    p.unchanged_outputs()
    return mine


def good_row(p: Project, **fields) -> list[str]:
    return p.row(**fields)


# ---- encodings and framing ---------------------------------------------------------

@case(batch="tables")
def gbk(p):
    path = p.table("gbk.csv", [good_row(p)], encoding="gbk")
    r = yield ["make", "data"]
    mine = rejected(p, r, path)
    assert "GBK" in mine and "iconv" in mine  # says what the file is and how to convert it


@case(batch="tables")
def big5(p):
    path = p.obs / "big5.csv"
    path.write_bytes(("\n".join([HEADER, ",".join(good_row(p, 地区="全國", 原文="臺灣測試"))]) + "\n")
                     .encode("big5", errors="replace"))
    r = yield ["make", "data"]
    rejected(p, r, path)


@case(batch="tables")
def utf16_with_bom(p):
    path = p.table("u16.csv", [good_row(p)], encoding="utf-16")
    r = yield ["make", "data"]
    rejected(p, r, path)


@case(batch="tables")
def utf16_without_bom(p):
    path = p.table("u16le.csv", [good_row(p)], encoding="utf-16-le")
    r = yield ["make", "data"]
    rejected(p, r, path)


@case(batch="tables")
def latin1_garbage(p):
    path = p.obs / "latin.csv"
    path.write_bytes(bytes(range(0x80, 0x100)) * 40)
    r = yield ["make", "data"]
    rejected(p, r, path)


@case(batch="tables")
def mixed_encodings(p):
    path = p.obs / "mixed.csv"
    path.write_bytes((HEADER + "\n" + ",".join(good_row(p)) + "\n").encode("utf-8")
                     + ",".join(good_row(p, 年份="2032", 原文="混合编码")).encode("gbk") + b"\n")
    r = yield ["make", "data"]
    rejected(p, r, path)


@case(batch="tables")
def empty_file(p):
    path = p.obs / "empty.csv"
    path.write_bytes(b"")
    r = yield ["make", "data"]
    rejected(p, r, path)


@case(batch="accepted")
def header_only(p):
    p.table("header_only.csv", [])
    r = yield ["make", "data"]
    assert r.rc == 0, r  # an empty table is a table


@case(batch="tables")
def unclosed_quote(p):
    path = p.obs / "quote.csv"
    path.write_text(HEADER + "\n" + ",".join(good_row(p)).replace(",a test row,", ',"a test row,') + "\n",
                    encoding="utf-8")
    r = yield ["make", "data"]
    rejected(p, r, path)


@case(batch="tables")
def nul_bytes(p):
    path = p.table("nul.csv", [good_row(p, 原文="a\x00b")])
    r = yield ["make", "data"]
    rejected(p, r, path, line=2)


@case(batch="tables")
def missing_column(p):
    header = HEADER.replace(",备注", "")
    path = p.table("missing.csv", [good_row(p)[:-1]], header=header)
    r = yield ["make", "data"]
    mine = rejected(p, r, path)
    assert "备注" in mine


@case(batch="tables")
def extra_column(p):
    path = p.table("extra.csv", [good_row(p) + ["1"]], header=HEADER + ",额外")
    r = yield ["make", "data"]
    mine = rejected(p, r, path)
    assert "额外" in mine


@case(batch="tables")
def repeated_column(p):
    path = p.table("repeat.csv", [good_row(p) + ["2031"]], header=HEADER + ",年份")
    r = yield ["make", "data"]
    mine = rejected(p, r, path)
    assert "年份.1" not in mine and "年份" in mine


@case(batch="tables")
def row_too_long(p):
    path = p.table("long.csv", [",".join(good_row(p)) + ",x,y,z"])
    r = yield ["make", "data"]
    rejected(p, r, path)


# ---- values ------------------------------------------------------------------------

@case(batch="tables")
def value_inf(p):
    path = p.table("inf.csv", [good_row(p, 数值="inf")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path, line=2)
    assert "[0, 200]" in mine  # the valid range


@case(batch="tables")
def value_nan(p):
    path = p.table("nan.csv", [good_row(p, 数值="nan")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path, line=2)
    assert "not a number" in mine


@case(batch="tables")
def value_1e308(p):
    path = p.table("huge.csv", [good_row(p, 数值="1e308")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path, line=2)
    assert "[0, 200]" in mine


@case(batch="accepted")
def value_negative_zero(p):
    p.table("negzero.csv", [good_row(p, 年份="2040", 数值="-0")])
    r = yield ["make", "data"]
    assert r.rc == 0, r
    obs = pd.read_parquet(p.root / "data/processed/clean/observations.parquet")
    value = obs[(obs["year"] == 2040) & (obs["indicator"] == "preschool_ger")]["value"].iloc[0]
    assert value == 0 and not math.isnan(value)


@case(batch="tables")
def year_20221(p):
    path = p.table("year.csv", [good_row(p, 年份="20221")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path, line=2)
    assert "between 1949 and 2100" in mine


@case(batch="tables")
def rate_930(p):
    path = p.table("rate.csv", [good_row(p, 数值="930")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path, line=2)
    assert "930" in mine and "[0, 200]" in mine


@case(batch="tables")
def unknown_units_kinds_and_levels(p):
    path = p.table("units.csv", [good_row(p, 单位="furlongs"), good_row(p, 年份="2032", 类型="guess"),
                                 good_row(p, 年份="2033", 学段="大学预科")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path, line=2)
    assert all(f"line {n}" in mine for n in (2, 3, 4)) and "expected one of" in mine


@case(batch="tables")
def duplicate_keys(p):
    path = p.table("dup.csv", [good_row(p), good_row(p, 数值="94")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path)
    assert "duplicate key" in mine and "[2, 3]" in mine


@case(slow=True)
def fifty_megabytes_of_bad_rows(p):
    path = p.obs / "big.csv"
    # a rate of 930 in every row, each row its own year and indicator level: 700,000 problems
    levels = ["", "小学", "初中", "高中"]
    block = "".join(",".join(p.row(数值="930", 年份=str(1950 + i % 150), 学段=levels[i // 150 % 4])) + "\n"
                    for i in range(600))
    with open(path, "wb") as fh:
        fh.write((HEADER + "\n").encode())
        while fh.tell() < 50 * 2**20:
            fh.write(block.encode())
    r = yield ["make", "data"], {"timeout": 30}  # stricter than the rule's 60 s, while it hangs
    rejected(p, r, path)
    assert len(r.err.splitlines()) <= 25  # 20 problems, the count with the listing, make's line
    listing = p.root / "build" / "errors" / "clean.txt"
    assert str(listing) in r.problems[-1] and listing.is_file()


# ---- what the rows say: shell, HTML and formula text is data -------------------------

@case(batch="tables")
def region_name_with_shell_text(p):
    marker1, cmd1 = payload()
    marker2, cmd2 = payload()
    path = p.table("shell.csv", [good_row(p, 地区=f"$({cmd1})"), good_row(p, 年份="2032", 地区=f"`{cmd2}`")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path, line=2)  # the name does not match the code's registered name
    assert f"$({cmd1})" in mine and f"`{cmd2}`" in mine


@case
def unregistered_source_with_shell_text(p):
    marker, cmd = payload()
    path = p.table("src.csv", [good_row(p, 来源=f"$({cmd})")])
    r = yield ["make", "data"]
    mine = rejected(p, r, path, line=2)
    assert "not registered" in mine


@case(batch="accepted")
def formula_cells_reach_the_quality_log_neutralised(p):
    formulas = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://attacker.example/?q=1","click")', "+1+cmd|' /C calc'!A0",
                "-2+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]
    rows = [good_row(p, 年份=str(2041 + i), 方法="derived", 推导=f, 位置=f, 备注=f) for i, f in enumerate(formulas)]
    p.table("formula.csv", rows)
    r = yield ["make", "data"]
    assert r.rc == 0, r
    log = (p.root / "data/processed/clean/quality_log.csv").read_text(encoding="utf-8-sig")
    cells = [c for row in csv.reader(io.StringIO(log)) for c in row]
    for f in formulas:
        assert "'" + f in cells, f  # the text is kept, behind an apostrophe
    for c in cells:
        if c[:1] in ("=", "+", "-", "@", "\t", "\r"):
            float(c)  # only numbers may start so


@case(batch="accepted")
def html_and_shell_text_in_quotes_is_kept_as_text(p):
    marker, cmd = payload()
    text = f"<script>alert(1)</script><img src=x onerror=alert(2)> $({cmd}) `{cmd}` ' \" ; | &"
    p.table("html.csv", [good_row(p, 年份="2050", 原文=text, 备注=text, 位置=text)])
    r = yield ["make", "data"]
    assert r.rc == 0, r
    obs = pd.read_parquet(p.root / "data/processed/clean/observations.parquet")
    assert (obs["quote"] == text).sum() == 1


# ---- workbooks ---------------------------------------------------------------------

def _zip_bomb(path: Path, member: str, mib: int, extra: dict[str, bytes] | None = None) -> None:
    """A zip whose member inflates to ``mib`` MiB (written in chunks: the test never holds it)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        with z.open(member, "w", force_zip64=True) as fh:
            chunk = b"<row><c><v>1</v></c></row>" * 40_000
            for _ in range(mib * 2**20 // len(chunk)):
                fh.write(chunk)


@case(batch="tables")
def xlsx_that_is_not_a_zip(p):
    path = p.obs / "fake.xlsx"
    path.write_bytes(b"this is not a workbook\n" * 10)
    r = yield ["make", "data"]
    rejected(p, r, path)


@case(batch="tables")
def xlsx_zip_bomb(p):
    path = p.obs / "bomb.xlsx"
    _zip_bomb(path, "xl/worksheets/sheet1.xml", 300, {"[Content_Types].xml": b"<Types/>"})
    assert path.stat().st_size < 2 * 2**20
    r = yield ["make", "data"]
    mine = rejected(p, r, path)
    assert "MiB" in mine and r.seconds < 30


@case
def uppercase_suffixes_are_tracked(p):
    upper = p.table("Z.CSV", [good_row(p)])
    frame = pd.read_csv(io.StringIO(HEADER + "\n" + ",".join(good_row(p, 年份="2032"))), dtype=str,
                        keep_default_na=False)
    frame.to_excel(p.obs / "T.XLSX", index=False)
    r = yield ["make", "data"]
    assert r.rc == 0, r
    obs = pd.read_parquet(p.root / "data/processed/clean/observations.parquet")
    assert {2031, 2032} <= set(obs["year"])
    version = (p.root / "data/processed/clean").resolve().name
    p.table(upper.name, [good_row(p, 数值="94.0")])  # a change to Z.CSV re-runs cleaning
    p.arm()
    r = yield ["make", "data"]
    assert r.rc == 0 and "edueval clean:" in r.out, r
    assert (p.root / "data/processed/clean").resolve().name != version
    obs = pd.read_parquet(p.root / "data/processed/clean/observations.parquet")
    assert 94.0 in set(obs[obs["year"] == 2031]["value"])


# ---- what is not a table -----------------------------------------------------------

@case(batch="accepted")
def fifo_named_like_a_table(p):
    os.mkfifo(p.obs / "pipe.csv")
    r = yield ["make", "data"]  # must not block
    assert r.rc == 0, r
    p.names(r, p.obs / "pipe.csv")


@case(batch="accepted")
def symlink_to_etc_passwd(p):
    os.symlink("/etc/passwd", p.obs / "passwd.csv")
    r = yield ["make", "data"]
    assert r.rc == 0, r
    p.names(r, p.obs / "passwd.csv")
    assert "outside" in p.said(r, p.obs / "passwd.csv")
    obs = pd.read_parquet(p.root / "data/processed/clean/observations.parquet")
    assert not obs["input_file"].str.contains("passwd").any()


@case(batch="accepted")
def directory_named_like_a_table(p):
    (p.obs / "folder.csv").mkdir()
    r = yield ["make", "data"]
    assert r.rc == 0, r


# ---- source registries -------------------------------------------------------------

SOURCE_HEADER = "source_id,title,publisher,date,kind,url,read_at,accessed,licence,file,note"


@case
def registry_with_an_unclosed_quote(p):
    path = p.sources / "zz.csv"
    path.write_text(SOURCE_HEADER + '\nzz-1,"标题,发布者,2022,news,https://www.moe.gov.cn/x,,,,,\n', encoding="utf-8")
    r = yield ["make", "data"]
    rejected(p, r, path)


@case
def registry_of_zero_bytes(p):
    path = p.sources / "zz.csv"
    path.write_bytes(b"")
    r = yield ["make", "data"]
    rejected(p, r, path)


@case
def denied_host(p):
    path = p.sources / "zz.csv"
    path.write_text(SOURCE_HEADER + "\nzz-1,标题,发布者,2022,news,https://www.bet365.com/x,,,,,\n", encoding="utf-8")
    r = yield ["make", "data"]
    rejected(p, r, path, line=2)
    assert len(r.problems) == 2 and "bet365" in r.problems[0]


@case
def duplicate_source_ids(p):
    first = (p.sources / "national.csv").read_text(encoding="utf-8").splitlines()[1]
    path = p.sources / "zz.csv"
    path.write_text(SOURCE_HEADER + "\n" + first + "\n", encoding="utf-8")
    r = yield ["make", "data"]
    mine = rejected(p, r, "zz.csv")
    assert "registered twice" in mine and "national.csv" in mine


@case
def source_id_with_shell_text(p):
    marker, cmd = payload()
    path = p.sources / "zz.csv"
    path.write_text(SOURCE_HEADER + f'\n"$({cmd})",标题,发布者,2022,news,https://www.moe.gov.cn/x,,,,,\n',
                    encoding="utf-8")
    r = yield ["make", "data"]
    rejected(p, r, path, line=2)


# ---- school tables -----------------------------------------------------------------

SCHOOL_EXAMPLE = Path(__file__).resolve().parents[2] / "data" / "examples" / "schools_example.csv"


def school_table(p: Project, text: str | bytes, name: str = "schools.csv") -> Path:
    p.schools.mkdir(exist_ok=True)
    path = p.schools / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def example() -> str:
    return SCHOOL_EXAMPLE.read_text(encoding="utf-8-sig")


def rejected_school(p, r, path, row=None) -> str:
    """The school table stopped the build: its problems name it (and the row), nothing published."""
    assert r.rc == 2, r
    shown = path.relative_to(p.root)
    p.names(r, shown)
    mine = p.said(r, shown)
    if row is not None:
        assert f"row {row}:" in mine, mine
    assert r.problems[-1].startswith("edueval balance:"), r
    p.unchanged_outputs()
    return mine


@case
def school_table_is_used(p):
    school_table(p, example())
    r = yield ["make", "data"]
    assert r.rc == 0, r
    obs = pd.read_parquet(p.root / "data/processed/clean/observations.parquet")
    assert (obs["region_code"] == "X-EXAMPLE").sum() > 0


@case(batch="schools")
def school_area_inf(p):
    path = school_table(p, example().replace(",260,", ",inf,", 1), name="area_inf.csv")
    r = yield ["make", "data"]
    mine = rejected_school(p, r, path, row=2)
    assert "not a finite number" in mine


@case(batch="schools")
def school_pupils_nan(p):
    path = school_table(p, example().replace("小学,48,", "小学,NaN,", 1), name="pupils_nan.csv")
    r = yield ["make", "data"]
    rejected_school(p, r, path, row=2)


@case(batch="schools")
def school_negative_pupils(p):
    path = school_table(p, example().replace("小学,48,", "小学,-48,", 1), name="negative_pupils.csv")
    r = yield ["make", "data"]
    mine = rejected_school(p, r, path, row=2)
    assert "negative" in mine


@case(batch="schools")
def school_value_1e308(p):
    path = school_table(p, example().replace(",95000,", ",1e308,", 1), name="value_1e308.csv")
    r = yield ["make", "data"]
    mine = rejected_school(p, r, path, row=2)
    assert "valid range 0 to" in mine


@case(batch="schools")
def school_table_empty(p):
    path = school_table(p, b"", name="table_empty.csv")
    r = yield ["make", "data"]
    rejected_school(p, r, path)


@case(batch="schools")
def school_table_utf16(p):
    path = school_table(p, example().encode("utf-16"), name="table_utf16.csv")
    r = yield ["make", "data"]
    mine = rejected_school(p, r, path)
    assert "UTF-16" in mine


@case(batch="schools")
def school_table_unclosed_quote(p):
    path = school_table(p, example() + '"X-EXAMPLE,unclosed\n', name="table_unclosed_quote.csv")
    r = yield ["make", "data"]
    rejected_school(p, r, path)


@case(batch="schools")
def school_header_repeated(p):
    lines = example().splitlines()
    lines = [lines[0] + ",年份"] + [line + ",2023" for line in lines[1:]]
    path = school_table(p, "\n".join(lines) + "\n", name="header_repeated.csv")
    r = yield ["make", "data"]
    mine = rejected_school(p, r, path)
    assert "appears more than once" in mine


@case(batch="schools")
def school_xlsx_not_a_zip(p):
    path = school_table(p, b"PK\x03\x04 but not really", name="not_a_zip.xlsx")
    r = yield ["make", "data"]
    rejected_school(p, r, path)


@case(batch="schools")
def school_xlsx_zip_bomb(p):
    p.schools.mkdir(exist_ok=True)
    path = p.schools / "bomb.xlsx"
    _zip_bomb(path, "xl/worksheets/sheet1.xml", 300, {"[Content_Types].xml": b"<Types/>"})
    r = yield ["make", "data"]
    mine = rejected_school(p, r, path)
    assert "MiB" in mine and r.seconds < 30


@case(batch="schools")
def school_county_code_with_shell_text(p):
    marker, cmd = payload()
    path = school_table(p, example().replace("X-EXAMPLE", f"$({cmd})"), name="county_code_with_shell_text.csv")
    r = yield ["make", "data"]
    mine = rejected_school(p, r, path)
    assert "region registry" in mine


runner = case.fixture()


@pytest.mark.parametrize("name", case.params())
def test_table(runner, name, request):
    runner.finish(request)
