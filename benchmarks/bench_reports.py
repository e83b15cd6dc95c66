"""Report build costs: kernel start, execution and conversion for one region, and a full
`make` from clean. A benchmark, not a test: run it after `make`.

    .venv/bin/python benchmarks/bench_reports.py [--region 620802] [--full]
"""
from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

import nbformat

from edueval import paths
from edueval.report.build import NOTEBOOK_BUILT
from edueval.report.render import KERNEL, execute, render, to_html


def kernel_start_seconds(repeats: int = 3) -> float:
    """papermill on a one-cell notebook: kernel launch, connect, shutdown."""
    import papermill

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": KERNEL, "language": "python"}
    best = float("inf")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "empty.ipynb"
        nbformat.write(nb, src)
        for _ in range(repeats):
            start = time.perf_counter()
            papermill.execute_notebook(str(src), str(Path(tmp) / "out.ipynb"), kernel_name=KERNEL,
                                       progress_bar=False, log_output=False)
            best = min(best, time.perf_counter() - start)
    return best


def one_region(code: str, repeats: int = 2) -> dict:
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        params = {"region_code": code, "lang": "zh", "policy_year": 2021}
        execs, converts = [], []
        for _ in range(repeats):
            start = time.perf_counter()
            nb = execute(NOTEBOOK_BUILT, params, Path(tmp) / "r.ipynb")
            mid = time.perf_counter()
            html = to_html(nb, code, "zh")
            converts.append(time.perf_counter() - mid)
            execs.append(mid - start)
        out["execute"] = min(execs)
        out["convert"] = min(converts)
        out["bytes"] = len(html.encode("utf-8"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--region", default="620802")
    parser.add_argument("--full", action="store_true", help="also time `make clean && make` (rebuilds everything)")
    args = parser.parse_args()
    if not NOTEBOOK_BUILT.exists():
        raise SystemExit("run `make` first (the built report notebook is missing)")
    kernel = kernel_start_seconds()
    region = one_region(args.region)
    print(f"kernel start (papermill, empty notebook): {kernel:.2f} s")
    print(f"region {args.region}: execute {region['execute']:.2f} s (of which kernel start ≈ {kernel:.2f} s, "
          f"imports and sections ≈ {region['execute'] - kernel:.2f} s), convert {region['convert']:.2f} s, "
          f"HTML {region['bytes'] / 1e6:.2f} MB")
    per_region = region["execute"] + region["convert"]
    print(f"one region in a warm driver process: {per_region:.2f} s; 3,000 regions on 2 workers ≈ "
          f"{3000 * per_region / 2 / 60:.0f} min (plus a new driver process per region under make: "
          f"`python -m edueval.report.build region` start-up)")
    if args.full:
        start = time.perf_counter()
        subprocess.run(["make", "clean"], cwd=paths.ROOT, check=True, capture_output=True)
        subprocess.run(["make", "-j2"], cwd=paths.ROOT, check=True, capture_output=True)
        print(f"full `make -j2` from clean: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        subprocess.run(["make"], cwd=paths.ROOT, check=True, capture_output=True)
        print(f"second `make` with nothing changed: {time.perf_counter() - start:.2f} s")


if __name__ == "__main__":
    main()
