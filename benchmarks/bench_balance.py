"""Benchmark the balance evaluation on a synthetic national-scale school file.

Generates about 200,000 schools in 2,900 counties (one year; invented numbers, county
codes B0001…, never real places) as a CSV with the Chinese headers of the template in
a temporary directory, then times reading + validation, evaluation (split, per-pupil
values, 差异系数 of every county and level, per-school standard) and the summary.

    .venv/bin/python benchmarks/bench_balance.py [--schools N] [--counties K] [--seed S]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from edueval.balance import evaluate, read_schools, template_headers

TYPES = np.array(["小学", "初中", "九年一贯制", "完全中学", "十二年一贯制"])
TYPE_P = np.array([0.58, 0.24, 0.12, 0.04, 0.02])
# resources per pupil around (a little above) the junior standards, with spread
RATES = np.array([5.3, 1.0, 0.9, 5.8, 10.2, 2500.0, 2.4]) / np.array([100, 100, 100, 1, 1, 1, 100])


def synthetic(n_schools: int, n_counties: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    county = rng.integers(0, n_counties, n_schools)
    stype = rng.choice(len(TYPES), n_schools, p=TYPE_P)
    base = np.maximum(1, rng.lognormal(6.0, 0.9, n_schools)).round()
    teaches = {
        "primary": np.isin(stype, [0, 2, 4]),
        "junior": np.isin(stype, [1, 2, 3, 4]),
        "senior": np.isin(stype, [3, 4]),
    }
    pupils = {lv: np.where(m, (base * rng.uniform(0.3, 1.0, n_schools)).round() + 1, 0)
              for lv, m in teaches.items()}
    total = sum(pupils.values())
    resources = total[:, None] * RATES[None, :] * rng.lognormal(0.3, 0.25, (n_schools, len(RATES)))
    resources[:, :3] = resources[:, :3].round()
    resources[:, 6] = resources[:, 6].round()
    headers = template_headers()
    cols = [
        np.char.add("B", np.char.zfill(county.astype(str), 4)),
        np.char.add("合成县", county.astype(str)),
        np.full(n_schools, 2024),
        np.char.add("合成学校", np.arange(n_schools).astype(str)),
        np.full(n_schools, ""),
        TYPES[stype],
        pupils["primary"].astype(int), pupils["junior"].astype(int), pupils["senior"].astype(int),
        *[resources[:, j] for j in range(resources.shape[1])],
    ]
    return pd.DataFrame(dict(zip(headers, cols)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--schools", type=int, default=200_000)
    ap.add_argument("--counties", type=int, default=2_900)
    ap.add_argument("--seed", type=int, default=2024)
    a = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "schools_synthetic.csv"
        t0 = time.perf_counter()
        synthetic(a.schools, a.counties, a.seed).to_csv(path, index=False)
        t1 = time.perf_counter()
        schools = read_schools(path)
        t2 = time.perf_counter()
        result = evaluate(schools)
        t3 = time.perf_counter()
        summary = result.summary()
        failing = result.failing_schools()
        t4 = time.perf_counter()

    print(f"synthetic file: {len(schools):,} schools, {schools['county_code'].nunique():,} counties, "
          f"{len(result.units):,} school parts (generated in {t1 - t0:.2f} s)")
    print(f"read + validate:     {t2 - t1:6.2f} s")
    print(f"evaluate:            {t3 - t2:6.2f} s  ({len(result.coefficients):,} coefficients)")
    print(f"summary + failing:   {t4 - t3:6.2f} s  ({len(summary):,} county-levels, "
          f"{len(failing):,} failing school parts)")
    print(f"total (read → result): {t4 - t1:.2f} s")


if __name__ == "__main__":
    main()
