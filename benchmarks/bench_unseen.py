"""The extractor as each collection of the corpus first met it: the figures of documents it had never seen.

Each collection of tests/extract/corpus (its documents' ids share their letters: q01–q09 is q) came in
after the code of some commit, and the rules written since were written on its development part. So
today's code scores a collection's dev part as tuned data, but the code of the commit before the
collection's documents were added scores it as a new user's folder would be scored. This replays
that: for each collection, the parent of the commit that added its first document is checked out in
a temporary worktree, its extractor is run on the collection's documents of the part asked for, and
today's scorer and gold (tests/extract/corpus/gold.csv) score what it extracted.

    .venv/bin/python benchmarks/bench_unseen.py [--part dev|test] [--collections q,r,s] [--rows OUT.csv]

It prints precision and recall per collection and over all of them. With ``--rows`` (dev part only:
the test part's rows are never shown, as in ``edueval score``) it writes every extracted row with the
note its rules wrote and whether it is correct: the rows from which to judge which kinds of reading
fail on documents the rules were not written on (docs/extraction.md uses them so). The first
collections came in with the code that was written on them, and a commit whose extractor cannot be
run is reported and passed over. A measurement to read, not a test; it needs the repository's history.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from edueval.extract.corpus_scoring import CORPUS, load_documents, load_gold  # noqa: E402
from edueval.extract.scoring import score  # noqa: E402

ID_LETTERS = re.compile(r"^([a-z]+)\d")
# run in a process whose PYTHONPATH is the old commit's src: its extract_paths on the files given,
# with documents.csv's metadata when that code takes it; the rows and their documents' names as JSON
RUNNER = r"""
import json, sys
from pathlib import Path
from edueval.extract.pipeline import extract_paths
files, meta = [Path(p) for p in json.loads(sys.argv[1])], json.loads(sys.argv[2])
try:
    from edueval.extract.metadata import DocumentMeta
    given = {k: DocumentMeta(**v) for k, v in meta.items()}
    result = extract_paths(files, drop_near_duplicates=False, metadata=given)
except (ImportError, TypeError):
    result = extract_paths(files, drop_near_duplicates=False)
table = result.observations.copy()
table["document"] = [Path(d).name for d in result.provenance["document"]]
sys.stdout.write(table.to_json(orient="records", force_ascii=False))
"""


def collection_of(doc: str) -> str:
    m = ID_LETTERS.match(doc)
    if not m:
        raise ValueError(f"{CORPUS / 'documents.csv'}: document id {doc!r} does not start with its collection's letters")
    return m.group(1)


def arrival_commit(doc: str) -> str | None:
    """The commit before the one that added ``doc`` to the corpus (None when the history lacks it)."""
    out = subprocess.run(["git", "-C", str(ROOT), "log", "--diff-filter=A", "--format=%H", "--",
                          f"tests/extract/corpus/docs/{doc}"], capture_output=True, text=True, check=False).stdout.split()
    if not out:
        return None
    parent = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{out[-1]}^"],
                            capture_output=True, text=True, check=False).stdout.strip()
    return parent or None


def _metadata(documents: pd.DataFrame) -> dict[str, dict[str, str | None]]:
    return {row["doc"]: {"date": row["date"] or None, "url": row["url"] or None, "title": row["title"] or None,
                         "publisher": row["publisher"] or None, "origin": str(CORPUS / "documents.csv")}
            for row in documents.to_dict("records")}


def extract_with(commit: str, documents: pd.DataFrame, scratch: Path) -> pd.DataFrame:
    """The rows the extractor of ``commit`` reads from ``documents`` (a worktree of it under ``scratch``)."""
    tree = scratch / commit[:12]
    if not tree.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), commit],
                       capture_output=True, text=True, check=True)
    files = [str(CORPUS / "docs" / name) for name in documents["doc"]]
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    run = subprocess.run([sys.executable, "-c", RUNNER, json.dumps(files), json.dumps(_metadata(documents))],
                         capture_output=True, text=True, env=env, cwd=tree, check=False)
    if run.returncode:
        raise RuntimeError(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else f"exit {run.returncode}")
    rows = pd.DataFrame(json.loads(run.stdout or "[]"))
    for column in ("region_code", "applies_to", "qualifier", "school_level", "status", "kind", "indicator", "note"):
        if column in rows:
            rows[column] = rows[column].fillna("").astype(str)
    return rows


def judged(rows: pd.DataFrame, gold: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """``rows`` with a ``correct`` column, and the number of gold rows found."""
    if rows.empty:
        return rows.assign(correct=pd.Series(dtype=bool)), 0
    report = score(rows, gold)
    out = report.extracted.copy()
    good = report.pairs[report.pairs["correct"]] if len(report.pairs) else report.pairs
    out["correct"] = False
    out.loc[list(good["extracted_index"]), "correct"] = True
    return out, report.correct


def _total(label: str, runs: list[tuple[str, str, pd.DataFrame, int]]) -> str:
    extracted = sum(len(rows) for _, _, rows, _ in runs)
    correct = sum(int(rows["correct"].sum()) for _, _, rows, _ in runs)
    gold = sum(n for _, _, _, n in runs)
    return (f"{label}: gold {gold}, extracted {extracted}, correct {correct}: "
            f"precision {correct / extracted if extracted else float('nan'):.3f} "
            f"recall {correct / gold if gold else float('nan'):.3f}")


def _commit_time(commit: str) -> int:
    out = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct", commit],
                         capture_output=True, text=True, check=False).stdout.strip()
    return int(out) if out.isdigit() else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "test"), default="dev")
    parser.add_argument("--collections", default="", help="comma-separated collection letters (default: all)")
    parser.add_argument("--rows", type=Path, help="write the judged rows here (CSV; dev part only)")
    args = parser.parse_args(argv)
    if args.rows and args.part != "dev":
        parser.error("--rows lists rows, and the test part's rows are never shown: use it with --part dev")
    documents = load_documents()
    gold = load_gold(documents)
    documents = documents.assign(collection=documents["doc"].map(collection_of))
    wanted = [c for c in args.collections.split(",") if c] or sorted(documents["collection"].unique(),
                                                                     key=lambda c: (len(c), c))
    lines, runs = [], []  # (collection, commit, judged rows, gold rows of its part)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-unseen-") as tmp:
            for name in wanted:
                members = documents[documents["collection"] == name].sort_values("doc")
                if members.empty:
                    lines.append(f"{name}: no such collection")
                    continue
                commit = arrival_commit(members["doc"].iloc[0])
                part = members[members["split"] == args.part]
                their_gold = gold[gold["document"].isin(part["doc"])]
                if commit is None:
                    lines.append(f"{name}: the history does not show when its documents came in (a shallow clone?)")
                    continue
                try:
                    rows = extract_with(commit, part, Path(tmp))
                except (RuntimeError, subprocess.CalledProcessError) as error:
                    lines.append(f"{name}: the extractor of {commit[:9]} could not be run ({error})")
                    continue
                rows, found = judged(rows, their_gold)
                precision = found / len(rows) if len(rows) else float("nan")
                recall = found / len(their_gold) if len(their_gold) else float("nan")
                lines.append(f"{name}: code {commit[:9]}, {len(part)} documents, gold {len(their_gold)}, "
                             f"extracted {len(rows)}, correct {found}: precision {precision:.3f} recall {recall:.3f}")
                runs.append((name, commit, rows.assign(collection=name, commit=commit[:9]), len(their_gold)))
    finally:
        # after the temporary folder is gone: the worktrees' records go with it
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True, check=False)
    print(f"== {args.part} part of each collection, read by the code of the day before it came in")
    print("\n".join(lines))
    if runs:
        print(_total("all", runs))
        # the first collections met the project's first version (its 15-place registry): the rest apart
        first = min(runs, key=lambda run: _commit_time(run[1]))[1]
        later = [run for run in runs if run[1] != first]
        if later and len(later) < len(runs) and first == arrival_commit(sorted(documents["doc"])[0]):
            print(_total(f"all but those the first code read ({first[:9]})", later))
    if args.rows and runs:
        pd.concat([run[2] for run in runs], ignore_index=True).to_csv(args.rows, index=False, encoding="utf-8-sig")
        print(f"rows written to {args.rows}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
