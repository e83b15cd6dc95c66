"""The extract stage: every document under data/raw/documents → published proposed rows.

Publishes (edueval/store.py) the rows with their provenance, the documents read, their
source-registry rows, the figures set aside with the reason, and the pseudo-regions
minted for anonymised places. Cleaning reads them through :func:`proposed_from_stage`.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pandas as pd

from .. import paths, store
from ..clean.stage import Proposed
from ..schema import SOURCE_COLUMNS
from .held import SET_ASIDE_COLUMNS, set_aside_frame

POOL_WORKERS = 2  # processes reading a large corpus (the build is sized for a two-core machine)
POOL_MIN_DOCUMENTS = 100
ROWS_PER_SLICE = 10_000  # rows made dicts at a time to check them against the reviewed ones


def _relative(path: str, root: Path) -> str:
    try:  # os.path.realpath, not Path.resolve: a symlink loop (named in a message) must not raise
        return str(Path(os.path.realpath(path)).relative_to(os.path.realpath(root)))
    except ValueError:
        return str(path)


def tables(result, root: Path) -> dict[str, pd.DataFrame]:
    """The stage's tables from an ExtractionResult, with document paths relative to ``root``."""
    from .review import NOT_AGAIN, curated_keys, extraction_key
    from .sources import document_sources, undated

    rows = result.table()
    rows["document"] = [_relative(d, root) for d in rows["document"]]
    rows["input_file"] = rows["document"]
    # a figure a researcher already reviewed into data/raw/observations is not proposed again
    reviewed = curated_keys(paths.Layout(root).raw_observations)
    # keyed a slice at a time: a dict a row for all the rows at once is some 80 MB for a 50 MB corpus
    again = pd.Series([extraction_key(r) in reviewed for start in range(0, len(rows), ROWS_PER_SLICE)
                       for r in rows.iloc[start:start + ROWS_PER_SLICE].to_dict("records")], index=rows.index, dtype=bool)
    repeated = rows[again].assign(reason=NOT_AGAIN)
    rows = rows[~again].reset_index(drop=True)
    skipped = result.skipped.assign(document=[_relative(d, root) for d in result.skipped["document"]])
    messages = result.errors + [f"{d}: no date or year anywhere in the document, so none of its figures can be "
                                "dated; give its date in a .meta.yml beside it (docs/data_contract.md)"
                                for d in undated(result)]
    failed = pd.DataFrame({"document": [m.split(": ", 1)[0] for m in messages], "offset": 0, "quote": None,
                           "reason": [m.split(": ", 1)[-1] for m in messages]})
    failed["document"] = [_relative(d, root) for d in failed["document"]]
    parts = [f for f in (skipped, failed, repeated.reindex(columns=SET_ASIDE_COLUMNS)) if len(f)]
    set_aside = set_aside_frame(pd.concat(parts, ignore_index=True) if parts else pd.DataFrame())
    documents = result.documents.copy()
    if len(documents):
        documents["document"] = [_relative(d, root) for d in documents["document"]]
    sources = document_sources(result) if len(result.documents) else pd.DataFrame(columns=SOURCE_COLUMNS)
    return {"extracted": rows, "extracted_documents": documents, "extracted_sources": sources,
            "set_aside": set_aside, "pseudo_regions": result.pseudo_regions}


def summary(parts: dict[str, pd.DataFrame]) -> str:
    """What a person reads at the end of the stage: documents read, rows proposed, rows set
    aside by reason, regions found (the rows of each, and the documents left unresolved)."""
    rows, aside, docs = parts["extracted"], parts["set_aside"], parts["extracted_documents"]
    held = aside["indicator"].notna() if "indicator" in aside else pd.Series(False, index=aside.index)
    # a reason's first clause, without the place-specific detail after ';' ':' ',' or '('
    reasons = Counter(re.split(r"[;:,]| \(", r)[0][:70] for r in aside["reason"])
    # the code beside the name: several places share a name (鼓楼区)
    regions = Counter(f"{n} ({c})" for n, c in zip(rows["region_name"], rows["region_code"])) if len(rows) else Counter()
    unresolved = int((~docs["region_resolved"].astype(bool)).sum()) if "region_resolved" in docs else 0
    lines = [f"{len(docs)} document(s) read, {len(rows)} row(s) proposed for {len(regions)} region(s), "
             f"{int(held.sum())} row(s) held back for review, {len(aside) - int(held.sum())} other figure(s) set aside"]
    if reasons:
        lines.append("  set aside: " + "; ".join(f"{n} {why}" for why, n in reasons.most_common(6))
                     + (f"; {len(reasons) - 6} other reason(s)" if len(reasons) > 6 else ""))
    if regions:
        shown = ", ".join(f"{name} {n}" for name, n in regions.most_common(12))
        lines.append(f"  regions: {shown}" + (f" and {len(regions) - 12} more" if len(regions) > 12 else ""))
    if unresolved:
        lines.append(f"  {unresolved} document(s) with no region resolved: name it in a .meta.yml beside the document "
                     "(docs/data_contract.md) or review the held-back rows (notebooks/review.py)")
    return "\n".join(lines)


def run_stage(documents_dir: Path, layout: paths.Layout = paths.DEFAULT, inputs: dict | None = None) -> dict:
    """Extract every document of ``documents_dir`` and publish the stage; its tables."""
    from ..inputs import input_files
    from .pipeline import extract_paths
    from .read import SUPPORTED

    count = len(input_files(documents_dir, tuple(sorted(SUPPORTED)), recursive=True)[0]) if documents_dir.is_dir() else 0
    # a worker process costs about two seconds to start (catalog, registry, OpenCC tables): worth it
    # for a corpus, not for a few documents; the result is the same either way (tests/extract/test_dedupe.py)
    workers = POOL_WORKERS if count >= POOL_MIN_DOCUMENTS else 1
    result = (extract_paths([documents_dir], workers=workers)
              if documents_dir.is_dir() and any(documents_dir.iterdir()) else None)
    parts = tables(result, layout.root) if result is not None else empty_tables()
    with store.publish("extract", inputs=inputs, layout=layout) as out:
        for name, frame in parts.items():
            out.write(name, frame)
    return parts


def empty_tables() -> dict[str, pd.DataFrame]:
    from ..schema import COLUMNS

    return {
        "extracted": pd.DataFrame(columns=[*COLUMNS, "document", "offset", "sentence", "confidence", "reason",
                                           "input_file"]),
        "extracted_documents": pd.DataFrame(columns=["source_id", "document", "title", "date", "region_code"]),
        "extracted_sources": pd.DataFrame(columns=SOURCE_COLUMNS),
        "set_aside": set_aside_frame(pd.DataFrame()),
        "pseudo_regions": pd.DataFrame(columns=["code", "name_zh", "name_en", "level", "parent", "aliases", "pseudo",
                                                "note"]),
    }


def proposed_from_stage(layout: paths.Layout = paths.DEFAULT) -> Proposed | None:
    """The extract stage's rows for cleaning (None when the stage has not run or found nothing)."""
    if not store.manifest("extract", layout):
        return None
    rows = store.read("extracted", layout)
    if rows.empty:
        return None
    return Proposed(rows, store.read("extracted_sources", layout), "extracted documents")


def proposed_from_file(path: Path) -> Proposed:
    """Rows written by ``edueval extract PATH… -o FILE`` (.csv or .parquet) and the registry rows
    of their documents written beside them (``FILE_sources``)."""
    path = Path(path)
    sources_path = path.with_name(path.stem + "_sources" + path.suffix)

    def read(p: Path) -> pd.DataFrame:
        if p.suffix.lower() == ".parquet":
            return pd.read_parquet(p)
        frame = pd.read_csv(p, encoding="utf-8-sig", dtype=str, keep_default_na=False).replace({"": None})
        # cells neutralised for spreadsheets (a leading apostrophe) are read back as written
        return frame.apply(lambda s: s.map(lambda v: v[1:] if isinstance(v, str) and v.startswith("'")
                                            and v[1:2] in store.FORMULA_START else v))

    rows = read(path)
    for col in ("year", "base_year"):
        rows[col] = pd.to_numeric(rows[col], errors="coerce").astype("Int64")
    rows["value"] = pd.to_numeric(rows["value"], errors="coerce").astype("float64")
    sources = read(sources_path) if sources_path.exists() else pd.DataFrame(columns=SOURCE_COLUMNS)
    return Proposed(rows, sources, f"extracted rows in {path.name}")
