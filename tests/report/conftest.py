"""A processed-data folder built from the repository's raw data plus one hostile row."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from edueval import paths

HOSTILE_QUOTE = "<script>alert('x')</script> 高于国家85%"


@pytest.fixture(scope="session")
def processed(tmp_path_factory, project) -> Path:
    """A project folder: the real raw data (with one extra row whose quote is an attack) through
    every stage; the page parameter ``root`` points at it."""
    root = project.make_root(tmp_path_factory.mktemp("report"))
    raw = root / "data" / "raw"
    with open(raw / "observations" / "zz_hostile.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow("地区代码,地区,指标,学段,年份,数值,单位,类型,限定,基期,适用对象,状态,方法,来源,位置,原文,推导,备注".split(","))
        w.writerow(["140400", "长治市", "preschool_ger", "", "2019", "91.5", "%", "实际", "", "", "", "", "", "seed-001",
                    "test", HOSTILE_QUOTE, "", "a test row with markup in its quote (not real data)"])
    project.publish_stages(root)
    return root


@pytest.fixture(scope="session")
def report_notebook(tmp_path_factory) -> Path:
    import nbformat

    from edueval.report.render import notebook_from_jupytext

    path = tmp_path_factory.mktemp("nb") / "report.ipynb"
    nbformat.write(notebook_from_jupytext(paths.NOTEBOOKS / "report.py"), path)
    return path
