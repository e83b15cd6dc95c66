"""`edueval evaluate`: read the observation table, write the evaluation tables.

The lead wires this into the CLI: ``add_arguments(subparser)`` then ``run(args)``.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .evaluate import evaluate_all
from .inputs import load_observations
from .pace import Tolerances


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--observations", type=Path, default=None,
                        help="observation parquet (default data/processed/observations.parquet)")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for evaluation_*.parquet (default data/processed)")
    parser.add_argument("--policy-year", type=int, default=2021,
                        help="year of the policy change for the segmented and DiD models (default 2021)")
    parser.add_argument("--schedule-tolerance", type=float, default=Tolerances.schedule,
                        help="序时进度 tolerance for 基本符合, as a share (default 0.05)")
    parser.add_argument("--about-tolerance", type=float, default=Tolerances.about_relative,
                        help="relative tolerance for '~' targets (default 0.05)")
    parser.add_argument("--alpha", type=float, default=Tolerances.alpha,
                        help="1 − coverage of prediction intervals (default 0.05)")
    parser.add_argument("--engine", choices=["auto", "statsmodels", "numpy"], default="auto",
                        help="fitting engine; both give the same numbers (default auto)")


def run(args: argparse.Namespace) -> int:
    from ..cli import fill_defaults

    fill_defaults(args)
    from .. import paths, store

    start = time.perf_counter()
    if not 1949 <= args.policy_year <= 2100:
        print(f"edueval evaluate: --policy-year {args.policy_year}: a year between 1949 and 2100", file=sys.stderr)
        return 2
    layout = getattr(args, "layout", paths.DEFAULT)
    settings = {"policy_year": args.policy_year, "schedule": args.schedule_tolerance,
                "about": args.about_tolerance, "alpha": args.alpha, "engine": args.engine}
    inputs = {"stage:clean": store.manifest("clean", layout).get("version", ""),
              **{k: str(v) for k, v in settings.items()}}
    if args.out is None and args.observations is None and store.is_current("evaluate", inputs, layout):
        return 0
    try:
        tolerance = Tolerances(schedule=args.schedule_tolerance, about_relative=args.about_tolerance,
                               alpha=args.alpha)
        observations = load_observations(args.observations) if args.observations else store.read("observations", layout)
        # the published table was checked when written: trust it on read
        result = evaluate_all(observations, policy_year=args.policy_year, tolerance=tolerance, engine=args.engine,
                              validate=args.observations is not None)
    except (FileNotFoundError, ValueError) as err:
        print(f"edueval evaluate: {err}", file=sys.stderr)
        return 1
    if args.out is not None:
        written = result.save(args.out)
    else:
        with store.publish("evaluate", inputs=inputs, layout=layout) as out:
            for name in ("targets", "series", "policy", "curves"):
                out.write(f"evaluation_{name}", getattr(result, name))
            out.extra["meta"] = result.meta
        written = [layout.stage("evaluate")]
    if not getattr(args, "quiet", False):
        print(f"edueval evaluate: {len(result.series)} series and {len(result.targets)} targets "
              f"in {time.perf_counter() - start:.1f}s ({result.meta['engine']} engine) → {', '.join(map(str, written))}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edueval evaluate", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())

