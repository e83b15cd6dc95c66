"""Read a document file into text: .txt/.md (any Chinese encoding), .html, .docx, .pdf.

Every failure raises :class:`DocumentError` with a message that names the file
and says what is wrong, so that a batch can report it and carry on.
"""
from __future__ import annotations

import io
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown", ".csv"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | {".docx", ".pdf"}
MAX_BYTES = 20 * 1024 * 1024  # local education documents are far smaller; beyond this is not a document
# What a .docx may inflate to (its members' declared sizes, checked before anything is
# decompressed: edueval/inputs.py zip_problem). Its XML is parsed whole, at several times its size.
DOCX_MAX_INFLATED = 64 * 1024 * 1024
SECONDS_PER_DOCUMENT = 20  # reading and extracting one document; past this it is a trap, not a document
# Encodings Chinese documents come in; charset-normalizer chooses among them.
CANDIDATE_ENCODINGS = ["utf_8", "gb18030", "big5", "utf_16", "hz"]


class DocumentError(Exception):
    """A file that cannot be read as a document (the message names the file)."""


@contextmanager
def time_limit(path: Path, seconds: float = SECONDS_PER_DOCUMENT):
    """Raise DocumentError when the block runs longer than ``seconds`` (a parser caught in a
    crafted file). Uses SIGALRM, so only in the main thread of a process; elsewhere no limit."""
    import signal
    import threading

    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):  # noqa: ARG001 - the signal handler's signature
        raise _fail(path, f"took longer than {seconds:g} s to read and extract; not read")

    import time

    previous = signal.signal(signal.SIGALRM, expired)
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    start = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:  # someone else's alarm was pending (a test runner's timeout): set it again
            signal.setitimer(signal.ITIMER_REAL, max(outer - (time.monotonic() - start), 0.001))


@dataclass(frozen=True)
class RawDocument:
    path: Path
    text: str
    format: str
    encoding: str | None
    size: int
    digest: bytes  # the file's bytes' sha1, for ids


def _fail(path: Path, why: str) -> DocumentError:
    return DocumentError(f"{path}: {why}")


def decode_bytes(data: bytes, path: Path = Path("<bytes>")) -> tuple[str, str]:
    """Text and encoding name of ``data``; raises DocumentError when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if b"\x00" in data[:8192]:
        raise _fail(path, "binary content (NUL bytes), not a text document")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS).best()
    if best is None or best.chaos > 0.35:
        raise _fail(path, "unknown text encoding (not UTF-8, GB18030/GBK, Big5 or UTF-16)")
    return str(best), best.encoding


def _html_to_text(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    # block elements end lines so that paragraphs stay paragraphs
    return soup.get_text("\n")


def _docx_to_text(data: bytes, path: Path) -> str:
    import docx

    from ..inputs import zip_problem

    if problem := zip_problem(path, max_bytes=DOCX_MAX_INFLATED):
        raise _fail(path, problem)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for bad zips
        raise _fail(path, f"not a readable .docx ({type(exc).__name__}: {exc})") from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            # a flattened table row: cells separated by tabs, one row a line
            lines.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


def _pdf_to_text(data: bytes, path: Path) -> str:
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _fail(path, "encrypted PDF")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:
        raise _fail(path, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise _fail(path, "PDF has no text layer (scanned? OCR it first)")
    return text


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    import hashlib

    path = Path(path)
    if not path.is_file():
        raise _fail(path, "not a file")
    size = path.stat().st_size
    if size == 0:
        raise _fail(path, "empty file")
    if size > max_bytes:
        raise _fail(path, f"too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)")
    data = path.read_bytes()
    digest = hashlib.sha1(data).digest()
    suffix = path.suffix.lower()
    encoding = None
    if suffix == ".docx":
        text, fmt = _docx_to_text(data, path), "docx"
    elif suffix == ".pdf" or data.startswith(b"%PDF-"):
        text, fmt = _pdf_to_text(data, path), "pdf"
    elif data.startswith(b"PK\x03\x04"):
        raise _fail(path, "a zip archive (rename .docx files to .docx)")
    else:
        text, encoding = decode_bytes(data, path)
        is_html = suffix in HTML_SUFFIXES or text.lstrip()[:200].lower().startswith(("<!doctype html", "<html"))
        if is_html:
            text, fmt = _html_to_text(text), "html"
        else:
            fmt = "markdown" if suffix in {".md", ".markdown"} else "text"
    if "\x00" in text:
        raise _fail(path, "binary content (NUL characters), not a text document")
    if not text.strip():
        raise _fail(path, "no text (only whitespace or markup)")
    return RawDocument(path=path, text=text, format=fmt, encoding=encoding, size=size, digest=digest)
