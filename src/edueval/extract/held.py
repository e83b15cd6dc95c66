"""Rows held back for review, and the marks a proposed row carries (edueval/extract/pipeline.py).

The set-aside table holds the numbers the extractor saw but could not turn into rows
(document, offset, quote, reason) and the rows it proposed but held back, such as those
of a region it could not tell without guessing, with their fields beside them so the
review notebook (notebooks/review.py) can show and accept them.
"""
from __future__ import annotations

import pandas as pd

from .metadata import DocumentMeta
from .statements import Candidate

# The set-aside table: numbers not turned into rows (document, offset, quote, reason) and
# rows proposed but held back for review (their fields beside them).
SET_ASIDE_COLUMNS = ["document", "offset", "quote", "reason", "source_id", "region_code", "region_name",
                     "indicator", "school_level", "year", "value", "unit", "kind", "qualifier", "base_year",
                     "applies_to", "status", "sentence", "confidence"]
# How statements.SentenceRules.resolve_year says a year was taken from the document, not
# the sentence (besides Candidate.year_fallback for the date and the latest year).
INFERRED_YEAR_HOWS = ("the plan's target year", "the plan's base year")
INFERRED_NOTE = "year inferred"


def set_aside_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` in the set-aside table's columns and dtypes (numbers seen and rows held back)."""
    frame = frame.reindex(columns=SET_ASIDE_COLUMNS)
    return frame.astype({"offset": "Int64", "year": "Int64", "base_year": "Int64", "value": "float64",
                         "confidence": "float64"})


def year_inferred(c: Candidate) -> bool:
    """Whether the row's year came from the document (date, title, plan), not its text."""
    return c.year_fallback or any(r.startswith(f"year {c.year}: {how}") for r in c.reasons
                                  for how in INFERRED_YEAR_HOWS)


def held_back(doc, c: Candidate, offset: int, quote: str, sentence: str, region_name: str,
              reason: str) -> dict:
    """A set-aside row for candidate ``c`` of ``doc`` (a pipeline.Document), with its fields."""
    return {"document": str(doc.path), "offset": offset, "quote": quote, "reason": reason,
            "source_id": doc.source_id, "region_code": c.region_code, "region_name": region_name,
            "indicator": c.indicator, "school_level": c.school_level, "year": c.year, "value": c.value,
            "unit": c.unit, "kind": c.kind, "qualifier": c.qualifier, "base_year": c.base_year,
            "applies_to": c.applies_to, "status": c.status, "sentence": sentence, "confidence": c.confidence}


def meta_columns(meta: DocumentMeta | None) -> dict:
    """The metadata's fields for the documents table (sources.py makes registry rows of them)."""
    meta = meta or DocumentMeta()
    return {"url": meta.url or "", "publisher": meta.publisher or "", "meta_title": meta.title or "",
            "meta_origin": meta.origin}
