"""The report section for one county."""
from __future__ import annotations

import io
import shutil

import numpy as np
import pytest
from matplotlib.figure import Figure

from edueval import paths
from edueval.balance import balance_section, evaluate, read_schools


@pytest.fixture
def result(example_path):
    return evaluate(read_schools(example_path))


def test_none_without_school_data(monkeypatch, tmp_path, result):
    monkeypatch.setattr(paths, "RAW_SCHOOLS", tmp_path / "schools")
    assert balance_section("X-EXAMPLE") is None  # no directory
    (tmp_path / "schools").mkdir()
    assert balance_section("X-EXAMPLE") is None  # empty directory
    assert balance_section("620802", result) is None  # data, but not for this county
    assert balance_section("X-EXAMPLE", result, year=2019) is None  # not for this year


def test_reads_data_raw_schools_by_default(monkeypatch, tmp_path, example_path):
    monkeypatch.setattr(paths, "RAW_SCHOOLS", tmp_path)
    shutil.copy(example_path, tmp_path / "example.csv")
    sec = balance_section("X-EXAMPLE")
    assert sec is not None and sec.year == 2024


def test_section_for_the_example(result):
    sec = balance_section("X-EXAMPLE", result)
    assert sec.county_name == "示例县（虚构数据）" and sec.year == 2024
    t = sec.table
    assert len(t) == 16  # 2 levels × (7 + composite)
    assert list(t["学段"].unique()) == ["小学", "初中"]
    thresholds = t.groupby("学段")["标准（≤）"].agg(lambda s: sorted(set(s)))
    assert thresholds["小学"] == [0.5, 0.65] and thresholds["初中"] == [0.45, 0.55]
    assert set(t["结果"]) == {"达标"}
    assert t["指标"].str.contains("补充").sum() == 2
    # the failing schools of 2024: B (primary) and F's junior part
    f = sec.failing
    assert sorted(zip(f["学段"], f["学校"])) == [("初中", "示例学校F"), ("小学", "示例学校B")]
    assert f.set_index("学校").loc["示例学校F", "学校类型"] == "九年一贯制"
    assert "85%" in f.set_index("学校").loc["示例学校B", "未达标情况"]
    assert any("2023–2024" in n for n in sec.notes)


def test_a_failing_coefficient_shows(result):
    sec = balance_section("X-EXAMPLE", result, year=2023)
    row = sec.table[(sec.table["学段"] == "小学") & sec.table["指标"].str.startswith("每百名学生拥有体育")]
    assert row["结果"].tolist() == ["未达标"]
    assert row["差异系数"].iloc[0] > 0.5


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # fonts come from the report
def test_figure_shows_every_school_against_100_and_85(result):
    sec = balance_section("X-EXAMPLE", result)
    fig = sec.figure
    assert isinstance(fig, Figure)
    axes = [ax for ax in fig.axes if ax.get_title()]
    assert len(axes) == 2  # primary, junior
    units = result.units[result.units["year"] == 2024]
    for ax, level in zip(axes, ["primary", "junior"]):
        ys = {round(float(line.get_ydata()[0]), 6) for line in ax.get_lines() if len(line.get_ydata())}
        assert {100.0, 85.0} <= ys
        points = np.concatenate([c.get_offsets() for c in ax.collections])
        n = int((units["level"] == level).sum())
        assert len(points) == 7 * n
        # the plotted values are value ÷ standard in %
        expected = 100 * units.loc[units["level"] == level,
                                   [c for c in units if c.startswith("ratio_")]].to_numpy()
        assert sorted(points[:, 1]) == pytest.approx(sorted(expected.ravel()))
    buf = io.BytesIO()
    fig.savefig(buf, format="png")  # renders
    assert buf.getvalue().startswith(b"\x89PNG")
