"""The page batch on N synthetic regions, beside the separate-process floor measured in the same run.

    .venv/bin/python benchmarks/bench_reports.py --regions 50 [--workers 2] [--keep DIR]
    make bench-reports N=50

A scratch project gets the repository's national tables and one synthetic table: N real
county codes of the registry (src/edueval/reference/regions.csv), 10 indicators x 10 years of
made-up values under a source marked "synthetic benchmark data". Every stage runs on it, then
`edueval report` builds every page (the counties, their prefectures and provinces, the nation;
both languages) as `make` would. Printed: CPU and wall seconds a page, the floor (a one-cell
notebook run by the papermill command, then `jupyter nbconvert --to html --no-input`, as two
processes), their ratio, the largest peak memory of one process (a worker or a kernel), the
English pages' cost against the Chinese ones, a no-op `edueval report`, and the extrapolation
to 3,000 regions. CPU seconds are those of every process the build started (RUSAGE_CHILDREN).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
YEARS = range(2014, 2024)
SOURCE = "bench-synthetic"
HEADER = ["地区代码", "地区", "指标", "学段", "年份", "数值", "单位", "类型", "限定", "基期", "适用对象", "状态", "方法",
          "来源", "位置", "原文", "推导", "备注"]


def _children_usage() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss  # kB on Linux


def timed(cmd: list[str], cwd: Path, env: dict | None = None, allowed: tuple[int, ...] = (0,)) -> tuple[float, float]:
    """Wall and CPU seconds of a command and everything it started (exit codes in ``allowed``)."""
    cpu0, _ = _children_usage()
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode not in allowed:
        raise SystemExit(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return wall, _children_usage()[0] - cpu0


def synthetic_project(root: Path, regions: int) -> int:
    """The scratch project; returns how many counties it holds."""
    sys.path.insert(0, str(REPO / "src"))
    from edueval.catalog import load_catalog
    from edueval.regions import load_regions

    shutil.copytree(REPO / "data" / "raw", root / "data" / "raw", ignore=shutil.ignore_patterns("documents", "schools"))
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    counties = [r for r in load_regions() if r.level == "county" and not getattr(r, "historical", False)
                and not getattr(r, "pseudo", False)][:regions]
    indicators = [c for c in load_catalog() if c.unit == "%"][:10]
    with open(root / "data" / "raw" / "sources" / "zz_bench.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["source_id", "title", "publisher", "date", "kind", "url", "read_at", "accessed", "licence",
                    "file", "note"])
        w.writerow([SOURCE, "合成基准数据", "edueval benchmarks", "2024", "table", "", "", "", "", "",
                    "synthetic benchmark data made by benchmarks/bench_reports.py, not real"])
    with open(root / "data" / "raw" / "observations" / "zz_bench.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i, region in enumerate(counties):
            for j, ind in enumerate(indicators):
                base = 60 + (i * 7 + j * 3) % 25
                for k, year in enumerate(YEARS):
                    value = min(99.9, base + k * (0.8 + (i + j) % 5 * 0.2) + (i * j + k) % 3 * 0.1)
                    w.writerow([region.code, region.name_zh, ind.code, "", year, f"{value:.1f}", "%", "实际", "=", "",
                                "", "", "", SOURCE, "synthetic", "", "", "synthetic benchmark value, not real"])
    return len(counties)


def scratch_project(keep: Path | None, regions: int, prefix: str) -> tuple[Path, Path, int]:
    """(scratch folder, project inside it, counties): the folder given, or a temporary one."""
    scratch = keep or Path(tempfile.mkdtemp(prefix=prefix))
    root = scratch / "project"
    if root.exists():
        shutil.rmtree(root)
    return scratch, root, synthetic_project(root, regions)


def floor_seconds(scratch: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the separate-process floor: papermill, then nbconvert, on one cell."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nb.metadata["kernelspec"] = {"name": "edueval", "display_name": "Python (edueval)", "language": "python"}
    src = scratch / "floor.ipynb"
    nbformat.write(nb, src)
    walls, cpus = [], []
    for _ in range(2):
        w1, c1 = timed([str(BIN / "papermill"), "--no-progress-bar", str(src), str(scratch / "floor.out.ipynb")], scratch)
        w2, c2 = timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(scratch / "floor.out.ipynb")], scratch)
        walls.append(w1 + w2)
        cpus.append(c1 + c2)
    return min(walls), min(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=50, help="synthetic counties (default 50)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    scratch, root, counties = scratch_project(args.keep, args.regions, "edueval-bench-")
    env = {"PYTHONPATH": str(REPO / "src"), "PYTHONWARNINGS": "ignore"}
    # the module, not the venv's entry script: the code measured is this checkout's (PYTHONPATH),
    # and a reinstall of the shared venv during the run cannot take the script away
    edueval = [sys.executable, "-m", "edueval.cli", "-q", "--root", str(root)]
    for stage in ("extract", "balance", "clean", "evaluate"):
        timed([*edueval, stage], root, env)
    floor_wall, floor_cpu = floor_seconds(scratch)
    wall, cpu = timed([*edueval, "report", "--workers", str(args.workers)], root, env)
    peak_kb = _children_usage()[1]
    statuses = [json.loads(p.read_text(encoding="utf-8")) for p in (root / "build" / "status").glob("*.json")]
    pages = len(statuses)
    failed = sum(not s.get("ok") for s in statuses)
    by_lang = {lang: [s["seconds"] for s in statuses if s["lang"] == lang and s.get("ok")] for lang in ("zh", "en")}
    noop_wall, noop_cpu = timed([*edueval, "report", "--workers", str(args.workers)], root, env)
    per_cpu, per_wall = cpu / pages, wall / pages
    print(f"synthetic counties {counties} (10 indicators x 10 years), pages {pages} ({failed} failed), "
          f"workers {args.workers}")
    print(f"per page: {per_cpu:.2f} CPU-s, {per_wall:.2f} wall-s (whole build {wall:.0f} s wall, {cpu:.0f} CPU-s)")
    print(f"floor (papermill + nbconvert, separate processes, one cell): {floor_cpu:.2f} CPU-s, {floor_wall:.2f} wall-s")
    print(f"ratio page / floor: {per_cpu / floor_cpu:.2f} (CPU), {per_wall * args.workers / floor_wall:.2f} "
          f"(wall per worker)")
    print(f"peak memory of the largest process (a worker or a kernel): {peak_kb / 1024:.0f} MB")
    if by_lang["zh"] and by_lang["en"]:
        zh, en = (sum(v) / len(v) for v in (by_lang["zh"], by_lang["en"]))
        print(f"English pages against Chinese (mean seconds in the worker): {en:.2f} / {zh:.2f} = {en / zh:.2f}")
    print(f"no-op `edueval report` (nothing changed): {noop_wall:.2f} wall-s, {noop_cpu:.2f} CPU-s")
    # 3,000 county, prefecture and provincial pages: the Chinese build, then both languages
    for pages_, label in ((3000, "one language"), (2 * 3000, "both languages")):
        print(f"extrapolation, 3,000 regions in {label}: {pages_} pages ≈ {pages_ * per_cpu / 60:.0f} CPU-min ≈ "
              f"{pages_ * per_cpu / args.workers / 60:.0f} min wall on {args.workers} cores")
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
