"""Every path the project reads or writes, in one place.

The data root is the repository checkout (the folder holding ``data/raw`` and
``pyproject.toml``) or, when set, ``EDUEVAL_ROOT``, read once here. Code that must work on
another copy (tests, ``edueval --root DIR``) builds a :class:`Layout` for it instead of
reading the environment again.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REFERENCE_DIR = PACKAGE_DIR / "reference"
INDICATORS_CSV = REFERENCE_DIR / "indicators.csv"
REGIONS_CSV = REFERENCE_DIR / "regions.csv"
REGION_HISTORY_CSV = REFERENCE_DIR / "region_history.csv"
PSEUDO_REGIONS_CSV = REFERENCE_DIR / "pseudo_regions.csv"
TEMPLATES_DIR = PACKAGE_DIR / "templates"

# Stage outputs: each stage publishes one folder of tables with a manifest (edueval/store.py).
STAGES = ("extract", "balance", "clean", "evaluate")
MANIFEST = "manifest.json"


def _find_root() -> Path:
    env = os.environ.get("EDUEVAL_ROOT")
    if env:
        return Path(env).resolve()
    for parent in [Path.cwd(), *Path.cwd().parents, PACKAGE_DIR, *PACKAGE_DIR.parents]:
        if (parent / "data" / "raw").is_dir() and (parent / "pyproject.toml").is_file():
            return parent
    return Path.cwd()


@dataclass(frozen=True)
class Layout:
    """The folders of one checkout: raw inputs (read only), stage outputs, reports, build files."""

    root: Path

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def raw_observations(self) -> Path:
        return self.raw / "observations"

    @property
    def raw_sources(self) -> Path:
        return self.raw / "sources"

    @property
    def documents(self) -> Path:
        return self.raw / "documents"

    @property
    def schools(self) -> Path:
        return self.raw / "schools"

    @property
    def interim(self) -> Path:
        return self.root / "data" / "interim"

    @property
    def processed(self) -> Path:
        return self.root / "data" / "processed"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    def stage(self, name: str) -> Path:
        """The published folder of a stage (a symlink swapped atomically by the store)."""
        if name not in STAGES:
            raise ValueError(f"unknown stage {name!r}; the stages are {STAGES}")
        return (self.interim if name == "extract" else self.processed) / name

    def manifest(self, stage: str) -> Path:
        return self.stage(stage) / MANIFEST

    @property
    def errors(self) -> Path:
        """Full lists of problems when a stage prints only the first ones."""
        return self.build / "errors"

    @property
    def input_stamps(self) -> Path:
        """Content digests of the raw inputs, rewritten only when they change (make keys on them)."""
        return self.build / "inputs"

    @property
    def pages(self) -> Path:
        """Per-page input digests: a page is rendered again only when its own inputs change."""
        return self.build / "pages"

    @property
    def shared_seeds(self) -> Path:
        return self.root.parent / "shared" / "seeds"


ROOT = _find_root()
DEFAULT = Layout(ROOT)

# Module-level names for the default checkout (most callers need no other).
DATA = ROOT / "data"
RAW = DEFAULT.raw
RAW_OBSERVATIONS = DEFAULT.raw_observations
RAW_SOURCES = DEFAULT.raw_sources
RAW_DOCUMENTS = DEFAULT.documents
RAW_SCHOOLS = DEFAULT.schools
INTERIM = DEFAULT.interim
PROCESSED = DEFAULT.processed
OBSERVATIONS_PARQUET = DEFAULT.stage("clean") / "observations.parquet"
NOTEBOOKS = DEFAULT.notebooks
REPORTS = DEFAULT.reports
BUILD = DEFAULT.build
SHARED_SEEDS = DEFAULT.shared_seeds
