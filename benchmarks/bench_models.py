"""Time edueval.models.evaluate_all on a synthetic 3,000-region panel.

15 years × 10 indicators, about 10% of values missing, national and provincial
targets and county standards. Must finish in under a minute on a 2-core machine.

    .venv/bin/python benchmarks/bench_models.py [--regions 3000]
"""
from __future__ import annotations

import argparse
import time

from edueval.models import evaluate_all
from edueval.models.synthetic import synthetic_observations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=3000)
    parser.add_argument("--years", type=int, default=15)
    args = parser.parse_args()
    observations, registry = synthetic_observations(n_counties=args.regions, n_years=args.years)
    start = time.perf_counter()
    result = evaluate_all(observations, registry=registry, validate=False, engine="numpy")
    elapsed = time.perf_counter() - start
    print(f"{len(observations):,} observation rows → {len(result.series):,} series, {len(result.targets):,} "
          f"target rows, {len(result.policy):,} policy rows, {len(result.curves):,} curve rows")
    print(f"evaluate_all (numpy engine): {elapsed:.1f} s")
    return 0 if elapsed < 60 else 1


if __name__ == "__main__":
    raise SystemExit(main())
