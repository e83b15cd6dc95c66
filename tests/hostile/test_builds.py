"""Whole builds compared byte for byte with a clean build of the same inputs.

- Adding a table of one new county to a built tree renders that county's pages, its parents'
  (prefecture, province, nation) and the index, nothing else (not the other province's page),
  and every page is then byte-identical to a clean build of the new inputs.
- A make killed (SIGKILL to its process group) while those pages render is finished by the next
  make, again with the bytes of the clean build.

The scratch projects keep the national tables (tests/hostile/conftest.py: make_project) plus
generated rows marked as test data, so each build renders a handful of pages.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import HEADER, _kill_group, clean_env, make_project

pytestmark = pytest.mark.slow
BUILD_TIMEOUT = 600
NEIGHBOUR = ("140000", "山西省")  # a province with a page before and after; never re-rendered here
COUNTY = ("620821", "泾川县")  # no page before; its parents 平凉市, 甘肃省 and the nation get theirs
PARENTS = {"620800", "620000", "000000"}


def _rows(code: str, name: str, years: range, start: float) -> str:
    lines = [HEADER]
    for i, year in enumerate(years):
        lines.append(",".join([code, name, "preschool_ger", "", str(year), f"{start + 1.5 * i:.1f}", "%", "实际", "",
                               "", "", "", "", "moe-bulletin-2024", "test", "test row", "", "test data (not real)"]))
    return "\n".join(lines) + "\n"


def _make(root: Path) -> subprocess.CompletedProcess:
    run = subprocess.run(["make", "WORKERS=2"], cwd=root, env=clean_env(), capture_output=True, text=True,
                         timeout=BUILD_TIMEOUT)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    return run


def _pages(root: Path) -> dict[str, tuple[int, str]]:
    """Every page and index of reports/ → (mtime in ns, sha256 of its bytes)."""
    return {p.name: (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted((root / "reports").glob("*.html"))}


def _add_county(root: Path) -> None:
    (root / "data" / "raw" / "observations" / "zz_county.csv").write_text(
        _rows(*COUNTY, range(2019, 2023), 86.0), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A built tree: the nation and one province."""
    root = make_project(tmp_path_factory.mktemp("build") / "before")
    (root / "data" / "raw" / "observations" / "zz_province.csv").write_text(
        _rows(*NEIGHBOUR, range(2019, 2023), 88.0), encoding="utf-8")
    _make(root)
    return root


@pytest.fixture(scope="module")
def clean_after(built, tmp_path_factory) -> dict[str, str]:
    """The pages of a clean build of the inputs with the county added."""
    root = tmp_path_factory.mktemp("build") / "clean"
    shutil.copytree(built, root, symlinks=True, ignore=shutil.ignore_patterns("reports", "build", "processed", "interim"))
    for folder in ("reports", "data/processed", "data/interim"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    _add_county(root)
    _make(root)
    return {name: sha for name, (_, sha) in _pages(root).items()}


def _copy(built: Path, dest: Path) -> Path:
    shutil.copytree(built, dest, symlinks=True)
    return dest


def test_adding_a_county_renders_it_its_parents_and_the_index_only(built, clean_after, tmp_path):
    root = _copy(built, tmp_path / "incremental")
    before = _pages(root)
    assert any(name.startswith(NEIGHBOUR[0]) for name in before)
    _add_county(root)
    _make(root)
    after = _pages(root)
    rendered = {name for name, (mtime, _) in after.items() if before.get(name, (None,))[0] != mtime}
    codes = {name.split("-")[0] for name in rendered if not name.startswith("index")}
    assert codes == {COUNTY[0]} | PARENTS, sorted(rendered)
    assert {"index.html", "index.en.html"} <= rendered
    assert {name: sha for name, (_, sha) in after.items()} == clean_after


def test_a_make_killed_while_rendering_is_finished_by_the_next_with_the_clean_bytes(built, clean_after, tmp_path):
    root = _copy(built, tmp_path / "killed")
    _add_county(root)
    manifest = root / "data" / "processed" / "evaluate" / "manifest.json"
    old_manifest = manifest.read_bytes()
    make = subprocess.Popen(["make", "WORKERS=2"], cwd=root, env=clean_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + BUILD_TIMEOUT
    # kill once the report stage is under way: the new evaluation is published and the first of
    # the county's pages is done while the others are still rendering
    while time.monotonic() < deadline and make.poll() is None:
        evaluated = manifest.exists() and manifest.read_bytes() != old_manifest
        if evaluated and any(p.name.startswith(COUNTY[0]) for p in root.glob("build/**/*")):
            break
        time.sleep(0.05)
    killed_while_running = make.poll() is None
    _kill_group(make.pid)
    make.wait(timeout=30)
    assert killed_while_running, "the build ended before the report stage could be interrupted"
    _make(root)
    assert {name: sha for name, (_, sha) in _pages(root).items()} == clean_after
