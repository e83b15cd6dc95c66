"""Print the simulation tables that check every interval the models state (docs/methods.md).

1. Projection intervals: a straight line plus Gaussian noise (independent, AR(1) with
   ρ = 0.3 and 0.6, and a random walk), n = 5, 7, 10, 15 values, 1–5 years ahead.
2. The autocorrelation check: median-unbiased ρ, coverage of its 90% interval, share flagged.
3. Difference-in-differences with one treated region and 3, 5, 10, 20 comparison regions:
   coverage of the region-level t interval, size of the pre-trend check and of the
   permutation test, beside the former cluster-robust method.

    .venv/bin/python benchmarks/bench_coverage.py [--reps 2000]
"""
from __future__ import annotations

import argparse
import time

import pandas as pd

from edueval.models.projection import NUMPY_METHODS
from edueval.models.simulate import (
    ar1_check,
    coverage_table,
    did_coverage,
    projection_coverage,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=2000)
    args = parser.parse_args()
    pd.set_option("display.width", 160)
    start = time.perf_counter()
    frame = projection_coverage(methods=NUMPY_METHODS, noises=("iid", "ar1_0.3", "ar1_0.6", "random_walk"),
                                reps=args.reps)
    print(f"1. coverage of the 95% prediction interval (%), mean over 1–5 years ahead, {args.reps} replications a cell")
    print(coverage_table(frame).to_string(index=False))
    default = frame[frame["method"] == "drift_recent"]
    print("\n   drift_recent by years ahead (%):")
    print((100 * default.pivot_table(index=["noise", "n"], columns="horizon", values="coverage")).round(1).to_string())
    print("\n   drift_recent share of misses below the interval:")
    misses = default.groupby("noise")[["below", "above"]].mean()
    print((misses["below"] / (misses["below"] + misses["above"])).round(2).to_string())

    print(f"\n2. autocorrelation check ({args.reps} replications a cell)")
    print(ar1_check(reps=args.reps).round(3).to_string(index=False))

    print(f"\n3. difference-in-differences, one treated region ({args.reps} replications a cell)")
    did = pd.concat([did_coverage(reps=args.reps), did_coverage(reps=args.reps, rhos=(0.0,), focal_sd=2.0)])
    print(did.round(3).to_string(index=False))
    print(f"\n{time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
