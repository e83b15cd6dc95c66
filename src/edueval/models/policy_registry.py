"""The policy registry (``reference/policies.csv``): which policy concerns which indicator.

Columns: policy_id, name_zh, name_en, date (YYYY-MM), first_full_year (the first calendar
year wholly under the policy: the "after" side of a before/after starts there), scope,
indicators (``|``-separated catalog codes, or ``*`` for every indicator), note, source
(a source_id of data/raw/sources, or the issuing body and title while unregistered).
"""
from __future__ import annotations

import csv
import re

import numpy as np
import pandas as pd

from .. import paths
from ..catalog import load_catalog
from ..schema import FIRST_YEAR, LAST_YEAR

POLICIES_CSV = paths.REFERENCE_DIR / "policies.csv"
POLICY_COLUMNS = ["policy_id", "name_zh", "name_en", "date", "first_full_year", "scope", "indicators", "note",
                  "source"]
YEAR_RANGE = (FIRST_YEAR, LAST_YEAR)  # the years the observation table allows


def validate_policies(frame: pd.DataFrame) -> pd.DataFrame:
    """Check a registry frame; raise ValueError naming every bad row."""
    missing = [c for c in POLICY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"policy registry lacks the columns {missing}")
    catalog = load_catalog()
    problems = []
    for i, r in frame.reset_index(drop=True).iterrows():
        where = f"row {i + 2} ({r['policy_id']})"
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", str(r["policy_id"])):
            problems.append(f"{where}: policy_id must be lower-case letters, digits and '-'")
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", str(r["date"])):
            problems.append(f"{where}: date {r['date']!r} is not YYYY-MM")
        else:
            year, month = int(str(r["date"])[:4]), int(str(r["date"])[5:])
            first = int(r["first_full_year"])
            if first != (year if month == 1 else year + 1):
                problems.append(f"{where}: first_full_year {first} is not the first calendar year after {r['date']}")
        codes = str(r["indicators"]).split("|")
        unknown = [c for c in codes if c != "*" and c not in catalog]
        if unknown or (("*" in codes) and len(codes) > 1):
            problems.append(f"{where}: indicators {unknown or codes} are not catalog codes (or '*' alone)")
        if not str(r["source"]).strip():
            problems.append(f"{where}: no source")
    if frame["policy_id"].duplicated().any():
        problems.append(f"duplicate policy_id: {sorted(frame.loc[frame['policy_id'].duplicated(), 'policy_id'])}")
    if problems:
        raise ValueError("policy registry: " + "; ".join(problems))
    return frame


def load_policies(path=None) -> pd.DataFrame:
    """The registry as a frame (first_full_year as int), validated."""
    with open(path or POLICIES_CSV, encoding="utf-8", newline="") as fh:
        frame = pd.DataFrame(list(csv.DictReader(fh)), columns=POLICY_COLUMNS)
    frame["first_full_year"] = frame["first_full_year"].astype("int64")
    return validate_policies(frame)


def ad_hoc_policy(year: int) -> pd.DataFrame:
    """One unnamed policy year for every indicator (``policy_year=`` without a registered policy)."""
    lo, hi = YEAR_RANGE
    if not lo <= int(year) <= hi:
        raise ValueError(f"policy year {year} is outside {lo}–{hi}")
    return pd.DataFrame([{
        "policy_id": f"year-{int(year)}", "name_zh": f"{int(year)} 年前后", "name_en": f"before/after {int(year)}",
        "date": f"{int(year)}-01", "first_full_year": int(year), "scope": "national", "indicators": "*",
        "note": "policy year given by the user; no registered policy starts then", "source": "user"}])


def select_policies(policy_year: int | None = None, policies: pd.DataFrame | None = None) -> pd.DataFrame:
    """The registry, or its policies whose first full year is ``policy_year`` (an ad-hoc row if none)."""
    registry = load_policies() if policies is None else validate_policies(policies.copy())
    if policy_year is None:
        return registry.reset_index(drop=True)
    chosen = registry[registry["first_full_year"] == int(policy_year)]
    return (chosen if not chosen.empty else ad_hoc_policy(policy_year)).reset_index(drop=True)


def concerns(policies: pd.DataFrame, indicators: pd.Series) -> pd.DataFrame:
    """(row of ``indicators``, policy position) pairs where the policy concerns the indicator."""
    parts = []
    for p, spec in enumerate(policies["indicators"]):
        wanted = str(spec).split("|")
        hit = np.ones(len(indicators), bool) if "*" in wanted else indicators.isin(wanted).to_numpy()
        parts.append(pd.DataFrame({"row": np.flatnonzero(hit), "policy": p}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({"row": [], "policy": []}, dtype=int)
