"""Shared fixtures: the seed documents (skipped when the shared folder is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

from edueval import paths
from edueval.extract.scoring import DEFAULT_GOLD, load_gold, seed_regions

GOLD_PATH = Path(__file__).with_name("gold_seeds.csv")


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not paths.SHARED_SEEDS.is_dir():
        pytest.skip(f"seed documents not found at {paths.SHARED_SEEDS} (shared/seeds is outside the repository)")
    return paths.SHARED_SEEDS


@pytest.fixture(scope="session")
def gold():
    assert GOLD_PATH == DEFAULT_GOLD.resolve() or GOLD_PATH.exists()
    return load_gold(GOLD_PATH)


@pytest.fixture(scope="session")
def seed_files(seeds_dir, gold) -> list[Path]:
    names = set(gold["document"])
    files = sorted(p for p in seeds_dir.iterdir() if p.name in names)
    if len(files) != len(names):
        pytest.skip(f"only {len(files)} of the {len(names)} gold seed documents are in {seeds_dir}")
    return files


@pytest.fixture(scope="session")
def seed_result(seed_files, gold):
    """Every seed scored on its own rows (near-duplicates kept), pseudo-regions passed as a user would."""
    from edueval.extract import extract_paths

    return extract_paths(seed_files, region=seed_regions(gold), drop_near_duplicates=False)
