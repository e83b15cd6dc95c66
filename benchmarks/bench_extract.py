"""Extraction speed on the seed documents: documents/second and MB/second.

Run: .venv/bin/python benchmarks/bench_extract.py [--repeat N] [FOLDER]
(a measurement to read, not a test with a time limit)
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from edueval import paths
from edueval.extract import extract_paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=paths.SHARED_SEEDS)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    files = sorted(p for p in args.folder.iterdir() if p.is_file())
    if not files:
        print(f"no documents in {args.folder}", file=sys.stderr)
        return 2
    size_mb = sum(p.stat().st_size for p in files) / 1e6
    start = time.perf_counter()
    first = extract_paths(files)  # includes one-off costs: catalog, registry, OpenCC tables
    cold = time.perf_counter() - start
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        extract_paths(files)
        times.append(time.perf_counter() - start)
    warm = statistics.median(times)
    print(f"{len(files)} documents, {size_mb:.3f} MB, {len(first.observations)} rows")
    print(f"first run (after import): {cold:.3f} s")
    print(f"median of {args.repeat} runs: {warm:.3f} s = {len(files) / warm:.1f} documents/s, {size_mb / warm:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
