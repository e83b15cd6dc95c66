"""Every path the project reads or writes, in one place.

The data root defaults to the repository checkout (the folder holding
``data/``); set ``EDUEVAL_ROOT`` to point the package at another copy.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = PACKAGE_DIR / "reference"
INDICATORS_CSV = REFERENCE_DIR / "indicators.csv"
REGIONS_CSV = REFERENCE_DIR / "regions.csv"
REGION_HISTORY_CSV = REFERENCE_DIR / "region_history.csv"
PSEUDO_REGIONS_CSV = REFERENCE_DIR / "pseudo_regions.csv"


def _find_root() -> Path:
    env = os.environ.get("EDUEVAL_ROOT")
    if env:
        return Path(env).resolve()
    for parent in [Path.cwd(), *Path.cwd().parents, PACKAGE_DIR, *PACKAGE_DIR.parents]:
        if (parent / "data" / "raw").is_dir() and (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd()


ROOT = _find_root()
DATA = ROOT / "data"
RAW = DATA / "raw"
RAW_OBSERVATIONS = RAW / "observations"
RAW_SOURCES = RAW / "sources"
RAW_SCHOOLS = RAW / "schools"
INTERIM = DATA / "interim"
PROCESSED = DATA / "processed"
OBSERVATIONS_PARQUET = PROCESSED / "observations.parquet"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
BUILD = ROOT / "build"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
