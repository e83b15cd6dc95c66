"""The cleaning stage: raw tables and proposed rows → one validated observation table.

    from edueval.clean import clean
    result = clean()              # CleanResult(.observations, .quality_log, .sources, .inputs)
    result.publish()              # data/processed/clean/ (edueval/store.py)
"""
from __future__ import annotations

from .stage import (
    CleanResult,
    Proposed,
    clean,
    data_version,
    drop_restatements,
    load_curated,
    load_sources,
    merge_extracted,
    normalise_applies_to,
    raw_files,
    resolve_conflicts,
)

__all__ = ["CleanResult", "Proposed", "clean", "data_version", "drop_restatements", "load_curated", "load_sources", "merge_extracted",
           "normalise_applies_to", "raw_files", "resolve_conflicts"]
