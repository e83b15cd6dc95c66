"""``edueval balance`` (the stage) or ``edueval balance FILE [FILE ...] [-o OUT] [--source SOURCE_ID]``.

Without FILEs the stage runs: every school table in data/raw/schools is evaluated and the
results are published for cleaning and the reports (balance/stage.py).

Reads and validates school files, prints a summary per county, year and level, and
with ``-o OUT`` writes into the directory OUT:

- ``coefficients.csv``: every coefficient with threshold and pass/fail;
- ``schools.csv``: every school part with its per-pupil values, ratios to the
  standards and the per-school result;
- ``failing_schools.csv``: the parts that miss the per-school standard, and on what;
- ``observations.csv``: with ``--source``, the coefficients as observation rows.

Exit status: 0 done; 1 invalid school data (every problem is printed) or rows that
break the observation contract; 2 a file that does not exist.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from .evaluation import evaluate
from .schools import SchoolDataError, read_schools


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="*", type=Path,
                        help="school-level CSV or XLSX file(s) (see docs/balance.md)")
    parser.add_argument("-o", "--out", metavar="OUT", type=Path, default=None,
                        help="directory to write coefficients.csv, schools.csv, "
                             "failing_schools.csv (and observations.csv with --source)")
    parser.add_argument("--source", metavar="SOURCE_ID", default=None,
                        help="registered source_id of the school table; writes observations.csv")


def run_stage(args: argparse.Namespace) -> int:
    from .. import store
    from ..inputs import fingerprint
    from .stage import run_stage as balance_stage

    inputs = fingerprint("schools", args.layout)
    if store.is_current("balance", inputs, args.layout):
        return 0
    parts = balance_stage(args.layout, inputs)  # bad tables raise InputError: one line per problem
    if not args.quiet and len(parts["balance_coefficients"]):
        counties = parts["balance_coefficients"]["county_code"].nunique()
        print(f"edueval balance: {len(parts['balance_coefficients'])} coefficients for {counties} county(ies) "
              f"→ {args.layout.stage('balance')}")
    return 0


def run(args: argparse.Namespace) -> int:
    from ..cli import fill_defaults

    fill_defaults(args)
    if not args.files:
        return run_stage(args)
    try:
        schools = read_schools(args.files)
    except FileNotFoundError as exc:
        print(f"edueval balance: {exc}", file=sys.stderr)
        return 2
    except SchoolDataError as exc:
        from ..cli import report_problems

        report_problems("balance", [str(e) for e in exc.errors], "correct the school tables (see docs/balance.md)",
                        args.layout)
        return 1
    except ValueError as exc:  # an unsupported file type
        print(f"edueval balance: {exc}", file=sys.stderr)
        return 1

    result = evaluate(schools)
    _print_summary(result)

    observations = None
    if args.source:
        from pandera.errors import SchemaErrors

        from .observations import to_observations

        try:
            observations = to_observations(result, args.source)
        except (ValueError, SchemaErrors) as exc:
            print(f"edueval balance: observation rows rejected: {exc}", file=sys.stderr)
            return 1

    if args.out is not None:
        out = Path(args.out)
        out.mkdir(parents=True, exist_ok=True)
        _write_csv(result.coefficients, out / "coefficients.csv")
        _write_csv(result.units, out / "schools.csv")
        _write_csv(result.failing_schools(), out / "failing_schools.csv")
        written = ["coefficients.csv", "schools.csv", "failing_schools.csv"]
        if observations is not None:
            _write_csv(observations, out / "observations.csv")
            written.append("observations.csv")
        print(f"wrote {', '.join(written)} to {out}")
    return 0


def _write_csv(df: pd.DataFrame, target: Path) -> None:
    from ..store import write_csv

    write_csv(df, target)


def _print_summary(result) -> None:
    s = result.summary()
    lines = []
    for r in s.itertuples(index=False):
        level = {"primary": "小学", "junior": "初中"}[str(r.level)]
        lines.append(
            f"{r.county_code} {r.year} {level}: {r.n_schools} schools; "
            f"{r.indicators_passed}/7 coefficients within the ceiling "
            f"(largest {r.max_cv:.3f}); composite {r.composite:.3f} (supplementary); "
            f"{r.schools_failing_standard} school(s) miss the per-school standard"
        )
    print("\n".join(lines) if lines else "no schools")
