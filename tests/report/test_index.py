"""The index: both languages, regions compared on the same year, data availability, the rows
set aside and rejected, and tables that sort offline."""
from __future__ import annotations

import pandas as pd
import pytest

from edueval import paths, store
from edueval.report.context import Tables
from edueval.report.index import compress, write_index
from edueval.report.pages import Page, page_regions


@pytest.fixture(scope="module")
def index(tables, layout, tmp_path_factory):
    out = paths.Layout(tmp_path_factory.mktemp("index"))
    frames = dict(tables.frames)
    rejected = frames["quality"].iloc[:1].copy()
    rejected["issue"], rejected["detail"] = "rejected", "a rate of 930 (test row)"
    frames["quality"] = pd.concat([frames["quality"], rejected], ignore_index=True)
    aside = pd.DataFrame({"document": ["doc-<b>1</b>.txt"], "offset": pd.array([120], dtype="Int64"),
                          "quote": ["约三成"], "reason": ["no number a target can hold"]})
    original = store.read

    def read(name, lay=paths.DEFAULT, columns=None):
        return aside if name == "set_aside" else original(name, lay, columns)

    mp = pytest.MonkeyPatch()
    mp.setattr(store, "read", read)
    regions = page_regions(tables)
    statuses = [{"code": r.code, "name": r.name_zh, "lang": lang, "ok": True, "report": Page(r, lang).file}
                for r in regions for lang in ("zh", "en")]
    write_index(regions, statuses, Tables(frames, tables.manifests), out)
    mp.undo()
    return {lang: (out.reports / name).read_text(encoding="utf-8")
            for lang, name in (("zh", "index.html"), ("en", "index.en.html"))}


def test_both_languages_link_each_other_and_every_page(index):
    zh, en = index["zh"], index["en"]
    assert '<html lang="zh-Hans">' in zh and '<html lang="en">' in en
    assert 'href="index.en.html"' in zh and 'href="index.html"' in en
    assert 'href="620802-kongtong-district.html"' in zh and 'href="620802-kongtong-district.en.html"' in zh
    assert 'href="620802-kongtong-district.en.html"' in en


def test_regions_are_compared_with_the_nation_in_the_same_year(index, tables):
    from edueval.report import text as tx
    from edueval.report.i18n import words

    zh, w = index["zh"], words("zh")
    assert "与全国同年比较" in zh
    obs = tables.frames["observations"]
    actual = obs[(obs["kind"] == "actual") & (obs["status"] == "ok") & (obs["indicator"] == "preschool_ger")
                 & (obs["school_level"] == "all")]
    shanxi = actual[actual["region_code"] == "140000"].sort_values("year").iloc[-1]
    nation = actual[(actual["region_code"] == "000000") & (actual["year"] == shanxi["year"])].iloc[0]
    assert f"{tx.number(shanxi['value'], '%', w)}（{int(shanxi['year'])}）" in zh
    assert w("index.vs_nation", gap=tx.difference(shanxi["value"] - nation["value"], "%", w)) in zh


def test_data_availability_and_the_rows_set_aside(index):
    zh, en = index["zh"], index["en"]
    assert "数据可得性" in zh and "2010–2024" in zh
    assert "doc-&lt;b&gt;1&lt;/b&gt;.txt" in zh and "no number a target can hold" in zh
    assert "a rate of 930 (test row)" in en


def test_tables_sort_offline(index):
    zh = index["zh"]
    assert zh.count('class="sortable') >= 3
    assert "<script>" in zh and "src=" not in zh.split("<script>")[1].split("</script>")[0]


def test_years_compress_into_runs():
    assert compress([2010, 2011, 2012, 2015, 2018, 2019]) == "2010–2012, 2015, 2018, 2019"
    assert compress([]) == ""
