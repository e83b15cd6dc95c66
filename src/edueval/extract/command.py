"""``edueval extract``: propose observation rows from documents.

    edueval extract                          # the stage: data/raw/documents → data/interim/extract/
    edueval extract --documents DIR          # the stage on another folder (make DOCS=DIR)
    edueval extract a.docx b.html -o rows.csv [--region CODE]   # any files, rows to a file

Both end with a summary a person reads: documents read, rows proposed, figures set aside by
reason, regions found. A file that cannot be read is one line on stderr; the batch goes on.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import store


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (.txt .md .html .docx .pdf); "
                        "without them, the stage runs on data/raw/documents")
    parser.add_argument("--documents", type=Path, default=None, metavar="DIR",
                        help="the stage's document folder (default data/raw/documents)")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="with PATHs: output .csv (UTF-8 with BOM, spreadsheet-safe) or .parquet")
    parser.add_argument("--region", default=None,
                        help="with PATHs: region code or name of every document (e.g. X-S002 for an anonymised seed)")
    parser.add_argument("--keep-near-duplicates", action="store_true",
                        help="keep rows of passages that a less-masked document also has")


def write_table(frame, target: Path) -> None:
    suffix = target.suffix.lower()
    if suffix == ".csv":
        store.write_csv(frame, target)
    elif suffix == ".parquet":
        from ..atomic import atomic_path

        with atomic_path(target) as tmp:
            frame.to_parquet(tmp, index=False)
    else:
        raise ValueError(f"-o {target}: use a .csv or .parquet file name")


def run_stage(args: argparse.Namespace) -> int:
    from ..clean.stage import sha256_file
    from ..inputs import fingerprint
    from .review import REVIEWED_FILE
    from .stage import run_stage as extract_stage
    from .stage import summary

    layout = args.layout
    folder = args.documents or layout.documents
    if args.documents is not None and not folder.is_dir():
        print(f"edueval extract: --documents {folder}: no such folder", file=sys.stderr)
        return 2
    inputs = fingerprint("documents", layout) if args.documents is None else {"folder": str(folder.resolve())}
    # figures reviewed into data/raw/observations are not proposed again (extract/review.py):
    # a new decision is a new input
    reviewed = layout.raw_observations / REVIEWED_FILE
    if reviewed.is_file():
        inputs[str(reviewed.relative_to(layout.root))] = sha256_file(reviewed)
    if args.documents is None and store.is_current("extract", inputs, layout):
        return 0
    parts = extract_stage(folder, layout, inputs)
    read = set(parts["extracted_documents"]["document"]) if len(parts["extracted_documents"]) else set()
    aside = parts["set_aside"]
    for _, row in aside[(aside["offset"] == 0) & aside["quote"].isna()].iterrows():
        # a document read but held back (no date) is set aside; one that could not be read failed
        print(f"{'set aside' if row['document'] in read else 'failed'}: {row['document']}: {row['reason']}",
              file=sys.stderr)
    if not args.quiet:
        print(f"edueval extract: {summary(parts)} → {layout.stage('extract')}")
    return 0


def run(args: argparse.Namespace) -> int:
    from ..cli import fill_defaults

    fill_defaults(args)
    if not args.paths:
        return run_stage(args)
    from .pipeline import extract_paths
    from .sources import document_sources
    from .stage import summary, tables

    output = args.output or (args.layout.interim / "extracted_observations.csv")
    if output.suffix.lower() not in (".csv", ".parquet"):
        print(f"edueval extract: -o {output}: use a .csv or .parquet file name", file=sys.stderr)
        return 2
    result = extract_paths(args.paths, region=args.region, drop_near_duplicates=not args.keep_near_duplicates)
    for message in result.errors:
        print(f"failed: {message}", file=sys.stderr)
    if not len(result.documents):
        print("edueval extract: no document could be read", file=sys.stderr)
        return 1
    write_table(result.table(), output)
    sources_path = output.with_name(output.stem + "_sources" + output.suffix)
    write_table(document_sources(result), sources_path)
    parts = tables(result, args.layout.root)
    write_table(parts["set_aside"], output.with_name(output.stem + "_set_aside" + output.suffix))
    if not args.quiet:
        print(f"edueval extract: {summary(parts)} → {output} (documents: {sources_path.name})")
    return 0
