"""What a national build costs around the pages: stages, page digests, a no-op `make`, and which
pages one edit or one new region calls for, on N synthetic counties.

    .venv/bin/python benchmarks/bench_incremental.py --regions 3000 [--keep DIR]

The scratch project is the one of benchmarks/bench_reports.py (N real county codes, 10
indicators × 10 years of made-up values). Rendering its 6,000 pages would take hours, and
what is measured here does not depend on their contents, so the pages are marked as built
with placeholder files and their digests (report/pages.py `record`), exactly as a finished
build leaves them; the index is really written. Then, each timed as a whole process:

1. every stage (extract, balance, clean, evaluate) on the full corpus;
2. deciding which pages to render (loading the tables, every page's slice and digest);
3. a no-op `make` in the scratch project (the repository's Makefile, src and .venv linked in);
4. `make` after touching a raw table without changing it;
5. one county's value edited, the stages run again: which pages the next `edueval report` would
   render (the county, its parents, others);
6. one county added (its rows held back until then): the same count.

A measurement to read, not a test with a time limit. Run it at two sizes to see linearity.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_reports import BIN, REPO, YEARS, scratch_project, timed  # noqa: E402

sys.path.insert(0, str(REPO / "src"))
BENCH_TABLE = Path("data") / "raw" / "observations" / "zz_bench.csv"
# The scratch project links the repository's .venv, already installed: make must not reinstall
# it (a clone's pyproject.toml is newer than the venv's stamp), which would point the shared
# editable install at the linked checkout and add pip's time to the first build.
MAKE = ["make", "--no-print-directory", "-o", ".venv/.edueval-installed"]


def run_make(root: Path, env: dict) -> tuple[float, float, str]:
    """Wall and CPU seconds of `make` in the scratch project, and what it printed."""
    cpu0 = os.times().children_user + os.times().children_system
    start = time.perf_counter()
    done = subprocess.run(MAKE, cwd=root, env={**os.environ, **env},
                          capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"make failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    cpu = os.times().children_user + os.times().children_system - cpu0
    return wall, cpu, (done.stdout + done.stderr).strip()


def plan(root: Path):
    """In a fresh process: CPU seconds to load the tables and digest every page, and the pages to render."""
    code = (f"import sys, time, json; sys.path.insert(0, {str(REPO / 'src')!r})\n"
            "from edueval import paths\n"
            "from edueval.report.context import Tables\n"
            "from edueval.report.pages import Page, page_regions, pages_to_render\n"
            "from edueval.report.i18n import LANGS\n"
            f"layout = paths.Layout(__import__('pathlib').Path({str(root)!r}))\n"
            "t0 = time.process_time(); tables = Tables.load(layout); t1 = time.process_time()\n"
            "pages = [Page(r, l) for r in page_regions(tables) for l in LANGS]\n"
            "todo = pages_to_render(tables, pages, layout); t2 = time.process_time()\n"
            "print(json.dumps({'load': t1 - t0, 'digest': t2 - t1, 'pages': len(pages),"
            " 'todo': [[p.region.code, p.lang, d] for p, d in todo]}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})
    if done.returncode:
        raise SystemExit(done.stderr[-3000:])
    import json

    return json.loads(done.stdout.strip().splitlines()[-1])


def mark_built(root: Path, todo: list) -> None:
    """Leave the build as a finished one would: a file and a digest stamp for every page."""
    from edueval import paths
    from edueval.regions import load_regions
    from edueval.report.pages import Page, record

    layout = paths.Layout(root)
    registry = load_regions()
    layout.reports.mkdir(parents=True, exist_ok=True)
    for code, lang, digest in todo:
        page = Page(registry[code], lang)
        (layout.reports / page.file).write_text("placeholder page (benchmarks/bench_incremental.py)\n")
        record(page, digest, layout)


def classify(todo: list, code: str) -> dict[str, int]:
    from edueval.regions import NATIONAL, load_regions

    registry = load_regions()
    parents = {r.code for r in registry.ancestors(code)} | {NATIONAL}
    out = {"the region": 0, "its parents and the nation": 0, "other regions": 0}
    for c, _lang, _digest in todo:
        out["the region" if c == code else "its parents and the nation" if c in parents else "other regions"] += 1
    return out


def edit_one_value(root: Path) -> str:
    """Raise the first county's latest value by 0.1; returns its code."""
    table = root / BENCH_TABLE
    rows = list(csv.reader(table.open(encoding="utf-8", newline="")))
    first = rows[1][0]
    last = max(i for i, r in enumerate(rows) if r[0] == first and r[4] == str(YEARS[-1]))
    rows[last][5] = f"{float(rows[last][5]) - 0.1:.1f}"
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return first


def set_aside_last_county(root: Path) -> list[list[str]]:
    """Take the last county's rows out of the synthetic table (step 6 adds them back)."""
    table = root / BENCH_TABLE
    rows = list(csv.reader(table.open(encoding="utf-8", newline="")))
    last = rows[-1][0]
    with table.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(r for r in rows if r[0] != last)
    return [r for r in rows[1:] if r[0] == last]


def add_back(root: Path, rows: list[list[str]]) -> str:
    """The county set aside gets its rows again: a new region for the build; returns its code."""
    with (root / BENCH_TABLE).open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return rows[0][0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=3000, help="synthetic counties (default 3000)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    scratch, root, counties = scratch_project(args.keep, args.regions, "edueval-incremental-")
    reserved = set_aside_last_county(root)
    for name in ("Makefile", "src", ".venv", "pyproject.toml", "requirements.txt"):
        (root / name).symlink_to(REPO / name)
    env = {"PYTHONPATH": str(REPO / "src"), "PYTHONWARNINGS": "ignore", "EDUEVAL_ROOT": str(root)}
    edueval = [str(BIN / "edueval"), "-q", "--root", str(root)]
    print(f"synthetic counties: {counties} (10 indicators x {len(YEARS)} years; the last one is added in step 6)")
    timed([*edueval, "inputs"], root, env)
    for stage in ("extract", "balance", "clean", "evaluate"):
        wall, cpu = timed([*edueval, stage], root, env)
        print(f"stage {stage}: {wall:.1f} s wall, {cpu:.1f} CPU-s")
    first = plan(root)
    print(f"pages: {first['pages']}; loading the tables {first['load']:.1f} CPU-s, every page's digest "
          f"{first['digest']:.1f} CPU-s ({1000 * first['digest'] / first['pages']:.2f} ms a page)")
    mark_built(root, first["todo"])
    wall, cpu, _ = run_make(root, env)  # writes the index, the stamps make keeps
    print(f"first make after marking every page built (the index written): {wall:.1f} s wall")
    (root / "build" / "index.sha256").unlink()
    # exit 1: the placeholder pages have no build status, so the index lists them as not built
    wall, cpu = timed([*edueval, "index"], root, env, allowed=(0, 1))
    print(f"writing the index alone (`edueval index`, its stamp removed): {wall:.1f} s wall, {cpu:.1f} CPU-s")
    wall, cpu, said = run_make(root, env)
    print(f"no-op make: {wall:.2f} s wall, {cpu:.2f} CPU-s" + (f" (it printed: {said[:200]})" if said else ""))
    os.utime(root / BENCH_TABLE)
    wall, cpu, said = run_make(root, env)
    print(f"make after touching {BENCH_TABLE} (content unchanged): {wall:.2f} s wall, {cpu:.2f} CPU-s")
    for label, change in (("one county's value edited", edit_one_value),
                          ("one county added", lambda folder: add_back(folder, reserved))):
        code = change(root)
        cpu0 = os.times().children_user + os.times().children_system
        subprocess.run([*MAKE, "evaluate"], cwd=root, env={**os.environ, **env},
                       capture_output=True, text=True, check=True)
        stages = os.times().children_user + os.times().children_system - cpu0
        todo = plan(root)["todo"]
        counts = ", ".join(f"{k} {v}" for k, v in classify(todo, code).items())
        print(f"{label} ({code}): stages again {stages:.1f} CPU-s; pages to render {len(todo)}: {counts}")
        mark_built(root, todo)
    if not args.keep:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
