"""Source-registry rows (data/raw/sources format) for extracted documents."""
from __future__ import annotations

import re

import pandas as pd

from ..schema import SOURCE_COLUMNS
PUBLISHER_RE = re.compile(r"(?:来源|发布机构|发文机关|发布单位)\s*[:：]?\s*([^\s|｜]{2,30})")
# (pattern, kind): the first that matches the title or header wins; record is the cautious default.
KIND_RULES = [
    (re.compile(r"统计公报|发展公报|公报"), "bulletin"),
    (re.compile(r"规划|行动计划|实施方案"), "plan"),
    (re.compile(r"督导评估办法|评估标准|标准"), "standard"),
    (re.compile(r"讲话|致辞|发言|提纲"), "speech"),
    (re.compile(r"年鉴"), "yearbook"),
    (re.compile(r"日报|晚报|新闻网|记者|来源[:：]"), "news"),
]


def _kind(title: str, head: str) -> str:
    for pattern, kind in KIND_RULES:
        if pattern.search(title):
            return kind
    # the body mentions plans and standards in passing; only a news header is telling
    if re.search(r"日报|晚报|新闻网|来源[:：]", head):
        return "news"
    return "record"


def document_sources(result) -> pd.DataFrame:
    """One registry row per document of ``result`` (an ExtractionResult)."""
    from pathlib import Path

    rows = []
    for doc in result.documents.to_dict("records"):
        path = Path(doc["document"])
        head = ""
        try:
            from .read import read_document

            head = read_document(path).text[:1500]
        except Exception:  # the document was readable moments ago; a vanished file keeps defaults
            pass
        publisher = PUBLISHER_RE.search(head)
        notes = [f"local document {path.name}, no URL given", f"extracted; region {doc['region_code']}: {doc['region_reason']}"]
        date = doc["date"]
        if not date:
            years = re.findall(r"(?:19|20)\d{2}(?=年)", head + doc["title"])
            date = max(years) if years else ""
            notes.append("date not stated: " + ("latest year in the header" if date else "unknown, fill in by hand"))
        rows.append({
            "source_id": doc["source_id"], "title": doc["title"] or path.stem,
            "publisher": publisher.group(1) if publisher else "未注明 (not stated)",
            "date": date, "kind": _kind(doc["title"], head), "url": None, "read_at": None, "accessed": None, "licence": None, "file": path.name,
            "note": "; ".join(notes),
        })
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
