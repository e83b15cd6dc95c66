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
    """A scratch copy of data/raw that a test may break."""
    dest = tmp_path / "raw"
    shutil.copytree(paths.RAW, dest, ignore=shutil.ignore_patterns("documents", "schools"))
    return dest


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not paths.SHARED_SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {paths.SHARED_SEEDS} (CI has ../shared beside the clone)")
    return paths.SHARED_SEEDS
