"""A synthetic region × indicator panel with targets, for benchmarks and engine tests.

Not data: values are random walks around plausible levels. Regions get pseudo-codes
under a synthetic registry, so the table is evaluated with ``validate=False`` (the
schema checks region codes against the real registry).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..regions import NATIONAL, Region, Registry
from ..schema import COLUMNS

# (indicator, school_level, start level, yearly drift, noise sd, low, high, target 2025, qualifier)
SYNTHETIC_INDICATORS = [
    ("preschool_ger", "all", 70.0, 1.5, 1.0, 0, 200, 90.0, ">="),
    ("preschool_inclusive_share", "all", 60.0, 2.0, 1.2, 0, 100, 85.0, ">="),
    ("preschool_public_share", "all", 35.0, 1.0, 1.0, 0, 100, 50.0, "~"),
    ("compulsory_retention", "all", 90.0, 0.4, 0.5, 0, 130, 96.0, ">="),
    ("primary_ner", "all", 97.0, 0.15, 0.2, 0, 99.99, 99.5, ">="),
    ("senior_ger", "all", 75.0, 1.2, 1.0, 0, 200, 92.0, ">"),
    ("special_enrolment", "all", 80.0, 1.0, 1.0, 0, 99.9, 97.0, ">="),
    ("gaokao_bachelor_rate", "all", 30.0, 1.0, 2.0, 0, 100, 45.0, ">="),
    ("years_schooling", "all", 9.0, 0.1, 0.05, 0, 20, 11.3, ">="),
    ("balance_cv_composite", "primary", 0.7, -0.02, 0.02, 0.05, 5, 0.5, "<="),
]


def synthetic_registry(n_counties: int, n_provinces: int = 30) -> Registry:
    regions = [Region(NATIONAL, "全国", "China", "national", None, (), False)]
    for p in range(n_provinces):
        regions.append(Region(f"S-P{p:02d}", f"省{p}", f"Province {p}", "province", NATIONAL, (), True))
    for c in range(n_counties):
        regions.append(Region(f"S-C{c:05d}", f"县{c}", f"County {c}", "county", f"S-P{c % n_provinces:02d}", (), True))
    return Registry(regions)


def synthetic_observations(n_counties: int = 3000, first_year: int = 2009, n_years: int = 15,
                           n_provinces: int = 30, missing_share: float = 0.1, seed: int = 0):
    """(observations, registry): actual panel with gaps, national/provincial targets, standards."""
    rng = np.random.default_rng(seed)
    registry = synthetic_registry(n_counties, n_provinces)
    codes = np.array([f"S-C{c:05d}" for c in range(n_counties)])
    years = np.arange(first_year, first_year + n_years)
    frames = []
    for code, level, start, drift, sd, low, high, target, qualifier in SYNTHETIC_INDICATORS:
        base = start + rng.normal(0, abs(drift) * 3 + sd, (n_counties, 1))
        slope = drift * rng.uniform(0.3, 1.7, (n_counties, 1))
        values = np.clip(base + slope * (years - first_year) + rng.normal(0, sd, (n_counties, n_years)), low, high)
        keep = rng.random((n_counties, n_years)) >= missing_share
        region = np.repeat(codes, n_years)[keep.ravel()]
        frames.append(pd.DataFrame({
            "region_code": region, "indicator": code, "school_level": level,
            "year": np.tile(years, n_counties)[keep.ravel()], "value": values.ravel()[keep.ravel()],
            "kind": "actual", "qualifier": "=",
        }))
        targets = [(NATIONAL, 2025, target, qualifier, "target", None)]
        targets += [(f"S-P{p:02d}", 2025, target + (0.05 if code == "balance_cv_composite" else 0)
                     * (-1), qualifier, "target", None) for p in range(n_provinces)]
        targets += [(NATIONAL, 2020, target * (0.95 if qualifier != "<=" else 1.1), ">=" if qualifier != "<=" else "<=",
                     "benchmark", "county")]
        frames.append(pd.DataFrame(targets, columns=["region_code", "year", "value", "qualifier", "kind", "applies_to"])
                      .assign(indicator=code, school_level=level))
    obs = pd.concat(frames, ignore_index=True)
    obs = obs.assign(region_name="synthetic", unit="%", base_year=pd.NA, status="ok", method="curated",
                     source_id="synthetic", locator=None, quote=None, derivation=None, note=None)
    obs["year"] = obs["year"].astype("Int64")
    obs["base_year"] = obs["base_year"].astype("Int64")
    return obs[COLUMNS], registry
