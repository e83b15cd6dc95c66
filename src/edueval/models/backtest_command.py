"""`edueval backtest`: re-forecast every real series from its own past and score the methods.

It reads the published observation table (or ``--observations``) and prints the scores;
``--out DIR`` also writes the backtest tables there.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from .command_steps import INPUT_ERRORS, failed, observations_for, refused
from .projection import METHODS
from .rules import BACKTEST_HORIZON, N_INTERVAL

PROG = "edueval backtest"
MAX_HORIZON = 10


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--observations", type=Path, default=None,
                        help="observation parquet (default: the published table)")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for backtest_*.parquet (default: print only)")
    parser.add_argument("--methods", nargs="+", default=None, metavar="METHOD",
                        help=f"methods to score (default all: {', '.join(METHODS)})")
    parser.add_argument("--horizon", type=int, default=BACKTEST_HORIZON,
                        help=f"re-forecast 1..HORIZON years ahead (default {BACKTEST_HORIZON})")
    parser.add_argument("--min-train", type=int, default=N_INTERVAL,
                        help=f"values needed up to an origin (default and minimum {N_INTERVAL})")
    parser.add_argument("--alpha", type=float, default=0.05, help="1 − interval coverage (default 0.05)")


def check_arguments(args: argparse.Namespace) -> str | None:
    unknown = [m for m in (args.methods or []) if m not in METHODS]
    if unknown:
        return f"unknown method(s) {', '.join(unknown)}; choose from {', '.join(METHODS)}"
    if not 1 <= args.horizon <= MAX_HORIZON:
        return f"--horizon {args.horizon} is not between 1 and {MAX_HORIZON}"
    if not N_INTERVAL <= args.min_train <= 30:
        return f"--min-train {args.min_train} is not between {N_INTERVAL} and 30"
    if not 0 < args.alpha < 0.5:
        return f"--alpha {args.alpha} is not between 0 and 0.5"
    return None


def run(args: argparse.Namespace) -> int:
    if refused(args, PROG, check_arguments):
        return 2
    from .backtest import run_backtest

    start = time.perf_counter()
    try:
        result = run_backtest(observations_for(args), methods=args.methods, horizon=args.horizon,
                              min_train=args.min_train, alpha=args.alpha)
        written = result.save(args.out) if args.out is not None else []
    except INPUT_ERRORS as err:
        return failed(PROG, err)
    print(repr(result))
    print(f"({time.perf_counter() - start:.1f}s; coverage of the {100 * (1 - args.alpha):g}% interval; "
          "Brier of the chance of meeting a target beside the base-rate forecast's)")
    for path in written:
        print(f"  wrote {path}")
    return 0

