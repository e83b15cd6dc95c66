"""Read one school file (CSV or XLSX) into a frame of strings, headers as in the file.

A file that cannot be read as a table raises :class:`Unreadable` with a one-line reason
(the caller records it against the file and goes on with the others).
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

from .. import paths


class Unreadable(Exception):
    """A school file that cannot be read as a table (the message says why)."""


def decode(data: bytes) -> str:
    """UTF-8 (BOM allowed) or, failing that, GB18030/GBK; UTF-16 is refused with a hint."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Unreadable("UTF-16 text (Excel's 'Unicode text'): save it as 'CSV UTF-8' instead")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first = exc.start
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise Unreadable(f"neither UTF-8 (byte {first}) nor GB18030/GBK text: save it as 'CSV UTF-8'") from None


def read_raw(path: Path) -> pd.DataFrame:
    """The first sheet of a workbook or the whole CSV, every cell as text."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from ..inputs import zip_problem

        problem = zip_problem(path)
        if problem:
            raise Unreadable(problem)
        try:
            raw = pd.read_excel(path, dtype=object, sheet_name=0)
        except Exception as exc:  # openpyxl and zipfile raise many types for a broken workbook
            raise Unreadable(f"not a readable .xlsx workbook ({type(exc).__name__}: "
                             f"{' '.join(str(exc).split())[:200]})") from None
        return raw.map(cell_text)
    if suffix == ".csv":
        data = path.read_bytes()
        if not data.strip():
            raise Unreadable("empty file (a school table needs the header row of docs/balance.md)")
        text = decode(data)
        if "\x00" in text:
            raise Unreadable("NUL bytes: a binary or corrupt file, not a CSV table")
        try:
            return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except Exception as exc:  # pandas' parser errors (an unclosed quote, …)
            raise Unreadable(f"cannot be read as a CSV table ({' '.join(str(exc).split())[:200]})") from None
    raise ValueError(f"{path}: unsupported file type {suffix!r} (use .csv or .xlsx)")


def cell_text(v) -> str:
    """A workbook cell as the text a CSV would hold (12.0 -> "12", empty -> "")."""
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def display_name(path: Path) -> str:
    """The path relative to the project root where it lies inside it (as messages show it)."""
    try:
        return str(Path(path).resolve().relative_to(paths.ROOT))
    except ValueError:
        return str(path)
