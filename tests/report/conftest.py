"""A processed-data folder built from the repository's raw data plus hostile rows, and helpers
to build a page's context from made-up rows."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from edueval import paths

HOSTILE_QUOTE = "<script>alert('x')</script> 高于国家85%"
HOSTILE_TITLE = "<script>alert('title')</script> 长治教育综述"
HOSTILE_PUBLISHER = "<img src=x onerror=alert('publisher')>"
HOSTILE_SOURCE = "zz-hostile-test"
HEADER = ["地区代码", "地区", "指标", "学段", "年份", "数值", "单位", "类型", "限定", "基期", "适用对象", "状态", "方法", "来源", "位置", "原文", "推导", "备注"]


@pytest.fixture(scope="session")
def processed(tmp_path_factory, project) -> Path:
    """A project folder: the real raw data (with one extra row whose quote, document title and
    publisher are attacks) through every stage; the page parameter ``root`` points at it."""
    root = project.make_root(tmp_path_factory.mktemp("report"))
    raw = root / "data" / "raw"
    with open(raw / "sources" / "zz_hostile.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source_id", "title", "publisher", "date", "kind", "url", "read_at", "accessed", "licence", "file",
                    "note"])
        w.writerow([HOSTILE_SOURCE, HOSTILE_TITLE, HOSTILE_PUBLISHER, "2022", "news", "", "", "", "", "",
                    "a test document with markup in its title and publisher (not real)"])
    with open(raw / "observations" / "zz_hostile.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerow(["140400", "长治市", "preschool_ger", "", "2019", "91.5", "%", "实际", "", "", "", "", "",
                    HOSTILE_SOURCE, "test", HOSTILE_QUOTE, "", "a test row with markup in its quote (not real data)"])
    project.publish_stages(root)
    return root


@pytest.fixture(scope="session")
def layout(processed) -> paths.Layout:
    return paths.Layout(processed)


@pytest.fixture(scope="session")
def tables(layout):
    from edueval.report.context import Tables

    return Tables.load(layout)


@pytest.fixture(scope="session")
def context_of(tables):
    """context_of(code, lang): the page context of a region of the processed folder."""
    from edueval.regions import load_regions
    from edueval.report.context import context_from_slice

    def make(code: str, lang: str = "zh"):
        return context_from_slice(load_regions()[code], lang, tables.slice(code))

    return make


@pytest.fixture(scope="session")
def report_notebook(tmp_path_factory) -> Path:
    import nbformat

    from edueval.report.render import notebook_from_jupytext

    path = tmp_path_factory.mktemp("nb") / "report.ipynb"
    nbformat.write(notebook_from_jupytext(paths.NOTEBOOKS / "report.py"), path)
    return path


def obs_row(region: str, indicator: str, year: int, value: float, kind: str = "actual", *, level: str = "all",
            unit: str = "%", qualifier: str = "=", method: str = "curated", source: str = "test-source",
            applies_to=None, name: str = "") -> dict:
    """One row of the processed observation table."""
    return {"region_code": region, "region_name": name or region, "indicator": indicator, "school_level": level,
            "year": year, "value": value, "unit": unit, "kind": kind, "qualifier": qualifier, "base_year": pd.NA,
            "applies_to": applies_to, "status": "ok", "method": method, "source_id": source, "locator": "test",
            "quote": "", "derivation": "", "note": "", "input_file": "test.csv"}


def synthetic_context(tables, region_code: str, rows: list[dict], lang: str = "zh"):
    """A page context whose observations are ``rows`` (and no evaluation rows): what the
    report draws from values alone, without a model run."""
    from edueval.regions import load_regions
    from edueval.report.context import context_from_slice

    obs = pd.DataFrame(rows).astype({"year": "Int64", "base_year": "Int64"})
    parts = {key: frame.iloc[:0] for key, frame in tables.slice(region_code).items()}
    parts["observations"] = obs
    parts["sources"] = pd.DataFrame([{"source_id": "test-source", "title": "测试文件", "publisher": "测试",
                                      "date": "2024", "kind": "table", "url": None, "read_at": None,
                                      "accessed": None, "licence": None, "file": None, "note": "test"}])
    return context_from_slice(load_regions()[region_code], lang, parts)
