"""``edueval clean``: run the cleaning stage from the command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from . import paths
from .clean import clean
from .raw import RawDataError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", type=Path, default=paths.RAW, help="folder with observations/ and sources/")
    parser.add_argument("--extracted", type=Path, default=None,
                        help="extracted rows (.parquet) to merge; curated rows win")
    parser.add_argument("--out", type=Path, default=paths.PROCESSED, help="output folder")


def run(args: argparse.Namespace) -> int:
    extracted = pd.read_parquet(args.extracted) if args.extracted and args.extracted.exists() else None
    try:
        result = clean(args.raw, extracted=extracted)
    except RawDataError as err:
        print(f"edueval clean: {err}", file=sys.stderr)
        return 2
    result.save(args.out)
    counts = result.quality_log["issue"].value_counts().to_dict()
    print(f"edueval clean: {len(result.observations)} observations, quality log {counts} → {args.out}")
    return 0
