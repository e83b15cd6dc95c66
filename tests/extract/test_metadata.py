"""Metadata beside a document (.meta.yml, documents.csv) wins over what is inferred."""
from __future__ import annotations

import pandas as pd
import pytest

from edueval.extract.corpus_scoring import CORPUS, corpus_metadata, load_documents
from edueval.extract.metadata import DocumentMeta, MetadataError, for_document
from edueval.extract.pipeline import extract_paths
from edueval.extract.sources import document_sources
from edueval.schema import Sources

TEXT = "教育工作总结\n全区学前三年毛入园率达到98.2%。\n2020年全区小学学龄儿童净入学率100%。"


def test_a_meta_file_gives_region_date_and_source(tmp_path):
    (tmp_path / "report.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "report.meta.yml").write_text(
        "region: 鼓楼区\ndate: 2021-12-30\nurl: https://www.example.gov.cn/a.html\n"
        "title: 福州市鼓楼区2021年教育工作总结\npublisher: 鼓楼区教育局\n", encoding="utf-8")
    result = extract_paths([tmp_path])
    assert list(result.documents["document"]) == [str(tmp_path / "report.txt")]  # the .yml is not a document
    doc = result.documents.iloc[0]
    # 鼓楼区 is shared by four places: the metadata's title names 福州市, which decides
    assert (doc["region_code"], doc["date"]) == ("350102", "2021-12-30")
    assert doc["region_reason"].startswith("given by the metadata")
    rows = result.table().set_index("indicator")
    assert rows.loc["preschool_ger", "year"] == 2021  # the title's year, marked inferred
    assert rows.loc["preschool_ger", "note"].startswith("year inferred")
    source = Sources.validate(document_sources(result)).iloc[0]
    assert (source["url"], source["title"], source["publisher"], source["date"]) == (
        "https://www.example.gov.cn/a.html", "福州市鼓楼区2021年教育工作总结", "鼓楼区教育局", "2021-12-30")


def test_a_documents_table_in_the_folder(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    pd.DataFrame({"doc": ["a.txt"], "region": ["410204"], "date": ["2019"], "url": [""], "title": [""],
                  "publisher": [""]}).to_csv(tmp_path / "documents.csv", index=False)
    result = extract_paths([tmp_path])
    docs = result.documents.set_index("document")
    assert len(docs) == 2  # documents.csv is read as metadata, never as a document
    assert docs.loc[str(tmp_path / "a.txt"), "region_code"] == "410204"  # 开封市鼓楼区
    assert docs.loc[str(tmp_path / "a.txt"), "date"] == "2019"
    assert not docs.loc[str(tmp_path / "b.txt"), "region_resolved"]  # no row for b: inferred, unresolved


def test_the_meta_file_wins_over_the_folder_table_and_the_user_over_both(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.yml").write_text("region: 350102\n", encoding="utf-8")
    pd.DataFrame({"doc": ["a.txt"], "region": ["410204"], "date": ["2019-05-01"]}).to_csv(
        tmp_path / "documents.csv", index=False)
    meta = for_document(tmp_path / "a.txt")
    assert (meta.region, meta.date) == ("350102", "2019-05-01")
    assert extract_paths([tmp_path / "a.txt"], region="320106").documents.iloc[0]["region_code"] == "320106"


@pytest.mark.parametrize("content, message", [
    ("date: 21-5-1\n", "date '21-5-1' is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ("url: ftp://x\n", "url 'ftp://x' is not an http(s) address"),
    ("regoin: 350102\n", "unknown field(s) regoin"),
    ("- a\n- b\n", "expected 'field: value' lines"),
    ("region: 鼓楼区\n", "鼓楼区 names 4 regions"),
])
def test_a_bad_meta_file_is_one_message_naming_it_and_the_batch_goes_on(tmp_path, content, message):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.yml").write_text(content, encoding="utf-8")
    (tmp_path / "b.txt").write_text(TEXT.replace("教育工作总结", "福州市鼓楼区教育工作总结"), encoding="utf-8")
    result = extract_paths([tmp_path])
    assert len(result.errors) == 1 and result.errors[0].startswith(str(tmp_path / "a.txt"))
    assert message in result.errors[0]
    assert list(result.documents["document"]) == [str(tmp_path / "b.txt")]


def test_a_folder_table_without_a_document_column(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "documents.csv").write_text("region,date\n350102,2021\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="documents.csv: needs a column 'doc'"):
        for_document(tmp_path / "a.txt")


def test_the_corpus_metadata_never_carries_the_region():
    meta = corpus_metadata(load_documents(CORPUS))
    assert meta and all(isinstance(m, DocumentMeta) and m.region is None for m in meta.values())
    assert any(m.url for m in meta.values()) and any(m.title for m in meta.values())


def test_the_reason_names_who_gave_the_region(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.meta.yml").write_text("region: 350102\ndate: 2021\n", encoding="utf-8")
    by_file = extract_paths([tmp_path / "a.txt"]).documents.iloc[0]
    assert by_file["region_reason"] == f"given by the metadata ({tmp_path / 'a.meta.yml'})"
    meta = {"a.txt": DocumentMeta(date="2020", origin="a table")}
    by_user = extract_paths([tmp_path / "a.txt"], region="410204", metadata=meta).documents.iloc[0]
    assert (by_user["region_code"], by_user["region_reason"], by_user["date"]) == ("410204", "given by the user", "2020")


def test_the_metadata_publisher_places_a_table_that_names_no_place(tmp_path):
    """A yearbook page is often only a table: its issuing body (publisher in the metadata) is
    then the one place the document names; a text that names its place keeps its own."""
    table = "教育事业基本情况\n指标 2020年 2021年\n小学学校数（所） 31 30\n"
    (tmp_path / "t.txt").write_text(table, encoding="utf-8")
    (tmp_path / "t.meta.yml").write_text("publisher: 武威市统计局\n", encoding="utf-8")
    doc = extract_paths([tmp_path]).documents.iloc[0]
    assert doc["region_code"] == "620600" and "publisher" in doc["region_reason"]
    (tmp_path / "t.txt").write_text("凉州区" + table, encoding="utf-8")
    assert extract_paths([tmp_path]).documents.iloc[0]["region_code"] == "620602"


@pytest.mark.parametrize("url, date", [
    ("http://jyt.jl.gov.cn/jysyfzgk/202506/t20250627_9266565.html", "2025-06-27"),  # gov.cn's t-stamp
    ("http://www.tynfd.cn/shujy/202507/236233.html", "2025-07"),
    ("http://www.gov.cn/xinwen/2023-03/10/content_5745938.htm", "2023-03"),
    ("http://www.example.cn/a/2019/0312/x.html", "2019-03-12"),
    ("https://huedu.huzhou.gov.cn/art/2024/2/9/art_1229210631_58963403.html", "2024-02-09"),  # 浙江's sites
    ("https://www.example.cn/art/2021/12/31/art_1_2.html", "2021-12-31"),
    ("https://www.example.cn/art/2021/2/30/art_1_2.html", None),  # no such day
    ("https://www.example.cn/list/2021/2/9/x.html", None),  # unpadded digits only after /art/
    ("http://www.werkai.cn/news/zjc/2016062409595282743.htm", "2016-06-24"),  # a time-stamp id
    ("https://xueba22.com/240916/3204270.html", None),  # a two-digit year is no year
    ("https://soolun.net/periodical/c712db2faab327a599061dc769a74098.html", None),  # hex, not a date
    ("http://www.2021edu.cn/a/1.html", None),  # the host's digits
    ("http://www.example.cn/?id=20191332", None),  # month 13
    ("http://www.example.cn/news/2099/01/a.html", None),  # a year still to come
    (None, None),
])
def test_a_date_in_the_page_address(url, date):
    from edueval.extract.dating import date_from_url

    assert date_from_url(url) == date


def test_the_page_address_dates_a_document_that_states_no_year(tmp_path):
    """A county bureau page with no year in it is dated by its address, marked inferred; a stated
    date or the metadata's date wins over the address."""
    text = "澧县教育基本情况\n全县共有小学45所，在校学生30512人。\n"
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    undated = extract_paths([tmp_path])
    assert undated.table().empty  # nothing can be dated: the stage says so (extract/stage.py)
    (tmp_path / "p.meta.yml").write_text("url: http://www.tynfd.cn/shujy/202507/236233.html\n", encoding="utf-8")
    result = extract_paths([tmp_path])
    doc = result.documents.iloc[0]
    assert doc["date"] == "2025-07" and "address" in doc["date_reason"]
    rows = result.table()
    # the page of 2025-07 gives its undated figures the year before: a year's figures come out in the next
    assert set(rows["year"]) == {2024} and len(rows) == 2
    assert rows["note"].str.startswith("year inferred").all() and rows["note"].str.contains("year before").all()
    (tmp_path / "p.meta.yml").write_text("url: http://www.tynfd.cn/shujy/202507/236233.html\ndate: 2024-09-01\n",
                                         encoding="utf-8")
    assert extract_paths([tmp_path]).documents.iloc[0]["date"] == "2024-09-01"


def test_undated_figures_of_a_dated_page_are_of_the_year_before_and_exam_results_of_their_own(tmp_path):
    # a news item of 2024-02 on the city's schools: its undated counts and rates are 2023's, a change
    # on 比上年 keeps its base one year back, a base written as a year stays; the gaokao result it
    # reports is of the last summer's exam, but a page of the summer reports that year's (the catalog's
    # ``reported``)
    text = ("某市教育发展情况\n全市共有小学120所，在校生8.5万人，比上年增长2.1%。"
            "学前三年毛入园率达到92%，比2012年提高30个百分点。本科上线率达到55%。\n")
    (tmp_path / "n.txt").write_text(text, encoding="utf-8")
    (tmp_path / "n.meta.yml").write_text("date: 2024-02-09\n", encoding="utf-8")
    t = extract_paths([tmp_path], region="620802").table()
    years = {(r.indicator, r.kind): (r.year, r.base_year) for r in t.itertuples()}
    assert years[("school_count", "actual")][0] == 2023 and years[("student_count", "actual")][0] == 2023
    assert years[("student_count", "change")] == (2023, 2022)
    assert years[("preschool_ger", "actual")][0] == 2023 and years[("preschool_ger", "change")] == (2023, 2012)
    assert years[("gaokao_bachelor_rate", "actual")][0] == 2023
    (tmp_path / "n.meta.yml").write_text("date: 2024-07-09\n", encoding="utf-8")
    t = extract_paths([tmp_path], region="620802").table()
    years = {(r.indicator, r.kind): r.year for r in t.itertuples()}
    assert years[("gaokao_bachelor_rate", "actual")] == 2024 and years[("preschool_ger", "actual")] == 2023
