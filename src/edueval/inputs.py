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
import stat
import sys
from pathlib import Path

from . import paths
from .atomic import write_text

TABLE_SUFFIXES = (".csv", ".xlsx")
DOCUMENT_SUFFIXES = (".txt", ".md", ".text", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf")
METADATA_SUFFIXES = (".yml", ".yaml")
GROUPS = ("raw", "documents", "schools")


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (followed through every symlink) lies in ``folder``; a symlink loop
    resolves to itself here (os.path.realpath never raises, Path.resolve raises RuntimeError)."""
    real, base = os.path.realpath(path), os.path.realpath(folder)
    return os.path.commonpath([real, base]) == base


def input_files(folder: Path, suffixes: tuple[str, ...], recursive: bool = False) -> tuple[list[Path], list[str]]:
    """Files of ``folder`` with one of ``suffixes`` (any case), sorted; and one message per path
    skipped (a symlink leading outside the folder, a name the file system cannot open)."""
    found, skipped = [], []
    if not folder.is_dir():
        return found, skipped
    def unreadable(exc: OSError) -> None:  # a folder os.walk cannot list: a name past PATH_MAX, no permission
        skipped.append(f"{exc.filename}: cannot be opened ({exc.strerror or exc}); not read")

    walker = (os.walk(folder, followlinks=False, onerror=unreadable) if recursive
              else [(str(folder), [], os.listdir(folder))])
    for base, dirs, names in walker:
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(base) / name
            if name.startswith((".", "~$")) or path.suffix.lower() not in suffixes:
                continue
            try:
                if path.is_symlink():
                    if not os.path.exists(path):
                        skipped.append(f"{path}: a broken symlink or a symlink loop; not read")
                        continue
                    if not _inside(path, folder):
                        skipped.append(f"{path}: a symlink leading outside {folder}; not read")
                        continue
                mode = path.stat().st_mode
                if stat.S_ISDIR(mode):
                    continue
                if not stat.S_ISREG(mode):  # a FIFO would block the reader, a device never ends
                    skipped.append(f"{path}: not a regular file (a FIFO, socket or device); not read")
                    continue
            except OSError as exc:
                skipped.append(f"{path}: cannot be opened ({exc.strerror or exc})")
                continue
            found.append(path)
    return found, skipped


# What a reader may inflate from one zip container (.xlsx, .docx): its members' declared
# sizes are checked before anything is decompressed (Python's zipfile never returns more than
# a member declares). A curated workbook or a document is far smaller; past this it is a bomb.
ZIP_MAX_BYTES = 256 * 1024 * 1024
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_RATIO = 1000  # a member inflating more than 1000-fold is not a spreadsheet or a document


def zip_problem(path: Path, max_bytes: int = ZIP_MAX_BYTES, max_members: int = ZIP_MAX_MEMBERS) -> str | None:
    """Why the zip container ``path`` must not be opened (None when it may): not a zip, too
    many members, too much declared uncompressed data, or a member compressed past any
    plausible ratio."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        return f"not a readable {path.suffix.lower() or 'zip'} file (not a zip container: {' '.join(str(exc).split())[:120]})"
    if len(members) > max_members:
        return f"{len(members):,} members in the zip container (limit {max_members:,}): a zip bomb or not a table; not read"
    total = sum(m.file_size for m in members)
    if total > max_bytes:
        return (f"would inflate to {total / 2**20:,.0f} MiB (limit {max_bytes / 2**20:,.0f} MiB): "
                "a decompression bomb or not a table; not read")
    for m in members:
        if m.file_size > (1 << 20) and m.file_size > ZIP_MAX_RATIO * max(m.compress_size, 1):
            return (f"member {m.filename!r} inflates {m.file_size / max(m.compress_size, 1):,.0f}-fold "
                    f"(limit {ZIP_MAX_RATIO:,}): a decompression bomb; not read")
    return None


DOCUMENT_INPUTS = DOCUMENT_SUFFIXES + METADATA_SUFFIXES + (".csv",)


def group_listing(group: str, layout: paths.Layout = paths.DEFAULT, documents: Path | None = None
                  ) -> tuple[list[Path], list[str]]:
    """A group's files and one message per path skipped; ``documents`` replaces the document
    folder (``make DOCS=…``)."""
    if group == "raw":
        obs, skipped_obs = input_files(layout.raw_observations, TABLE_SUFFIXES)
        src, skipped_src = input_files(layout.raw_sources, TABLE_SUFFIXES)
        return [*obs, *src], [*skipped_obs, *skipped_src]
    if group == "documents":
        return input_files(documents or layout.documents, DOCUMENT_INPUTS, recursive=True)
    if group == "schools":
        return input_files(layout.schools, TABLE_SUFFIXES)
    raise ValueError(f"unknown input group {group!r}; the groups are {GROUPS}")


def group_files(group: str, layout: paths.Layout = paths.DEFAULT, documents: Path | None = None) -> list[Path]:
    return group_listing(group, layout, documents)[0]


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


def _name(file: Path, root: Path) -> str:
    try:
        return str(file.relative_to(root))
    except ValueError:  # a document folder outside the project (make DOCS=…)
        return str(file)


def fingerprint(group: str, layout: paths.Layout = paths.DEFAULT, cache: DigestCache | None = None,
                documents: Path | None = None) -> dict[str, str]:
    """{path relative to the root: sha256} of a group's files."""
    return _fingerprint(group, layout, cache, documents)[0]


def _fingerprint(group: str, layout: paths.Layout, cache: DigestCache | None, documents: Path | None
                 ) -> tuple[dict[str, str], list[str]]:
    cache = cache or DigestCache(layout.input_stamps / ".cache.json")
    files, skipped = group_listing(group, layout, documents)
    digests = {}
    for f in files:
        try:
            digests[_name(f, layout.root)] = cache.digest(f)
        except OSError as exc:  # vanished, unreadable, a name too long for the file system
            skipped.append(f"{f}: cannot be read ({exc.strerror or exc})")
    if group == "documents" and documents is not None:
        # another folder is another input, even with the same files
        digests["folder:"] = str(Path(documents).resolve())
    return digests, skipped


def write_stamps(layout: paths.Layout = paths.DEFAULT, documents: Path | None = None
                 ) -> tuple[list[str], list[str]]:
    """Rewrite build/inputs/<group>.sha256 where the content changed; the groups that changed,
    and one message per input skipped in those groups (a symlink leading out, a FIFO, …)."""
    cache = DigestCache(layout.input_stamps / ".cache.json")
    changed, skipped = [], []
    for group in GROUPS:
        digests, group_skipped = _fingerprint(group, layout, cache, documents)
        # JSON, so that a name with a newline or a quote stays one entry; a path skipped is
        # listed too, so that its message is printed when it appears
        listed = {**digests, **{f"skipped: {m}": "" for m in group_skipped}}
        text = json.dumps(listed, ensure_ascii=False, sort_keys=True, indent=0) + "\n"
        target = layout.input_stamps / f"{group}.sha256"
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            write_text(target, text)
            changed.append(group)
            skipped += group_skipped
    cache.save()
    return changed, skipped


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--print", dest="show", action="store_true", help="print every input with its digest")
    parser.add_argument("--documents", type=Path, default=None, metavar="DIR",
                        help="the document folder the extract stage reads (make DOCS=DIR)")


def run(args: argparse.Namespace) -> int:
    from .cli import fill_defaults

    fill_defaults(args)
    documents = args.documents
    if documents is not None and not documents.is_dir():
        what = "not a folder" if documents.exists() else "no such folder"
        print(f"edueval inputs: DOCS={documents}: {what} (give the folder of the documents to extract)",
              file=sys.stderr)
        return 2
    changed, skipped = write_stamps(args.layout, documents)
    for message in skipped:  # said once, when the group changes
        print(" ".join(message.split()), file=sys.stderr)
    if args.show:
        for group in GROUPS:
            for name, digest in fingerprint(group, args.layout, documents=documents).items():
                print(f"{digest[:16]}  {group:9}  {name}")
    elif changed and args.verbose:
        print(f"inputs changed: {', '.join(changed)}", file=sys.stderr)
    return 0
