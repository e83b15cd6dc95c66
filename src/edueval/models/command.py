"""``edueval evaluate``: read the published observation table, publish the evaluation tables.

With ``--observations FILE`` and ``--out DIR`` it evaluates any observation parquet into a
folder instead (for exploring); by default it reads the clean stage and publishes the
evaluate stage through edueval/store.py.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from .command_steps import INPUT_ERRORS, failed, observations_for, refused
from .policy_registry import YEAR_RANGE, load_policies
from .rules import Tolerances

PROG = "edueval evaluate"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--observations", type=Path, default=None,
                        help="observation parquet to evaluate instead of the published table")
    parser.add_argument("--out", type=Path, default=None,
                        help="write evaluation_*.parquet into this folder instead of publishing the stage")
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
    from .. import store

    if refused(args, PROG, check_arguments):
        return 2
    from .evaluate import evaluate_all

    start = time.perf_counter()
    layout = args.layout
    settings = {"policy_year": args.policy_year, "policies": str(args.policies or ""), "engine": args.engine,
                "schedule": args.schedule_tolerance, "about": args.about_tolerance,
                "near_target_pace": args.near_target_pace, "alpha": args.alpha}
    inputs = {"stage:clean": store.manifest("clean", layout).get("version", ""),
              **{k: str(v) for k, v in settings.items()}}
    publish = args.out is None and args.observations is None
    if publish and store.is_current("evaluate", inputs, layout):
        return 0
    try:
        tolerance = Tolerances(schedule=args.schedule_tolerance, about_relative=args.about_tolerance,
                               near_target_pace=args.near_target_pace, alpha=args.alpha)
        policies = load_policies(args.policies) if args.policies is not None else None
        # the published table was checked when it was written: trust it on read
        result = evaluate_all(observations_for(args), policy_year=args.policy_year, tolerance=tolerance, engine=args.engine,
                              policies=policies, validate=args.observations is not None)
    except INPUT_ERRORS as err:
        return failed(PROG, err)
    if publish:
        with store.publish("evaluate", inputs=inputs, layout=layout) as out:
            for name in ("targets", "series", "policy", "curves"):
                out.write(f"evaluation_{name}", getattr(result, name))
            out.extra["meta"] = result.meta
        written = [layout.stage("evaluate")]
    else:
        written = result.save(args.out if args.out is not None else layout.stage("evaluate"))
    if not args.quiet:
        print(f"{PROG}: {len(result.series)} series and {len(result.targets)} targets in "
              f"{time.perf_counter() - start:.1f}s ({result.meta['engine']} engine, policies "
              f"{', '.join(result.meta['policies'])}) → {', '.join(map(str, written))}")
    return 0
