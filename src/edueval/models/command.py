"""`edueval evaluate`: read the observation table, write the evaluation tables.

The lead wires this into the CLI: ``add_arguments(subparser)`` then ``run(args)``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .inputs import load_observations
from .policy_registry import YEAR_RANGE, load_policies
from .results import processed_dir
from .rules import Tolerances

PROG = "edueval evaluate"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--observations", type=Path, default=None,
                        help="observation parquet (default data/processed/observations.parquet)")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for evaluation_*.parquet (default data/processed)")
    parser.add_argument("--policy-year", type=int, default=None,
                        help="only the registered policies whose first full year this is (an unnamed "
                             "before/after if none); default: every policy of reference/policies.csv")
    parser.add_argument("--policies", type=Path, default=None,
                        help="a policy registry CSV to use instead of reference/policies.csv")
    parser.add_argument("--schedule-tolerance", type=float, default=Tolerances.schedule,
                        help="序时进度 tolerance for 基本符合, as a share (default 0.05)")
    parser.add_argument("--about-tolerance", type=float, default=Tolerances.about_relative,
                        help="relative tolerance for '~' targets (default 0.05)")
    parser.add_argument("--near-target-pace", type=float, default=Tolerances.near_target_pace,
                        help="required pace (pp a year) below which the base counts as at the target (default 0.05)")
    parser.add_argument("--alpha", type=float, default=Tolerances.alpha,
                        help="1 − coverage of prediction and policy intervals (default 0.05)")
    parser.add_argument("--engine", choices=["auto", "statsmodels", "numpy"], default="auto",
                        help="fitting engine; both give the same numbers (default auto)")


def check_arguments(args: argparse.Namespace) -> str | None:
    """A one-line reason when the arguments cannot be used, else None."""
    lo, hi = YEAR_RANGE
    if args.policy_year is not None and not lo <= args.policy_year <= hi:
        return f"--policy-year {args.policy_year} is not a year between {lo} and {hi}"
    if args.policies is not None and not args.policies.is_file():
        return f"--policies {args.policies}: no such file"
    try:
        Tolerances(schedule=args.schedule_tolerance, about_relative=args.about_tolerance,
                   near_target_pace=args.near_target_pace, alpha=args.alpha)
    except ValueError as err:
        return str(err)
    return None


def run(args: argparse.Namespace) -> int:
    problem = check_arguments(args)
    if problem:
        print(f"{PROG}: {problem}", file=sys.stderr)
        return 2
    from .evaluate import evaluate_all
    start = time.perf_counter()
    try:
        tolerance = Tolerances(schedule=args.schedule_tolerance, about_relative=args.about_tolerance,
                               near_target_pace=args.near_target_pace, alpha=args.alpha)
        policies = load_policies(args.policies) if args.policies is not None else None
        observations = load_observations(args.observations)
        result = evaluate_all(observations, policy_year=args.policy_year, tolerance=tolerance, engine=args.engine,
                              policies=policies)
        written = result.save(args.out if args.out is not None else processed_dir())
    except (FileNotFoundError, ValueError, KeyError) as err:
        print(f"{PROG}: {err}", file=sys.stderr)
        return 1
    print(f"evaluated {len(result.series)} series and {len(result.targets)} targets "
          f"in {time.perf_counter() - start:.1f}s ({result.meta['engine']} engine, "
          f"policies {', '.join(result.meta['policies'])})")
    for path in written:
        print(f"  wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
