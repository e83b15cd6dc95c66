"""``edueval extract PATH ...``: propose observation rows from documents."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import paths
from ..atomic import atomic_path

DEFAULT_OUTPUT = paths.INTERIM / "extracted_observations.csv"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, help="files or folders (.txt .md .html .docx .pdf)")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help=f"output .csv (UTF-8 with BOM) or .parquet (default {DEFAULT_OUTPUT})")
    parser.add_argument("--region", default=None,
                        help="region code or name of every document (e.g. X-S002 for an anonymised seed)")
    parser.add_argument("--keep-near-duplicates", action="store_true",
                        help="keep rows of passages that a less-masked document also has")


def write_table(frame, target: Path) -> None:
    suffix = target.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ValueError(f"-o {target}: use a .csv or .parquet file name")
    with atomic_path(target) as tmp:
        if suffix == ".csv":
            frame.to_csv(tmp, index=False, encoding="utf-8-sig")  # BOM: spreadsheets detect UTF-8
        else:
            frame.to_parquet(tmp, index=False)


def run(args: argparse.Namespace) -> int:
    from .pipeline import extract_paths
    from .sources import document_sources

    output = args.output or DEFAULT_OUTPUT
    if output.suffix.lower() not in (".csv", ".parquet"):
        print(f"-o {output}: use a .csv or .parquet file name", file=sys.stderr)
        return 2
    result = extract_paths(args.paths, region=args.region, drop_near_duplicates=not args.keep_near_duplicates)
    for message in result.errors:
        print(f"failed: {message}", file=sys.stderr)
    if not len(result.documents):
        print("no document could be read", file=sys.stderr)
        return 1
    write_table(result.table(), output)
    sources_path = output.with_name(output.stem + "_sources" + output.suffix)
    write_table(document_sources(result), sources_path)
    if len(result.pseudo_regions):
        write_table(result.pseudo_regions, output.with_name(output.stem + "_pseudo_regions" + output.suffix))
    print(f"{len(result.observations)} rows from {len(result.documents)} documents → {output} "
          f"(sources: {sources_path.name}; {len(result.errors)} failed, "
          f"{int(result.duplicates['rows_dropped'].sum()) if len(result.duplicates) else 0} duplicate rows dropped)")
    return 0
