"""Reviewing the extractor's proposals: the queue a researcher reads, and what they accept.

The queue (:func:`review_queue`) holds the rows the extract stage held back (a region it
could not resolve without guessing), the rows it proposed with a low confidence or an
inferred year, and, on request, the numbers it saw but could not read; each beside its
sentence. What the researcher accepts or corrects is written by :func:`accept` to a
curated table in data/raw/observations/ (``reviewed.csv``, the curated-table format of
docs/data_contract.md) with the same provenance (source id, quote, ``file:offset``), and
the documents' registry rows to data/raw/sources/reviewed.csv. From then on the extract
stage does not propose that figure again (:func:`curated_keys`, used by
edueval/extract/stage.py) and cleaning keeps the curated row. notebooks/review.py is the
researcher's view of these functions.
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

import pandas as pd

from .. import paths, store
from ..raw import HEADERS, RawDataError, read_observation_table, read_sources_table
from ..regions import load_regions
from ..schema import COLUMNS, SOURCE_COLUMNS

REVIEWED_FILE = "reviewed.csv"
LOW_CONFIDENCE = 0.6
NOT_AGAIN = "already curated from the same source, place and quote (data/raw/observations); not proposed again"
FIELDS = ["region_code", "region_name", "indicator", "school_level", "year", "value", "unit", "kind", "qualifier",
          "base_year", "applies_to", "status"]
QUEUE_COLUMNS = ["why", "source_id", "document", "locator", "sentence", "quote", *FIELDS, "confidence"]
TO_HEADER = {v: k for k, v in HEADERS.items()}


class ReviewError(ValueError):
    """A decision that cannot become a curated row (the message names the row and why)."""


def _locator(document: str, offset) -> str:
    return f"{Path(str(document)).name}:{int(offset)}" if pd.notna(offset) else ""


def extraction_key(row: Mapping) -> tuple[str, str, str]:
    """(source id, file:offset, quote) of an extracted, set-aside or curated row."""
    locator = row.get("locator") or _locator(row.get("document", ""), row.get("offset"))
    return str(row.get("source_id") or ""), str(locator or ""), str(row.get("quote") or "")


def curated_keys(folder: Path) -> set[tuple[str, str, str]]:
    """The (source, place, quote) of every row of the curated tables in ``folder``.

    A table that cannot be read gives no keys here; cleaning reports it with its problems."""
    keys: set[tuple[str, str, str]] = set()
    for path in sorted(Path(folder).glob("*")):
        if path.suffix.lower() not in (".csv", ".xlsx") or path.name.startswith("."):
            continue
        try:
            frame = (pd.read_excel(path, dtype=str) if path.suffix.lower() == ".xlsx" else
                     pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
        except Exception:  # noqa: BLE001 - any unreadable table is cleaning's to report, by name
            continue
        if not {"来源", "位置", "原文"} <= set(frame.columns):
            continue
        keys |= {(str(s), str(p), str(q)) for s, p, q in zip(frame["来源"], frame["位置"], frame["原文"])}
    return keys


def _read(name: str, layout: paths.Layout) -> pd.DataFrame:
    try:
        return store.read(name, layout)
    except (store.MissingStageError, KeyError, FileNotFoundError):
        return pd.DataFrame()


def review_queue(layout: paths.Layout = paths.DEFAULT, *, low_confidence: float = LOW_CONFIDENCE,
                 include_unread: bool = False) -> pd.DataFrame:
    """The rows a researcher should look at, with why, beside their sentences (QUEUE_COLUMNS).

    Figures already curated (same source, place and quote) are left out."""
    from .held import INFERRED_NOTE

    aside, rows = _read("set_aside", layout), _read("extracted", layout)
    parts = []
    if len(aside):
        aside = aside.assign(locator=[_locator(d, o) for d, o in zip(aside["document"], aside["offset"])])
        proposed = aside["indicator"].notna() if "indicator" in aside else pd.Series(False, index=aside.index)
        keep = proposed | (include_unread & aside["quote"].notna())
        parts.append(aside[keep & (aside["reason"] != NOT_AGAIN)].assign(why=lambda f: f["reason"]))
    if len(rows):
        inferred = rows["note"].fillna("").str.startswith(INFERRED_NOTE)
        low = rows["confidence"] < low_confidence
        why = [("low confidence %.2f" % c if lo else "") + ("; " if lo and inf else "") + ("year inferred" if inf else "")
               for c, lo, inf in zip(rows["confidence"], low, inferred)]
        parts.append(rows.assign(why=why)[low | inferred])
    queue = pd.concat([p.reindex(columns=QUEUE_COLUMNS) for p in parts if len(p)], ignore_index=True) if parts \
        else pd.DataFrame(columns=QUEUE_COLUMNS)
    queue = queue.reindex(columns=QUEUE_COLUMNS)
    done = curated_keys(layout.raw_observations)
    fresh = [extraction_key(r) not in done for r in queue.to_dict("records")]
    return queue[pd.Series(fresh, index=queue.index, dtype=bool)].reset_index(drop=True)


def _curated_row(item: Mapping, corrections: Mapping, where: str) -> dict:
    unknown = sorted(set(corrections) - set(FIELDS))
    if unknown:
        raise ReviewError(f"{where}: cannot correct {', '.join(unknown)}; the fields are {', '.join(FIELDS)}")
    row = {**{f: item.get(f) for f in FIELDS}, **corrections}
    registry = load_regions()
    if "region_code" in corrections:
        if row["region_code"] not in registry:
            raise ReviewError(f"{where}: region {row['region_code']!r} is not a registered code")
        row["region_name"] = registry[row["region_code"]].name_zh
    changed = [f"{f} {item.get(f)!r} → {v!r}" for f, v in corrections.items() if f != "region_name" and v != item.get(f)]
    row.update({
        "method": "curated", "source_id": item["source_id"], "locator": item["locator"], "quote": item["quote"],
        "derivation": "",
        "note": "reviewed from the extractor's proposal (" + (item.get("why") or "") + ")"
                + ("; corrected " + ", ".join(changed) if changed else "; accepted as proposed"),
    })
    return row


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) >= 1 or value == 0 else repr(value)
    return str(value)


def accept(queue: pd.DataFrame, decisions: Mapping[int, Mapping], layout: paths.Layout = paths.DEFAULT) -> Path:
    """Write the accepted rows of ``queue`` (index → corrections; ``{}`` accepts as proposed)
    to data/raw/observations/reviewed.csv, replacing an earlier decision on the same figure,
    and register their documents in data/raw/sources/reviewed.csv. Nothing is written unless
    every row reads back through the curated-table reader (edueval/raw.py)."""
    new = []
    for index, corrections in decisions.items():
        if index not in queue.index:
            raise ReviewError(f"review decision for row {index}: no such row in the queue")
        new.append(_curated_row(queue.loc[index].to_dict(), dict(corrections), f"review row {index}"))
    target = layout.raw_observations / REVIEWED_FILE
    earlier = []
    if target.exists():
        earlier = read_observation_table(target).frame[COLUMNS].to_dict("records")
    replaced = {extraction_key(r) for r in new}
    rows = [r for r in earlier if extraction_key(r) not in replaced] + new
    table = pd.DataFrame([{TO_HEADER[c]: _cell(r.get(c)) for c in COLUMNS} for r in rows], columns=list(HEADERS))
    _register_sources({r["source_id"] for r in new}, layout)
    from ..atomic import atomic_path

    with atomic_path(target) as tmp:
        table.to_csv(tmp, index=False, encoding="utf-8-sig")
        try:
            read_observation_table(tmp)
        except RawDataError as err:
            raise ReviewError("the reviewed rows do not read back as a curated table: "
                              + "; ".join(p.replace(str(tmp), str(target)) for p in err.problems)) from None
    return target


def _register_sources(ids: set[str], layout: paths.Layout) -> None:
    """The extract stage's registry rows of ``ids`` into data/raw/sources/reviewed.csv, so the
    curated rows stay valid when their document leaves data/raw/documents."""
    target = layout.raw_sources / REVIEWED_FILE
    known = read_sources_table(target) if target.exists() else pd.DataFrame(columns=SOURCE_COLUMNS)
    elsewhere = set()
    for path in layout.raw_sources.glob("*.csv"):
        if path != target:
            elsewhere |= set(read_sources_table(path)["source_id"])
    extracted = _read("extracted_sources", layout)
    missing = ids - elsewhere - set(known["source_id"])
    if not missing:
        return
    if extracted.empty or missing - set(extracted["source_id"]):
        raise ReviewError(f"documents {sorted(missing - set(extracted.get('source_id', [])))} are not in the "
                          "extract stage's sources: run `edueval extract` first")
    rows = pd.concat([known, extracted[extracted["source_id"].isin(missing)]], ignore_index=True)[SOURCE_COLUMNS]
    store.write_csv(rows, target)
