"""``edueval clean``: validate the raw tables, merge proposed rows, publish the observation table.

By default the rows the extract and balance stages published are merged (when those stages
have run); ``--extracted FILE`` merges a file written by ``edueval extract -o FILE`` instead
(its ``FILE_sources`` registry beside it is read too). The notebook notebooks/01_clean.py
calls the same function, :func:`proposed_rows`, so both give the same rows.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths, store
from .stage import CleanResult, Proposed, clean


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--extracted", type=Path, default=None, metavar="FILE",
                        help="extracted rows (.parquet or .csv from `edueval extract -o`) to merge instead of "
                             "the extract stage's; curated rows win")
    parser.add_argument("--dry-run", action="store_true", help="validate and report, publish nothing")


def proposed_rows(layout: paths.Layout = paths.DEFAULT, extracted: Path | None = None) -> list[Proposed]:
    """The row sets other stages propose for cleaning: the extractor's (from its stage, or from
    ``extracted``, a file of ``edueval extract -o``) and the balance stage's."""
    from ..extract.stage import proposed_from_file, proposed_from_stage

    out = []
    found = proposed_from_file(extracted) if extracted is not None else proposed_from_stage(layout)
    if found is not None:
        out.append(found)
    if store.manifest("balance", layout):
        rows = store.read("balance_observations", layout)
        if len(rows):
            out.append(Proposed(rows, store.read("balance_sources", layout), "balance stage", reviewed=True))
    return out


def stage_inputs(layout: paths.Layout, extracted: Path | None) -> dict[str, str]:
    """What the published table is built from: every raw table and the proposing stages' versions."""
    from ..inputs import fingerprint

    inputs = fingerprint("raw", layout)
    for stage in ("extract", "balance"):
        version = store.manifest(stage, layout).get("version")
        if version and not (stage == "extract" and extracted is not None):
            inputs[f"stage:{stage}"] = version
    if extracted is not None:
        from ..inputs import DigestCache

        inputs[f"file:{extracted}"] = DigestCache(layout.input_stamps / ".cache.json").digest(extracted)
    return inputs


def summary(result: CleanResult) -> str:
    obs = result.observations
    log = result.quality_log["issue"].value_counts()
    parts = [f"{len(obs)} observations of {obs['region_code'].nunique()} regions from "
             f"{obs['source_id'].nunique()} sources"]
    if len(log):
        parts.append("quality log: " + ", ".join(f"{n} {issue}" for issue, n in log.items()))
    return "; ".join(parts)


def run(args: argparse.Namespace) -> int:
    from ..cli import fill_defaults

    fill_defaults(args)
    layout = args.layout
    extracted = args.extracted
    if extracted is not None and not extracted.exists():
        print(f"edueval clean: --extracted {extracted}: no such file", file=sys.stderr)
        return 2
    inputs = stage_inputs(layout, extracted)
    if not args.dry_run and store.is_current("clean", inputs, layout):
        if not args.quiet:
            print("edueval clean: inputs unchanged; the published table stands")
        return 0
    result = clean(layout.raw, proposed=proposed_rows(layout, extracted))
    result.inputs = inputs
    if not args.dry_run:
        result.publish(layout)
    rejected = int((result.quality_log["issue"] == "rejected").sum())
    if not args.quiet:
        print(f"edueval clean: {summary(result)}" + ("" if args.dry_run else f" → {layout.stage('clean')}"))
    if rejected:
        print(f"edueval clean: {rejected} proposed row(s) rejected, each with its reason in "
              f"{layout.stage('clean') / 'quality_log.csv'}", file=sys.stderr)
    return 0
