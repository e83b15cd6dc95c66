"""The document extractor: Chinese education documents → proposed observation rows.

``extract_paths(paths, region=None)`` reads .txt/.md/.html/.docx/.pdf files (or
folders of them) and returns an :class:`ExtractionResult`; ``document_sources``
turns its documents into source-registry rows; ``score`` compares rows with a
hand-written gold file. See docs/extraction.md.
"""
from __future__ import annotations

from .pipeline import ExtractionResult, extract_paths
from .scoring import score
from .sources import document_sources

__all__ = ["ExtractionResult", "extract_paths", "document_sources", "score"]
