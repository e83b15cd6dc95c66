"""The raw inputs of each stage, found safely and fingerprinted by content.

``make`` never sees a user's file name: a document saved as ``$(id).txt`` or
``报告 2022 "final".txt`` is data here, never shell or make syntax. ``edueval inputs``
writes one digest file per input group under ``build/inputs/`` and rewrites it only when
the content changes, so make re-runs a stage exactly when its inputs changed (touching a
file without changing it re-runs nothing). Symlinks that lead out of their folder are
not followed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from . import paths
from .atomic import write_text

TABLE_SUFFIXES = (".csv", ".xlsx")
DOCUMENT_SUFFIXES = (".txt", ".md", ".text", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf")
METADATA_SUFFIXES = (".yml", ".yaml")
GROUPS = ("raw", "documents", "schools")


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except (ValueError, OSError):
        return False


def input_files(folder: Path, suffixes: tuple[str, ...], recursive: bool = False) -> tuple[list[Path], list[str]]:
    """Files of ``folder`` with one of ``suffixes`` (any case), sorted; and one message per path
    skipped (a symlink leading outside the folder, a name the file system cannot open)."""
    found, skipped = [], []
    if not folder.is_dir():
        return found, skipped
    walker = os.walk(folder, followlinks=False) if recursive else [(str(folder), [], os.listdir(folder))]
    for base, dirs, names in walker:
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(base) / name
            if name.startswith((".", "~$")) or path.suffix.lower() not in suffixes:
                continue
            try:
                if path.is_symlink() and not _inside(path, folder):
                    skipped.append(f"{path}: a symlink leading outside {folder}; not read")
                    continue
                if not path.is_file():
                    continue
            except OSError as exc:
                skipped.append(f"{path}: cannot be opened ({exc.strerror or exc})")
                continue
            found.append(path)
    return found, skipped


def group_files(group: str, layout: paths.Layout = paths.DEFAULT) -> list[Path]:
    if group == "raw":
        return [*input_files(layout.raw_observations, TABLE_SUFFIXES)[0], *input_files(layout.raw_sources, TABLE_SUFFIXES)[0]]
    if group == "documents":
        return input_files(layout.documents, DOCUMENT_SUFFIXES + METADATA_SUFFIXES + (".csv",), recursive=True)[0]
    if group == "schools":
        return input_files(layout.schools, TABLE_SUFFIXES)[0]
    raise ValueError(f"unknown input group {group!r}; the groups are {GROUPS}")


class DigestCache:
    """sha256 of files, recomputed only when a file's size or modification time changed."""

    def __init__(self, path: Path):
        self.path = path
        try:
            self.entries = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}
        self.changed = False

    def digest(self, file: Path) -> str:
        st = file.stat()
        key = str(file)
        stamp = [st.st_size, st.st_mtime_ns]
        hit = self.entries.get(key)
        if hit and hit[:2] == stamp:
            return hit[2]
        h = hashlib.sha256()
        with open(file, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        self.entries[key] = [*stamp, h.hexdigest()]
        self.changed = True
        return h.hexdigest()

    def save(self) -> None:
        if self.changed:
            write_text(self.path, json.dumps(self.entries, ensure_ascii=False, sort_keys=True))


def fingerprint(group: str, layout: paths.Layout = paths.DEFAULT, cache: DigestCache | None = None) -> dict[str, str]:
    """{path relative to the root: sha256} of a group's files."""
    cache = cache or DigestCache(layout.input_stamps / ".cache.json")
    return {str(f.relative_to(layout.root)): cache.digest(f) for f in group_files(group, layout)}


def write_stamps(layout: paths.Layout = paths.DEFAULT) -> list[str]:
    """Rewrite build/inputs/<group>.sha256 where the content changed; the groups that changed."""
    cache = DigestCache(layout.input_stamps / ".cache.json")
    changed = []
    for group in GROUPS:
        digests = fingerprint(group, layout, cache)
        # JSON, so that a name with a newline or a quote stays one entry
        text = json.dumps(digests, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
        target = layout.input_stamps / f"{group}.sha256"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            write_text(target, text)
            changed.append(group)
    cache.save()
    return changed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--print", dest="show", action="store_true", help="print every input with its digest")


def run(args: argparse.Namespace) -> int:
    from .cli import fill_defaults

    fill_defaults(args)
    changed = write_stamps(args.layout)
    if args.show:
        for group in GROUPS:
            for name, digest in fingerprint(group, args.layout).items():
                print(f"{digest[:16]}  {group:9}  {name}")
    elif changed and args.verbose:
        print(f"inputs changed: {', '.join(changed)}", file=sys.stderr)
    return 0
