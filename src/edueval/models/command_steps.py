"""What the modelling commands (``edueval evaluate``, ``edueval backtest``) do alike.

Both check their arguments before any work (one line and exit 2 when they cannot be
used), read either a given observation parquet or the published table, and turn an input
a person can fix (a missing file, an empty table, an unknown code) into one line and exit 1.
``edueval/cli.py`` dispatches to them.
"""
from __future__ import annotations

import argparse
import sys
from typing import Callable

import pandas as pd

from .inputs import load_observations

# what a bad input raises on the way in; anything else is a bug and keeps its traceback
INPUT_ERRORS = (FileNotFoundError, ValueError, KeyError)


def refused(args: argparse.Namespace, prog: str, check: Callable[[argparse.Namespace], str | None]) -> bool:
    """Fill the global options (for a namespace built by the stage's own parser), then check the
    stage's; True after printing the one-line reason when they cannot be used."""
    from ..cli import fill_defaults

    fill_defaults(args)
    problem = check(args)
    if problem:
        print(f"{prog}: {problem}", file=sys.stderr)
    return bool(problem)


def observations_for(args: argparse.Namespace) -> pd.DataFrame:
    """``--observations FILE`` (validated as it is loaded) or the published table (checked when it
    was written, so trusted on read)."""
    from .. import store

    if args.observations:
        return load_observations(args.observations)
    return store.read("observations", args.layout)


def failed(prog: str, err: Exception) -> int:
    print(f"{prog}: {err}", file=sys.stderr)
    return 1
