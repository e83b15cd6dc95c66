"""Extraction speed: documents/second, MB/second and peak memory.

Run: .venv/bin/python benchmarks/bench_extract.py [--repeat N] [FOLDER]
     .venv/bin/python benchmarks/bench_extract.py --generate 2000 --mb 50 [--workers 2]
     .venv/bin/python benchmarks/bench_extract.py --flat 12.5 50 [--generate 2000] [--workers 2] [--src OTHER/src]
     .venv/bin/python benchmarks/bench_extract.py --flat 12.5 50 100 --stage [--generate 2000] [--src OTHER/src]
The second form writes a corpus of bulletin-like documents to a temporary folder first:
a third of each is paragraphs of the seed documents and of tests/extract/corpus with their
figures redrawn and their place names replaced by registered counties (the shared template
of bulletins), two thirds text drawn from a character model of the same paragraphs (each
region's own wording, figures included); one document in ten is a copy of an earlier one
with digits masked (as mirrors of official pages are), so that the near-duplicate check has
work to do. The third form runs the second at two sizes, each in its own process (peak RSS
is the process's), and prints each peak and their ratio: whether memory stays flat; with
--src, the same runs with that source folder on PYTHONPATH too (the code before a change),
one after the other on the same machine. With --stage, each run is the extract stage
(extract/stage.py run_stage: extraction and the published tables) into a scratch layout, with
its workers (two for a corpus), on a corpus whose year figures are years (generate(dated=True));
with --keep DIR, each run's layout is kept in DIR to compare the tables of two codes. A
measurement to read, not a test with a time limit.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from edueval import paths, store
from edueval.extract import extract_paths

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "extract" / "corpus" / "docs"
PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:省|市|县|区)")
YEAR_FIGURE = re.compile(r"\d+年")


def _paragraphs() -> list[str]:
    found = []
    for folder in (paths.SHARED_SEEDS, CORPUS):
        if folder.is_dir():
            for f in sorted(folder.iterdir()):
                if f.is_file() and f.suffix in (".txt", ".md"):
                    found += [p.strip() for p in f.read_text(encoding="utf-8", errors="replace").split("\n")
                              if len(p.strip()) > 20]
    return found


class CharacterModel:
    """Which character follows each pair of characters in the seed paragraphs: text in their
    words and figures whose longer runs are new (as another region's bulletin is)."""

    def __init__(self, text: str):
        self.follows: dict[str, list[str]] = {}
        for a, b in zip(range(len(text) - 2), range(2, len(text))):
            self.follows.setdefault(text[a:b], []).append(text[b])
        self.starts = [k for k in self.follows if "\n" not in k]

    def paragraph(self, rng: random.Random, length: int = 160) -> str:
        out = rng.choice(self.starts)
        while len(out) < length or not out.endswith("。"):
            options = self.follows.get(out[-2:])
            nxt = rng.choice(options) if options else "。"
            if nxt == "\n" or len(out) > 3 * length:
                break
            out += nxt
        return out.rstrip("。") + "。"


def generate(folder: Path, files: int, megabytes: float, seed: int = 2025, dated: bool = False) -> list[Path]:
    """``files`` bulletin-like documents of ``megabytes`` MB in all, in ``folder``. ``dated``: each
    figure of a year (digits before 年) redrawn as a year of 2010-2024 (by a generator of its own,
    so the rest of the corpus is the same): the stage checks that every proposed row's year is
    one (schema.ExtractedObservations), and redrawn digits give years like 1618."""
    from edueval.regions import load_regions

    rng, years = random.Random(seed), random.Random(seed + 1)
    pool = _paragraphs()
    if not pool:
        raise SystemExit("no seed documents to build a corpus from (paths.SHARED_SEEDS, tests/extract/corpus)")
    counties = sorted(r.name_zh for r in load_regions() if not r.pseudo and r.name_zh.endswith(("县", "区", "市")))
    per_file = int(megabytes * 1e6 / files)
    model = CharacterModel("\n".join(pool))
    written: list[Path] = []
    for n in range(files):
        if written and rng.random() < 0.1:  # a mirror of an earlier document, digits partly masked
            text = rng.choice(written).read_text(encoding="utf-8")
            text = "".join("*" if c.isdigit() and rng.random() < 0.3 else c for c in text)
        else:
            place, year = rng.choice(counties), rng.randint(2015, 2024)
            lines = [f"{place}{year}年教育事业发展统计公报", f"发布时间：{year + 1}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"]
            size = sum(len(line.encode()) for line in lines)
            while size < per_file:
                if rng.random() < 1 / 3:
                    para = PLACE.sub(place, rng.choice(pool))
                    para = re.sub(r"\d", lambda _: str(rng.randint(0, 9)), para)
                else:
                    para = model.paragraph(rng)
                lines.append(para)
                size += len(para.encode()) + 1
            if dated:
                lines[2:] = [YEAR_FIGURE.sub(lambda _: f"{years.randint(2010, 2024)}年", line) for line in lines[2:]]
            text = "\n".join(lines) + "\n"
        path = folder / f"doc_{n:05d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes): on a
    machine other jobs share, MB per CPU-second says more than MB per wall second."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_phases() -> dict[str, float]:
    """Wall seconds of the near-duplicate check and of assembling the tables, recorded by
    wrapping the pipeline's own functions (the rest is reading and extracting)."""
    from edueval.extract import pipeline

    spent = {"near-duplicate check": 0.0, "assembling the tables": 0.0}
    for name, label in (("_drop_shared_passages", "near-duplicate check"), ("_assemble", "assembling the tables")):
        original = getattr(pipeline, name)

        def wrapper(*a, _original=original, _label=label, **k):
            start = time.perf_counter()
            try:
                return _original(*a, **k)
            finally:
                spent[_label] += time.perf_counter() - start

        setattr(pipeline, name, wrapper)
    return spent


def _one_size(megabytes: float, files: int, workers: int, src: Path | None, stage: bool = False,
              keep: Path | None = None) -> dict[str, float]:
    """Peak RSS, RSS after imports and MB/s of one --generate run in a process of its own."""
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    command = [sys.executable, __file__, "--generate", str(files), "--mb", str(megabytes), "--workers", str(workers)]
    if stage:
        command.append("--stage")
    if keep is not None:
        command += ["--keep", str(keep / f"{'this' if src is None else 'other'}-{megabytes:g}")]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    peak, before = re.search(r"peak RSS (\d+) MB \(after imports (\d+) MB\)", out).groups()
    return {"peak": float(peak), "imports": float(before), "rate": float(re.search(r"= ([\d.]+) MB/s", out).group(1)),
            "cpu": float(re.search(r"= ([\d.]+) MB per CPU-second", out).group(1))}


def flat(sizes: list[float], files: int, workers: int, sources: list[Path], stage: bool = False,
         keep: Path | None = None) -> None:
    """Each code (this one, then each of ``sources``) at each size; the ratio of the peaks (the
    largest and, with three sizes, the middle one, to the smallest)."""
    codes = [("this code", None)] + [(str(src), src) for src in sources]
    runs = {(label, mb): _one_size(mb, files, workers, src, stage, keep) for mb in sizes for label, src in codes}
    small = sizes[0]
    for label, _ in codes:
        a = runs[label, small]
        print(f"{label}: " + "; ".join(
            f"{mb:g} MB peak RSS {runs[label, mb]['peak']:.0f} MB ({runs[label, mb]['rate']:.2f} MB/s, "
            f"{runs[label, mb]['cpu']:.2f} MB/CPU-s, above imports {runs[label, mb]['peak'] - runs[label, mb]['imports']:.0f} MB)"
            for mb in sizes) + "; ratio to " + f"{small:g} MB: "
            + ", ".join(f"{runs[label, mb]['peak'] / a['peak']:.2f} at {mb:g} MB" for mb in sizes[1:]))
    for label, _ in codes[1:]:
        print(f"this code / {label}: " + "; ".join(
            f"{mb:g} MB peak RSS {runs['this code', mb]['peak'] / runs[label, mb]['peak']:.2f}x, "
            f"MB/s {runs['this code', mb]['rate'] / runs[label, mb]['rate']:.2f}x, "
            f"MB/CPU-s {runs['this code', mb]['cpu'] / runs[label, mb]['cpu']:.2f}x" for mb in sizes))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=paths.SHARED_SEEDS)
    parser.add_argument("--repeat", type=int, default=20, help="runs on FOLDER (one run on a generated corpus)")
    parser.add_argument("--generate", type=int, metavar="FILES", help="generate FILES documents instead of FOLDER")
    parser.add_argument("--mb", type=float, default=50.0, help="size of the generated corpus in MB")
    parser.add_argument("--workers", type=int, default=1, help="processes reading documents (extract_paths)")
    parser.add_argument("--flat", nargs="+", type=float, metavar="MB",
                        help="a generated corpus at each size (two or more), each in its own process: peak RSS "
                        "and their ratio")
    parser.add_argument("--src", type=Path, action="append", default=[],
                        help="with --flat: also run with this folder on PYTHONPATH (another checkout's src)")
    parser.add_argument("--stage", action="store_true",
                        help="run the extract stage (run_stage) into a scratch layout, not extract_paths")
    parser.add_argument("--keep", type=Path, default=None, metavar="DIR",
                        help="with --stage: keep the scratch layout in DIR (with --flat, one a run under DIR)")
    args = parser.parse_args(argv)
    if args.flat:
        if len(args.flat) < 2:
            parser.error("--flat takes two sizes or more")
        flat(sorted(args.flat), args.generate or 2000, args.workers, args.src, args.stage, args.keep)
        return 0
    if args.stage:
        return stage_run(args)
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        if args.generate:
            start = time.perf_counter()
            files = generate(Path(tmp), args.generate, args.mb)
            print(f"generated {len(files)} documents in {time.perf_counter() - start:.1f} s")
            repeat = 0
        else:
            files = sorted(p for p in args.folder.iterdir() if p.is_file())
            repeat = args.repeat
        if not files:
            print(f"no documents in {args.folder}", file=sys.stderr)
            return 2
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        before = peak_rss_mb()
        phases = timed_phases()
        cpu, start = cpu_seconds(), time.perf_counter()
        first = extract_paths(files, workers=args.workers)  # includes one-off costs: catalog, registry, OpenCC
        cold, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            extract_paths(files, workers=args.workers)
            times.append(time.perf_counter() - start)
    print(f"{len(files)} documents, {size_mb:.3f} MB, {len(first.observations)} rows, "
          f"{len(first.duplicates)} near-duplicate documents, {len(first.errors)} failed; workers {args.workers}")
    print(f"first run (after import): {cold:.3f} s = {size_mb / cold:.2f} MB/s; CPU {cpu:.1f} s = "
          f"{size_mb / cpu:.2f} MB per CPU-second; of the wall time "
          + ", ".join(f"{label} {seconds:.1f} s" for label, seconds in phases.items()))
    if times:
        warm = statistics.median(times)
        print(f"median of {repeat} runs: {warm:.3f} s = {len(files) / warm:.1f} documents/s, {size_mb / warm:.2f} MB/s")
    print(f"peak RSS {peak_rss_mb():.0f} MB (after imports {before:.0f} MB)")
    return 0


def stage_run(args: argparse.Namespace) -> int:
    """One run of the extract stage on a generated corpus (--generate) or FOLDER, into a scratch
    layout: the lines _one_size reads."""
    from edueval.extract.stage import run_stage

    with tempfile.TemporaryDirectory(prefix="bench-stage-") as tmp:
        folder = Path(tmp) / "documents"
        folder.mkdir()
        if args.generate:
            from concurrent.futures import ProcessPoolExecutor

            # in a process of its own: the generator's character model is no part of the stage's peak
            with ProcessPoolExecutor(max_workers=1) as pool:
                files = pool.submit(generate, folder, args.generate, args.mb, dated=True).result()
        else:
            folder, files = args.folder, sorted(p for p in args.folder.iterdir() if p.is_file())
        size_mb = sum(p.stat().st_size for p in files) / 1e6
        root = args.keep or Path(tmp) / "layout"
        root.mkdir(parents=True, exist_ok=True)
        before = peak_rss_mb()
        cpu, start = cpu_seconds(), time.perf_counter()
        parts = run_stage(folder, paths.Layout(root), {"folder": str(folder)})
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu
        rows = store.manifest("extract", paths.Layout(root))["tables"]["extracted"]["rows"]
    print(f"{len(files)} documents, {size_mb:.3f} MB, {rows} rows, {len(parts['extracted_documents'])} documents read; "
          f"the extract stage")
    print(f"first run (after import): {wall:.3f} s = {size_mb / wall:.2f} MB/s; CPU {cpu:.1f} s = "
          f"{size_mb / cpu:.2f} MB per CPU-second")
    print(f"peak RSS {peak_rss_mb():.0f} MB (after imports {before:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
