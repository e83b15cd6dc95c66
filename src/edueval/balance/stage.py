"""The balance stage: school tables under data/raw/schools → published coefficients.

Publishes (edueval/store.py) the coefficients with thresholds and pass/fail, every school
part with its values, the parts missing the per-school standard, and the coefficients as
observation rows (method ``derived``) that cleaning merges into the observation table.
The report only reads these tables; it never re-reads the school files.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd

from .. import paths, store
from ..errors import InputError
from ..schema import COLUMNS, SOURCE_COLUMNS
from .evaluation import BalanceResult, evaluate
from .observations import to_observations
from .schools import SchoolDataError, read_schools


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def source_id_for(path: Path) -> str:
    """A stable registry id for a school table: ``schools-<name>-<8 hex of its bytes>``."""
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")[:24].strip("-") or "table"
    return f"schools-{slug}-{hashlib.sha1(path.read_bytes()).hexdigest()[:8]}"


def source_row(path: Path, result: BalanceResult, root: Path) -> dict:
    years = sorted(int(y) for y in result.schools["year"].unique()) if len(result.schools) else []
    try:
        where = str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        where = str(path)
    return {"source_id": source_id_for(path), "title": f"学校表 {path.name}", "publisher": "未注明 (not stated)",
            "date": str(years[-1]) if years else "1949", "kind": "table", "url": None, "read_at": where,
            "accessed": None, "licence": None, "file": path.name,
            "note": "school-level table read by the balance stage; local file, no URL given"}


def tables(files: list[Path], root: Path) -> dict[str, pd.DataFrame]:
    """Evaluate every school file on its own (each is its own source) and stack the results."""
    coefficients, schools, failing, observations, sources = [], [], [], [], []
    problems: list[str] = []
    for path in files:
        try:
            result = evaluate(read_schools([path]))
        except SchoolDataError as exc:  # every problem of every file, then one error
            problems += [str(e) for e in exc.errors]
            continue
        sid = source_id_for(path)
        try:
            rows = to_observations(result, sid, input_file=path.name)
        except ValueError as exc:  # a county code that is not in the region registry
            problems.append(f"{_shown(path, root)}: {exc}")
            continue
        coefficients.append(result.coefficients.assign(source_id=sid))
        schools.append(result.units.assign(source_id=sid))
        failing.append(result.failing_schools().assign(source_id=sid))
        observations.append(rows.assign(input_file=str(path.relative_to(root)) if path.is_relative_to(root) else str(path)))
        sources.append(source_row(path, result, root))

    if problems:
        raise InputError(problems, hint="correct the school tables in data/raw/schools (see docs/balance.md)")

    def stack(frames):
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    obs = stack(observations) if observations else pd.DataFrame(columns=[*COLUMNS, "input_file"])
    return {"balance_coefficients": stack(coefficients), "balance_schools": stack(schools),
            "balance_failing": stack(failing), "balance_observations": obs,
            "balance_sources": pd.DataFrame(sources, columns=SOURCE_COLUMNS)}


def run_stage(layout: paths.Layout = paths.DEFAULT, inputs: dict | None = None) -> dict[str, pd.DataFrame]:
    from ..inputs import group_files

    parts = tables(group_files("schools", layout), layout.root)
    with store.publish("balance", inputs=inputs, layout=layout) as out:
        for name, frame in parts.items():
            out.write(name, frame)
    return parts
