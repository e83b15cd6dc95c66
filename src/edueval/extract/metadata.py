"""What a researcher states about a document beside it, which wins over inference.

Either ``<name>.meta.yml`` next to the document (``report.txt`` → ``report.meta.yml``
or ``report.txt.meta.yml``; ``.meta.yaml`` too), or one ``documents.csv`` in the document's folder with a
row per document (column ``doc`` or ``file``: the file name). Fields, all optional:
``region`` (a registry code or name; an ambiguous name is resolved with the places the
document names), ``date`` (YYYY, YYYY-MM or YYYY-MM-DD), ``url``, ``title``, ``publisher``.
docs/data_contract.md describes the files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd
import yaml

FIELDS = ("region", "date", "url", "title", "publisher")
FOLDER_TABLE = "documents.csv"
META_SUFFIXES = (".meta.yml", ".meta.yaml")
DATE_RE = re.compile(r"^(?:19|20)\d{2}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")
URL_RE = re.compile(r"^https?://\S+$")


class MetadataError(ValueError):
    """A metadata file that does not follow this module's format (the message names it)."""


@dataclass(frozen=True)
class DocumentMeta:
    region: str | None = None
    date: str | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    origin: str = ""  # the file the values came from, for reasons a reviewer reads
    region_by: str = ""  # who named the region, when not ``origin`` (the user's --region)

    def merged(self, other: "DocumentMeta | None") -> "DocumentMeta":
        """These values, with ``other``'s where this one has none."""
        if other is None:
            return self
        filled = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self) if f.name in FIELDS}
        origin = self.origin if any(getattr(self, f) for f in FIELDS) else other.origin
        region_by = (self.region_by or self.origin) if self.region else (other.region_by or other.origin)
        return replace(self, origin=origin or other.origin, region_by=region_by, **filled)

    def region_source(self) -> str:
        """Who named the region, as a reason reads it."""
        by = self.region_by or self.origin
        return by if by == "the user" else f"the metadata ({by})"


def _clean(values: dict, where: str) -> DocumentMeta:
    unknown = sorted(set(values) - set(FIELDS) - {"doc", "file"})
    if unknown:
        raise MetadataError(f"{where}: unknown field(s) {', '.join(map(str, unknown))}; "
                            f"use {', '.join(FIELDS)}")
    out = {}
    for name in FIELDS:
        value = values.get(name)
        if value is None or (isinstance(value, float) and pd.isna(value)):
            continue
        value = str(value).strip()
        if not value:
            continue
        if name == "date" and not DATE_RE.match(value):
            raise MetadataError(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if name == "url" and not URL_RE.match(value):
            raise MetadataError(f"{where}: url {value!r} is not an http(s) address")
        out[name] = value
    return DocumentMeta(**out, origin=where)


def is_metadata_file(path: Path) -> bool:
    """A file of this module's format, never a document to read."""
    return path.name == FOLDER_TABLE or path.name.endswith(META_SUFFIXES)


def _read_yaml(path: Path) -> DocumentMeta:
    try:
        values = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MetadataError(f"{path}: not a readable UTF-8 YAML file ({type(exc).__name__})") from None
    if values is None:
        return DocumentMeta(origin=str(path))
    if not isinstance(values, dict):
        raise MetadataError(f"{path}: expected 'field: value' lines ({', '.join(FIELDS)})")
    # YAML reads 2021-05-01 as a date and 2021 as a number: both mean the text written
    if "date" in values and values["date"] is not None:
        values["date"] = str(values["date"])
    return _clean(values, str(path))


@lru_cache(maxsize=64)
def _folder_table(path: Path, mtime_ns: int) -> dict[str, DocumentMeta]:
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise MetadataError(f"{path}: not a readable UTF-8 CSV table ({type(exc).__name__})") from None
    key = "doc" if "doc" in table.columns else "file" if "file" in table.columns else None
    if key is None:
        raise MetadataError(f"{path}: needs a column 'doc' (or 'file') naming each document")
    out = {}
    for i, row in enumerate(table.to_dict("records")):
        name = str(row[key]).strip()
        if name:
            out[name] = _clean({k: v for k, v in row.items() if k in FIELDS}, f"{path} line {i + 2}")
    return out


def for_document(path: Path) -> DocumentMeta | None:
    """The metadata stated beside ``path`` (the .meta.yml wins over documents.csv), or None."""
    path = Path(path)
    found: DocumentMeta | None = None
    beside = [path.with_name(base + suffix) for base in (path.stem, path.name) for suffix in META_SUFFIXES]
    for candidate in beside:
        if candidate.is_file():
            found = _read_yaml(candidate)
            break
    table = path.with_name(FOLDER_TABLE)
    if table.is_file():
        row = _folder_table(table, table.stat().st_mtime_ns).get(path.name)
        found = found.merged(row) if found is not None else row
    return found
