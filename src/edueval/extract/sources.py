"""Source-registry rows (data/raw/sources format) for extracted documents."""
from __future__ import annotations

import re
from pathlib import Path

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


def _date(doc: dict, head: str) -> tuple[str, str]:
    """The registry date (YYYY-MM-DD or YYYY) and, when it is not the document's own, why."""
    if doc["date"]:
        return doc["date"], ""
    reference = doc.get("reference_year")
    if reference is not None and not pd.isna(reference):
        return str(int(reference)), f"date not stated: the year of {doc.get('reference_reason') or 'the document'}"
    years = re.findall(r"(?:19|20)\d{2}(?=年)", head + doc["title"])
    if years:
        return max(years), "date not stated: latest year in the header"
    latest = doc.get("latest_year")
    if latest is not None and not pd.isna(latest):
        return str(int(latest)), "date not stated: the latest year the text mentions"
    return "", ""


def undated(result) -> list[str]:
    """Documents of ``result`` that state no date or year (no registry row can be made)."""
    return [d["document"] for d in result.documents.to_dict("records")
            if not _date(d, _head(Path(d["document"])))[0]]


def _head(path: Path) -> str:
    from .read import read_document

    try:
        return read_document(path).text[:1500]
    except Exception:  # the document was readable moments ago; a vanished file keeps defaults
        return ""


def document_sources(result) -> pd.DataFrame:
    """One registry row per dated document of ``result`` (an ExtractionResult); the
    metadata's url, title, publisher and date (edueval/extract/metadata.py) win."""
    rows = []
    for doc in result.documents.to_dict("records"):
        path = Path(doc["document"])
        head = _head(path)
        date, date_note = _date(doc, head)
        if not date:
            continue  # listed by undated(): set aside with the reason
        publisher = doc.get("publisher") or (m.group(1) if (m := PUBLISHER_RE.search(head)) else "")
        url = doc.get("url") or None
        origin = doc.get("meta_origin") or ""
        notes = [f"local document {path.name}" + ("" if url else ", no URL given"),
                 f"extracted; region {doc['region_code']}: {doc['region_reason']}"]
        if origin:
            notes.append(f"metadata from {Path(origin.split(' line ')[0]).name}")
        if date_note:
            notes.append(date_note)
        title = doc.get("meta_title") or doc["title"] or path.stem
        rows.append({
            "source_id": doc["source_id"], "title": title, "publisher": publisher or "未注明 (not stated)",
            "date": date, "kind": _kind(title, head), "url": url, "read_at": None, "accessed": None,
            "licence": None, "file": path.name, "note": "; ".join(notes),
        })
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
