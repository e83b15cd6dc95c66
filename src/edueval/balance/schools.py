"""School-level input: one row per school and year, read from CSV or XLSX.

The columns and school types are declared in :mod:`.columns` (``docs/balance.md`` lists
every header), files are read as text by :mod:`.school_files`, checked by
:mod:`.validation`, and every problem of every file is collected (:mod:`.problems`)
before one :class:`SchoolDataError` names each file and spreadsheet row (header = 1).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import paths
from .columns import (
    BY_CODE,
    COLUMNS,
    MAX_VALUE,
    PUPIL_COLUMNS,
    RESOURCE_COLUMNS,
    SCHOOL_TYPE_ZH,
    SCHOOL_TYPES,
    InputColumn,
    parse_header,
    template_headers,
)
from .problems import MAX_MESSAGES, ProblemCollector, RowError, SchoolDataError
from .school_files import Unreadable, display_name, read_raw
from .validation import check_duplicates, validate_frame

__all__ = [
    "BY_CODE", "COLUMNS", "MAX_MESSAGES", "MAX_VALUE", "PUPIL_COLUMNS", "RESOURCE_COLUMNS", "SCHOOL_TYPES",
    "SCHOOL_TYPE_ZH", "InputColumn", "RowError", "SchoolDataError", "parse_header", "read_school_dir",
    "read_schools", "template_headers", "validate_schools",
]


def read_schools(files: str | Path | Iterable[str | Path]) -> pd.DataFrame:
    """Read and validate one or more school files (CSV or XLSX).

    Returns one row per school and year with the column codes of :data:`COLUMNS`
    (school type as a code, pupils and resources as floats in canonical units),
    plus ``school_key`` (the 学校标识码, or the name when no code is given),
    ``file`` and ``row`` (spreadsheet row, header = 1). Raises
    :class:`SchoolDataError` listing every problem of every file.
    """
    if isinstance(files, (str, Path)):
        files = [files]
    files = [Path(f) for f in files]
    if not files:
        raise ValueError("no school files given")
    errors = ProblemCollector()
    frames = []
    for f in files:
        if not f.is_file():
            raise FileNotFoundError(f"school file not found: {f}")
        try:
            raw = read_raw(f)
        except Unreadable as exc:
            errors.add(display_name(f), [None], None, str(exc))
            continue
        frames.append(validate_frame(raw, display_name(f), errors))
    frames = [x for x in frames if x is not None]
    out = pd.concat(frames, ignore_index=True) if frames else None
    if out is not None:
        check_duplicates(out, errors)
    if errors.errors:
        raise SchoolDataError(errors.errors)
    return out


def read_school_dir(directory: str | Path | None = None) -> pd.DataFrame | None:
    """Every ``*.csv`` / ``*.xlsx`` in ``directory`` (default ``data/raw/schools``),
    validated together; None when there is none."""
    directory = Path(directory) if directory is not None else paths.RAW_SCHOOLS
    if not directory.is_dir():
        return None
    files = sorted(p for p in directory.iterdir()
                   if p.suffix.lower() in (".csv", ".xlsx") and not p.name.startswith((".", "~$")))
    if not files:
        return None
    return read_schools(files)


def validate_schools(raw: pd.DataFrame, file: str = "<frame>") -> pd.DataFrame | None:
    """Validate a raw frame of strings (headers as in the file) and return the clean table.

    Raises :class:`SchoolDataError` with every problem.
    """
    errors = ProblemCollector()
    out = validate_frame(raw, file, errors)
    if out is not None:
        check_duplicates(out, errors)
    if errors.errors:
        raise SchoolDataError(errors.errors)
    return out
