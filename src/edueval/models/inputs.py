"""Read the observation table: actual series, the targets that apply to a region, changes.

Everything here is bookkeeping; no statistics. The rules (docs/methods.md §1):
- an actual series is the rows with kind "actual" and status "ok", one value per
  region × indicator × school_level × year (a duplicate is an error, never averaged);
- a region's targets come from four scopes: its own target rows ("local"), its
  province's ("provincial"), region 000000's ("national", every region) and the county
  evaluation standards ("standard", county-level regions only); benchmark rows quoted
  for the region ("quoted benchmark") are evaluated for status only.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths
from ..regions import NATIONAL, Registry, load_regions

SERIES_KEY = ["region_code", "indicator", "school_level"]
_SERIES_COLUMNS = {c: (c, "text") for c in SERIES_KEY}
SCOPES = ("local", "provincial", "national", "standard", "quoted benchmark")
REQUIRED_COLUMNS = [
    "region_code", "indicator", "school_level", "year", "value", "kind", "qualifier",
    "base_year", "applies_to", "status", "method", "source_id",
]


class DuplicateActualError(ValueError):
    """Two usable actual values for one region × indicator × school_level × year."""


def observations_path() -> Path:
    """The published observation table (edueval/paths.py; another checkout: pass ``path=``)."""
    return paths.OBSERVATIONS_PARQUET


def load_observations(path: str | os.PathLike | None = None) -> pd.DataFrame:
    """Read the published observation table, data/processed/clean/observations.parquet (or ``path``).

    Raises FileNotFoundError with the fix (run ``make``) when the table has not been built.
    """
    target = Path(path) if path is not None else observations_path()
    if not target.is_file():
        raise FileNotFoundError(
            f"{target} does not exist: the observation table is built by the data pipeline. "
            "Run `make` (or `edueval clean`) in the project folder first, "
            "or pass path= to a parquet file with the observation table."
        )
    return pd.read_parquet(target)


def check_columns(observations: pd.DataFrame) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in observations.columns]
    if missing:
        raise ValueError(f"observation table lacks the columns {missing} (see docs/data_contract.md)")


def _text(s: pd.Series) -> pd.Series:
    """A string column with missing values as '' (pandas 3 string dtype)."""
    return s.astype("string").fillna("").astype(str)


_AS = {
    "text": _text,
    "int": lambda s: s.astype("int64"),
    "float": lambda s: s.astype("float64"),
    "derived": lambda method: (method == "derived").astype(bool),  # from the method column
}


def _pick(observations: pd.DataFrame, keep: pd.Series, **columns: tuple[str, str]) -> pd.DataFrame:
    """The rows ``keep`` as a new frame, each column given as name=(source column, conversion of _AS)."""
    rows = observations.loc[keep]
    return pd.DataFrame({name: _AS[how](rows[source]) for name, (source, how) in columns.items()})


def actual_series(observations: pd.DataFrame) -> pd.DataFrame:
    """Usable actual values, sorted, one row per series key × year.

    Columns: region_code, indicator, school_level, year (int), value (float),
    derived (bool), source_id. Raises DuplicateActualError naming every duplicate.
    """
    check_columns(observations)
    obs = observations
    usable = (obs["kind"] == "actual") & (obs["status"] == "ok") & obs["value"].notna()
    df = _pick(obs, usable, **_SERIES_COLUMNS, year=("year", "int"), value=("value", "float"),
               derived=("method", "derived"), source_id=("source_id", "text"))
    dup = df.duplicated(SERIES_KEY + ["year"], keep=False)
    if dup.any():
        rows = df.loc[dup].sort_values(SERIES_KEY + ["year"])
        listing = "; ".join(
            f"{r.region_code}/{r.indicator}/{r.school_level}/{r.year}={r.value} ({r.source_id})"
            for r in rows.itertuples()
        )
        raise DuplicateActualError(
            f"{int(dup.sum())} actual rows share a region × indicator × school_level × year "
            f"after keeping status 'ok'; cleaning must mark the losing side 'conflict': {listing}"
        )
    return df.sort_values(SERIES_KEY + ["year"], ignore_index=True)


def _target_rows(observations: pd.DataFrame) -> pd.DataFrame:
    obs = observations
    keep = obs["kind"].isin(["target", "benchmark"]) & (obs["status"] != "conflict")
    out = _pick(obs, keep, owner_code=("region_code", "text"), indicator=("indicator", "text"),
                school_level=("school_level", "text"), target_year=("year", "int"),
                target_value=("value", "float"), target_qualifier=("qualifier", "text"), kind=("kind", "text"),
                applies_to=("applies_to", "text"), target_status=("status", "text"),
                target_source_id=("source_id", "text"), target_derived=("method", "derived"))
    return out.reset_index(drop=True)


def collect_targets(
    observations: pd.DataFrame,
    region_codes: list[str] | np.ndarray,
    registry: Registry | None = None,
) -> pd.DataFrame:
    """Every target or benchmark that applies to each of ``region_codes``, with its scope.

    One row per region × target statement; the same statement quoted by several sources
    is kept once (first source_id; the others are listed in ``target_also_in``).
    """
    registry = registry or load_regions()
    rows = _target_rows(observations)
    columns = ["region_code", "scope", *rows.columns, "target_also_in"]
    if rows.empty or len(region_codes) == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    regions = pd.DataFrame({"region_code": pd.unique(np.asarray(region_codes, dtype=object))})
    regions["province"] = [
        (p.code if (p := registry.province_of(c)) is not None else "") if c in registry else ""
        for c in regions["region_code"]
    ]
    regions["is_county"] = [c in registry and registry[c].level == "county" for c in regions["region_code"]]

    targets = rows[rows["kind"] == "target"]
    benchmarks = rows[rows["kind"] == "benchmark"]
    parts = []
    # local: every target row of the region itself
    # (applies_to on a target row only records which document quoted it)
    local = regions.merge(targets, left_on="region_code", right_on="owner_code")
    parts.append(local.assign(scope="local"))
    # provincial: the province's targets, for regions below the province
    prov_targets = targets[targets["owner_code"] != NATIONAL]
    prov = regions[(regions["province"] != "") & (regions["province"] != regions["region_code"])]
    parts.append(prov.merge(prov_targets, left_on="province", right_on="owner_code").assign(scope="provincial"))
    # national: every region, the nation included (its own rows are national, not local)
    national = targets[targets["owner_code"] == NATIONAL]
    parts.append(regions.merge(national, how="cross").assign(scope="national"))
    # standards: national benchmarks that apply to every county
    standard = benchmarks[(benchmarks["owner_code"] == NATIONAL) & (benchmarks["applies_to"] == "county")]
    parts.append(regions[regions["is_county"]].merge(standard, how="cross").assign(scope="standard"))
    # quoted benchmarks: values quoted in the region's own documents, status only
    parts.append(regions.merge(benchmarks, left_on="region_code", right_on="applies_to").assign(scope="quoted benchmark"))

    out = pd.concat([p for p in parts if not p.empty], ignore_index=True) if any(not p.empty for p in parts) else pd.DataFrame(columns=columns)
    if out.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    # the nation's own national targets appear as "local" too: keep them once, as national
    out = out[~((out["scope"] == "local") & (out["region_code"] == NATIONAL))]
    ident = ["region_code", "scope", "owner_code", "indicator", "school_level", "target_year",
             "target_value", "target_qualifier", "kind", "target_status"]
    out = out.reset_index(drop=True)
    out["target_also_in"] = ""
    repeated = out.duplicated(ident, keep=False)
    if repeated.any():
        rep = out[repeated]
        listed = rep.groupby(ident, dropna=False, sort=False)["target_source_id"].transform(
            lambda s: ";".join(sorted(set(s))))
        out.loc[repeated, "target_also_in"] = [
            ";".join(x for x in a.split(";") if x != own) for a, own in zip(listed, rep["target_source_id"])]
    out = out.drop_duplicates(ident)
    return out[columns].reset_index(drop=True)


def change_rows(observations: pd.DataFrame) -> pd.DataFrame:
    """Stated changes in percentage points (kind "change", unit "pp", status ok).

    A change without levels still gives an observed pace: value / (year − base_year).
    Relative (%) and multiple (x) changes are not a pace in pp and are left out.
    """
    obs = observations
    # a gap to another jurisdiction (no base year) is not a change over time: no pace
    keep = (obs["kind"] == "change") & (obs["status"] == "ok") & obs["value"].notna() & obs["base_year"].notna()
    if "unit" in obs.columns:
        keep &= obs["unit"] == "pp"
    df = _pick(obs, keep, **_SERIES_COLUMNS, year=("year", "int"), base_year=("base_year", "int"),
               change_pp=("value", "float"), source_id=("source_id", "text"))
    df["stated_pace"] = df["change_pp"] / (df["year"] - df["base_year"])
    return df.reset_index(drop=True)
