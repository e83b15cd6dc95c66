"""Balance coefficients as rows of the observation table (edueval.schema.Observations).

Each county, year and level gives eight rows: the seven ``balance_cv_<code>``
coefficients and ``balance_cv_composite``; kind ``actual``, method ``derived``, the
``derivation`` naming the computation and the input file, ``source_id`` the
registered source of the school table (given by the caller). Undefined coefficients
(no school has any of a resource) give no row; the caller learns of them from
``BalanceResult.coefficients`` (``note``).
"""
from __future__ import annotations

import pandas as pd

from ..regions import load_regions
from ..schema import COLUMNS, Observations
from .evaluation import BalanceResult
from .standards import BY_CODE, COMPOSITE, COMPOSITE_MAX, CV_MAX, INDICATOR_CODES, LEVEL_ZH

METHOD = "edueval.balance (pupil-weighted 差异系数; through-train schools split 1:1.1:1.32)"


def to_observations(result: BalanceResult, source_id: str, *, input_file: str | None = None
                    ) -> pd.DataFrame:
    """Observation rows for every coefficient in ``result``, validated.

    ``input_file`` names the school table in the derivation (default: the files the
    result was read from). Raises ValueError if a county code is not in the region
    registry (add it, or a pseudo-code ``X-…``, to ``reference/regions.csv``), and
    pandera's SchemaErrors if a row breaks the contract.
    """
    if not source_id or not str(source_id).strip():
        raise ValueError("source_id is required: the registered source of the school table")
    coef = result.coefficients
    coef = coef[coef["cv"].notna()]
    if coef.empty:
        return Observations.validate(pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS}))
    registry = load_regions()
    unknown = sorted(set(coef["county_code"]) - {r.code for r in registry})
    if unknown:
        raise ValueError(
            "county code(s) not in the region registry (src/edueval/reference/regions.csv): "
            + ", ".join(unknown))
    file = input_file or "; ".join(result.files) or "<school table>"

    # the seven coefficients of each group, for the composite's derivation
    req = coef[coef["role"] == "required"]
    parts = (req.assign(_t=req["cv"].map("{:.4f}".format))
             .groupby(["county_code", "year", "level"])["_t"].agg(" + ".join))

    rows = []
    for r in coef.itertuples(index=False):
        level = str(r.level)
        if r.indicator == COMPOSITE:
            terms = parts.get((r.county_code, r.year, r.level), "")
            derivation = (f"({terms}) / {len(INDICATOR_CODES)} = {r.cv:.4f}: mean of the seven "
                          f"per-indicator 差异系数 over {r.n_schools} {LEVEL_ZH[level]} schools of {file}")
            code = "balance_cv_composite"
            note = (f"supplementary: 基本均衡 composite ceiling ≤ {COMPOSITE_MAX[level]:.2f} (2012): "
                    + ("met" if r.passed else "not met"))
        else:
            ind = BY_CODE[r.indicator]
            derivation = (f"CV = S / X̄ = {r.std:.6g} / {r.mean:.6g} = {r.cv:.4f}: {ind.name_zh} "
                          f"over {r.n_schools} {LEVEL_ZH[level]} schools ({r.pupils:.0f} pupils) "
                          f"of {file}; {METHOD}")
            code = ind.observation_code
            note = (f"优质均衡 ceiling ≤ {CV_MAX[level]:.2f} (2017): "
                    + ("met" if r.passed else "not met"))
        if r.note:
            note += f"; {r.note}"
        rows.append({
            "region_code": r.county_code,
            "region_name": registry[r.county_code].name_zh,
            "indicator": code,
            "school_level": level,
            "year": int(r.year),
            "value": float(r.cv),
            "unit": "ratio",
            "kind": "actual",
            "qualifier": "=",
            "base_year": pd.NA,
            "applies_to": None,
            "status": "ok",
            "method": "derived",
            "source_id": source_id,
            "locator": file,
            "quote": None,
            "derivation": derivation,
            "note": note,
        })
    df = pd.DataFrame(rows, columns=COLUMNS)
    return Observations.validate(df, lazy=True)
