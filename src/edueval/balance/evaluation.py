"""Evaluate a school table: coefficients, thresholds and the per-school standard.

:func:`evaluate` takes the validated school table (:func:`~.schools.read_schools`) and
returns a :class:`BalanceResult` for every county, year and level (primary, junior)
in it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from .coefficients import GROUP_KEYS, group_coefficients
from .schools import read_schools
from .split import split_levels
from .standards import (
    BY_CODE,
    COMPOSITE,
    COMPOSITE_MAX,
    CV_MAX,
    INDICATOR_CODES,
    LEVELS,
    per_pupil_values,
    school_standard,
)

_LEVEL_ORDER = {lv: i for i, lv in enumerate(LEVELS)}


@dataclass
class BalanceResult:
    """Everything computed from one school table.

    - ``schools``: the validated input, one row per school and year.
    - ``units``: one row per school part (a through-train school gives one row per
      level) with ``pupils``, ``share`` of the school's resources, the apportioned
      resources, ``value_<code>`` (per-pupil or per-100-pupil values),
      ``ratio_<code>`` (value ÷ standard), ``met_<code>``, ``n_met``, ``passes`` and
      ``reason``.
    - ``coefficients``: one row per county, year, level and indicator (the seven
      codes and ``composite``): ``n_schools``, ``pupils``, ``mean`` (X̄), ``std`` (S),
      ``cv``, ``threshold``, ``passed``, ``role`` (``required`` for the seven,
      ``supplementary`` for the composite) and ``note``.
    - ``files``: the input files.
    """

    schools: pd.DataFrame
    units: pd.DataFrame
    coefficients: pd.DataFrame
    files: tuple[str, ...]

    def failing_schools(self) -> pd.DataFrame:
        """The school parts that miss the per-school standard, and on what."""
        cols = ["county_code", "county_name", "year", "level", "school_name", "school_type",
                "n_met", "min_ratio", "reason", "file", "row"]
        return self.units.loc[~self.units["passes"], cols].reset_index(drop=True)

    def summary(self) -> pd.DataFrame:
        """One row per county, year and level: schools, indicators within the ceiling,
        whether all seven are, the composite, and schools missing the standard."""
        c = self.coefficients
        req = c[c["role"] == "required"]
        ok = req["passed"].fillna(False).astype(bool)
        g = req.groupby(GROUP_KEYS, sort=True)
        out = pd.DataFrame({
            "n_schools": g["n_schools"].first(),
            "indicators_passed": ok.groupby([req[k] for k in GROUP_KEYS], sort=True).sum(),
            "all_passed": ok.groupby([req[k] for k in GROUP_KEYS], sort=True).all(),
            "max_cv": g["cv"].max(),
        })
        comp = c[c["role"] == "supplementary"].set_index(GROUP_KEYS)
        out["composite"] = comp["cv"]
        out["composite_passed"] = comp["passed"]
        u = self.units
        fails = (~u["passes"]).groupby([u[k] for k in GROUP_KEYS], sort=True).sum()
        out["schools_failing_standard"] = fails
        out = out.reset_index()
        out["_l"] = out["level"].astype(str).map(_LEVEL_ORDER)
        return (out.sort_values(["county_code", "year", "_l"]).drop(columns="_l")
                .reset_index(drop=True))

    def to_frame(self) -> pd.DataFrame:
        """The coefficients table: one row per county, year, level and indicator."""
        return self.coefficients.copy()

    def __repr__(self) -> str:
        # the default dataclass repr would print four whole frames
        c = self.coefficients
        counties = c["county_code"].nunique() if not c.empty else 0
        years = sorted({int(y) for y in c["year"].dropna()}) if not c.empty else []
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else (str(years[0]) if years else "no years")
        required = c[c["role"] == "required"] if not c.empty else c
        passed = int(required["passed"].fillna(False).astype(bool).sum()) if not required.empty else 0
        failing = int((~self.units["passes"]).sum()) if not self.units.empty else 0
        return (f"BalanceResult({len(self.schools)} school rows from {len(self.files)} file(s); {counties} "
                f"count{'y' if counties == 1 else 'ies'}, {span}; {passed} of {len(required)} coefficients within "
                f"the ceiling; {failing} of {len(self.units)} school parts below the per-school standard)")

    def for_county(self, county_code: str) -> "BalanceResult":
        """The part of the result that concerns one county."""
        return BalanceResult(
            schools=self.schools[self.schools["county_code"] == county_code].reset_index(drop=True),
            units=self.units[self.units["county_code"] == county_code].reset_index(drop=True),
            coefficients=self.coefficients[self.coefficients["county_code"] == county_code]
            .reset_index(drop=True),
            files=self.files,
        )


def evaluate(schools: pd.DataFrame, files: Iterable[str] | None = None) -> BalanceResult:
    """Coefficients and the per-school standard for a validated school table."""
    if files is None:
        files = tuple(dict.fromkeys(schools["file"])) if "file" in schools else ()
    units = split_levels(schools, LEVELS)
    values = per_pupil_values(units)
    std = school_standard(values, units["level"])
    units = pd.concat([units, values.add_prefix("value_"), std], axis=1)

    names = _county_names(schools)
    frame = pd.concat([units[GROUP_KEYS + ["pupils"]], values], axis=1)
    coef = group_coefficients(frame, INDICATOR_CODES, GROUP_KEYS)
    coef["role"] = "required"
    composite = _composite(coef)
    coef = pd.concat([coef, composite], ignore_index=True)
    level = coef["level"].astype(str)
    is_comp = coef["indicator"] == COMPOSITE
    coef["threshold"] = np.where(is_comp, level.map(COMPOSITE_MAX), level.map(CV_MAX)).astype(float)
    passed = pd.array(coef["cv"] <= coef["threshold"], dtype="boolean")
    passed[coef["cv"].isna().to_numpy()] = pd.NA
    coef["passed"] = passed
    coef["note"] = _notes(coef)
    coef.insert(1, "county_name", coef["county_code"].map(names).astype("string"))
    order = {c: i for i, c in enumerate([*INDICATOR_CODES, COMPOSITE])}
    coef = (coef.assign(_l=level.map(_LEVEL_ORDER), _i=coef["indicator"].map(order))
            .sort_values(["county_code", "year", "_l", "_i"])
            .drop(columns=["_l", "_i"]).reset_index(drop=True))
    coef["role"] = coef["role"].astype("string")
    coef["indicator"] = coef["indicator"].astype("string")
    units["county_name"] = units["county_code"].map(names).astype("string")
    return BalanceResult(schools=schools, units=units, coefficients=coef, files=tuple(files))


def evaluate_files(files: str | Path | Iterable[str | Path]) -> BalanceResult:
    """Read, validate and evaluate school files."""
    schools = read_schools(files)
    return evaluate(schools)


def _composite(coef: pd.DataFrame) -> pd.DataFrame:
    """The composite coefficient: the plain mean of the seven (NaN if one is undefined)."""
    if coef.empty:
        return coef.iloc[0:0]
    g = coef.groupby(GROUP_KEYS, sort=True)
    n_undefined = coef["cv"].isna().groupby([coef[k] for k in GROUP_KEYS], sort=True).sum()
    out = pd.DataFrame({
        "n_schools": g["n_schools"].first(),
        "pupils": g["pupils"].first(),
        # the plain mean, undefined when one of the seven is undefined
        "cv": g["cv"].mean().where(n_undefined == 0),
        "n_ind": g["cv"].size(),
    }).reset_index()
    if (out["n_ind"] != len(INDICATOR_CODES)).any():
        raise AssertionError("composite needs all seven indicators per group")
    out = out.drop(columns="n_ind")
    out["indicator"] = COMPOSITE
    out["mean"] = np.nan
    out["std"] = np.nan
    out["role"] = "supplementary"
    return out


def _notes(coef: pd.DataFrame) -> pd.Series:
    note = pd.Series("", index=coef.index, dtype="string")
    single = coef["n_schools"] == 1
    note = note.mask(single, "only one school: the coefficient is 0 by construction")
    undefined = coef["cv"].isna() & (coef["indicator"] != COMPOSITE)
    note = note.mask(undefined, "no school has any: coefficient undefined")
    comp_undef = coef["cv"].isna() & (coef["indicator"] == COMPOSITE)
    note = note.mask(comp_undef, "composite undefined: an indicator's coefficient is undefined")
    return note


def _county_names(schools: pd.DataFrame) -> dict[str, str]:
    """County display name: the file's 县名称, else the registry's, else the code."""
    from ..regions import load_regions

    registry = load_regions()
    names = {}
    given = schools.loc[schools["county_name"] != "", ["county_code", "county_name"]]
    first = given.drop_duplicates("county_code").set_index("county_code")["county_name"]
    for code in schools["county_code"].unique():
        if code in first.index:
            names[code] = first[code]
        elif code in registry:
            names[code] = registry[code].name_zh
        else:
            names[code] = code
    return names


def indicator_name(code: str) -> str:
    """Chinese name of an indicator code (or of the composite)."""
    if code == COMPOSITE:
        return "综合差异系数（七项平均，补充）"
    return BY_CODE[code].name_zh
