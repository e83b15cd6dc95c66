"""Balanced development of compulsory education (义务教育优质均衡) from school-level data.

Read and validate school files (:func:`read_schools`), split through-train schools
between levels (:func:`split_levels`), compute the pupil-weighted 差异系数 of the seven
resource indicators per county, year and level and the per-school standard
(:func:`evaluate`), turn the coefficients into observation rows
(:func:`to_observations`) and build the report section (:func:`balance_section`).
See ``docs/balance.md``.
"""
from __future__ import annotations

from .coefficients import group_coefficients, weighted_cv
from .evaluation import BalanceResult, evaluate, evaluate_files
from .observations import to_observations
from .schools import (
    COLUMNS,
    RowError,
    SchoolDataError,
    read_school_dir,
    read_schools,
    template_headers,
    validate_schools,
)
from .section import BalanceSection, balance_section
from .split import WEIGHTS, level_shares, split_levels
from .standards import COMPOSITE_MAX, CV_MAX, INDICATORS, school_standard

__all__ = [
    "BalanceResult", "BalanceSection", "COLUMNS", "COMPOSITE_MAX", "CV_MAX", "INDICATORS",
    "RowError", "SchoolDataError", "WEIGHTS", "balance_section", "evaluate", "evaluate_files",
    "group_coefficients", "level_shares", "read_school_dir", "read_schools", "school_standard",
    "split_levels", "template_headers", "to_observations", "validate_schools", "weighted_cv",
]
