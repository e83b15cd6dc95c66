"""Backtest every projection method on the real observation table and print the scores.

Every series, every origin with at least 5 values, every later value 1–5 years ahead
(docs/methods.md §5). The national series chose the default method, so their figures
are selection data as much as a measurement; other regions' series are scored apart
("regional") as they arrive.

    .venv/bin/python benchmarks/bench_backtest.py [--observations data/processed/observations.parquet]
"""
from __future__ import annotations

import argparse
import time

import pandas as pd

from edueval.models import run_backtest
from edueval.models.projection import DEFAULT_METHOD


def observations(path):
    if path:
        return pd.read_parquet(path)
    from edueval import paths
    from edueval.clean import clean
    return clean(paths.RAW).observations


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--observations", default=None, help="observation parquet (default: clean data/raw)")
    args = parser.parse_args()
    start = time.perf_counter()
    result = run_backtest(observations(args.observations))
    elapsed = time.perf_counter() - start
    print(repr(result))
    pd.set_option("display.width", 160)
    by_h = result.by_horizon[result.by_horizon["group"] == "all"].pivot(index="method", columns="horizon",
                                                                        values="coverage")
    print("\ncoverage by years ahead (all groups):")
    print((100 * by_h).round(1).to_string())
    rel = result.reliability[(result.reliability["group"] == "all") & (result.reliability["method"] == DEFAULT_METHOD)]
    print(f"\nreliability of the chance of meeting a target ({DEFAULT_METHOD}):")
    print(rel[["band", "events", "mean_p", "observed"]].round(3).to_string(index=False))
    per_series = result.forecasts[(result.forecasts["method"] == DEFAULT_METHOD)
                                  & (result.forecasts["event_multiplier"] == result.forecasts["event_multiplier"].min())]
    table = per_series.assign(covered=per_series["miss"] == "").groupby(["region_code", "indicator"]).agg(
        forecasts=("covered", "size"), coverage=("covered", "mean"),
        below=("miss", lambda m: (m == "below").sum()), above=("miss", lambda m: (m == "above").sum()))
    print(f"\n{DEFAULT_METHOD} per series:")
    print(table.round(3).to_string())
    print(f"\n{len(result.forecasts):,} forecast rows in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
