"""The balance section reads the balance stage's published tables (never data/raw/schools)
and speaks both languages."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from edueval import paths
from edueval.report import sections
from edueval.report.context import Tables, context_from_slice

EXAMPLE = paths.ROOT / "data" / "examples" / "schools_example.csv"


@pytest.fixture(scope="module")
def example_tables(tables, tmp_path_factory):
    """The published tables with the balance stage's output for the invented example county."""
    from edueval.balance.stage import tables as balance_tables

    root = tmp_path_factory.mktemp("schools")
    (root / "data" / "raw" / "schools").mkdir(parents=True)
    path = root / "data" / "raw" / "schools" / EXAMPLE.name
    shutil.copy(EXAMPLE, path)
    parts = balance_tables([path], root)
    frames = dict(tables.frames)
    frames["observations"] = pd.concat([frames["observations"], parts["balance_observations"]], ignore_index=True)
    frames["sources"] = pd.concat([frames["sources"], parts["balance_sources"]], ignore_index=True)
    frames["balance"] = parts["balance_coefficients"]
    frames["balance_failing"] = parts["balance_failing"]
    frames["balance_schools"] = parts["balance_schools"]
    return Tables(frames, tables.manifests)


def page(example_tables, lang, monkeypatch):
    from edueval.regions import load_regions

    # the section must not look at the school files: make reading them fail
    monkeypatch.setattr(paths, "RAW_SCHOOLS", paths.ROOT / "no-such-folder")
    from edueval.balance import schools

    monkeypatch.setattr(schools, "read_school_dir", lambda *a, **k: pytest.fail("read data/raw/schools"))
    ctx = context_from_slice(load_regions()["X-EXAMPLE"], lang, example_tables.slice("X-EXAMPLE"))
    return ctx, str(sections.balance(ctx))


def test_the_section_comes_from_the_slice_in_chinese(example_tables, monkeypatch):
    ctx, html = page(example_tables, "zh", monkeypatch)
    assert not ctx.balance.empty and not ctx.balance_schools.empty
    assert 'id="balance"' in html and "2024 年学校数据" in html
    assert "示例学校B" in html and "示例学校F" in html  # the two school parts below the standard in 2024
    assert "虚构的示例" in html  # the invented data say so
    assert "<svg" in html and "县级以上骨干教师" in html


def test_the_section_in_english(example_tables, monkeypatch):
    _, html = page(example_tables, "en", monkeypatch)
    assert "School data for 2024" in html and "Schools below the per-school standard" in html
    assert "nine-year school" in html and "invented example" in html
    for word in ("达标", "学校类型", "未达标情况", "小学", "初中"):
        assert word not in html, word


def test_no_section_without_school_data(context_of):
    assert sections.balance(context_of("620802", "zh")) is None
