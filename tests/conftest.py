from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from edueval import paths

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def cleaned():
    """The cleaning stage run on the repository's real raw data (in memory)."""
    from edueval.clean import clean

    return clean(paths.RAW)


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/raw (inside a scratch project folder) that a test may break."""
    dest = tmp_path / "project" / "data" / "raw"
    shutil.copytree(paths.RAW, dest, ignore=shutil.ignore_patterns("documents", "schools"))
    return dest


class Project:
    """Scratch project folders for tests that run the pipeline (fixture ``project``)."""

    @staticmethod
    def make_root(root: Path, ignore=("documents", "schools")) -> Path:
        """A scratch project folder: a copy of data/raw and the notebooks (what the stages read)."""
        shutil.copytree(paths.RAW, root / "data" / "raw", ignore=shutil.ignore_patterns(*ignore))
        shutil.copytree(paths.NOTEBOOKS, root / "notebooks")
        return root

    @staticmethod
    def publish_stages(root: Path, stages=("extract", "balance", "clean", "evaluate")) -> paths.Layout:
        """Run the stages on ``root`` as ``make`` would (through the command line's functions)."""
        from edueval.cli import main

        for stage in stages:
            assert main(["-q", "--root", str(root), stage]) == 0, f"edueval {stage} failed on {root}"
        return paths.Layout(root)


@pytest.fixture(scope="session")
def project() -> Project:
    return Project()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not paths.SHARED_SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {paths.SHARED_SEEDS} (CI has ../shared beside the clone)")
    return paths.SHARED_SEEDS
